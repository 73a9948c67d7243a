//! `relate serve`: the store over HTTP, for SPARQL clients, other RDF tools and a browser.
//!
//! - `/sparql`: the [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/): queries by
//!   GET `?query=`, POST `application/sparql-query` or a form's `query=`; results in the format
//!   the `Accept` header asks for (`negotiate`), written by Oxigraph's serialisers; updates
//!   (POST `application/sparql-update` or a form's `update=`) only with `--writable`, and then
//!   through [`crate::update`], so the default graph stays the union of the document graphs.
//!   GET without a query gives the service description (`describe`).
//! - `/store`: the [Graph Store Protocol](https://www.w3.org/TR/sparql11-http-rdf-update/),
//!   reading only: `?graph=IRI` (a document's graph), `?default` (the union), or neither (every
//!   document graph, as a dataset).
//! - `/`: a query page (`page`) with everything it needs served from the binary.
//!
//! The HTTP itself (parsing, connections, a thread per connection) is `oxhttp`'s, the crate
//! Oxigraph's own server uses. A result is written into memory before it is sent, so a query that
//! fails or times out half-way gets an error status, not a cut body; `--max-rows` bounds that
//! memory. This module does not own query evaluation (Oxigraph's), the update rules
//! ([`crate::update`]) nor opening stores ([`crate::store`]).

mod describe;
mod negotiate;
mod page;
mod protocol;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::paths::cache::Fingerprint;
use crate::store::Store;

pub use protocol::Service;

/// Largest request body accepted (a query, an update or a form), in bytes.
pub const MAX_BODY: u64 = 64 << 20;

/// Serves the store at `location` until the process is stopped.
///
/// # Errors
/// The store cannot be opened (no store, or with `--writable` another process writes it), or the
/// address cannot be bound.
pub fn run(location: &Path, args: &ServeArgs, log: &mut dyn Write) -> Result<()> {
    let store = Stores::open(location, args.writable)?;
    let cannot = |e: std::io::Error| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("--bind {}: cannot listen there ({e}); give a free ADDR:PORT", args.bind),
        ))
    };
    // port 0: ask the system for a free port first, so that the address printed is the real one
    let addr = if args.bind.port() == 0 {
        std::net::TcpListener::bind(args.bind).and_then(|l| l.local_addr()).map_err(cannot)?
    } else {
        args.bind
    };
    let service = Arc::new(Service::new(store, args));
    let server = oxhttp::Server::new(move |request| service.handle(request))
        .bind(addr)
        .with_server_name(concat!("relate/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::invalid("the server name", e))?
        .with_global_timeout(std::time::Duration::from_secs(60))
        .with_max_concurrent_connections(128);
    let listening = server.spawn().map_err(cannot)?;
    let mode = if args.writable { "read-write: updates accepted" } else { "read-only" };
    writeln!(log, "serving {} at http://{addr}/ ({mode}); SPARQL endpoint /sparql, graphs /store", location.display())?;
    log.flush()?;
    listening.join()?;
    Ok(())
}

/// The store requests read. A read-only open sees the store as it was when opened, so when the
/// store directory changes (another process built documents into it) the next request reopens
/// it; a writable server holds the only writer and always sees its own writes.
pub struct Stores {
    location: PathBuf,
    writable: bool,
    current: Mutex<(Arc<Store>, Option<Fingerprint>)>,
}

impl Stores {
    /// Opens the store: read-only the way `relate query` does, or read-write for `--writable`.
    ///
    /// # Errors
    /// There is no store at `location`, or (writable) another process holds it.
    pub fn open(location: &Path, writable: bool) -> Result<Self> {
        let (store, fingerprint) = if writable {
            let store = Store::open(location).map_err(|e| match e {
                Error::StoreLocked { path } => Error::Refused(format!(
                    "{}: the store is in use by another relate process; close it, or serve the store read-only (without --writable)",
                    path.display()
                )),
                other => other,
            })?;
            (store, None)
        } else {
            let fp = Fingerprint::of(location);
            (Store::open_read_only(location)?, fp)
        };
        Ok(Stores { location: location.to_owned(), writable, current: Mutex::new((Arc::new(store), fingerprint)) })
    }

    /// Is this store open for writing?
    #[must_use]
    pub fn writable(&self) -> bool {
        self.writable
    }

    /// The store as it is now.
    ///
    /// # Errors
    /// The store changed and cannot be reopened.
    pub fn get(&self) -> Result<Arc<Store>> {
        if self.writable {
            return Ok(Arc::clone(&self.lock().0));
        }
        // the directory is listed outside the lock: requests on other connections do not wait
        // for this one's listing, only for a reopen
        let fp = Fingerprint::of(&self.location);
        let mut current = self.lock();
        if fp != current.1 {
            *current = (Arc::new(Store::open_read_only(&self.location)?), fp);
        }
        Ok(Arc::clone(&current.0))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Arc<Store>, Option<Fingerprint>)> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
