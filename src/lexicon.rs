//! Vocabularies the loaders read: honorifics, post-nominals, organisation head words, role
//! titles, degrees, section headings, places, given names. They live as text files under
//! `data/lexicon/` and are embedded at build time; files of the same names in the directory named
//! by `RELATE_LEXICON_DIR` extend them at run time, so a new role title or head word needs no
//! recompilation. Nothing here knows a particular person or institution.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use crate::error::{Error, Result};

/// The kind of an organisation named by a head word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKind {
    /// A general organisation (`schema:Organization`).
    Organization,
    /// A school, college or university.
    Educational,
    /// A hospital, clinic or medical centre.
    Medical,
    /// A government body: a department, agency or office.
    Government,
    /// A company.
    Company,
    /// A newspaper, magazine or other news outlet.
    News,
    /// A committee, board, panel or council.
    Committee,
    /// A law or act.
    Legislation,
}

impl OrgKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "organization" => OrgKind::Organization,
            "educational" => OrgKind::Educational,
            "medical" => OrgKind::Medical,
            "government" => OrgKind::Government,
            "company" => OrgKind::Company,
            "news" => OrgKind::News,
            "committee" => OrgKind::Committee,
            "legislation" => OrgKind::Legislation,
            _ => return None,
        })
    }
}

/// What a clause with this verb says about a post (`data/lexicon/verbs.vocab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbClass {
    /// someone is given a post: "named", "was chosen as", "tapped"
    Appoint,
    /// someone takes a post another held: "will succeed", "replaces"
    Succeed,
    /// a post ends: "will step down", "resigned", "retired"
    Leave,
    /// a post at an organisation begins: "joined"
    Join,
    /// a post is held: "leads", "has headed"
    Hold,
    /// a post is taken or held, its role after the verb: "became", "will serve as"
    Become,
    /// someone tells what happened: "O announced that ...", "O said ..."; the organisation that
    /// tells of a post it does not name is the post's
    Report,
    /// a post is to be filled and no one holds it yet: "its search for a new dean", "is seeking
    /// a chief executive"
    Seek,
}

/// The form of a verb as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbShape {
    /// The base form: "lead".
    Base,
    /// The third person singular: "leads".
    Third,
    /// The past tense: "led".
    Past,
    /// The past participle: "led", "chosen".
    Participle,
    /// a regular "-ed" form: past tense or past participle
    PastOrParticiple,
    /// The "-ing" form: "leading".
    Gerund,
}

/// One written form of a verb of `verbs.vocab`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// The verb's base form.
    pub lemma: String,
    /// What a clause with it says about a post.
    pub class: VerbClass,
    /// Which form this is.
    pub shape: VerbShape,
    /// "down" in "step down": the particle that must follow
    pub particle: Option<String>,
    /// the lemma is also a noun ("head", "chair"): its base form is a verb only after an auxiliary
    pub noun_too: bool,
    /// the third-person form, the key of `verb-roles.vocab`
    pub third: String,
}

/// The sex a given name, an honorific or a pronoun names: which person "she" or "he" can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Female: "she", "her".
    Female,
    /// Male: "he", "his".
    Male,
}

impl Sex {
    /// The sex a personal pronoun names ("she", "his"); `None` for any other word.
    #[must_use]
    pub fn of_pronoun(word: &str) -> Option<Sex> {
        match word {
            "she" | "her" | "hers" | "herself" => Some(Sex::Female),
            "he" | "him" | "his" | "himself" => Some(Sex::Male),
            _ => None,
        }
    }

    /// The sex an honorific names ("Mrs.", "Mr"); `None` for "Dr." and the rest.
    #[must_use]
    pub fn of_honorific(word: &str) -> Option<Sex> {
        match fold(word).as_str() {
            "ms" | "mrs" | "miss" | "madam" | "dame" | "lady" => Some(Sex::Female),
            "mr" | "sir" | "lord" => Some(Sex::Male),
            _ => None,
        }
    }
}

/// What the items of a profile section hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Posts held ("Professional highlights", "Experience", "Career").
    Positions,
    /// Academic appointments ("Primary appointment", "Joint appointment").
    Appointments,
    /// Academic rank ("Academic rank").
    Rank,
    /// Degrees and training ("Education", "Training").
    Education,
    /// Honours and awards ("Honors", "Awards").
    Awards,
    /// Memberships ("Memberships", "Committees").
    Memberships,
    /// Page furniture, nothing to read ("Related articles", "Publications", "Footer").
    Noise,
}

/// All vocabularies, lowercased where matching is case-insensitive.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Honorifics before a name ("dr", "mr", "prof"), folded (`honorifics.vocab`).
    pub honorifics: HashSet<String>,
    /// title (lowercase, no period) ▶ is it a head-of-state title
    pub name_titles: HashMap<String, bool>,
    /// an abbreviated title (lowercase, no period) ▶ the title written out ("gov" ▶ "Governor")
    pub title_in_full: HashMap<String, String>,
    /// Post-nominal letters ("md", "phd"), folded (`post-nominals.vocab`).
    pub post_nominals: HashSet<String>,
    /// head word(s) lowercase ▶ kind; multi-word heads have their words joined by one space
    pub org_heads: HashMap<String, OrgKind>,
    /// Role head words, the last word of a post's title ("president", "co-chair"), lowercase
    /// (`roles.vocab`).
    pub roles: HashSet<String>,
    /// roles held in a board or committee itself ("chair", "member"): in its roster, the
    /// organisation after such a role is the member's employer
    pub body_roles: HashSet<String>,
    /// Words that qualify a role ("deputy", "acting"), lowercase (`role-modifiers.vocab`).
    pub role_modifiers: HashSet<String>,
    /// surface (lowercase, no periods) ▶ canonical degree
    pub degrees: HashMap<String, String>,
    /// Words that mark an item as an award rather than a post ("award", "prize"), lowercase
    /// (`award-words.vocab`).
    pub award_words: Vec<String>,
    /// Section headings (lowercase, matched as a prefix) and what their items hold (`sections.vocab`).
    pub sections: Vec<(String, SectionKind)>,
    /// Phrases that start a line of page furniture, not content, lowercase (`noise-phrases.vocab`).
    pub noise_phrases: Vec<String>,
    /// Function words that begin sentences and never begin a name ("a", "at"), lowercase
    /// (`function-words.vocab`).
    pub function_words: HashSet<String>,
    /// word ▶ replacement ("" drops it)
    pub org_synonyms: HashMap<String, String>,
    /// Words whose period does not end a sentence ("Dr", "Inc"), as written (`abbreviations.vocab`).
    pub abbreviations: HashSet<String>,
    /// Places typed `rel:Place` when named: countries, US states, large cities (`places.vocab`).
    pub places: HashSet<String>,
    /// Common given names, to recognise a person's name without an honorific (`given-names.vocab`).
    pub given_names: HashSet<String>,
    /// given name ▶ the sex it names, for names that name only one
    pub name_sex: HashMap<String, Sex>,
    /// verb ▶ role it implies ("leads" ▶ "leader")
    pub verb_roles: HashMap<String, String>,
    /// Verbs whose organisation comes after a word, not straight after the verb ("taught
    /// pathology at O"): verb ▶ that word.
    pub verb_prepositions: HashMap<String, String>,
    /// words after a possessive that make the owner a cited source ("X's report")
    pub source_words: HashSet<String>,
    /// words that make a name a governing body's ("Board of Regents")
    pub governing_bodies: HashSet<String>,
    /// words before a title that describe its holder ("the first woman president")
    pub holder_descriptors: HashSet<String>,
    /// plural nouns for the people a body lists ("Members", "Commissioners")
    pub group_words: HashSet<String>,
    /// nouns for one put forward for a post ("as his nominee to head O")
    pub nominee_words: HashSet<String>,
    /// words before a title that say the level of government, not an organisation ("State Sen.")
    pub office_levels: HashSet<String>,
    /// words that open a list item's post and say how the person comes to it ("Nominee for")
    pub post_prefixes: Vec<String>,
    /// words joined to a name by a hyphen that make it an adjective ("Annapolis-based")
    pub compound_suffixes: HashSet<String>,
    /// words that open a place's name ("Santa", "Fort")
    pub place_prefixes: HashSet<String>,
    /// written form (lowercase) ▶ the verbs it can be
    pub verbs: HashMap<String, Vec<VerbForm>>,
    /// Persons and organisations of the reference data (`data/reference/`, `--reference`,
    /// `RELATE_REFERENCE`): resolution resolves names to them, and the names given by the user's
    /// reference data are recognised in documents.
    pub reference: crate::reference::Reference,
    /// The entity tagger's view of these vocabularies, built on first use.
    ner: std::sync::OnceLock<crate::loader::ner::NerLexicon>,
}

macro_rules! builtin {
    ($name:literal) => {
        ($name, include_str!(concat!("../data/lexicon/", $name)))
    };
}

const FILES: &[(&str, &str)] = &[
    builtin!("honorifics.vocab"),
    builtin!("name-titles.vocab"),
    builtin!("post-nominals.vocab"),
    builtin!("org-heads.vocab"),
    builtin!("roles.vocab"),
    builtin!("body-roles.vocab"),
    builtin!("role-modifiers.vocab"),
    builtin!("degrees.vocab"),
    builtin!("award-words.vocab"),
    builtin!("sections.vocab"),
    builtin!("noise-phrases.vocab"),
    builtin!("function-words.vocab"),
    builtin!("org-synonyms.vocab"),
    builtin!("abbreviations.vocab"),
    builtin!("places.vocab"),
    builtin!("given-names.vocab"),
    builtin!("given-names-sex.vocab"),
    builtin!("verb-roles.vocab"),
    builtin!("source-words.vocab"),
    builtin!("governing-bodies.vocab"),
    builtin!("holder-descriptors.vocab"),
    builtin!("post-prefixes.vocab"),
    builtin!("nominee-words.vocab"),
    builtin!("office-levels.vocab"),
    builtin!("group-words.vocab"),
    builtin!("compound-suffixes.vocab"),
    builtin!("place-prefixes.vocab"),
    builtin!("verbs.vocab"),
];

/// Whether the shipped reference data's names are recognised in documents as the user's are.
/// They are not: the presidents' names are read by the title and name rules, and the list is used
/// for resolution (and, with their terms of office, for path search's dates: [`crate::reference::presidents`]).
const RECOGNISE_SHIPPED: bool = false;

/// Lowercase and drop periods: how titles, post-nominals and degrees are compared.
#[must_use]
pub fn fold(s: &str) -> String {
    s.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect()
}

fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn pair(line: &str) -> (&str, &str) {
    match line.split_once('|') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (line.trim(), ""),
    }
}

impl Lexicon {
    /// The vocabularies shipped with relate, extended from `RELATE_LEXICON_DIR` when it is set.
    ///
    /// # Errors
    /// A file in `RELATE_LEXICON_DIR` cannot be read or has an unknown kind.
    pub fn load() -> Result<Self> {
        let mut lex = match std::env::var_os("RELATE_LEXICON_DIR") {
            Some(dir) => Self::with_dir(Path::new(&dir))?,
            None => Self::with_dir_opt(None)?,
        };
        // directories of reference data, as PATH lists them
        if let Some(dirs) = std::env::var_os("RELATE_REFERENCE") {
            for dir in std::env::split_paths(&dirs).filter(|d| !d.as_os_str().is_empty()) {
                lex.reference.add_dir(&dir)?;
            }
        }
        Ok(lex)
    }

    /// Adds the reference data in the RDF files under `dir` (see [`crate::reference`]).
    ///
    /// # Errors
    /// The directory holds no RDF file, or one that is not valid.
    pub fn with_reference(mut self, dir: &Path) -> Result<Self> {
        self.reference.add_dir(dir)?;
        Ok(self)
    }

    /// The builtin vocabularies plus the same-named files found in `dir`.
    ///
    /// # Errors
    /// A file in `dir` cannot be read or has an unknown kind.
    pub fn with_dir(dir: &Path) -> Result<Self> {
        Self::with_dir_opt(Some(dir))
    }

    fn with_dir_opt(dir: Option<&Path>) -> Result<Self> {
        let mut lex = Lexicon::default();
        for (name, text) in crate::reference::SHIPPED {
            lex.reference.add_file(Path::new(name), text.as_bytes(), RECOGNISE_SHIPPED)?;
        }
        for (name, text) in FILES {
            lex.add(name, text)?;
            if let Some(dir) = dir {
                let path = dir.join(name);
                if path.exists() {
                    let extra =
                        std::fs::read_to_string(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
                    lex.add(name, &extra)?;
                }
            }
        }
        Ok(lex)
    }

    fn add(&mut self, name: &str, text: &str) -> Result<()> {
        let bad = |line: &str| Error::Data {
            what: format!("lexicon {name}"),
            message: format!("cannot read entry {line:?}; see the file's header for its format"),
        };
        for line in entries(text) {
            let (a, b) = pair(line);
            match name {
                "honorifics.vocab" => {
                    self.honorifics.insert(fold(a));
                }
                "name-titles.vocab" => {
                    let (kind, full) = pair(b);
                    self.name_titles.insert(fold(a), kind == "president");
                    if !full.is_empty() {
                        self.title_in_full.insert(fold(a), full.to_owned());
                    }
                }
                "post-nominals.vocab" => {
                    self.post_nominals.insert(fold(a));
                }
                "org-heads.vocab" => {
                    let kind = OrgKind::parse(b).ok_or_else(|| bad(line))?;
                    self.org_heads.insert(a.to_lowercase(), kind);
                }
                "roles.vocab" => {
                    self.roles.insert(a.to_lowercase());
                }
                "body-roles.vocab" => {
                    self.body_roles.insert(a.to_lowercase());
                }
                "role-modifiers.vocab" => {
                    self.role_modifiers.insert(a.to_lowercase());
                }
                "degrees.vocab" => {
                    self.degrees.insert(fold(a), b.to_owned());
                }
                "award-words.vocab" => self.award_words.push(a.to_lowercase()),
                "sections.vocab" => {
                    let kind = match b {
                        "positions" => SectionKind::Positions,
                        "appointments" => SectionKind::Appointments,
                        "rank" => SectionKind::Rank,
                        "education" => SectionKind::Education,
                        "awards" => SectionKind::Awards,
                        "memberships" => SectionKind::Memberships,
                        "noise" => SectionKind::Noise,
                        _ => return Err(bad(line)),
                    };
                    self.sections.push((a.to_lowercase(), kind));
                }
                "noise-phrases.vocab" => self.noise_phrases.push(a.to_lowercase()),
                "function-words.vocab" => {
                    self.function_words.insert(a.to_lowercase());
                }
                "org-synonyms.vocab" => {
                    self.org_synonyms.insert(a.to_lowercase(), b.to_lowercase());
                }
                "abbreviations.vocab" => {
                    self.abbreviations.insert(a.to_owned());
                }
                "places.vocab" => {
                    self.places.insert(a.to_owned());
                }
                "source-words.vocab" => {
                    self.source_words.insert(a.to_lowercase());
                }
                "governing-bodies.vocab" => {
                    self.governing_bodies.insert(a.to_lowercase());
                }
                "holder-descriptors.vocab" => {
                    self.holder_descriptors.insert(a.to_lowercase());
                }
                "post-prefixes.vocab" => self.post_prefixes.push(a.to_lowercase()),
                "group-words.vocab" => {
                    self.group_words.insert(a.to_lowercase());
                }
                "nominee-words.vocab" => {
                    self.nominee_words.insert(a.to_lowercase());
                }
                "office-levels.vocab" => {
                    self.office_levels.insert(a.to_lowercase());
                }
                "compound-suffixes.vocab" => {
                    self.compound_suffixes.insert(a.to_lowercase());
                }
                "place-prefixes.vocab" => {
                    self.place_prefixes.insert(a.to_owned());
                }
                "verb-roles.vocab" => {
                    let (role, prep) = pair(b);
                    self.verb_roles.insert(a.to_lowercase(), role.to_owned());
                    if !prep.is_empty() {
                        self.verb_prepositions.insert(a.to_lowercase(), prep.to_lowercase());
                    }
                }
                "verbs.vocab" => self.add_verb(line).ok_or_else(|| bad(line))?,
                "given-names.vocab" => {
                    self.given_names.insert(a.to_owned());
                }
                "given-names-sex.vocab" => {
                    let sex = match b {
                        "f" => Sex::Female,
                        "m" => Sex::Male,
                        _ => return Err(bad(line)),
                    };
                    self.name_sex.insert(a.to_owned(), sex);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The word classes the entity tagger reads as features (given names, head words,
    /// honorifics, roles, places), built once.
    #[must_use]
    pub fn ner_lexicon(&self) -> &crate::loader::ner::NerLexicon {
        self.ner.get_or_init(|| {
            crate::loader::ner::NerLexicon::new(
                self.given_names.iter().map(String::as_str),
                self.org_heads.keys().map(String::as_str),
                self.honorifics.iter().map(String::as_str),
                self.roles.iter().map(String::as_str),
                self.places.iter().map(String::as_str),
            )
        })
    }

    /// Reads a line of `verbs.vocab`: `lemma | class [| forms [| noun]]`.
    fn add_verb(&mut self, line: &str) -> Option<()> {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let (lemma, class) = (cols.first()?.to_lowercase(), *cols.get(1)?);
        let class = match class {
            "appoint" => VerbClass::Appoint,
            "succeed" => VerbClass::Succeed,
            "leave" => VerbClass::Leave,
            "join" => VerbClass::Join,
            "hold" => VerbClass::Hold,
            "report" => VerbClass::Report,
            "seek" => VerbClass::Seek,
            "become" => VerbClass::Become,
            _ => return None,
        };
        let noun_too = cols.get(3).is_some_and(|c| *c == "noun");
        let (verb, particle) = match lemma.split_once(' ') {
            Some((v, p)) => (v.to_owned(), Some(p.to_owned())),
            None => (lemma.clone(), None),
        };
        let given: Vec<&str> = cols.get(2).map(|c| c.split_whitespace().collect()).unwrap_or_default();
        let stem = verb.strip_suffix('e').unwrap_or(&verb);
        let (third, participle, gerund, past) = match given.as_slice() {
            [t, p, g] => ((*t).to_owned(), (*p).to_owned(), (*g).to_owned(), (*p).to_owned()),
            [t, p, g, past] => ((*t).to_owned(), (*p).to_owned(), (*g).to_owned(), (*past).to_owned()),
            [] => {
                let ed = if verb.ends_with('e') { format!("{verb}d") } else { format!("{verb}ed") };
                (format!("{verb}s"), ed.clone(), format!("{stem}ing"), ed)
            }
            _ => return None,
        };
        let mut put = |form: &str, shape: VerbShape| {
            let forms = self.verbs.entry(form.to_owned()).or_default();
            let entry = VerbForm {
                lemma: lemma.clone(),
                class,
                shape,
                particle: particle.clone(),
                noun_too,
                third: third.clone(),
            };
            if !forms.contains(&entry) {
                forms.push(entry);
            }
        };
        put(&verb, VerbShape::Base);
        put(&third, VerbShape::Third);
        put(&gerund, VerbShape::Gerund);
        if past == participle {
            put(&past, if past == verb { VerbShape::Base } else { VerbShape::PastOrParticiple });
        } else {
            put(&past, VerbShape::Past);
            put(&participle, VerbShape::Participle);
        }
        Some(())
    }

    /// The kind of section a heading opens, if known.
    #[must_use]
    pub fn section(&self, heading: &str) -> Option<SectionKind> {
        let h = heading.trim().trim_end_matches(':').to_lowercase();
        self.sections.iter().find(|(k, _)| h.starts_with(k.as_str())).map(|&(_, kind)| kind)
    }

    /// Is the word a given name: one of the list (accents aside: "António"), or two of them
    /// joined by a hyphen ("Mary-Claire", "Jean-Luc")?
    #[must_use]
    pub fn is_given_name(&self, word: &str) -> bool {
        let one = |w: &str| {
            self.given_names.contains(w) || !w.is_ascii() && self.given_names.contains(&deunicode::deunicode(w))
        };
        one(word) || word.split_once('-').is_some_and(|(a, b)| one(a) && one(b))
    }

    /// Does the text contain an award word (as whole words)?
    #[must_use]
    pub fn has_award_word(&self, text: &str) -> bool {
        let t = format!(" {} ", words_lower(text));
        self.award_words.iter().any(|w| t.contains(&format!(" {w} ")))
    }

    /// Is this line page furniture?
    #[must_use]
    pub fn is_noise_line(&self, line: &str) -> bool {
        let l = line.trim().to_lowercase();
        self.noise_phrases.iter().any(|p| l.starts_with(p.as_str()))
    }

    /// The length of the words opening `text` that say how someone comes to a post ("Nominee
    /// for "), with the space after them; 0 when none do.
    #[must_use]
    pub fn post_prefix_len(&self, text: &str) -> usize {
        let lower = text.to_lowercase();
        self.post_prefixes
            .iter()
            .filter(|p| {
                lower.starts_with(p.as_str()) && lower[p.len()..].starts_with(' ') && text.is_char_boundary(p.len())
            })
            .map(|p| p.len() + 1)
            .max()
            .unwrap_or(0)
    }

    /// The canonical degree for a surface form, if it is one.
    #[must_use]
    pub fn degree(&self, surface: &str) -> Option<&str> {
        self.degrees.get(&fold(surface.trim())).map(String::as_str)
    }

    /// Whether an organisation's name names a governing body: "Board of Regents", "IU Board of
    /// Trustees" (`governing-bodies.vocab`).
    #[must_use]
    pub fn is_governing_body(&self, name: &str) -> bool {
        name.split(|c: char| !c.is_alphanumeric()).any(|w| self.governing_bodies.contains(&w.to_lowercase()))
    }

    /// The organisation kind named by the head words in `name`, if any (the last head wins,
    /// except that a committee-like head anywhere makes a committee).
    #[must_use]
    pub fn org_kind(&self, name: &str) -> Option<OrgKind> {
        let words: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
            .collect();
        let mut found = None;
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            for len in (1..=2).rev() {
                if i + len > words.len() {
                    continue;
                }
                let key = words[i..i + len].join(" ");
                if let Some(&k) = self.org_heads.get(&key) {
                    if found != Some(OrgKind::Committee) && found != Some(OrgKind::Legislation) {
                        found = Some(k);
                    }
                    step = len;
                    break;
                }
            }
            i += step;
        }
        found
    }

    /// Whether a name is only a title: "Solicitor General", "Chair Emerita", "Vice President".
    #[must_use]
    pub fn is_title_phrase(&self, name: &str) -> bool {
        let lower = name.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        !words.is_empty()
            && (self.roles.contains(&lower)
                || self.name_titles.contains_key(&fold(name.trim()))
                || words.iter().all(|w| self.roles.contains(*w) || self.role_modifiers.contains(*w)))
    }

    /// Whether an organisation's name ends its core (the words before "of", "for", "on", "in"
    /// or "and") in a head word: "Tarrow Institute of Standards", "Acme Holding Company" do;
    /// "Laboratory Programs", where the head word only qualifies the last word, does not.
    #[must_use]
    pub fn core_ends_in_head(&self, name: &str) -> bool {
        let core: Vec<&str> = name
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .take_while(|w| !matches!(*w, "of" | "for" | "on" | "in" | "and" | "&"))
            .collect();
        let n = core.len();
        let head = |ws: &[&str]| {
            let key = ws.iter().map(|w| w.trim_end_matches('.').to_lowercase()).collect::<Vec<_>>().join(" ");
            self.org_heads.contains_key(&key)
        };
        n >= 1 && head(&core[n - 1..]) || n >= 2 && head(&core[n - 2..])
    }

    /// The key under which two spellings of one organisation name meet.
    #[must_use]
    pub fn org_key(&self, name: &str) -> String {
        // "University of Texas-Houston" is the University of Texas: a campus after a hyphen
        let name = match name.rsplit_once('-') {
            Some((main, place)) if self.places.contains(place.trim()) && main.split_whitespace().count() >= 2 => main,
            _ => name,
        };
        let lower = deunicode::deunicode(name).to_lowercase().replace('&', " & ");
        let lower = lower.replace("'s ", " ").replace("u.s.", "u.s. ");
        let mut out: Vec<String> = Vec::new();
        let text = lower.replace("united states", "us");
        for raw in text.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/') {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
            if w.is_empty() {
                continue;
            }
            let w = w.trim_end_matches('.');
            match self.org_synonyms.get(w).or_else(|| self.org_synonyms.get(&format!("{w}."))) {
                Some(r) if r.is_empty() => {}
                Some(r) => out.push(r.clone()),
                None => out.push(w.replace('.', "")),
            }
        }
        out.join(" ")
    }
}

/// Lowercase words separated by single spaces, punctuation dropped.
#[must_use]
pub fn words_lower(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads_and_classifies() {
        let lex = Lexicon::load().unwrap();
        assert_eq!(lex.org_kind("Northfield Medical School"), Some(OrgKind::Educational));
        assert_eq!(lex.org_kind("Flood Relief Healthcare Coalition"), Some(OrgKind::Committee));
        assert_eq!(lex.org_kind("Some Words"), None);
        assert_eq!(lex.degree("M.D."), Some("MD"));
        assert_eq!(lex.section("Professional highlights"), Some(SectionKind::Positions));
    }

    #[test]
    fn near_identical_names_share_a_key() {
        let lex = Lexicon::load().unwrap();
        assert_eq!(
            lex.org_key("Healthcare Data Exchange Standards Committee"),
            lex.org_key("Health Data Exchange Standards Committee")
        );
        assert_eq!(
            lex.org_key("U.S. Department of Parks and Rural Affairs"),
            lex.org_key("Department of Parks & Rural Affairs")
        );
        assert_ne!(lex.org_key("Northfield Medical School"), lex.org_key("Northfield University"));
    }

    #[test]
    fn a_lexicon_directory_extends_the_builtin_lists() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("org-heads.vocab"), "Guild | organization\n").unwrap();
        let lex = Lexicon::with_dir(dir.path()).unwrap();
        assert_eq!(lex.org_kind("Weavers Guild"), Some(OrgKind::Organization));
        std::fs::write(dir.path().join("org-heads.vocab"), "Guild | nonsense\n").unwrap();
        assert!(Lexicon::with_dir(dir.path()).is_err());
    }

    #[test]
    fn two_given_names_joined_by_a_hyphen_are_a_given_name() {
        let lex = Lexicon::load().unwrap();
        assert!(lex.is_given_name("Mary") && lex.is_given_name("Mary-Claire"));
        // written with its accents, a listed name is still the name
        assert!(lex.is_given_name("António") && lex.is_given_name("José") && !lex.is_given_name("Ñandú"));
        assert!(!lex.is_given_name("Mary-Tarrowby") && !lex.is_given_name("Burch-Brown"));
    }
}
