//! Placing laid-out elements on pages: chains that must stay together move to a new page
//! whole, no widow and no orphan lines, a table's header repeats on each page it spans,
//! vertical gaps vanish at the top of a page, and page numbers go in the top margin. What
//! pagination adds — page numbers, repeated headers — is an artifact, not content.

use super::{Element, Geometry, Item, Measure, Page, Style};
use crate::structure::Tag;

/// Places elements on pages, honouring `keep_with_next` chains that fit on a page.
pub fn paginate(elements: Vec<Element>, geometry: &Geometry) -> Vec<Page> {
    let capacity = geometry.text_height();
    let mut pages = vec![Page::default()];
    let mut used = 0.0_f32;
    let mut i = 0;
    while i < elements.len() {
        // The chain starting here: up to and including the first element that may end a page.
        let end = (i..elements.len())
            .find(|&j| !elements[j].keep_with_next)
            .unwrap_or(elements.len() - 1);
        let chain_height: f32 = elements[i..=end].iter().map(|e| e.height).sum();
        if used > 0.0 && used + chain_height > capacity + 0.01 && chain_height <= capacity {
            pages.push(Page::default());
            used = 0.0;
        }
        for element in &elements[i..=end] {
            let repeat_height = element.repeat.as_ref().map_or(0.0, |h| h.height);
            let overflows = used > 0.0 && used + element.height > capacity + 0.01;
            // Space is dropped at the foot and at the head of a page: a gap that does not fit
            // must not open a page of its own.
            if element.is_gap && (overflows || used == 0.0) {
                continue;
            }
            if overflows {
                pages.push(Page::default());
                used = 0.0;
            }
            // A table that breaks repeats its header row on the new page.
            if let (Some(header), 0.0) = (&element.repeat, used) {
                if let Some(page) = pages.last_mut() {
                    // Drawn again, but read once: the header is content where it first is.
                    let again = header.items.iter().map(|item| match item.tag() {
                        Tag::Node(_) => item.clone().with_tag(Tag::PAGINATION),
                        Tag::Artifact(_) => item.clone(),
                    });
                    page.items.extend(shift(again.collect(), geometry.top));
                }
                used += repeat_height;
            }
            let top = geometry.top + used;
            if let Some(page) = pages.last_mut() {
                page.items.extend(shift(element.items.clone(), top));
            }
            used += element.height;
        }
        i = end + 1;
    }
    pages.retain(|p| !p.items.is_empty());
    if pages.is_empty() {
        pages.push(Page::default());
    }
    pages
}

/// How many elements of text end a document together: a last page never holds a handful of
/// lines alone.
pub const LAST_PAGE_LINES: usize = 6;

/// Ties the last `LAST_PAGE_LINES` lines of text to one another, so that a page break before
/// the end moves them together. An element taller than a line (`line_height`) — the signature
/// block, a chart — counts for the lines it spans: tying six such elements would drag whole
/// sections after the signature onto a new page.
pub(super) fn keep_the_end_together(elements: &mut [Element], line_height: f32) {
    let mut lines = 0;
    let mut first = None;
    for (i, element) in elements.iter().enumerate().rev() {
        if element.is_gap {
            continue;
        }
        lines += ((element.height / line_height).round() as usize).max(1);
        first = Some(i);
        if lines >= LAST_PAGE_LINES {
            break;
        }
    }
    let final_element = elements.iter().rposition(|e| !e.is_gap);
    let (Some(first), Some(final_element)) = (first, final_element) else {
        return;
    };
    for element in &mut elements[first..final_element] {
        element.keep_with_next = true;
    }
}

/// Page numbers centred in the top margin, from page 2 on (Decree 30: not on page 1).
pub(super) fn number_pages(
    pages: &mut [Page],
    measure: &dyn Measure,
    geometry: &Geometry,
    size: f32,
) {
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let text = (i + 1).to_string();
        let x = geometry.left
            + (geometry.text_width() - measure.width(&text, Style::Regular, size)) / 2.0;
        let y = geometry.top / 2.0 + size / 3.0;
        page.items.push(Item::Text {
            x,
            y,
            style: Style::Regular,
            size,
            text,
            word_spacing: 0.0,
            tag: Tag::PAGINATION,
        });
    }
}

pub(super) fn keep_together(mut elements: Vec<Element>) -> Vec<Element> {
    let last = elements.len().saturating_sub(1);
    for (i, e) in elements.iter_mut().enumerate() {
        e.keep_with_next = i < last;
    }
    elements
}

/// No orphan (a first line alone at the foot of a page) and no widow (a last line alone at
/// the head of one): tie the first two lines and the last two lines together.
pub fn widow_orphan(mut lines: Vec<Element>) -> Vec<Element> {
    let n = lines.len();
    if n >= 2 {
        lines[0].keep_with_next = true;
        lines[n - 2].keep_with_next = true;
    }
    lines
}

pub(super) fn shift(items: Vec<Item>, dy: f32) -> Vec<Item> {
    items.into_iter().map(|item| item.moved(dy)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::HalfEm;

    fn line(height: f32) -> Element {
        Element {
            height,
            items: vec![Item::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 1.0,
                y2: 0.0,
                width: 1.0,
                gray: 0.0,
                tag: Tag::LAYOUT,
            }],
            keep_with_next: false,
            is_gap: false,
            repeat: None,
        }
    }

    fn small_page() -> Geometry {
        Geometry {
            width: 100.0,
            height: 100.0,
            top: 0.0,
            right: 0.0,
            bottom: 0.0,
            left: 0.0,
        }
    }

    #[test]
    fn pages_break_when_full() {
        let pages = paginate((0..25).map(|_| line(10.0)).collect(), &small_page());
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![10, 10, 5]
        );
    }

    #[test]
    fn no_orphan_and_no_widow() {
        // 9 lines used; a 4-line paragraph would leave its first line alone at the foot.
        let mut elements: Vec<Element> = (0..9).map(|_| line(10.0)).collect();
        elements.extend(widow_orphan((0..4).map(|_| line(10.0)).collect()));
        let pages = paginate(elements, &small_page());
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![9, 4]
        );
        // 8 used: lines 1–2 fit, but then 3–4 must go together, leaving no widow.
        let mut elements: Vec<Element> = (0..8).map(|_| line(10.0)).collect();
        elements.extend(widow_orphan((0..5).map(|_| line(10.0)).collect()));
        let pages = paginate(elements, &small_page());
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![10, 3]
        );
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let mut elements: Vec<Element> = (0..9).map(|_| line(10.0)).collect();
        elements.push(Element {
            keep_with_next: true,
            ..line(10.0)
        });
        elements.push(line(10.0));
        let pages = paginate(elements, &small_page());
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![9, 2]
        );
    }

    #[test]
    fn a_table_that_breaks_repeats_its_header() {
        let header = Element {
            keep_with_next: true,
            ..line(10.0)
        };
        let row = |n: usize| Element {
            items: vec![Item::Line {
                x1: n as f32,
                y1: 0.0,
                x2: 0.0,
                y2: 0.0,
                width: 1.0,
                gray: 0.0,
                tag: Tag::LAYOUT,
            }],
            repeat: Some(Box::new(header.clone())),
            ..line(10.0)
        };
        let mut elements: Vec<Element> = (0..7).map(|_| line(10.0)).collect();
        elements.push(header.clone());
        elements.extend((1..=5).map(row));
        let pages = paginate(elements, &small_page());
        // Page 1: 7 lines, the header and rows 1–2; page 2: the header again, rows 3–5.
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![10, 4]
        );
        assert_eq!(
            pages[1].items[0], header.items[0],
            "page 2 starts with the header"
        );
    }

    #[test]
    fn a_gap_at_the_foot_of_a_full_page_opens_no_page() {
        // Ten lines fill the page exactly; the trailing gap must not make a blank page 2.
        let mut elements: Vec<Element> = (0..10).map(|_| line(10.0)).collect();
        elements.push(Element::gap(6.0));
        let pages = paginate(elements, &small_page());
        assert_eq!(pages.len(), 1);
    }

    #[test]
    fn the_last_page_never_holds_fewer_lines_than_the_minimum() {
        // 12 lines: 10 fit on page 1, which would leave 2 alone on page 2.
        let mut elements: Vec<Element> = (0..12).map(|_| line(10.0)).collect();
        keep_the_end_together(&mut elements, 10.0);
        let pages = paginate(elements, &small_page());
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![12 - LAST_PAGE_LINES, LAST_PAGE_LINES]
        );
    }

    #[test]
    fn a_tall_last_element_counts_for_the_lines_it_spans() {
        // Nine lines, then a block four lines tall (a signature block): the end is the block
        // and the two lines before it, not the block and five lines (which would leave page 1
        // with four lines).
        let mut elements: Vec<Element> = (0..9).map(|_| line(10.0)).collect();
        elements.push(line(40.0));
        keep_the_end_together(&mut elements, 10.0);
        let pages = paginate(elements, &small_page());
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            vec![7, 3]
        );
    }

    #[test]
    fn gaps_are_dropped_at_the_top_of_a_page() {
        let mut elements: Vec<Element> = (0..10).map(|_| line(10.0)).collect();
        elements.push(Element::gap(6.0));
        elements.push(line(10.0));
        let pages = paginate(elements, &small_page());
        assert_eq!(pages.len(), 2);
        assert!(matches!(pages[1].items[0], Item::Line { y1, .. } if y1 == 0.0));
    }

    #[test]
    fn page_numbers_start_on_page_two() {
        let mut pages = vec![Page::default(), Page::default(), Page::default()];
        number_pages(&mut pages, &HalfEm, &Geometry::A4, 13.0);
        assert!(pages[0].items.is_empty());
        let number = |p: &Page| match &p.items[0] {
            Item::Text { text, .. } => text.clone(),
            other => panic!("expected a page number, got {other:?}"),
        };
        assert_eq!(
            (number(&pages[1]), number(&pages[2])),
            ("2".to_string(), "3".to_string())
        );
    }
}
