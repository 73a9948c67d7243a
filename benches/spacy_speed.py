#!/usr/bin/env python3
"""spaCy side of `cargo bench --bench extract`: words per second of spaCy's small English
model on the given text, one process, one thread.

usage: python3 spacy_speed.py FILE... [--min-words N] [--max-words N]

Times `nlp.pipe` twice over the same documents: the full pipeline (tok2vec, tagger, parser,
attribute ruler, lemmatizer, ner), and NER alone with every other component disabled (the
small model's ner has its own tok2vec; if a model's ner listens to the shared one, tok2vec
stays on). Words are whitespace-separated tokens of the input text, so the figure compares
with a words-per-second count made the same way on the same text. Inputs shorter than
--min-words (default 20000) are repeated; longer ones are cut at --max-words (default
200000) to keep the run under a minute or so. HTML files are reduced to their text first.

Prints one line on stdout:
  spacy_words_per_second=N spacy_ner_words_per_second=M words=W model=NAME spacy=VERSION
or, when spaCy or the model is not installed (exit 0 all the same):
  spacy_skipped: REASON
"""
import argparse
import os
import sys
import time

# one thread for the matrix maths too (set before numpy loads), to compare per core
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from spacy_common import load_small_english, read_document  # noqa: E402

CHUNK_CHARS = 100_000  # well under spaCy's max_length; documents are split at paragraph ends


def chunks(text):
    out, cur, size = [], [], 0
    for para in text.split("\n\n"):
        if size + len(para) > CHUNK_CHARS and cur:
            out.append("\n\n".join(cur))
            cur, size = [], 0
        cur.append(para)
        size += len(para) + 2
    if cur:
        out.append("\n\n".join(cur))
    return out


def workload(paths, min_words, max_words):
    pieces = [c for p in paths for c in chunks(read_document(p)) if c.strip()]
    if not pieces:
        return [], 0
    docs, words, i = [], 0, 0
    while words < min_words or i < len(pieces):
        piece = pieces[i % len(pieces)]
        n = len(piece.split())
        if words + n > max_words:
            if docs:
                break
            piece = " ".join(piece.split()[:max_words])
            n = max_words
        docs.append(piece)
        words += n
        i += 1
    return docs, words


def spacy_version():
    import spacy

    return spacy.__version__


def timed(nlp, docs):
    started = time.perf_counter()
    for _ in nlp.pipe(docs, n_process=1):
        pass
    return time.perf_counter() - started


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--min-words", type=int, default=20_000)
    ap.add_argument("--max-words", type=int, default=200_000)
    a = ap.parse_args(argv)
    nlp, name = load_small_english()
    if nlp is None:
        print(f"spacy_skipped: {name}")
        return 0
    docs, words = workload(a.files, a.min_words, a.max_words)
    if not words:
        print("spacy_skipped: the given files hold no text")
        return 0
    nlp("Warm up the pipeline once before timing.")
    full = timed(nlp, docs)

    ner_cfg = nlp.config["components"]["ner"]["model"].get("tok2vec", {})
    keep = ["ner"] + (["tok2vec"] if "Listener" in str(ner_cfg.get("@architectures", "")) else [])
    with nlp.select_pipes(enable=keep):
        nlp("Warm up the pipeline once before timing.")
        ner = timed(nlp, docs)
    print(f"spacy_words_per_second={words / full:.0f} spacy_ner_words_per_second={words / ner:.0f} "
          f"words={words} model={name}-{nlp.meta.get('version')} spacy={spacy_version()}")
    print(f"spacy_speed.py: {len(docs)} documents, {words} words: full pipeline {full:.2f} s, "
          f"ner only ({'+'.join(keep)}) {ner:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
