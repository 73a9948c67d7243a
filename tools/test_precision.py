"""Tests of precision.py's judging on a small export and gold written here.

run: /tmp/relate-py/bin/python -m unittest discover -s tools -p 'test_*.py'
Skips when rdflib or ../shared/corpus/score.py is missing.
"""
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
SCORER = os.path.join(HERE, "..", "..", "shared", "corpus", "score.py")
sys.path.insert(0, HERE)

try:
    import rdflib  # noqa: F401

    HAVE = os.path.exists(SCORER)
except ImportError:
    HAVE = False

R = "https://w3id.org/relate/ontology#"
B = "https://example.org/"
G = f"<{B}graph/d>"

GOLD = """
docs = ["d.txt"]
[[entity]]
id = "ada"
names = ["Ada Quill", "Dr. Quill"]
[[entity]]
id = "lib"
names = ["Northport Library"]
[[entity]]
id = "uni"
names = ["University of Eastland"]
[[entity]]
id = "lab"
names = ["Eastland Lab"]
[[fact]]
id = "dir_lib"
person = "ada"
org = "lib"
role = ["director", "library director"]
start = "1984"
[[fact]]
id = "lab_in_uni"
org = "lab"
other = "uni"
[[fact]]
id = "edu"
person = "ada"
org = "uni"
degree = ["PhD"]
"""


def quads(relations):
    lines = [
        f'<{B}doc/d> <{R}sourcePath> "corpus/d.txt" {G} .',
        f"<{B}doc/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{R}Document> {G} .",
    ]
    for node, label in (("ada", "Ada Quill"), ("lib", "Northport Library"), ("uni", "University of Eastland"),
                        ("lab", "Eastland Lab"), ("soc", "Society for Women")):
        lines.append(f'<{B}e/{node}> <http://www.w3.org/2000/01/rdf-schema#label> "{label}" {G} .')
    for i, (kind, props) in enumerate(relations):
        if kind == "edge":
            lines.append(f"<{B}e/{props[0]}> <{R}{props[1]}> <{B}e/{props[2]}> {G} .")
            continue
        q = f"<{B}q/{i}>"
        lines.append(f"{q} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{R}{kind}> {G} .")
        lines.append(f"{q} <{R}extractedFrom> <{B}doc/d> {G} .")
        lines.append(f'{q} <{R}evidenceQuote> "quote {i}" {G} .')
        for p, v in props.items():
            obj = f"<{B}e/{v[1:]}>" if v.startswith("@") else f'"{v}"'
            lines.append(f"{q} <{R}{p}> {obj} {G} .")
    return "\n".join(lines) + "\n"


@unittest.skipUnless(HAVE, "needs rdflib and ../shared/corpus/score.py")
class Judging(unittest.TestCase):
    def run_on(self, relations, adjudicated=None):
        import precision

        with tempfile.TemporaryDirectory() as tmp:
            nq, gold = os.path.join(tmp, "x.nq"), os.path.join(tmp, "g.toml")
            with open(nq, "w") as fh:
                fh.write(quads(relations))
            with open(gold, "w") as fh:
                fh.write(GOLD)
            args = [nq, gold, "--scorer", SCORER]
            if adjudicated:
                adj = os.path.join(tmp, "adj.tsv")
                with open(adj, "w") as fh:
                    fh.write(adjudicated)
                args += ["--adjudicated", adj]
            out = io.StringIO()
            with redirect_stdout(out):
                code = precision.main(args + ["--min-precision", "1"])
        return code, out.getvalue()

    def test_role_variant_with_article_is_correct(self):
        code, out = self.run_on([("Position", {"holder": "@ada", "organization": "@lib", "role": "the Director",
                                               "startDate": "1984"})])
        self.assertEqual(code, 0, out)

    def test_contradicting_start_year_is_wrong(self):
        code, out = self.run_on([("Position", {"holder": "@ada", "organization": "@lib", "role": "director",
                                               "startDate": "1960"})])
        self.assertEqual(code, 1)
        self.assertIn("start 1960 but gold says 1984", out)

    def test_wrong_organisation_is_wrong(self):
        code, out = self.run_on([("Position", {"holder": "@ada", "organization": "@uni", "role": "director"})])
        self.assertEqual(code, 1)
        self.assertIn("WRONG", out)

    def test_entity_unknown_to_gold_is_wrong(self):
        code, out = self.run_on([("Membership", {"member": "@ada", "organization": "@soc"})])
        self.assertIn("'Society for Women' is no entity of the gold", out)

    def test_education_needs_an_education_fact(self):
        self.assertEqual(self.run_on([("Education", {"student": "@ada", "institution": "@uni", "degree": "Ph.D."})])[0], 0)
        code, out = self.run_on([("Education", {"student": "@ada", "institution": "@lib", "degree": "PhD"})])
        self.assertIn("education, but the gold fact is no education", out)

    def test_part_of_keeps_its_direction(self):
        self.assertEqual(self.run_on([("edge", ("lab", "partOf", "uni"))])[0], 0)
        code, out = self.run_on([("edge", ("uni", "partOf", "lab"))])
        self.assertIn("direction reversed", out)

    def test_adjudicated_relation_counts_as_correct(self):
        rel = [("Membership", {"member": "@ada", "organization": "@soc"})]
        code, out = self.run_on(rel, "d.txt\tMembership|ada quill|society for women||| \tread by a person\n")
        self.assertEqual(code, 0, out)
        self.assertIn("1 adjudicated", out)


if __name__ == "__main__":
    unittest.main()
