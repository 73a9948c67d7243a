//! `prose.role-of-org`: role phrases: "R of/at O", "O R P", "As R of O under President P, S ..."

use super::view::*;

use super::super::resolve::Context;
use super::super::time::{self, When};
use super::super::{EntityId, Fact, Kind};
use crate::lexicon::VerbClass;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { text, a, toks, lower, ments, unknown, subject, span, under, .. } = *v;
    let tok_at = |pos: usize| v.tok_at(pos);
    let ment_at = |ti: usize| v.ment_at(ti);
    let actor_before = |ti: usize| v.actor_before(ti);
    let negated = |ti: usize| v.negated(ti);
    let pending = &mut out.pending;
    let orphans = &mut out.orphans;

    // who holds a post named after an actor: not the one who gives it ("President P nominated
    // Y as R", "Y was nominated by President P as R")
    // the previous role phrase's end and the posts it gave: "its president and CEO" gives the
    // second role the first one's holder, organisation and years
    let mut last: Option<(usize, Vec<Fact>)> = None;
    let mut ti = 0;
    while ti < toks.len() {
        let w = &lower[ti];
        // "Secretary General", "Attorney General": a title whose last word is no role alone
        let two_word =
            |k: usize| k + 1 < lower.len() && cx.lex.roles.contains(&format!("{} {}", lower[k], lower[k + 1]));
        let is_head = (cx.lex.roles.contains(w.as_str()) || ti > 0 && two_word(ti - 1))
            && !matches!(w.as_str(), "member" | "fellow");
        if !is_head
            || ment_at(ti).is_some_and(|x| matches!(x.kind, Kind::Org(_) | Kind::Person)) && !toks[ti].is_acronym()
        {
            ti += 1;
            continue;
        }
        // "Chief Data Officer": a head that opens a longer title gives way to the title's end
        let longer = (ti + 1..(ti + 4).min(toks.len()))
            .take_while(|&k| {
                toks[k].is_word()
                    && (toks[k].is_capitalised()
                        || cx.lex.role_modifiers.contains(lower[k].as_str())
                        || cx.lex.roles.contains(lower[k].as_str()))
            })
            .any(|k| cx.lex.roles.contains(lower[k].as_str()))
            || two_word(ti);
        if longer {
            ti += 1;
            continue;
        }
        // role phrase: modifiers to the left
        let mut rs = ti;
        while rs > 0 {
            let p = &lower[rs - 1];
            let tok = &toks[rs - 1];
            // capitalised words belong to the title ("International Healthcare Innovation
            // Professor"), an acronym does not ("NRI director"): it names the organisation
            // "chief ethics officer", "senior policy adviser": a plain word between a title's
            // modifier and its head
            let inner_word = rs >= 2
                && tok.is_word()
                && !tok.is_capitalised()
                && p.chars().all(char::is_alphabetic)
                && !cx.lex.function_words.contains(p.as_str())
                && rs == ti
                && cx.lex.role_modifiers.contains(lower[rs - 2].as_str());
            // "the panel's staff director": a plain word right after an owner's possessive
            let after_owner = rs >= 2
                && rs == ti
                && tok.is_word()
                && !tok.is_capitalised()
                && p.chars().all(char::is_alphabetic)
                && !cx.lex.function_words.contains(p.as_str())
                && matches!(toks[rs - 2].text, "'s" | "’s");
            let modifier = cx.lex.role_modifiers.contains(p.as_str())
                || inner_word
                || after_owner
                || p.starts_with("co-")
                || (tok.is_capitalised()
                    && tok.is_word()
                    && !tok.is_acronym()
                    && ment_at(rs - 1).is_none()
                    && !cx.lex.function_words.contains(p.as_str())
                    && rs - 1 > 0);
            if !modifier {
                break;
            }
            rs -= 1;
        }
        // "Advisor to the Chairman of O": the title is the whole, held by the one who serves
        if rs >= 3 && lower[rs - 1] == "the" && lower[rs - 2] == "to" && cx.lex.roles.contains(lower[rs - 3].as_str()) {
            rs -= 3;
            while rs > 0 && cx.lex.role_modifiers.contains(lower[rs - 1].as_str()) {
                rs -= 1;
            }
        }
        let mut re = ti + 1;
        // a role in lowercase before a capitalised name ("chief digital officer of Bayview
        // Health") is followed by its organisation; a capitalised title by its field ("Professor
        // of Information Science")
        let org_named_after = lower.get(re).is_some_and(|n| n == "of")
            && !toks[ti].is_capitalised()
            && toks.get(re + 1).is_some_and(|t| t.is_word() && t.is_capitalised());
        // "Associate Director for Laboratory Programs": after "for", a name with no head word
        // and no initials is the post's portfolio, not an organisation
        let portfolio = lower.get(re).is_some_and(|n| n == "for")
            && ment_at(re + 1).is_some_and(|x| matches!(x.kind, Kind::Org(_)) && weak_org(cx, toks, &x.m));
        // "professor of pathology", "associate dean for technology" (not "of <organisation>")
        let place_adjective = crate::loader::mention::place_adjective_end(toks, cx.lex, re + 1).is_some();
        if !org_named_after
            && !place_adjective
            && lower.get(re).is_some_and(|n| n == "of" || n == "for")
            && (ment_at(re + 1).is_none() || portfolio)
            && lower
                .get(re + 1)
                .is_none_or(|n| !matches!(n.as_str(), "the" | "its" | "their" | "his" | "her" | "a" | "an"))
        {
            let mut k = re + 1;
            let starts_name =
                |k: usize| toks.get(k + 1).is_some_and(|t| t.text.ends_with("'s") || t.text.ends_with("’s"));
            while k < toks.len()
                && toks[k].is_word()
                && (ment_at(k).is_none() || portfolio && ment_at(k).is_some_and(|x| x.m.first_token <= re + 1))
                && !starts_name(k)
                && !matches!(
                    lower[k].as_str(),
                    "at" | "in" | "of" | "and" | "for" | "under" | "from" | "since" | "to" | "with"
                )
            {
                k += 1;
            }
            if k > re + 1 {
                re = k;
            }
        }
        // "its search for a new dean of O", "is seeking a president": a post to be filled
        let mut b = rs;
        while b > 0
            && rs - b < 3
            && matches!(lower[b - 1].as_str(), "a" | "an" | "new" | "its" | "their" | "next" | "the")
        {
            b -= 1;
        }
        if b > 0 && lower[b - 1] == "for" {
            b -= 1;
        }
        let sought = b < rs
            && b > 0
            && cx.lex.verbs.get(lower[b - 1].as_str()).is_some_and(|fs| fs.iter().any(|f| f.class == VerbClass::Seek));
        if sought {
            ti = re;
            continue;
        }
        let role_text = text[toks[rs].start - a..toks[re - 1].end - a].to_owned();
        let head_tok = ti;
        ti = re;
        // a post named inside a quotation ("he will do well as director") is the speaker's
        // talk about someone the quotation does not name: not read
        if negated(rs) || v.quoted(rs) {
            continue;
        }
        // organisation: "of|at|for (the) O" after, or "O R" before
        let mut k = re;
        // ("a judge on the U.S. District Court")
        if lower.get(k).is_some_and(|w| matches!(w.as_str(), "of" | "at" | "for" | "with" | "in" | "to" | "on")) {
            k += 1;
            if lower.get(k).is_some_and(|w| w == "the") {
                k += 1;
                // "at the former Tarrow Trust Company": a body since renamed or closed
                if lower.get(k).is_some_and(|w| matches!(w.as_str(), "former" | "then" | "now-defunct"))
                    && ment_at(k + 1).is_some_and(|x| matches!(x.kind, Kind::Org(_)))
                {
                    k += 1;
                }
            }
        }
        // "Professor in the Social Sciences": after "in", only a name that is clearly an
        // organisation's (a head word, initials) is where the post is held; others are its field
        let field_in = lower.get(re).is_some_and(|w| w == "in")
            && ment_at(k).is_none_or(|x| !matches!(x.kind, Kind::Org(_)) || weak_org(cx, toks, &x.m));
        let mut slot = if k > re && !field_in { org_list_at(cx, ments, unknown, toks, lower, k) } else { Vec::new() };
        // "dean of the O's College of Engineering": the post is in the unit the owner's name opens
        if let [o] = slot[..] {
            let owner_end = ments.iter().find(|x| x.id == o && x.m.first_token >= k).map(|x| x.m.next_token);
            let unit = owner_end
                .filter(|&e| toks.get(e).is_some_and(|t| matches!(t.text, "'s" | "’s")))
                .and_then(|e| ment_at(e + 1))
                .filter(|x| matches!(x.kind, Kind::Org(_)) && x.id != o);
            if let Some(x) = unit {
                slot = vec![x.id];
            }
        }
        // "taught at O as an assistant professor": the organisation right before "as" owns the post
        if slot.is_empty() {
            let mut q = rs;
            while q > 0 && matches!(lower[q - 1].as_str(), "a" | "an" | "the") {
                q -= 1;
            }
            if q >= 2 && lower[q - 1] == "as" {
                let at =
                    ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && x.m.next_token == q - 1).filter(|x| {
                        let f = tok_at(x.m.full_start).min(x.m.first_token);
                        let f = if f > 0 && lower[f - 1] == "the" { f - 1 } else { f };
                        f > 0 && lower[f - 1] == "at"
                    });
                if let Some(x) = at {
                    slot.push(x.id);
                }
            }
        }
        // "will serve as its Chief Data Officer": the organisation named before owns the post
        if slot.is_empty() && rs > 0 && matches!(lower[rs - 1].as_str(), "its" | "their") {
            if let Some(x) = ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && tok_at(x.m.end) <= rs) {
                slot.push(x.id);
            }
        }
        // "Scientific Director of its research program": the organisation named before
        if slot.is_empty() && k > re && lower.get(k).is_some_and(|w| w == "its" || w == "their") {
            if let Some(x) = ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && tok_at(x.m.end) <= rs) {
                slot.push(x.id);
            }
        }
        // "Professor of Medicine and Vice Dean for Policy at Bayside": roles joined by "and" share
        // the organisation named after the last of them
        if slot.is_empty() && lower.get(re).is_some_and(|w| w == "and") {
            let mut j = re + 1;
            while j < toks.len().min(re + 16) {
                let w = lower[j].as_str();
                if matches!(
                    w,
                    "," | "." | ";" | "is" | "was" | "has" | "he" | "she" | "who" | "which" | "where" | "while"
                ) {
                    break;
                }
                // ("president and CEO of O1 at O2": the first organisation named, "of O1")
                let of_at = crate::loader::mention::place_adjective_end(toks, cx.lex, j + 1).unwrap_or(j + 1);
                let of_org = w == "of" && ment_at(of_at).is_some_and(|x| matches!(x.kind, Kind::Org(_)));
                if matches!(w, "at" | "with") || (w == "of" && lower.get(j + 1).is_some_and(|n| n == "the")) || of_org {
                    let mut q = if of_org { of_at } else { j + 1 };
                    if lower.get(q).is_some_and(|n| n == "the") {
                        q += 1;
                    }
                    if ment_at(q).is_some_and(|x| matches!(x.kind, Kind::Org(_))) {
                        slot = org_list_at(cx, ments, unknown, toks, lower, q);
                        break;
                    }
                }
                j += 1;
            }
        }
        // "at the University of Northland, where she is the Bascom professor"
        let where_clause = lower[..rs].iter().rposition(|w| w == "where");
        let where_org = where_clause
            .and_then(|wh| ments.iter().rfind(|x| matches!(x.kind, Kind::Org(_)) && tok_at(x.m.end) <= wh))
            .map(|x| x.id);
        let mut where_at = None;
        // ("where he chaired O's department before becoming Dartmouth's president": the owner
        // named right before the post is where it is held)
        let owned = rs > 1
            && matches!(toks[rs - 1].text, "'s" | "’s")
            && ment_at(rs - 2).is_some_and(|x| matches!(x.kind, Kind::Org(_)));
        if slot.is_empty() && !owned {
            if let Some(wh) = where_clause {
                where_at = Some(wh);
                if let Some(id) = where_org {
                    slot.push(id);
                } else if wh >= 2 && lower[wh - 1] == "," {
                    // "from Alder Permanence, where he was ...": a name without a head word
                    // (not a post's portfolio: "Associate Director for Laboratory Programs, where")
                    let portfolio = |u: &&crate::loader::mention::Mention| {
                        let f = u.first_token;
                        f >= 2
                            && matches!(lower[f - 1].as_str(), "for" | "in")
                            && cx.lex.roles.contains(lower[f - 2].as_str())
                    };
                    if let Some(u) = unknown
                        .iter()
                        .rfind(|u| u.next_token == wh - 1 && u.name.split_whitespace().count() >= 2)
                        .filter(|u| !portfolio(u))
                    {
                        if let Some(id) = cx.org_by_position(&u.name) {
                            slot.push(id);
                        }
                    }
                }
            }
        }
        let org_after = slot.first().copied();
        // "at the University of X, where he was chairman of the department of Y": the unit is
        // the university's
        if let (Some(unit), Some(whole)) = (org_after, where_org) {
            let name = &cx.entities[unit].name;
            if whole != unit && (name.starts_with("Department of ") || name.starts_with("Division of ")) {
                pending.push((Fact::PartOf { part: unit, whole }, "prose.unit-of-org"));
            }
        }
        // "He joined O1 in 2017 from O2, where he was R": the year is the joining's, not R's
        let year_before_where = where_at.is_some_and(|wh| {
            !lower[wh..].iter().any(|w| year_word(w).is_some()) && lower[..wh].iter().any(|w| year_word(w).is_some())
        });
        let span = if year_before_where { None } else { v.span_of_clause(rs, re, span) };
        // the token before the role, past a possessive: "the panel's vice chair"
        let before_role =
            if rs > 1 && matches!(toks[rs - 1].text, "'s" | "’s") { rs - 2 } else { rs.wrapping_sub(1) };
        let mut org_before =
            (rs > 0).then(|| ment_at(before_role)).flatten().filter(|x| matches!(x.kind, Kind::Org(_))).map(|x| x.id);
        // "NRI director Dr. Ida Park": an acronym before the role names the organisation
        if org_before.is_none()
            && rs > 0
            && toks[rs - 1].is_acronym()
            && ment_at(re).is_some_and(|x| x.kind == Kind::Person)
        {
            org_before = cx.acronym(toks[rs - 1].text).or_else(|| cx.org_by_position(toks[rs - 1].text));
        }
        // "O director Dr. P" / "BRA Secretary P" / "O's president, P,": the person right after
        // the role
        let person_at = |k: usize| ment_at(k).filter(|x| x.kind == Kind::Person).map(|x| x.id);
        // a name set off by commas is an apposition; one the clause goes on from ("..., Halamka
        // said it will") is the next clause's subject
        let set_off = |k: usize| {
            ments
                .iter()
                .find(|x| x.kind == Kind::Person && (x.m.first_token == k || tok_at(x.m.full_start) == k))
                .is_some_and(|x| lower.get(x.m.next_token).is_none_or(|w| !w.chars().all(char::is_alphabetic)))
        };
        let person_after = person_at(re).or_else(|| {
            (org_before.is_some() && lower.get(re).is_some_and(|w| w == ",") && set_off(re + 1))
                .then(|| person_at(re + 1))
                .flatten()
        });
        // appositions: "the president of O, P, said", "its president, P, will": the person set
        // off by a comma right after the role phrase holds it, unless one stands right before
        // it ("P, the president of O, said")
        let phrase_end = slot
            .last()
            .and_then(|&o| ments.iter().find(|x| x.id == o && tok_at(x.m.start) >= re))
            .map_or(re, |x| x.m.next_token);
        let appositive = (lower.get(phrase_end).is_some_and(|w| w == ",") && set_off(phrase_end + 1))
            .then(|| person_at(phrase_end + 1))
            .flatten();
        let opener =
            if rs > 0 && matches!(lower[rs - 1].as_str(), "the" | "a" | "an" | "its" | "their") { rs - 1 } else { rs };
        let left_appositive = opener >= 2 && lower[opener - 1] == "," && person_at(opener - 2).is_some();
        let appositive = appositive.filter(|_| !left_appositive);
        if org_after.is_none() && org_before.is_none() && rs >= 1 && matches!(lower[rs - 1].as_str(), "and" | "&") {
            if let Some((_, posts)) = last.as_ref().filter(|(end, _)| *end + 1 == rs) {
                let role = tidy_role(&role_text);
                let shared: Vec<Fact> = posts
                    .iter()
                    .filter_map(|f| match f {
                        Fact::Position { .. } if !role.is_empty() => {
                            let mut f = f.clone();
                            if let Fact::Position { role: r, .. } = &mut f {
                                *r = Some(role.clone());
                            }
                            Some(f)
                        }
                        _ => None,
                    })
                    .collect();
                for f in &shared {
                    pending.push((f.clone(), "prose.role-of-org"));
                }
                last = Some((re, shared));
                continue;
            }
        }
        if org_after.is_none() && org_before.is_none() {
            if let Some(h) = holder_before(cx, v, rs) {
                orphans.push((h, tidy_role(&role_text)));
            }
        }
        let (org, holder) = match (org_after, org_before, person_after) {
            (Some(o), _, _) => {
                let starts_as = rs > 0 && lower[rs - 1] == "as" && rs <= 3;
                let comma = lower.iter().skip(re).position(|w| w == ",").map_or(toks.len(), |c| c + re);
                let after_clause =
                    ments.iter().find(|x| x.kind == Kind::Person && tok_at(x.m.start) > comma).map(|x| x.id);
                let pronoun_after = lower.iter().skip(comma).any(|w| w == "he" || w == "she");
                // the document's subject only when no one else is named in the sentence: "R of O,
                // P said" or "... the nomination of P as R of O" is not about the subject
                let someone_else = ments.iter().any(|x| x.kind == Kind::Person && Some(x.id) != subject);
                let fallback = if someone_else { None } else { subject };
                // "appointed by the director of O", "met with the next Secretary of O": a post in
                // a prepositional object is someone else's, unless a name is set beside it
                // ("the principal deputy to the NIST Director": another post's holder)
                let post_to =
                    opener > 1 && lower[opener - 1] == "to" && cx.lex.roles.contains(lower[opener - 2].as_str());
                let object_of =
                    opener > 0 && matches!(lower[opener - 1].as_str(), "by" | "with" | "from" | "for") || post_to;
                let holder = if starts_as {
                    after_clause.or(if pronoun_after { subject } else { None }).or(subject)
                } else if object_of {
                    appositive
                } else {
                    appositive.or_else(|| holder_before(cx, v, rs)).or(fallback)
                };
                (o, holder)
            }
            (None, Some(o), Some(p)) => (o, Some(p)),
            // "said P, O's president", "P, the bank's director": the person set off by a comma
            // before the owner
            (None, Some(o), None)
                if ment_at(before_role).is_some_and(|x| {
                    let k = tok_at(x.m.full_start).min(x.m.first_token);
                    k >= 2 && lower[k - 1] == "," && person_at(k - 2).is_some()
                }) =>
            {
                let k = ment_at(before_role).map_or(0, |x| tok_at(x.m.full_start).min(x.m.first_token));
                (o, person_at(k - 2))
            }
            // "served as the City of Brookport Health Commissioner", "was the Acme Labs director"
            (None, Some(o), None) => {
                let Some(x) = ment_at(before_role) else { continue };
                let mut k = tok_at(x.m.start);
                if k > 0 && lower[k - 1] == "the" {
                    k -= 1;
                }
                let linked = k > 0
                    && matches!(
                        lower[k - 1].as_str(),
                        "as" | "is" | "was" | "became" | "becomes" | "remains" | "remained"
                    );
                if !linked {
                    continue;
                }
                (o, actor_before(k - 1).or(subject))
            }
            _ => continue,
        };
        let Some(holder) = holder else { continue };
        if holder == org {
            continue;
        }
        let before = lower[..rs].join(" ");
        let leaving = [
            "leave his",
            "leave her",
            "leaving his",
            "leaving her",
            "resign",
            "stepped down",
            "step down",
            "left his",
            "left her",
            "exiting",
            "will leave",
            "is leaving",
            "retired",
            "retiring",
            "departing",
            "leave the",
            "left the",
        ]
        .iter()
        .any(|p| before.contains(p))
            // "is leaving O to become president of P": the new post is not the one left
            && !["to become", "to join", "to lead", "to serve as", "to take", "to accept"]
                .iter()
                .any(|p| before.rsplit_once(p).is_some_and(|(_, after)| after.split_whitespace().count() <= 8));
        let former = lower[rs.saturating_sub(2)..rs].iter().any(|w| w == "former" || w == "past" || w == "previous");
        let keeps = before.contains("keep his") || before.contains("keep her") || before.contains("remain");
        let ended = (leaving || former) && !keeps;
        // "who retired in 2018": a year the leaving is dated with, else the document's date
        let left_in = year_after_in(lower, 0, lower.len())
            .filter(|&(p, _)| {
                p < rs && lower[..p].iter().any(|w| matches!(w.as_str(), "retired" | "left" | "resigned" | "departed"))
            })
            .map(|(_, y)| y);
        let end =
            if leaving && !keeps { left_in.or(cx.date).or(span.and_then(|s| s.end)) } else { span.and_then(|s| s.end) };
        // a birth date is not when a post began
        let born_on = pending.iter().find_map(|(f, _)| if let Fact::Born { date, .. } = f { *date } else { None });
        let span = span.filter(|s| born_on.is_none() || s.start != born_on);
        let end = if born_on.is_some() && span.is_none() && !leaving { None } else { end };
        let mut start = span.and_then(|s| s.start).filter(|_| !leaving).or_else(|| {
            if leaving {
                None
            } else {
                time::relative(text, cx.date)
            }
        });
        // "for 25 years": counted back from the end, or from the document's date for a post held now
        if let (None, Some(n)) = (start, time::duration_years(text)) {
            let until = end.or(span.and_then(|s| s.end)).or(if ended { None } else { cx.date });
            start = until.map(|u| When::year(u.year - n));
        }
        let role = tidy_role(&role_text);
        if role.is_empty() || head_tok >= toks.len() {
            continue;
        }
        let under_here = under.filter(|&u| u != holder);
        let mut given = Vec::new();
        for &o in slot.iter().chain(if slot.is_empty() { Some(&org) } else { None }) {
            let p = Fact::Position {
                holder,
                org: Some(o),
                role: Some(role.clone()),
                start,
                end: end.filter(|_| ended || span.is_some_and(|s| s.end.is_some())),
                under: under_here,
                appointed_by: None,
                replaces: None,
                ended,
            };
            pending.push((p.clone(), if leaving { "prose.leave-post-as" } else { "prose.role-of-org" }));
            given.push(p);
        }
        last = Some((re, given));
        // "keep his job as CIO of O in Boston"
        let after_org = ments.iter().find(|x| x.id == org).map(|x| x.m.next_token).unwrap_or(0);
        if lower.get(after_org).is_some_and(|w| w == "in") {
            if let Some(p) = ment_at(after_org + 1).filter(|x| x.kind == Kind::Place) {
                pending.push(((Fact::LocatedIn { entity: org, place: p.id }), "prose.org-in-place"));
            }
        }
    }
}

/// A name typed an organisation with nothing in it that says so: no head word ending its core
/// ("Laboratory Programs"), no initials of its own.
fn weak_org(cx: &Context, toks: &[crate::loader::mention::Token], m: &crate::loader::mention::Mention) -> bool {
    !cx.lex.core_ends_in_head(&m.name) && m.acronym.is_none() && !toks[m.first_token].is_acronym()
}

/// The person before token `rs` who holds the post named there: the nearest one, unless that
/// one gives the post ("President P selected the dean of O", "Y was nominated by President P
/// as R"): the agent of a passive gives way to its subject, the subject of an appointing verb
/// to no one.
fn holder_before(cx: &Context, v: &View, rs: usize) -> Option<EntityId> {
    let actor = v.actor_before(rs)?;
    let Some(x) = v.ments.iter().rfind(|x| x.id == actor && v.tok_at(x.m.end) <= rs) else { return Some(actor) };
    let (first, next) = (v.tok_at(x.m.full_start), x.m.next_token);
    if first > 0 && v.lower[first - 1] == "by" {
        return v.actor_before(first - 1).filter(|&p| p != actor);
    }
    // "she worked as an adviser to Representative P and as R of O", "is chief of staff to past
    // Chairman P, and currently is R": the one named in a prepositional object is no subject of
    // the predicate coordinated after it
    let mut q = first;
    while q > 0 && first - q < 4 && {
        let t = &v.toks[q - 1];
        matches!(v.lower[q - 1].as_str(), "the" | "past" | "former" | "then") || t.is_capitalised() && t.is_word()
    } {
        q -= 1;
    }
    let object = q > 0 && matches!(v.lower[q - 1].as_str(), "to" | "for" | "with" | "under");
    if object && (next..rs).any(|k| v.lower[k] == "and") {
        return v.actor_before(q - 1).filter(|&p| p != actor);
    }
    let appoints = (next..rs).any(|k| {
        let passive = k > 0 && matches!(v.lower[k - 1].as_str(), "was" | "were" | "been" | "be" | "being" | "is");
        !passive
            && cx.lex.verbs.get(v.lower[k].as_str()).is_some_and(|fs| fs.iter().any(|f| f.class == VerbClass::Appoint))
    });
    if appoints {
        return None;
    }
    // "P succeeded Y as R": the one succeeded held the post before; the subject holds it now
    // (not "P will replace Y, the longtime head of O": an apposition is Y's)
    let as_role = (rs.saturating_sub(3)..rs).any(|k| v.lower[k] == "as") && !v.lower[next..rs].iter().any(|w| w == ",");
    let succeeded = as_role
        && first >= 1
        && v.lower[first.saturating_sub(2)..first].iter().enumerate().any(|(i, w)| {
            let k = first.saturating_sub(2) + i;
            let passive = k > 0 && matches!(v.lower[k - 1].as_str(), "was" | "were" | "been" | "be" | "being" | "is");
            !passive && cx.lex.verbs.get(w.as_str()).is_some_and(|fs| fs.iter().any(|f| f.class == VerbClass::Succeed))
        });
    if succeeded {
        return v.actor_before(first.saturating_sub(1)).filter(|&p| p != actor);
    }
    Some(actor)
}

#[cfg(test)]
mod tests {
    use crate::loader::{extract_text, Fact};

    /// The posts read from `text`, as (holder, organisation, role).
    fn posts(text: &str) -> Vec<(String, String, String)> {
        let ex = extract_text(text);
        let name = |id: usize| ex.entities[id].name.clone();
        ex.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Position { holder, org: Some(o), role: Some(r), .. } => {
                    Some((name(*holder), name(*o), r.clone()))
                }
                _ => None,
            })
            .collect()
    }

    fn has(posts: &[(String, String, String)], who: &str, org: &str, role: &str) -> bool {
        posts.iter().any(|(h, o, r)| h == who && o == org && r == role)
    }

    #[test]
    fn roles_joined_by_and_share_the_holder_and_the_organisation() {
        let p = posts("Tarrow Savings Bank announced Peter Q. Lomax, its president and CEO since 2012, will retire.");
        assert!(has(&p, "Peter Q. Lomax", "Tarrow Savings Bank", "president"), "{p:?}");
        assert!(has(&p, "Peter Q. Lomax", "Tarrow Savings Bank", "CEO"), "{p:?}");
        let p = posts("Dennis Lomax became Tarrow Savings Bank president and COO in 2013.");
        assert!(has(&p, "Dennis Lomax", "Tarrow Savings Bank", "COO"), "{p:?}");
    }

    #[test]
    fn the_one_who_gives_a_post_does_not_hold_it() {
        // the agent of a passive: the post is the subject's
        let p = posts(
            "Mr. Ivo Lomax was nominated in 2001 by President George Varn as the assistant secretary for the \
             Department of Tarrow Affairs.",
        );
        assert!(has(&p, "Ivo Lomax", "Department of Tarrow Affairs", "assistant secretary"), "{p:?}");
        assert!(!p.iter().any(|(h, ..)| h == "George Varn"), "{p:?}");
        // the subject of an appointing verb: the post is its object's, unnamed here
        let p = posts(
            "University of Tarrow President Janet Quell selected the dean of the Tarrow Institute of Technology \
             to be the new chancellor of Tarrow College on Tuesday.",
        );
        assert!(!p.iter().any(|(h, ..)| h == "Janet Quell"), "{p:?}");
    }

    #[test]
    fn at_o_as_r_and_the_unit_an_owner_opens() {
        let p = posts(
            "Ann Lomax began her career at Tarrow University as an assistant professor before teaching at the \
             Northport School of Economics as a lecturer.",
        );
        assert!(has(&p, "Ann Lomax", "Tarrow University", "assistant professor"), "{p:?}");
        assert!(has(&p, "Ann Lomax", "Northport School of Economics", "lecturer"), "{p:?}");
        let p = posts("Gary Sorel, dean of the Tarrow Institute of Technology's College of Engineering, spoke.");
        assert!(has(&p, "Gary Sorel", "College of Engineering", "dean"), "{p:?}");
        assert!(!has(&p, "Gary Sorel", "Tarrow Institute of Technology", "dean"), "{p:?}");
    }

    #[test]
    fn a_place_made_an_adjective_is_not_part_of_the_name_after_it() {
        let p = posts("Mr. Ivo Brant has accepted the position of Chief Operating Officer at Northport-based Tarrow Savings Bank.");
        assert!(has(&p, "Ivo Brant", "Tarrow Savings Bank", "Chief Operating Officer"), "{p:?}");
        assert!(!p.iter().any(|(_, o, _)| o.contains("based")), "{p:?}");
    }

    #[test]
    fn a_person_set_off_before_the_owner_of_a_post_holds_it() {
        let p = posts(
            "Tarrow County Savings Bank named Ann Lomax president. Peter Brant, the bank's lead independent \
             director, said in a statement that she will do well.",
        );
        assert!(has(&p, "Peter Brant", "Tarrow County Savings Bank", "lead independent director"), "{p:?}");
    }

    #[test]
    fn the_panels_staff_director_is_a_post_in_the_body_named_before() {
        let p = posts(
            "The eight-member Tarrow Commission on Civil Rights has no regulatory power. The governor named \
             Kenneth L. Marcus as the panel's staff director.",
        );
        assert!(has(&p, "Kenneth L. Marcus", "Tarrow Commission on Civil Rights", "staff director"), "{p:?}");
    }

    #[test]
    fn courts_a_judge_on_o_and_a_judge_named_of_o() {
        let p = posts("Ana Lomax, a judge on the Tarrow District Court since 2014, spoke.");
        assert!(has(&p, "Ana Lomax", "Tarrow District Court", "judge"), "{p:?}");
        let p = posts(
            "Lomax served as a law clerk to Judge Peter Varn of the Tarrow Court of Appeals for the Second Circuit.",
        );
        assert!(has(&p, "Peter Varn", "Tarrow Court of Appeals for the Second Circuit", "Judge"), "{p:?}");
        assert!(!p.iter().any(|(h, ..)| h.contains(" of ")), "{p:?}");
    }

    #[test]
    fn a_cabinet_title_names_its_department() {
        let p = posts("Following the departure of former Secretary of State Rexford Quell in March, the Senate voted.");
        assert!(has(&p, "Rexford Quell", "Department of State", "Secretary of State"), "{p:?}");
    }
}
