//! `prose.title-before-name`: "BRA Secretary Alma R. Fenwick": a title with its organisation before a name

use super::super::mention::MentionKind;
use super::super::resolve::Context;
use super::view::*;

use super::super::Fact;

pub(super) fn run(cx: &mut Context, v: &View, out: &mut Scratch) {
    let View { ments, .. } = *v;
    let pending = &mut out.pending;
    let title_orgs = &mut out.title_orgs;

    for x in ments {
        if let MentionKind::Person { title: Some(t), .. } = &x.m.kind {
            let mut words = t.split_whitespace();
            if let (Some(org), Some(role)) = (words.next(), words.next()) {
                if org.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && org.len() >= 2 {
                    let org_id = cx.acronym(org).or_else(|| cx.org_by_position(org));
                    if let Some(o) = org_id {
                        title_orgs.push((x.id, o));
                        pending.push((
                            Fact::Position {
                                holder: x.id,
                                org: Some(o),
                                role: Some(role.to_owned()),
                                start: None,
                                end: None,
                                under: None,
                                appointed_by: None,
                                ended: false,
                            },
                            "prose.title-before-name",
                        ));
                    }
                }
            }
        }
    }
}
