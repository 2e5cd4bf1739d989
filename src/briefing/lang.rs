//! Which words of a briefing are not in its language: the titles of cited sources, printed as
//! published (a Vietnamese article in an English briefing, an English one in a Vietnamese
//! briefing). The data knows each title's language; marking its span lets a screen reader
//! speak it in that language.

use super::context::SourceFacts;
use super::{Block, Span};
use crate::model::Lang;

/// Marks, in the notes of `blocks`, every cited title whose language is not `lang`.
pub(super) fn mark_titles(blocks: &mut [Block], sources: &[SourceFacts], lang: Lang) {
    let foreign: Vec<(String, &str)> = sources
        .iter()
        .filter(|s| s.title_lang != lang.code())
        // The note's text went through `spans`, which folds whitespace.
        .map(|s| (folded(&s.title), s.title_lang.as_str()))
        .filter(|(title, _)| !title.is_empty())
        .collect();
    if foreign.is_empty() {
        return;
    }
    for block in blocks {
        if let Block::Note(spans) = block {
            *spans = marked(std::mem::take(spans), &foreign);
        }
    }
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `spans` with each occurrence of a `(title, language)` split into a span of that language.
fn marked(spans: Vec<Span>, foreign: &[(String, &str)]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if span.lang.is_some() {
            out.push(span);
            continue;
        }
        // Every occurrence of every title, in order; of two starting together, the longer.
        let mut hits: Vec<(usize, &str, &str)> = foreign
            .iter()
            .flat_map(|(t, l)| {
                span.text
                    .match_indices(t.as_str())
                    .map(move |(at, _)| (at, t.as_str(), *l))
            })
            .collect();
        hits.sort_by_key(|&(at, t, _)| (at, std::cmp::Reverse(t.len())));
        let piece = |text: &str, lang: Option<&str>| Span {
            text: text.to_string(),
            strong: span.strong,
            lang: lang.map(str::to_string),
        };
        let mut done = 0;
        for (at, title, lang) in hits {
            if at < done {
                continue;
            }
            if at > done {
                out.push(piece(&span.text[done..at], None));
            }
            out.push(piece(title, Some(lang)));
            done = at + title.len();
        }
        if done < span.text.len() {
            out.push(piece(&span.text[done..], None));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_another_language_becomes_its_own_span() {
        let spans = super::super::spans("(1) Báo An Giang, “Quang Ninh tops the list”, 2021.");
        let foreign = [("Quang Ninh tops the list".to_string(), "en")];
        let marked = marked(spans, &foreign);
        let got: Vec<(&str, Option<&str>)> = marked
            .iter()
            .map(|s| (s.text.as_str(), s.lang.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("(1) Báo An Giang, “", None),
                ("Quang Ninh tops the list", Some("en")),
                ("”, 2021.", None)
            ]
        );
    }
}
