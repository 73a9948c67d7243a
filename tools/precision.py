#!/usr/bin/env python3
"""Fact precision of a relate export: every relation relate extracted, judged against gold.

usage: precision.py EXPORT.(nq|trig|ttl|nt) GOLD.toml... [--adjudicated FILE] [--json]
                    [--min-precision P] [--scorer PATH] [--docs DIR] [--show-correct]

score.py measures recall: how much of the gold relate found. This measures the other side:
of the relations relate wrote, how many are true. Each qualified node (rel:Position,
rel:Education, rel:Award, rel:Membership, rel:Collaboration, rel:Appointment) and each bare
edge between entities (rel:partOf, rel:locatedIn, rel:bornIn with rel:birthDate,
rel:signedBy, rel:establishedBy) is one relation; the direct edges written beside qualified
nodes (rel:holdsPositionAt, rel:alumnusOf, ...) are mirrors and are not counted again.

A relation belongs to the document of its named graph (or of its rel:extractedFrom), and is
judged only against the gold files whose `docs` list that document (required and optional
facts alike). It is correct when every claim it makes is backed by a gold fact:
  - its main pair (holder and organisation, student and institution, part and whole, ...)
    are entities of one gold fact, found by their labels normalised as score.py's norm()
    does, in the fact's slots (part-of and located-in keep their direction: part in the
    fact's `org`, whole in its `other`);
  - the kind fits: education only against a fact with a degree or field (or a training
    role such as resident or fellow), an award only against a fact with an award, a post or
    membership never against an education or award fact (unless its role is a training one);
  - its role (degree, honour, field) is one of that fact's variants: a variant contained in
    it word for word ("the director" has "director") or it being a variant's head
    ("director" of "director of the library"); a qualifier the fact does not state is
    accepted only when the relation also names the fact's organisation;
  - each year it states agrees with the fact's start, end or year list;
  - each further link (under a president, appointed by) joins two entities that some gold
    fact of the document joins.
Relations a human judged correct though the gold missed them are listed in an adjudicated
file and count as correct. Everything else is wrong and printed, one a line, with the reason
and the evidence quote, and with the key to paste into the adjudicated file if it is right.

Adjudicated file: TSV lines `DOCUMENT<TAB>KEY[<TAB>note]` (# comments), or TOML with
`[[correct]]` tables `doc = "...", key = "..."`. DOCUMENT may be `*`. KEY is
`kind|subject|object|qualifier|start|end` as printed (labels normalised).

Exit 0, or 1 when --min-precision is given and overall precision is below it (2: usage).
"""
import argparse
import itertools
import json
import os
import re
import sys
import tomllib
from collections import defaultdict

REL = "https://w3id.org/relate/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

QUALIFIED = ("Position", "Education", "Award", "Membership", "Collaboration", "Appointment")
# bare edges: predicate -> (kind, subject slot keys, object slot keys); direction matters
EDGES = {
    "partOf": ("PartOf", {"org"}, {"other"}),
    "locatedIn": ("LocatedIn", {"org", "person"}, {"other"}),
    "bornIn": ("Born", {"person"}, {"other"}),
    "signedBy": ("SignedBy", {"other", "org"}, {"president", "person", "other"}),
    "establishedBy": ("EstablishedBy", {"org", "other"}, {"other", "org"}),
}
DIRECTED = {"PartOf", "LocatedIn"}
# qualified kinds: subject property, object property, further links
SHAPE = {
    "Position": ("holder", "organization", ("underPresident", "appointedBy")),
    "Education": ("student", "institution", ()),
    "Award": ("recipient", "conferredBy", ()),
    "Membership": ("member", "organization", ()),
    "Appointment": ("appointee", "organization", ("appointer",)),
}
PERSON_KEYS = {"person"}
ORG_KEYS = {"org", "other"}
ANY_KEYS = {"person", "org", "other", "president"}
TRAINING = re.compile(r"\b(resident|residency|fellow|fellowship|intern|internship|trainee|training|student|postdoc\w*)\b")
LEADING = re.compile(r"^((the|a|an|its|his|her|their)\s+)+")
HEAD_CUT = re.compile(r"\s+(of|for|at|in|on|to|with)\s+.*$")


# ---------------------------------------------------------------- the scorer's normalisation

def import_scorer(path):
    """Import score.py from its own directory, so precision and recall normalise alike."""
    path = os.path.abspath(path)
    if not os.path.exists(path):
        sys.exit(f"precision.py: scorer not found at {path} (give --scorer)")
    try:
        import rdflib  # noqa: F401  (score.py reads RDF with it)
    except ImportError:
        sys.exit(f"precision.py: needs rdflib; run tools/setup-python.sh and use its venv's python")
    sys.path.insert(0, os.path.dirname(path))
    import importlib

    return importlib.import_module(os.path.splitext(os.path.basename(path))[0])


# ---------------------------------------------------------------- reading the export

def read_quads(path):
    """(s, p, o, graph) for every statement; graph is None for a triple format."""
    import rdflib

    fmt = rdflib.util.guess_format(path) or "turtle"
    if fmt in ("nquads", "trig"):
        ds = rdflib.Dataset()
        ds.parse(path, format=fmt)
        out = []
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = g.identifier if hasattr(g, "identifier") else g
            if gid is not None and str(gid).startswith("urn:x-rdflib:default"):
                gid = None
            out.append((s, p, o, gid))
        return out, True
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    return [(s, p, o, None) for s, p, o in g], False


class Export:
    def __init__(self, path, scorer):
        from rdflib.term import Literal

        quads, self.has_graphs = read_quads(path)
        self.sc = scorer
        self.g = scorer.Graph({(s, p, o) for s, p, o, _ in quads})  # the scorer's view: labels over all graphs
        self.props = defaultdict(lambda: defaultdict(list))  # node -> pred local -> [values]
        self.graph_of = {}  # node -> graph, for qualified nodes
        self.doc_label = defaultdict(list)  # (graph, node) -> rdfs:label values in that graph
        self.any_label = defaultdict(list)
        self.types = defaultdict(set)
        self.edges = []  # (kind pred, s, o, graph)
        self.birth = {}  # (graph, person) -> date
        doc_paths = {}  # document node -> sourcePath
        graph_doc = {}  # graph -> document node
        for s, p, o, gr in quads:
            p = str(p)
            if p == RDF_TYPE:
                t = str(o)
                if t.startswith(REL):
                    self.types[s].add(t[len(REL):])
                    if t == REL + "Document" and gr is not None:
                        graph_doc[gr] = s
                if t[len(REL):] in QUALIFIED:
                    self.graph_of[s] = gr
                continue
            if p == RDFS_LABEL:
                self.doc_label[(gr, s)].append(str(o))
                self.any_label[s].append(str(o))
            if not p.startswith(REL):
                continue
            name = p[len(REL):]
            if name == "sourcePath":
                doc_paths[s] = str(o)
            elif name in EDGES and not isinstance(o, Literal):
                self.edges.append((name, s, o, gr))
            elif name == "birthDate":
                self.birth[(gr, s)] = str(o)
            self.props[s][name].append(o)
        self.doc_of_graph = {gr: os.path.basename(doc_paths[d]) for gr, d in graph_doc.items() if d in doc_paths}
        self.doc_of_node = {d: os.path.basename(pth) for d, pth in doc_paths.items()}
        self.source_of_doc = {os.path.basename(pth): pth for pth in doc_paths.values()}

    def label(self, node, graph=None):
        labs = self.doc_label.get((graph, node)) or self.any_label.get(node)
        return min(labs) if labs else self.sc.local(node)

    def relations(self):
        """Every relation as a dict: kind, doc, node, slots, literals, rules, quotes."""
        out = []
        for node, types in self.types.items():
            kind = next((t for t in types if t in QUALIFIED), None)
            if not kind:
                continue
            pr = self.props[node]
            docs = [self.doc_of_node.get(d) for d in pr.get("extractedFrom", [])]
            doc = next((d for d in docs if d), None) or self.doc_of_graph.get(self.graph_of.get(node))
            gr = self.graph_of.get(node)

            def lit(name):
                return [str(v) for v in pr.get(name, [])]

            r = {
                "kind": kind, "doc": doc, "node": str(node), "graph": gr,
                "rules": sorted(set(lit("evidenceRule"))), "quotes": sorted(set(lit("evidenceQuote"))),
                "role": (lit("role") + lit("honour") + lit("topic") or [None])[0],
                "degree": (lit("degree") or [None])[0], "field": (lit("field") or [None])[0],
                "start": year_of((lit("startDate") or [None])[0]), "end": year_of((lit("endDate") or [None])[0]),
                "years": sorted({year_of(v) for v in lit("year") + lit("date")}),
                "ended": "true" in lit("ended"),
            }
            if kind == "Collaboration":
                r["subject"] = None
                r["participants"] = list(pr.get("participant", []))
                r["links"] = []
            else:
                subj, obj, links = SHAPE[kind]
                r["subject"] = (pr.get(subj) or [None])[0]
                r["object"] = (pr.get(obj) or [None])[0]
                r["links"] = [(name, o) for name in links for o in pr.get(name, [])]
            out.append(r)
        born_done = set()
        for name, s, o, gr in self.edges:
            kind = EDGES[name][0]
            r = {
                "kind": kind, "doc": self.doc_of_graph.get(gr), "node": f"{s} {name} {o}", "graph": gr,
                "rules": [], "quotes": [], "role": None, "degree": None, "field": None,
                "start": None, "end": None, "years": [], "ended": False,
                "subject": s, "object": o, "links": [], "edge": name,
            }
            if kind == "Born":
                born_done.add((gr, s))
                if (gr, s) in self.birth:
                    r["years"] = [year_of(self.birth[(gr, s)])]
            out.append(r)
        for (gr, s), date in self.birth.items():
            if (gr, s) not in born_done:
                out.append({
                    "kind": "Born", "doc": self.doc_of_graph.get(gr), "node": f"{s} birthDate {date}", "graph": gr,
                    "rules": [], "quotes": [], "role": None, "degree": None, "field": None,
                    "start": None, "end": None, "years": [year_of(date)], "ended": False,
                    "subject": s, "object": None, "links": [], "edge": "birthDate",
                })
        return out


def year_of(v):
    if v is None:
        return None
    m = re.match(r"-?\d{4}", str(v))
    return m.group(0) if m else str(v)


# ---------------------------------------------------------------- gold

class Gold:
    """The merged gold of one document's files, indexed by normalised name."""

    def __init__(self, paths, scorer):
        self.sc = scorer
        self.data = scorer.merge_gold(paths)
        self.names = defaultdict(set)
        self.entity = {}
        for e in self.data["entity"]:
            self.entity[e["id"]] = e
            for nm in e["names"]:
                self.names[scorer.norm(nm)].add(e["id"])
        self.facts = self.data["fact"]

    def ids(self, export, node):
        if node is None:
            return set()
        out = set()
        for lab in export.g.labels(node):
            out |= self.names.get(lab, set())
        return out


def gold_kind(f):
    if "degree" in f or "field" in f:
        return "edu"
    if "award" in f:
        return "award"
    if "person" not in f:
        return "org"
    return "person"


def assign(f, slots):
    """Map each slot (gold ids, allowed keys) to a distinct entity key of fact f, if possible."""
    keys = [k for k in ("person", "org", "other", "president") if k in f]
    if len(slots) > len(keys):
        return False
    for perm in itertools.permutations(keys, len(slots)):
        if all(k in allowed and f[k] in ids for (ids, allowed), k in zip(slots, perm)):
            return True
    return False


# ---------------------------------------------------------------- qualifier matching

def nv(sc, s):
    return LEADING.sub("", sc.norm_value(s))


def role_ok(sc, rel, variants, with_org=True):
    """Whether role `rel` is one of the gold's `variants`. Without an organisation to pin it
    down, a one-word variant must be the whole role ("professor" does not back "professor of
    pathology" somewhere unnamed)."""
    r = nv(sc, rel)
    for v in variants:
        g = nv(sc, v)
        if not g:
            continue
        if r == g or (sc.word_in(g, r) and (with_org or len(g.split()) >= 2)):  # "the interim director" has "director"
            return True
        if len(r.split()) >= 2 and sc.word_in(r, g):  # "health it coordinator" in a longer variant
            return True
        if r == HEAD_CUT.sub("", g):  # "director" is the head of "director of the library"
            return True
    return False


def compact(sc, s):
    return sc.norm_value(s).replace(" ", "")


def degree_ok(sc, rel, variants):
    gold = {compact(sc, v) for v in variants}
    pieces = [p for p in re.split(r"\s*(?:,|;|/|\band\b|&)\s*", rel) if p.strip()]
    if compact(sc, rel) in gold or any(role_ok(sc, rel, [v]) for v in variants):
        return True
    return bool(pieces) and all(compact(sc, p) in gold for p in pieces)


def text_ok(sc, rel, variants):
    r = nv(sc, rel)
    return any(sc.word_in(nv(sc, v), r) or sc.word_in(r, nv(sc, v)) for v in variants if nv(sc, v))


def years_ok(r, f):
    """None when the relation's years agree with the fact's, else the contradiction."""
    gs, ge = f.get("start"), f.get("end")
    gy = [str(y) for y in f.get("year", [])]
    if r["start"]:
        if gs and r["start"] != gs:
            return f"start {r['start']} but gold says {gs}"
        if not gs and gy and r["start"] not in gy:
            return f"start {r['start']} but gold says {'/'.join(gy)}"
        if not gs and ge and r["start"] > ge:
            return f"start {r['start']} after gold end {ge}"
    if r["end"]:
        if ge and r["end"] != ge:
            return f"end {r['end']} but gold says {ge}"
        if not ge and gy and not gs and r["end"] < min(gy):
            return f"end {r['end']} before gold year {min(gy)}"
        if not ge and gs and r["end"] < gs:
            return f"end {r['end']} before gold start {gs}"
    for y in r["years"]:
        if gy:
            if y not in gy:
                return f"year {y} but gold says {'/'.join(gy)}"
        elif gs or ge:
            lo, hi = gs or ge, ge or gs
            if not (lo <= y <= hi) and y not in (gs, ge):
                return f"year {y} outside gold {gs or ''}–{ge or ''}"
    return None


# ---------------------------------------------------------------- judging

class Judge:
    def __init__(self, export, gold, scorer):
        self.x, self.gold, self.sc = export, gold, scorer

    def judge(self, r):
        """(True, fact ids) or (False, reason)."""
        x, gold = self.x, self.gold
        if r["kind"] == "Collaboration":
            people = r["participants"]
            for p in people:
                if not gold.ids(x, p):
                    return False, f"{x.label(p, r['graph'])!r} is no entity of the gold"
            backing = []
            for a, b in itertools.combinations(people, 2):
                fid = self.linked(gold.ids(x, a), gold.ids(x, b))
                if not fid:
                    return False, f"no gold fact joins {x.label(a, r['graph'])} and {x.label(b, r['graph'])}"
                backing.append(fid)
            return True, backing

        subj, obj = r["subject"], r["object"]
        for node in (subj, obj):
            if node is not None and not gold.ids(x, node):
                return False, f"{x.label(node, r['graph'])!r} is no entity of the gold"
        ok, why = self.main_claim(r)
        if not ok:
            return False, why
        backing = [why]
        for name, other in r["links"]:
            if not gold.ids(x, other):
                return False, f"{name} {x.label(other, r['graph'])!r} is no entity of the gold"
            fid = self.linked(gold.ids(x, subj), gold.ids(x, other))
            if not fid:
                return False, f"no gold fact joins {x.label(subj, r['graph'])} and {name} {x.label(other, r['graph'])}"
            backing.append(fid)
        return True, backing

    def linked(self, a, b):
        for f in self.gold.facts:
            if assign(f, [(a, ANY_KEYS), (b, ANY_KEYS)]):
                return f["id"]
        return None

    def main_claim(self, r):
        x, gold, kind = self.x, self.gold, r["kind"]
        s_ids, o_ids = gold.ids(x, r["subject"]), gold.ids(x, r["object"])
        if kind in ("PartOf", "LocatedIn", "Born", "SignedBy", "EstablishedBy"):
            _, skeys, okeys = EDGES[r["edge"]] if r["edge"] in EDGES else ("Born", {"person"}, {"other"})
            slots = [(s_ids, skeys)] + ([(o_ids, okeys)] if r["object"] is not None else [])
        else:
            slots = [(s_ids, PERSON_KEYS)] + ([(o_ids, ORG_KEYS)] if r["object"] is not None else [])
        best = None  # the nearest miss, for the message
        for f in gold.facts:
            if not assign(f, slots):
                continue
            why = self.fits(r, f)
            if why is None:
                return True, f["id"]
            best = best or f"{why} ({f['id']})"
        if best:
            return False, best
        if kind in DIRECTED and r["object"] is not None:
            rev = [(o_ids, slots[0][1]), (s_ids, slots[1][1])]
            for f in gold.facts:
                if assign(f, rev):
                    return False, f"direction reversed: gold has {x.label(r['object'], r['graph'])} in {x.label(r['subject'], r['graph'])} ({f['id']})"
        if r["object"] is None:
            return False, f"no gold fact of {x.label(r['subject'], r['graph'])} fits"
        if kind not in DIRECTED:
            for f in gold.facts:  # the gold has the fact but leaves the organisation out
                stated = (r["role"] and (f.get("role") or f.get("award"))) or (r["degree"] and f.get("degree"))
                if stated and not ORG_KEYS & set(f) and assign(f, slots[:1]) and self.fits(dict(r, object=None), f) is None:
                    return False, (f"{f['id']} fits but names no organisation: "
                                   f"{x.label(r['object'], r['graph'])} is unverified")
        return False, f"no gold fact joins {x.label(r['subject'], r['graph'])} and {x.label(r['object'], r['graph'])}"

    def fits(self, r, f):
        """None when relation r says nothing fact f contradicts or lacks, else why not."""
        sc, kind, gk = self.sc, r["kind"], gold_kind(f)
        named_org = r["object"] is not None
        role = r["role"]
        training = bool(role and TRAINING.search(nv(sc, role))) or any(
            TRAINING.search(nv(sc, v)) for v in f.get("role", []) + f.get("degree", []) + f.get("field", [])
        )
        if kind in ("Position", "Membership", "Appointment"):
            if gk in ("edu", "award") and not training:
                return f"a {kind.lower()}, but the gold fact is {'an education' if gk == 'edu' else 'an award'}"
            if gk == "org":
                return "the gold fact joins no person"
            if role:
                variants = f.get("role", [])
                if variants:
                    if not role_ok(sc, role, variants, named_org):
                        return f"role {role!r} is none of {variants}"
                elif not named_org:
                    return f"role {role!r} is stated by no gold fact"
        elif kind == "Education":
            if gk != "edu" and not training:
                return "education, but the gold fact is no education"
            if r["degree"]:
                if f.get("degree"):
                    if not degree_ok(sc, r["degree"], f["degree"]):
                        return f"degree {r['degree']!r} is none of {f['degree']}"
                elif not named_org:
                    return f"degree {r['degree']!r} is stated by no gold fact"
            if r["field"] and f.get("field") and not text_ok(sc, r["field"], f["field"]):
                return f"field {r['field']!r} is none of {f['field']}"
        elif kind == "Award":
            honorary = any("honorary" in d.lower() for d in f.get("degree", []))
            if gk == "person" and role and f.get("role") and role_ok(sc, role, f["role"]):
                return years_ok(r, f)  # a named professorship or chair, which the gold files as a post
            if gk != "award" and not honorary:
                return "an award, but the gold fact is no award"
            variants = f.get("award", []) + (f.get("degree", []) if honorary else [])
            if role and variants and not text_ok(sc, role, variants):
                return f"honour {role!r} is none of {variants}"
        elif kind == "Born":
            if "org" in f:
                return "birth, but the gold fact names an organisation"
        else:  # organisation-level edges
            if "person" in f:
                return "the gold fact is about a person"
        return years_ok(r, f)


# ---------------------------------------------------------------- keys, adjudication, display

def key_of(r, x, sc):
    def n(node):
        return sc.norm(x.label(node, r["graph"])) if node is not None else ""

    if r["kind"] == "Collaboration":
        subj = ",".join(sorted(n(p) for p in r["participants"]))
        obj = ""
    else:
        subj, obj = n(r["subject"]), n(r["object"])
    qual = r["role"] or r["degree"] or ""
    if r["field"]:
        qual = f"{qual} in {r['field']}".strip()
    start = r["start"] or (r["years"][0] if r["years"] else "")
    return "|".join([r["kind"], subj, obj, sc.norm_value(qual), start or "", r["end"] or ""])


def read_adjudicated(path):
    out = set()
    if path.endswith(".toml"):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for row in data.get("correct", []):
            out.add((row.get("doc", "*"), row["key"]))
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) == 1:
                out.add(("*", cols[0].strip()))
            else:
                out.add((cols[0].strip(), cols[1].strip()))
    return out


def describe(r, x):
    g = r["graph"]
    if r["kind"] == "Collaboration":
        who = " & ".join(x.label(p, g) for p in r["participants"])
    else:
        who = x.label(r["subject"], g) if r["subject"] is not None else "?"
        if r["object"] is not None:
            arrow = {"PartOf": " ⊂ ", "LocatedIn": " @ ", "Born": " born in ", "SignedBy": " signed by ",
                     "EstablishedBy": " established by "}.get(r["kind"], " → ")
            who += arrow + x.label(r["object"], g)
    bits = [f"{r['kind']}: {who}"]
    if r["role"]:
        bits.append(f"{'honour' if r['kind'] == 'Award' else 'role'}={r['role']!r}")
    if r["degree"]:
        bits.append(f"degree={r['degree']!r}")
    if r["field"]:
        bits.append(f"field={r['field']!r}")
    if r["start"] or r["end"]:
        bits.append(f"{r['start'] or ''}–{r['end'] or ''}")
    if r["years"]:
        bits.append("year=" + "/".join(r["years"]))
    for name, o in r["links"]:
        bits.append(f"{name}={x.label(o, g)}")
    if r["ended"]:
        bits.append("ended")
    if r["rules"]:
        bits.append("rule=" + ",".join(r["rules"]))
    return "; ".join(bits)


def locate_quote(r, x, docs_dir, cache):
    """A bare edge has no evidence: find the first sentence naming both of its entities."""
    if r["quotes"] or r["subject"] is None:
        return r["quotes"]
    doc = r["doc"]
    if doc not in cache:
        text = None
        for cand in ([os.path.join(docs_dir, doc)] if docs_dir else []) + [x.source_of_doc.get(doc, "")]:
            if cand and os.path.exists(cand):
                with open(cand, encoding="utf-8", errors="replace") as fh:
                    text = re.sub(r"<[^>]+>", " ", fh.read())
                break
        cache[doc] = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n", text or "") if s.strip()]
    nodes = [r["subject"]] + ([r["object"]] if r["object"] is not None else [])
    forms = [alt_labels(x, n) for n in nodes]
    for sent in cache[doc]:
        if all(any(f and f in sent for f in fs) for fs in forms):
            return [f"~ {sent}"]
    return []


def alt_labels(x, node):
    return {str(v) for p, v in x.g.lits.get(node, []) if x.sc.LABEL_PRED.search(x.sc.local(p))}


def one_line(s, limit=300):
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ---------------------------------------------------------------- main

def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export", help="relate export; N-Quads or TriG keeps each document's graph")
    ap.add_argument("gold", nargs="+", help="gold TOML files (their `docs` say which documents they cover)")
    ap.add_argument("--adjudicated", help="TSV or TOML of relations judged correct that the gold misses")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    ap.add_argument("--min-precision", type=float, help="exit 1 when overall precision is below this")
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "corpus", "score.py"),
                    help="score.py whose normalisation to reuse (default ../shared/corpus/score.py)")
    ap.add_argument("--docs", help="folder of the source documents, to show a sentence for edges without evidence")
    ap.add_argument("--show-correct", action="store_true", help="also list the correct relations and their gold fact")
    a = ap.parse_args(argv)

    sc = import_scorer(a.scorer)
    x = Export(a.export, sc)
    if not x.has_graphs:
        print("precision.py: a triple export has no document graphs; bare edges (part-of, located-in) "
              "cannot be attributed and are skipped; export with --format nquads", file=sys.stderr)
    golds = {}
    for path in a.gold:
        with open(path, "rb") as fh:
            for d in tomllib.load(fh).get("docs", []):
                golds.setdefault(d, []).append(path)
    adjudicated = read_adjudicated(a.adjudicated) if a.adjudicated else set()

    per_doc = defaultdict(lambda: {"extracted": 0, "correct": 0, "adjudicated": 0, "wrong": 0})
    wrong, right, unjudged = [], [], defaultdict(int)
    judges, quote_cache = {}, {}
    for r in sorted(x.relations(), key=lambda r: (r["doc"] or "", r["kind"], r["node"])):
        doc = r["doc"]
        if doc is None or doc not in golds:
            unjudged[doc or "(no document)"] += 1
            continue
        if doc not in judges:
            judges[doc] = Judge(x, Gold(golds[doc], sc), sc)
        ok, why = judges[doc].judge(r)
        key = key_of(r, x, sc)
        stats = per_doc[doc]
        stats["extracted"] += 1
        row = {"doc": doc, "kind": r["kind"], "relation": describe(r, x), "key": key,
               "quote": locate_quote(r, x, a.docs, quote_cache)}
        if ok:
            stats["correct"] += 1
            right.append(dict(row, gold=why))
        elif (doc, key) in adjudicated or ("*", key) in adjudicated:
            stats["adjudicated"] += 1
            right.append(dict(row, gold="adjudicated"))
        else:
            stats["wrong"] += 1
            wrong.append(dict(row, reason=why))

    for doc in set(x.doc_of_graph.values()) | set(x.doc_of_node.values()):
        if doc in golds:
            per_doc[doc]  # a document with gold but no relation shows as 0 extracted
    total = {k: sum(s[k] for s in per_doc.values()) for k in ("extracted", "correct", "adjudicated", "wrong")}

    def prec(s):
        return (s["correct"] + s["adjudicated"]) / s["extracted"] if s["extracted"] else None

    overall = prec(total)
    if a.json:
        print(json.dumps({
            "precision": overall, **total,
            "documents": {d: dict(s, precision=prec(s)) for d, s in sorted(per_doc.items())},
            "wrong_relations": wrong, **({"correct_relations": right} if a.show_correct else {}),
            "unjudged": dict(unjudged),
        }, indent=1, ensure_ascii=False))
    else:
        if a.show_correct:
            for row in right:
                print(f"ok     {row['doc']}  {row['relation']}  [{row['gold'] if isinstance(row['gold'], str) else ', '.join(row['gold'])}]")
        for row in wrong:
            quote = " | ".join(one_line(q) for q in row["quote"]) or "(no evidence)"
            print(f"WRONG  {row['doc']}  {row['relation']}  -- {row['reason']}  \"{quote}\"  key={row['key']}")
        if wrong or right:
            print()
        width = max([len(d) for d in per_doc] + [8])
        print(f"{'document':<{width}}  extracted  correct  adjudicated  wrong  precision")
        for d, s in sorted(per_doc.items()):
            p = prec(s)
            print(f"{d:<{width}}  {s['extracted']:>9}  {s['correct']:>7}  {s['adjudicated']:>11}  {s['wrong']:>5}  "
                  f"{'' if p is None else f'{p:.2f}':>9}")
        for d, n in sorted(unjudged.items()):
            print(f"{d:<{width}}  {n:>9}  (no gold file lists this document: not judged)")
        print(f"fact precision {overall if overall is not None else 0:.2f} "
              f"({total['correct'] + total['adjudicated']}/{total['extracted']}: {total['correct']} match the gold, "
              f"{total['adjudicated']} adjudicated, {total['wrong']} wrong) over {len(per_doc)} documents with gold")
    if a.min_precision is not None and (overall or 0) < a.min_precision:
        return 1
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` is not an error
    sys.exit(main(sys.argv[1:]))
