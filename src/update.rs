//! SPARQL updates that keep the store's two invariants: the default graph is the set union of
//! the document graphs, and every named graph is a document's, holding exactly one
//! `rel:Document` node.
//!
//! What an update means here: it writes to document graphs (`GRAPH <g> { … }`, `DROP GRAPH <g>`,
//! `CLEAR ALL`, …) and reads the union like any query. An operation that writes to the default
//! graph itself (`INSERT DATA { … }` without `GRAPH`, `DELETE WHERE { ?s ?p ?o }`, `CLEAR
//! DEFAULT`, `COPY <g> TO DEFAULT`, …) is refused before anything runs, and so is `CREATE GRAPH`
//! (a graph comes into being with its Document node). The whole request runs in one
//! transaction: after each operation the default graph gains the triples the operation added to
//! document graphs and loses the ones it removed that no other graph still states; at the end
//! every graph the request wrote is empty (and dropped) or holds exactly one Document node, or
//! the request is refused and the store is unchanged. It does not own query evaluation
//! (Oxigraph's) nor document builds (`store::replace_graph`).

use std::collections::HashSet;

use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Triple};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::Transaction;
use spargebra::algebra::GraphTarget;
use spargebra::term::{GraphName as UpdateGraph, GraphNamePattern};
use spargebra::GraphUpdateOperation;

use crate::error::{Error, Result};
use crate::vocab::{self, rel};

/// The query form (`SELECT`, `ASK`, `CONSTRUCT`, `DESCRIBE`) or update operation that a
/// statement starts with, after its `PREFIX`/`BASE` declarations and comments, uppercased.
#[must_use]
pub fn keyword(stmt: &str) -> String {
    let upper = stmt.to_uppercase();
    let mut s = upper.trim_start();
    loop {
        if s.starts_with('#') {
            s = s.find('\n').map_or("", |p| s[p + 1..].trim_start());
        } else if s.starts_with("PREFIX") || s.starts_with("BASE") {
            s = s.find('>').map_or("", |p| s[p + 1..].trim_start());
        } else {
            break;
        }
    }
    s.chars().take_while(char::is_ascii_alphabetic).collect()
}

/// Is the statement a query (as opposed to an update)? `relate query` and the shell both ask
/// this; a statement that is neither is an update, and its parser says what is wrong.
#[must_use]
pub fn is_query(stmt: &str) -> bool {
    matches!(keyword(stmt).as_str(), "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE")
}

/// The graphs one operation may write.
enum Touches {
    /// These document graphs.
    Graphs(Vec<NamedNode>),
    /// Any named graph (a `GRAPH ?g` template, `CLEAR NAMED`, `DROP ALL`, …).
    Every,
}

/// Runs a SPARQL update on `store` in one transaction, keeping the invariants; returns the
/// change in the number of statements of the document graphs.
///
/// # Errors
/// The update does not parse, writes to the default graph, would leave a graph without
/// exactly one Document node, or fails to evaluate; the store is then unchanged.
pub fn run(store: &oxigraph::store::Store, sparql: &str, prefixes: &[(String, String)]) -> Result<i64> {
    let mut parser = spargebra::SparqlParser::new();
    for (p, i) in vocab::PREFIXES.iter().map(|(p, i)| (p.to_string(), i.to_string())).chain(prefixes.iter().cloned()) {
        parser = parser.with_prefix(p, i).map_err(|e| Error::query(sparql, e))?;
    }
    let update = parser.parse_update(sparql).map_err(|e| Error::query(sparql, e))?;
    // first, so that a read-only store says so whatever the update
    let mut tx = store.start_transaction().map_err(storage)?;
    let mut plans = Vec::with_capacity(update.operations.len());
    for op in &update.operations {
        plans.push(touches(op)?);
    }
    let mut written: Option<HashSet<NamedNode>> = Some(HashSet::new());
    let mut change = 0i64;
    for (op, plan) in update.operations.into_iter().zip(plans) {
        let graphs = match plan {
            Touches::Graphs(g) => g,
            Touches::Every => {
                written = None;
                named_graphs(&tx)?
            }
        };
        if let Some(w) = written.as_mut() {
            w.extend(graphs.iter().cloned());
        }
        let (before, n_before) = statements(&tx, &graphs)?;
        let one = spargebra::Update { base_iri: update.base_iri.clone(), operations: vec![op] };
        SparqlEvaluator::new()
            .for_update(one)
            .on_transaction(&mut tx)
            .execute()
            .map_err(|e| Error::query(sparql, e))?;
        let (after, n_after) = statements(&tx, &graphs)?;
        change += i64::try_from(n_after).unwrap_or(i64::MAX) - i64::try_from(n_before).unwrap_or(i64::MAX);
        for t in after.difference(&before) {
            tx.insert(t.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        for t in before.difference(&after) {
            if !stated_in_a_graph(&tx, t)? {
                tx.remove(t.as_ref().in_graph(GraphNameRef::DefaultGraph));
            }
        }
    }
    let written: Vec<NamedNode> = match written {
        Some(w) => w.into_iter().collect(),
        None => named_graphs(&tx)?,
    };
    documents_stay_whole(&mut tx, &written)?;
    tx.commit().map_err(storage)?;
    Ok(change)
}

/// The graphs `op` writes, or why it is refused.
fn touches(op: &GraphUpdateOperation) -> Result<Touches> {
    let refuse = |what: &str| {
        Err(Error::Refused(format!(
            "{what} is refused: the default graph is the union of the document graphs and relate maintains it; \
             write to a document's graph instead (INSERT DATA {{ GRAPH <g> {{ … }} }}, DELETE WHERE {{ GRAPH ?g {{ … }} }}); \
             the store is unchanged"
        )))
    };
    let named = |g: &UpdateGraph| match g {
        UpdateGraph::NamedNode(n) => Some(n.clone()),
        UpdateGraph::DefaultGraph => None,
    };
    match op {
        GraphUpdateOperation::InsertData { data } => data
            .iter()
            .map(|q| named(&q.graph_name))
            .collect::<Option<Vec<_>>>()
            .map_or_else(|| refuse("INSERT DATA into the default graph"), |g| Ok(Touches::Graphs(dedup(g)))),
        GraphUpdateOperation::DeleteData { data } => data
            .iter()
            .map(|q| named(&q.graph_name))
            .collect::<Option<Vec<_>>>()
            .map_or_else(|| refuse("DELETE DATA from the default graph"), |g| Ok(Touches::Graphs(dedup(g)))),
        GraphUpdateOperation::DeleteInsert { delete, insert, .. } => {
            let patterns = delete.iter().map(|q| &q.graph_name).chain(insert.iter().map(|q| &q.graph_name));
            let mut graphs = Vec::new();
            for g in patterns {
                match g {
                    GraphNamePattern::NamedNode(n) => graphs.push(n.clone()),
                    GraphNamePattern::Variable(_) => return Ok(Touches::Every),
                    GraphNamePattern::DefaultGraph => {
                        return refuse("an INSERT or DELETE template outside GRAPH (it writes the default graph)")
                    }
                }
            }
            Ok(Touches::Graphs(dedup(graphs)))
        }
        GraphUpdateOperation::Load { destination, .. } => match named(destination) {
            Some(g) => Ok(Touches::Graphs(vec![g])),
            None => refuse("LOAD into the default graph"),
        },
        GraphUpdateOperation::Clear { graph, .. } | GraphUpdateOperation::Drop { graph, .. } => match graph {
            GraphTarget::NamedNode(g) => Ok(Touches::Graphs(vec![g.clone()])),
            GraphTarget::NamedGraphs | GraphTarget::AllGraphs => Ok(Touches::Every),
            GraphTarget::DefaultGraph => refuse("CLEAR, DROP or MOVE of the default graph"),
        },
        GraphUpdateOperation::Create { .. } => Err(Error::Refused(
            "CREATE GRAPH is refused: a document graph comes into being with its Document node \
             (INSERT DATA { GRAPH <g> { <doc> a rel:Document ; … } }); the store is unchanged"
                .into(),
        )),
    }
}

fn dedup(mut graphs: Vec<NamedNode>) -> Vec<NamedNode> {
    graphs.sort();
    graphs.dedup();
    graphs
}

fn storage(e: oxigraph::store::StorageError) -> Error {
    Error::query("", e)
}

fn named_graphs(tx: &Transaction<'_>) -> Result<Vec<NamedNode>> {
    let mut out = Vec::new();
    for g in tx.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g.map_err(storage)? {
            out.push(n);
        }
    }
    Ok(out)
}

/// The distinct triples the graphs state, and how many statements (quads) they hold.
fn statements(tx: &Transaction<'_>, graphs: &[NamedNode]) -> Result<(HashSet<Triple>, usize)> {
    let mut triples = HashSet::new();
    let mut n = 0;
    for g in graphs {
        for q in tx.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
            let q = q.map_err(storage)?;
            triples.insert(Triple::new(q.subject, q.predicate, q.object));
            n += 1;
        }
    }
    Ok((triples, n))
}

/// Does some document graph still state `t`?
fn stated_in_a_graph(tx: &Transaction<'_>, t: &Triple) -> Result<bool> {
    for q in tx.quads_for_pattern(Some(t.subject.as_ref()), Some(t.predicate.as_ref()), Some(t.object.as_ref()), None) {
        if q.map_err(storage)?.graph_name != GraphName::DefaultGraph {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Each written graph is now empty (and then dropped, so no empty graph lingers) or holds
/// exactly one Document node; otherwise the update is refused.
fn documents_stay_whole(tx: &mut Transaction<'_>, graphs: &[NamedNode]) -> Result<()> {
    let rdf_type = NamedNode::new_unchecked(vocab::RDF_TYPE);
    let document = NamedNode::new_unchecked(rel("Document"));
    for g in graphs {
        let gref = GraphNameRef::NamedNode(g.as_ref());
        if tx.quads_for_pattern(None, None, None, Some(gref)).next().is_none() {
            if tx.contains_named_graph(NamedNodeRef::from(g)).map_err(storage)? {
                tx.remove_named_graph(NamedNodeRef::from(g)).map_err(storage)?;
            }
            continue;
        }
        let docs: Vec<Quad> = tx
            .quads_for_pattern(None, Some(rdf_type.as_ref()), Some(document.as_ref().into()), Some(gref))
            .collect::<std::result::Result<_, _>>()
            .map_err(storage)?;
        if docs.len() != 1 {
            return Err(Error::Refused(format!(
                "the update is refused: graph {g} would hold {} Document nodes; a named graph is a document's and \
                 holds exactly one (a node typed rel:Document in it); the store is unchanged",
                docs.len()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyword_comes_after_the_prologue_and_comments() {
        assert_eq!(keyword("PREFIX A: <X> # C\nINSERT DATA {}"), "INSERT");
        assert!(is_query("BASE <x:> # c\n ask {}"));
        assert!(!is_query("DELETE WHERE { ?s ?p ?o }"));
    }
}
