//! `relate push`: the store's document graphs ▶ a SPARQL 1.1 Graph Store Protocol endpoint.
//! [`sync`] decides what to send, [`client`] sends it (with [`digest`] authentication where the
//! server asks for it), [`record`] remembers what landed where.

pub mod client;
pub mod digest;
pub mod record;
pub mod sync;

pub use crate::error::EndpointError;
pub use client::{Credentials, Endpoint};
pub use sync::{push, Report};
