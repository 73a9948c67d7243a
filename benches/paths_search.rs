//! Path search on a generated graph shaped like relate's: people with positions (roles, years,
//! posts under presidents), education, awards, memberships of committees and collaborations,
//! each a qualified node with its evidence quote and offsets and a direct edge beside it, one
//! named graph per person's "profile" document plus the default graph as their union. At least
//! one million triples, bulk-loaded into an on-disk Oxigraph store.
//!
//! Measures projection time (cold, and read back from the cache) and memory, then shortest-path
//! and top-5-paths latency for 1,000 random pairs of entities, and compares with networkx's
//! shortest path on the same edge list, in the same run (`benches/paths_networkx.py`; skipped
//! with a message when Python or networkx is missing).
//!
//! `cargo bench --bench paths_search`. Environment: `RELATE_BENCH_TRIPLES` (default 1000000),
//! `RELATE_BENCH_PAIRS` (1000), `RELATE_BENCH_PYTHON` (python3).

// a benchmark's report on stdout is its output
#![allow(clippy::print_stdout)]

use std::collections::HashSet;
use std::io::Write;
use std::time::{Duration, Instant};

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use petgraph::graph::NodeIndex;
use relate::paths::{Projection, Search};
use relate::store::Store;

const BASE: &str = "https://w3id.org/relate/id/";
const REL: &str = "https://w3id.org/relate/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const ALT: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Skewed towards small indices: a few organisations are large, most are small.
    fn skewed(&mut self, n: usize) -> usize {
        ((self.unit().powf(2.5)) * n as f64) as usize % n
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const GIVEN: &[&str] = &[
    "Alice", "Bernard", "Chiara", "David", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jonas", "Kwame", "Leila",
    "Marco", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samuel", "Tamara", "Umar", "Vera", "Walter", "Ximena",
    "Yusuf", "Zoe", "José", "Renée", "Søren", "Zoë",
];
const SURNAMES: &[&str] = &[
    "Adams",
    "Baker",
    "Chen",
    "Dubois",
    "Evans",
    "Fischer",
    "García",
    "Hughes",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Patel",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Wang",
    "Xu",
    "Yamada",
    "Zimmermann",
    "Novak",
    "Costa",
    "Silva",
    "Haddad",
];
const ORG_WORDS: &[&str] = &[
    "Northern",
    "Pacific",
    "Central",
    "Eastern",
    "Royal",
    "National",
    "Metropolitan",
    "Western",
    "Lakeside",
    "Riverside",
    "Summit",
    "Harbor",
    "Granite",
    "Cedar",
    "Maple",
];
const ORG_KINDS: &[(&str, &str)] = &[
    ("EducationalOrganization", "University"),
    ("MedicalOrganization", "Medical Center"),
    ("GovernmentOrganization", "Agency"),
    ("Company", "Systems Inc."),
    ("Organization", "Institute"),
];
const ROLES: &[&str] = &[
    "Chief information officer",
    "Professor",
    "Associate dean for research",
    "Director",
    "President",
    "Chair",
    "Co-chair",
    "Senior fellow",
    "Chief executive officer",
    "Vice president",
    "Attending physician",
    "Research scientist",
];
const DEGREES: &[&str] = &["BA", "BS", "MS", "MD", "PhD", "MBA", "Residency", "Fellowship"];
const FIELDS: &[&str] =
    &["Medicine", "Computer Science", "Public Health", "Economics", "Biology", "Law", "Medical Informatics"];
const HONOURS: &[&str] = &[
    "Lifetime achievement award",
    "Distinguished service award",
    "Fellow",
    "Hall of Fame honoree",
    "Leiter Lecture",
    "Young investigator award",
];
/// (slug, label, start, end) of the presidents posts are held under.
const PRESIDENTS: &[(&str, &str, i32, i32)] = &[
    ("richard-nixon", "Richard Nixon", 1969, 1974),
    ("gerald-ford", "Gerald Ford", 1974, 1977),
    ("jimmy-carter", "Jimmy Carter", 1977, 1981),
    ("ronald-reagan", "Ronald Reagan", 1981, 1989),
    ("george-h-w-bush", "George H. W. Bush", 1989, 1993),
    ("bill-clinton", "Bill Clinton", 1993, 2001),
    ("george-w-bush", "George W. Bush", 2001, 2009),
    ("barack-obama", "Barack Obama", 2009, 2017),
    ("donald-trump", "Donald Trump", 2017, 2021),
    ("joe-biden", "Joe Biden", 2021, 2025),
];

/// The generator: writes each triple into the document's named graph, and once into the
/// default graph (the union), as relate's store does.
struct Gen {
    rng: Rng,
    batch: Vec<Quad>,
    triples: usize,
    seen_default: HashSet<(u32, u32)>,
    orgs: Vec<(String, String, &'static str)>,
    committees: Vec<(String, String, usize)>,
    people: usize,
}

fn nn(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

fn typed(v: &str, t: &str) -> Term {
    Literal::new_typed_literal(v, nn(&format!("{XSD}{t}"))).into()
}

fn year(y: i32) -> Term {
    typed(&format!("{y:04}"), "gYear")
}

fn rel(local: &str) -> NamedNode {
    nn(&format!("{REL}{local}"))
}

impl Gen {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        let orgs: Vec<(String, String, &'static str)> = (0..3_000)
            .map(|i| {
                let (class, head) = ORG_KINDS[i % ORG_KINDS.len()];
                let label = format!(
                    "{} {} {head} {}",
                    ORG_WORDS[rng.below(ORG_WORDS.len())],
                    SURNAMES[rng.below(SURNAMES.len())],
                    i / ORG_KINDS.len()
                );
                (format!("{BASE}org/org-{i}"), label, class)
            })
            .collect();
        let committees = (0..600)
            .map(|i| (format!("{BASE}org/committee-{i}"), format!("Committee on Standards {i}"), rng.skewed(3_000)))
            .collect();
        Gen { rng, batch: Vec::new(), triples: 0, seen_default: HashSet::new(), orgs, committees, people: 0 }
    }

    fn add(&mut self, g: &NamedNode, s: &str, p: &NamedNode, o: Term) {
        self.batch.push(Quad::new(nn(s), p.clone(), o.clone(), g.clone()));
        self.batch.push(Quad::new(nn(s), p.clone(), o, GraphName::DefaultGraph));
        self.triples += 1;
    }

    /// An entity's type and label in the graph `g`; in the default graph only the first time.
    fn mention(&mut self, g: &NamedNode, kind: u32, id: u32, iri: &str, classes: &[&str], label: &str) {
        let first = self.seen_default.insert((kind, id));
        for c in classes {
            self.batch.push(Quad::new(nn(iri), nn(RDF_TYPE), Term::from(rel(c)), g.clone()));
            if first {
                self.batch.push(Quad::new(nn(iri), nn(RDF_TYPE), Term::from(rel(c)), GraphName::DefaultGraph));
                self.triples += 1;
            }
        }
        self.batch.push(Quad::new(nn(iri), nn(LABEL), lit(label), g.clone()));
        if first {
            self.batch.push(Quad::new(nn(iri), nn(LABEL), lit(label), GraphName::DefaultGraph));
            self.triples += 1;
        }
    }

    fn org(&mut self, g: &NamedNode, i: usize) -> (String, String) {
        let (iri, label, class) = self.orgs[i].clone();
        let classes: Vec<&str> =
            if class == "Organization" { vec!["Organization"] } else { vec!["Organization", class] };
        self.mention(g, 1, i as u32, &iri, &classes, &label);
        (iri, label)
    }

    fn committee(&mut self, g: &NamedNode, i: usize) -> (String, String) {
        let (iri, label, parent) = self.committees[i].clone();
        self.mention(g, 2, i as u32, &iri, &["Committee"], &label);
        let (piri, _) = self.org(g, parent);
        let fresh = self.seen_default.insert((4, i as u32));
        self.batch.push(Quad::new(nn(&iri), rel("partOf"), Term::from(nn(&piri)), g.clone()));
        if fresh {
            self.batch.push(Quad::new(nn(&iri), rel("partOf"), Term::from(nn(&piri)), GraphName::DefaultGraph));
            self.triples += 1;
        }
        (iri, label)
    }

    /// A qualified node with its evidence and its direct edge.
    #[allow(clippy::too_many_arguments)]
    fn fact(&mut self, g: &NamedNode, doc: &str, class: &str, n: usize, quote: &str, pos: &mut u64) -> String {
        let q = format!("{BASE}{}/{:016x}", class.to_lowercase(), self.rng.next());
        self.add(g, &q, &nn(RDF_TYPE), rel(class).into());
        self.add(g, &q, &rel("extractedFrom"), nn(doc).into());
        self.add(g, &q, &rel("evidenceQuote"), lit(quote));
        let len = quote.chars().count() as u64;
        self.add(g, &q, &rel("evidenceStart"), typed(&pos.to_string(), "integer"));
        self.add(g, &q, &rel("evidenceEnd"), typed(&(*pos + len).to_string(), "integer"));
        self.add(g, &q, &rel("evidenceRule"), lit(&format!("list.rule-{}", n % 7)));
        *pos += len + 2;
        q
    }

    /// One person and their profile document.
    fn person(&mut self) {
        let i = self.people;
        self.people += 1;
        let r = &mut self.rng;
        let name = format!(
            "{} {}. {}",
            GIVEN[r.below(GIVEN.len())],
            (b'A' + (r.below(26) as u8)) as char,
            SURNAMES[r.below(SURNAMES.len())]
        );
        let who = format!("{BASE}person/p-{i}");
        let doc = format!("{BASE}doc/profile-{i}");
        let g = nn(&format!("{BASE}graph/profile-{i}"));
        let mut pos = 0u64;
        self.add(&g, &doc, &nn(RDF_TYPE), rel("Document").into());
        self.add(&g, &doc, &rel("sourcePath"), lit(&format!("profiles/p-{i}.txt")));
        let sha = format!("{:016x}{:016x}", self.rng.next(), self.rng.next());
        self.add(&g, &doc, &rel("contentSha256"), lit(&sha));
        self.add(&g, &doc, &rel("loader"), lit("profile"));
        self.add(&g, &doc, &rel("relateVersion"), lit("0.1.0"));
        self.add(&g, &doc, &nn("http://purl.org/dc/terms/title"), lit(&format!("Profile of {name}")));
        self.mention(&g, 0, i as u32, &who, &["Person"], &name);
        let surname = name.rsplit(' ').next().unwrap_or("").to_owned();
        self.add(&g, &who, &nn(ALT), lit(&format!("Dr. {surname}")));

        let positions = 2 + self.rng.below(4);
        for n in 0..positions {
            let committee = self.rng.chance(0.1);
            let (org, org_label) = if committee {
                let c = self.rng.below(600);
                self.committee(&g, c)
            } else {
                let o = self.rng.skewed(3_000);
                self.org(&g, o)
            };
            let role = ROLES[self.rng.below(ROLES.len())];
            let start = 1970 + self.rng.below(50) as i32;
            let end = (self.rng.chance(0.7)).then(|| start + 1 + self.rng.below(15) as i32);
            let quote = match end {
                Some(e) => format!("{role}, {org_label}, {start}-{e}."),
                None => format!("{role}, {org_label}, {start}."),
            };
            let q = self.fact(&g, &doc, "Position", n, &quote, &mut pos);
            self.add(&g, &q, &rel("holder"), nn(&who).into());
            self.add(&g, &q, &rel("organization"), nn(&org).into());
            self.add(&g, &q, &rel("role"), lit(role));
            self.add(&g, &q, &rel("startDate"), year(start));
            if let Some(e) = end {
                self.add(&g, &q, &rel("endDate"), year(e));
            }
            self.add(&g, &q, &rel("ended"), typed(if end.is_some() { "true" } else { "false" }, "boolean"));
            self.add(&g, &who, &rel("holdsPositionAt"), nn(&org).into());
            if self.rng.chance(0.15) {
                if let Some((k, &(slug, label, _, _))) =
                    PRESIDENTS.iter().enumerate().find(|(_, p)| p.2 <= start && start < p.3)
                {
                    let pres = format!("{BASE}person/{slug}");
                    self.mention(&g, 3, k as u32, &pres, &["Person"], label);
                    self.add(&g, &q, &rel("underPresident"), nn(&pres).into());
                    self.add(&g, &who, &rel("servedUnder"), nn(&pres).into());
                }
            }
        }
        for n in 0..1 + self.rng.below(2) {
            let o = 5 * self.rng.skewed(600);
            let (org, org_label) = self.org(&g, o);
            let degree = DEGREES[self.rng.below(DEGREES.len())];
            let field = FIELDS[self.rng.below(FIELDS.len())];
            let y = 1960 + self.rng.below(50) as i32;
            let q = self.fact(&g, &doc, "Education", n, &format!("{degree} - {field} {org_label}"), &mut pos);
            self.add(&g, &q, &rel("student"), nn(&who).into());
            self.add(&g, &q, &rel("institution"), nn(&org).into());
            self.add(&g, &q, &rel("degree"), lit(degree));
            self.add(&g, &q, &rel("field"), lit(field));
            self.add(&g, &q, &rel("year"), year(y));
            self.add(&g, &who, &rel("alumnusOf"), nn(&org).into());
        }
        for n in 0..self.rng.below(3) {
            let o = self.rng.skewed(3_000);
            let (org, org_label) = self.org(&g, o);
            let honour = HONOURS[self.rng.below(HONOURS.len())];
            let y = 1980 + self.rng.below(45) as i32;
            let q = self.fact(&g, &doc, "Award", n, &format!("{honour}, {org_label}, {y}."), &mut pos);
            self.add(&g, &q, &rel("recipient"), nn(&who).into());
            self.add(&g, &q, &rel("conferredBy"), nn(&org).into());
            self.add(&g, &q, &rel("honour"), lit(honour));
            self.add(&g, &q, &rel("year"), year(y));
            self.add(&g, &who, &rel("honouredBy"), nn(&org).into());
        }
        if self.rng.chance(0.5) {
            let c = self.rng.below(600);
            let (org, org_label) = self.committee(&g, c);
            let y = 1990 + self.rng.below(35) as i32;
            let q = self.fact(&g, &doc, "Membership", 0, &format!("Member, {org_label}, since {y}."), &mut pos);
            self.add(&g, &q, &rel("member"), nn(&who).into());
            self.add(&g, &q, &rel("organization"), nn(&org).into());
            self.add(&g, &q, &rel("role"), lit("Member"));
            self.add(&g, &q, &rel("startDate"), year(y));
            self.add(&g, &who, &rel("memberOf"), nn(&org).into());
        }
        if i > 0 && self.rng.chance(0.2) {
            let other = format!("{BASE}person/p-{}", self.rng.below(i));
            let q = self.fact(
                &g,
                &doc,
                "Collaboration",
                0,
                &format!("{name} is collaborating with a colleague on research."),
                &mut pos,
            );
            self.add(&g, &q, &rel("participant"), nn(&who).into());
            self.add(&g, &q, &rel("participant"), nn(&other).into());
            self.add(&g, &q, &rel("topic"), lit("research"));
            self.add(&g, &who, &rel("collaboratesWith"), nn(&other).into());
        }
    }
}

fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// (median, p90, p99, max, mean) in milliseconds.
fn summary(mut v: Vec<f64>) -> (f64, f64, f64, f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0, 0.0, 0.0, 0.0);
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    (at(0.5), at(0.9), at(0.99), at(1.0), mean)
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let target = env("RELATE_BENCH_TRIPLES", 1_000_000);
    let pairs_n = env("RELATE_BENCH_PAIRS", 1_000);
    let dir = tempfile::tempdir().expect("temp dir");
    // RELATE_BENCH_STORE keeps the generated store there (and reuses it on the next run)
    let kept = std::env::var_os("RELATE_BENCH_STORE").map(std::path::PathBuf::from);
    let store_dir = kept.clone().unwrap_or_else(|| dir.path().join("store"));
    println!("# relate path-search benchmark");
    println!();

    // generate and bulk-load
    let triples = if store_dir.join("CURRENT").exists() && kept.is_some() {
        let store = Store::open_read_only(&store_dir).expect("open kept store");
        let n = store.quads_for_pattern(None, None, None, Some(oxigraph::model::GraphNameRef::DefaultGraph)).count();
        println!("reusing the store in {} ({n} triples in the default graph)", store_dir.display());
        n
    } else {
        let t = Instant::now();
        // Oxigraph's bulk loader, on Oxigraph's store: relate writes document by document, and
        // its `Store` hands out no Oxigraph internals
        let store = oxigraph::store::Store::open(&store_dir).expect("open store");
        let mut gen = Gen::new(0x5EED_CAFE_F00D_BEEF);
        let mut loader = store.bulk_loader();
        while gen.triples < target {
            gen.person();
            if gen.batch.len() >= 200_000 {
                loader.load_quads(std::mem::take(&mut gen.batch)).expect("bulk load");
            }
        }
        loader.load_quads(std::mem::take(&mut gen.batch)).expect("bulk load");
        loader.commit().expect("commit");
        let load = t.elapsed();
        // a store built document by document is compacted by RocksDB as it goes; a bulk load
        // leaves many small tables, three to four times slower to read: compact it likewise
        let t = Instant::now();
        store.optimize().expect("compact");
        store.flush().expect("flush");
        println!("compacted in {:.1} s", t.elapsed().as_secs_f64());
        println!("generated {} people, {} triples (default graph; each also in its document's named graph), bulk-loaded in {:.1} s ({:.0} triples/s)", gen.people, gen.triples, load.as_secs_f64(), gen.triples as f64 / load.as_secs_f64());
        gen.triples
    };

    // projection: cold, from a freshly opened read-only store, as `relate path` does
    let store = Store::open_read_only(&store_dir).expect("open read-only");
    let before = rss_bytes();
    let t = Instant::now();
    let p = Projection::from_store(&store).expect("project");
    let projection = t.elapsed();
    let after = rss_bytes();
    let rate = triples as f64 / projection.as_secs_f64();
    println!("projection: {} entities, {} relations in {:.0} ms = {:.2} M triples/s; memory +{:.0} MiB RSS (heap estimate {:.0} MiB)", p.nodes.len(), p.relations.len(), ms(projection), rate / 1e6, (after.saturating_sub(before)) as f64 / 1048576.0, p.heap_bytes() as f64 / 1048576.0);
    // the cache beside the store (written on the first call, read on the second); read-only,
    // as `relate path` opens it, so no compaction changes the files in between
    let _ = std::fs::remove_file(store_dir.join(relate::paths::cache::FILE));
    let t = Instant::now();
    let (_, first) = Projection::cached_with_source(&store).expect("cache write");
    let write = t.elapsed();
    let t = Instant::now();
    let (cached, second) = Projection::cached_with_source(&store).expect("cache read");
    let read = t.elapsed();
    let size = std::fs::metadata(store_dir.join(relate::paths::cache::FILE)).map_or(0, |m| m.len());
    println!(
        "cache: projected and written in {:.0} ms ({first:?}), read back in {:.0} ms ({second:?}), {:.1} MiB on disk",
        ms(write),
        ms(read),
        size as f64 / 1048576.0
    );
    assert_eq!(cached.relations.len(), p.relations.len());

    // random pairs of entities
    let mut rng = Rng(42);
    let n = p.nodes.len();
    let pairs: Vec<(usize, usize)> = (0..pairs_n)
        .map(|_| loop {
            let (a, b) = (rng.below(n), rng.below(n));
            if a != b {
                break (a, b);
            }
        })
        .collect();
    let run = |s: &Search| -> (Vec<f64>, Vec<Option<usize>>) {
        pairs
            .iter()
            .map(|&(a, b)| {
                let t = Instant::now();
                let found = if s.limit == 1 {
                    p.shortest(NodeIndex::new(a), NodeIndex::new(b), s).map(|x| x.len())
                } else {
                    p.paths(NodeIndex::new(a), NodeIndex::new(b), s).first().map(Vec::len)
                };
                (ms(t.elapsed()), found)
            })
            .unzip()
    };
    let default = Search::default();
    let unbounded = Search { max_len: 64, max_degree: usize::MAX, ..Search::default() };
    let top5 = Search { limit: 5, ..Search::default() };
    let (t_def, l_def) = run(&default);
    let (t_unb, l_unb) = run(&unbounded);
    let (t_top, l_top) = run(&top5);
    let found = |l: &[Option<usize>]| l.iter().filter(|x| x.is_some()).count();
    let mean_len = |l: &[Option<usize>]| l.iter().flatten().sum::<usize>() as f64 / found(l).max(1) as f64;
    let (m1, p90_1, p99_1, max1, _) = summary(t_def.clone());
    let (m2, p90_2, p99_2, max2, mean2) = summary(t_unb.clone());
    let (m3, p90_3, p99_3, max3, _) = summary(t_top.clone());
    println!();
    println!("| search ({pairs_n} random pairs) | found | mean hops | median µs | p90 µs | p99 µs | max µs |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let us = |x: f64| x * 1e3;
    println!(
        "| shortest, defaults (≤ 4 hops, hubs > 200 skipped) | {} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} |",
        found(&l_def),
        mean_len(&l_def),
        us(m1),
        us(p90_1),
        us(p99_1),
        us(max1)
    );
    println!(
        "| shortest, unbounded, no hub rule | {} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} |",
        found(&l_unb),
        mean_len(&l_unb),
        us(m2),
        us(p90_2),
        us(p99_2),
        us(max2)
    );
    println!(
        "| top-5 diversified, defaults | {} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} |",
        found(&l_top),
        mean_len(&l_top),
        us(m3),
        us(p90_3),
        us(p99_3),
        us(max3)
    );

    // networkx on the same edge list and pairs
    println!();
    let edges = dir.path().join("edges.tsv");
    let pairs_file = dir.path().join("pairs.tsv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&edges).expect("edges file"));
        let mut seen = HashSet::new();
        for r in &p.relations {
            let (a, b) = (r.source.index().min(r.target.index()), r.source.index().max(r.target.index()));
            if seen.insert((a, b)) {
                writeln!(w, "{a}\t{b}").expect("write edges");
            }
        }
        let mut w = std::io::BufWriter::new(std::fs::File::create(&pairs_file).expect("pairs file"));
        for (a, b) in &pairs {
            writeln!(w, "{a}\t{b}").expect("write pairs");
        }
    }
    let python = std::env::var("RELATE_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches").join("paths_networkx.py");
    let out = std::process::Command::new(&python).arg(&script).arg(&edges).arg(&pairs_file).arg(n.to_string()).output();
    let ok = matches!(&out, Ok(o) if o.status.success());
    let mut passed_nx = None;
    match out {
        Ok(o) if ok => {
            let text = String::from_utf8_lossy(&o.stdout);
            let v: serde_json::Value = serde_json::from_str(text.trim()).expect("networkx script prints JSON");
            let nx_median = v["median_ms"].as_f64().unwrap_or(0.0);
            let nx_mean = v["mean_ms"].as_f64().unwrap_or(0.0);
            let lengths: Vec<i64> = v["lengths"]
                .as_array()
                .map(|a| a.iter().map(|x| x.as_i64().unwrap_or(-1)).collect())
                .unwrap_or_default();
            let agree = lengths.iter().zip(&l_unb).filter(|(nxl, ours)| **nxl == ours.map_or(-1, |x| x as i64)).count();
            let speedup = nx_median / m2.max(1e-9);
            passed_nx = Some(speedup);
            println!("networkx {} (shortest_path, bidirectional BFS) on the same {} edges: graph built in {:.1} s; median {:.1} µs, mean {:.1} µs; path lengths agree on {agree}/{} pairs", v["version"].as_str().unwrap_or("?"), v["edges"], v["build_s"].as_f64().unwrap_or(0.0), nx_median * 1e3, nx_mean * 1e3, pairs.len());
            println!("relate vs networkx, same search (unbounded, no hub rule): {speedup:.0}× faster at the median, {:.0}× on the mean", nx_mean / mean2.max(1e-9));
        }
        Ok(o) => println!(
            "networkx comparison skipped: {} {} failed ({}); `pip install networkx` to run it",
            python,
            script.display(),
            String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or("no output")
        ),
        Err(e) => println!("networkx comparison skipped: cannot run {python} ({e})"),
    }

    println!();
    println!("targets: projection ≥ 1 M triples/s: {} ({:.2} M/s); shortest path median < 5 ms: {} ({:.1} µs defaults, {:.1} µs unbounded); ≥ 20× networkx: {}", if rate >= 1e6 { "met" } else { "NOT met" }, rate / 1e6, if m1 < 5.0 && m2 < 5.0 { "met" } else { "NOT met" }, m1 * 1e3, m2 * 1e3, passed_nx.map_or("not measured".to_owned(), |s| format!("{} ({s:.0}×)", if s >= 20.0 { "met" } else { "NOT met" })));
}
