//! Which provinces a region chart shows, and its axis: the content of the chart, decided
//! here; how it is drawn is `layout`'s business.

use super::{Bar, Chart};
use crate::format;
use crate::model::{Index, Lang, YearData};

/// At most this many bars: a chart of a 200-commune region would fill pages.
const MAX_BARS: usize = 15;

/// The leading provinces and the briefed one with its neighbours, when there are too many.
fn shown_bars(bars: Vec<Bar>) -> Vec<Bar> {
    if bars.len() <= MAX_BARS {
        return bars;
    }
    let me = bars.iter().position(|b| b.highlight).unwrap_or(0);
    let keep = |i: usize| i < MAX_BARS - 3 || i.abs_diff(me) <= 1;
    bars.into_iter()
        .enumerate()
        .filter(|&(i, _)| keep(i))
        .map(|(_, b)| b)
        .collect()
}

/// The region's provinces that have a score for `index`, best first; `None` when fewer than
/// two are known (a one-bar chart compares nothing). Caption and note are filled in later.
pub(super) fn region_chart(data: &YearData, p: usize, index: Index, lang: Lang) -> Option<Chart> {
    let region = data.provinces[p].region;
    let mut bars: Vec<Bar> = data
        .provinces
        .iter()
        .enumerate()
        .filter(|(_, q)| q.region == region)
        .filter_map(|(i, q)| {
            let value = q.published(index).score?;
            Some(Bar {
                province_id: q.id.clone(),
                // A unit named after a person is called by its full name ("Thành phố Hồ Chí Minh",
                // "Hồ Chí Minh City").
                label: match lang {
                    Lang::Vi => q.place_name.clone(),
                    Lang::En => super::naming::names(q).1,
                },
                value,
                value_text: format::decimal(value, lang),
                highlight: i == p,
            })
        })
        .collect();
    if bars.len() < 2 || !bars.iter().any(|b| b.highlight) {
        return None;
    }
    bars.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
    let known = bars.len();
    bars = shown_bars(bars);
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
