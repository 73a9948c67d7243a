//! relate's `src/loader/mention.rs` (the tokenizer) and `src/loader/ner.rs` (the tagger), laid
//! out as in relate so that `crate::loader::mention` resolves inside them.

#[path = "../../../../src/loader/mention.rs"]
pub mod mention;
#[path = "../../../../src/loader/ner.rs"]
pub mod ner;
