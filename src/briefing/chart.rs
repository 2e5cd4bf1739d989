//! Which provinces a region chart shows, and its axis: the content of the chart, decided
//! here; how it is drawn is `layout`'s business.

use std::borrow::Cow;

use super::{Bar, Chart};
use crate::format;
use crate::model::{Index, Lang, Score, YearData};

/// At most this many bars: a chart of a 200-commune region would fill pages.
const MAX_BARS: usize = 15;

/// The leading provinces and the briefed one with its neighbours, when there are too many:
/// of `ranked` (best first), the items to draw; `me` is the briefed one's position.
fn shown<T>(ranked: Vec<T>, me: usize) -> Vec<T> {
    if ranked.len() <= MAX_BARS {
        return ranked;
    }
    let keep = |i: usize| i < MAX_BARS - 3 || i.abs_diff(me) <= 1;
    ranked
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| keep(i))
        .map(|(_, item)| item)
        .collect()
}

/// The region's provinces that have a score for `index`, best first; `None` when fewer than
/// two are known (a one-bar chart compares nothing). Caption and note are filled in later.
pub(super) fn region_chart(data: &YearData, p: usize, index: Index, lang: Lang) -> Option<Chart> {
    let region = data.provinces[p].region;
    // Ranked by score, then name; bars are made only for what is drawn (15 of a region of 200
    // communes).
    let mut ranked: Vec<(usize, Score, Cow<'_, str>)> = data
        .region_members(region)
        .iter()
        .map(|&i| (i, &data.provinces[i]))
        .filter_map(|(i, q)| {
            // A unit named after a person is called by its full name ("Thành phố Hồ Chí Minh",
            // "Hồ Chí Minh City").
            let label = match lang {
                Lang::Vi => Cow::Borrowed(q.place_name.as_str()),
                Lang::En => Cow::Owned(super::naming::names(q).1),
            };
            Some((i, q.published(index).score?, label))
        })
        .collect();
    if ranked.len() < 2 || !ranked.iter().any(|&(i, _, _)| i == p) {
        return None;
    }
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
    let known = ranked.len();
    let me = ranked.iter().position(|&(i, _, _)| i == p).unwrap_or(0);
    let bars = shown(ranked, me)
        .into_iter()
        .map(|(i, value, label)| Bar {
            province_id: data.provinces[i].id.clone(),
            label: label.into_owned(),
            value,
            value_text: format::decimal(value, lang),
            highlight: i == p,
        })
        .collect();
    // The axis starts at 0: a bar's length is its score, so a 2-point gap looks like one.
    Some(Chart {
        caption: String::new(),
        note: String::new(),
        known,
        bars,
        from: 0,
        to: 100,
        step: 20,
    })
}
