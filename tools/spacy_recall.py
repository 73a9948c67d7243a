#!/usr/bin/env python3
"""spaCy's small English model's entity recall on relate's gold, counted as score.py counts.

usage: spacy_recall.py DOCS... GOLD.toml... [--json] [--missing] [--scorer PATH]

DOCS are folders (every .txt, .md, .html, .htm file in them) or single documents; the
arguments ending in .toml are gold files. Every document is read (HTML through html.parser,
so tags and scripts are gone) and run through spaCy's small English pipeline; each
PERSON, ORG, GPE, NORP, FAC, LOC or LAW span's text is normalised with score.py's norm().
A required gold entity is found when one of its names normalises to one of those spans,
exactly as score.py finds it among an export's labels: overall over the gold files merged
(score.py's merge_gold) against the spans of all documents, and per gold file against the
spans of the documents that file lists. Put the figure beside relate's entity recall.

Skips with a message and exit 0 when spaCy or the model is not installed
(tools/setup-python.sh installs both).
"""
import argparse
import json
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spacy_common import DOC_SUFFIXES, load_small_english, read_document  # noqa: E402

LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "LAW"}


def import_scorer(path):
    path = os.path.abspath(path)
    if not os.path.exists(path):
        sys.exit(f"spacy_recall.py: scorer not found at {path} (give --scorer)")
    try:
        import rdflib  # noqa: F401  (score.py reads RDF with it)
    except ImportError:
        sys.exit(f"spacy_recall.py: needs rdflib; run tools/setup-python.sh and use its venv's python")
    sys.path.insert(0, os.path.dirname(path))
    import importlib

    return importlib.import_module(os.path.splitext(os.path.basename(path))[0])


def documents(args):
    out = []
    for a in args:
        if os.path.isdir(a):
            out += sorted(os.path.join(a, f) for f in os.listdir(a) if f.lower().endswith(DOC_SUFFIXES))
        else:
            out.append(a)
    return out


def recall(sc, gold, spans):
    required = [e for e in gold["entity"] if e.get("required", True)]
    found = [e["id"] for e in required if any(sc.norm(n) in spans for n in e["names"])]
    missing = sorted({e["id"] for e in required} - set(found))
    return {"required": len(required), "found": len(found), "recall": len(found) / max(1, len(required)),
            "missing": missing}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="document folders or files, then gold .toml files")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--missing", action="store_true", help="list the gold entities spaCy did not find")
    ap.add_argument("--scorer", default=os.path.join(HERE, "..", "..", "shared", "corpus", "score.py"))
    a = ap.parse_args(argv)
    golds = [p for p in a.inputs if p.endswith(".toml")]
    docs = documents([p for p in a.inputs if not p.endswith(".toml")])
    if not golds or not docs:
        ap.error("give at least one document folder and one gold .toml file")

    nlp, name = load_small_english()
    if nlp is None:
        print(f"spacy_recall.py: skipped: {name}")
        return 0
    sc = import_scorer(a.scorer)

    texts = [read_document(p) for p in docs]
    spans_of = {}
    for path, doc in zip(docs, nlp.pipe(texts)):
        spans_of[os.path.basename(path)] = {sc.norm(e.text) for e in doc.ents if e.label_ in LABELS} - {""}
    all_spans = set().union(*spans_of.values())

    overall = recall(sc, sc.merge_gold(golds), all_spans)
    per_file = {}
    for g in golds:
        with open(g, "rb") as fh:
            listed = tomllib.load(fh).get("docs", [])
        here = [d for d in listed if d in spans_of]
        spans = set().union(*(spans_of[d] for d in here)) if here else set()
        per_file[os.path.basename(g)] = dict(recall(sc, sc.merge_gold([g]), spans),
                                             documents=len(here), documents_listed=len(listed))

    if a.json:
        print(json.dumps({"model": name, "spacy_version": nlp.meta.get("spacy_version"),
                          "model_version": nlp.meta.get("version"), "documents": len(docs),
                          **overall, "per_gold_file": per_file}, indent=1))
        return 0
    width = max(len(k) for k in per_file)
    print(f"{'gold':<{width}}  docs  required  found  recall")
    for k, r in per_file.items():
        docs_note = f"{r['documents']}" if r["documents"] == r["documents_listed"] else f"{r['documents']}/{r['documents_listed']}"
        print(f"{k:<{width}}  {docs_note:>4}  {r['required']:>8}  {r['found']:>5}  {r['recall']:>6.2f}"
              + (f"  missing: {', '.join(r['missing'])}" if a.missing and r["missing"] else ""))
    print(f"spacy entity recall {overall['recall']:.2f} ({overall['found']}/{overall['required']}) "
          f"over {len(docs)} documents, {name} {nlp.meta.get('version')}"
          + (f"; missing: {', '.join(overall['missing'])}" if a.missing and overall["missing"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
