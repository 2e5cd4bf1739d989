//! Turning a `Briefing` into positioned pages: line breaking with the font's real advance
//! widths, justification, the figures table, pagination with widow/orphan control and page
//! numbers. It knows nothing about PDF: text is measured through `Measure`, so tests can use a
//! fake measurer, and the output is plain items for the `pdf` stage to draw.
//!
//! Page form (Decree 30/2020/NĐ-CP, Appendix I): A4, margins top 20, bottom 20, left 30,
//! right 15 mm; body 13 pt justified, first-line indent 1,27 cm, 6 pt between paragraphs;
//! page numbers centred in the top margin, not on page 1 (nor on an appendix's first page:
//! an appendix after the document numbers its pages on its own).
//!
//! `form` holds the page and type sizes, `compose` turns each block into elements (`chart`
//! the bar charts, `linechart` the history's line charts, `labels` where their values go,
//! `distribution` the overview's charts of every province's score), `lines` breaks
//! paragraphs, and `paginate` places the elements on pages.
//!
//! Layout also records the document's logical structure (`crate::structure`) while it
//! composes the blocks, in reading order, and tags every item it draws with its node or as an
//! artifact: the tagged PDF's structure comes from the `Briefing`, not from the glyphs.

mod chart;
mod compose;
mod distribution;
mod form;
mod labels;
mod linechart;
mod lines;
mod paginate;

use std::cell::{Cell, RefCell};

use crate::briefing::{Block, Briefing};
use crate::structure::{Structure, Tag};
use compose::Composer;
pub use form::{Geometry, MM, Typography};
pub use paginate::{paginate, widow_orphan};

/// Text styles of the embedded font family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Upright.
    Regular,
    /// Upright bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

/// Measures the advance width of text, in points.
pub trait Measure {
    /// The advance width of `text` in `style` at `size` points.
    fn width(&self, text: &str, style: Style, size: f32) -> f32;
}

/// Something drawn on a page; coordinates in points from the page's top-left corner. `tag`
/// says which structure node it is content of, or that it is an artifact.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One run of text on its baseline `y`; `word_spacing` is added after every space.
    #[allow(missing_docs)]
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        text: String,
        word_spacing: f32,
        tag: Tag,
    },
    /// A straight rule from (x1, y1) to (x2, y2), `width` points thick, `gray` from 0 (black)
    /// to 1 (white).
    #[allow(missing_docs)]
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        gray: f32,
        tag: Tag,
    },
    /// A filled rectangle, `gray` from 0 (black) to 1 (white).
    #[allow(missing_docs)]
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        gray: f32,
        tag: Tag,
    },
}

impl Item {
    /// The structure node this item is content of, or the kind of artifact it is.
    pub fn tag(&self) -> Tag {
        match self {
            Item::Text { tag, .. } | Item::Line { tag, .. } | Item::Rect { tag, .. } => *tag,
        }
    }

    /// The same item as content of `new` (or as that artifact).
    fn with_tag(mut self, new: Tag) -> Item {
        match &mut self {
            Item::Text { tag, .. } | Item::Line { tag, .. } | Item::Rect { tag, .. } => *tag = new,
        }
        self
    }

    /// The same item `dy` points lower.
    fn moved(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text { y, .. } | Item::Rect { y, .. } => *y += dy,
            Item::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

/// How a line sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Both edges (the last line of a paragraph left-aligned).
    Justify,
    /// Left edge.
    Left,
    /// Centred.
    Center,
}

/// Lays out a briefing on as many pages as it needs. An appendix that follows the document (a
/// report's list of sources, after the signature) starts on a page of its own and numbers its
/// pages on its own (Decree 30, App. I, Part I, III.1).
pub fn layout(briefing: &Briefing, measure: &dyn Measure, geometry: Geometry) -> Vec<Page> {
    layout_tagged(briefing, measure, geometry).0
}

/// Lays out a briefing, and returns with its pages its logical structure, whose nodes the
/// pages' items name.
pub fn layout_tagged(
    briefing: &Briefing,
    measure: &dyn Measure,
    geometry: Geometry,
) -> (Vec<Page>, Structure) {
    let composer = Composer {
        measure,
        geometry,
        type_: Typography::DEFAULT,
        structure: RefCell::new(Structure::new()),
        list: Cell::new(None),
    };
    let mut pages = Vec::new();
    let starts = briefing
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| i > 0 && matches!(b, Block::AppendixTitle { .. }))
        .map(|(i, _)| i);
    let mut from = 0;
    for to in starts.chain(std::iter::once(briefing.blocks.len())) {
        pages.extend(layout_part(&briefing.blocks[from..to], &composer, measure));
        from = to;
    }
    (pages, composer.structure.into_inner())
}

/// The pages of one run of blocks, numbered from its first page.
fn layout_part(blocks: &[Block], composer: &Composer<'_>, measure: &dyn Measure) -> Vec<Page> {
    let geometry = composer.geometry;
    let mut elements: Vec<Element> = Vec::new();
    let mut after_table = false;
    for block in blocks {
        let note = matches!(block, Block::Note(_));
        if after_table && note {
            // The notes under a table stay with its last row and with one another (and the
            // space between them): a mark is never explained on another page than its table.
            for element in elements.iter_mut().rev().take(2) {
                element.keep_with_next = true;
            }
        }
        after_table = matches!(block, Block::Table(_)) || (after_table && note);
        if matches!(block, Block::Closing(_)) {
            // The signature block stays with the end of the text.
            for element in elements.iter_mut().rev().take(3) {
                element.keep_with_next = true;
            }
        }
        elements.extend(composer.block(block));
    }
    paginate::keep_the_end_together(&mut elements, composer.type_.leading);
    let mut pages = paginate(elements, &geometry);
    paginate::number_pages(&mut pages, measure, &geometry, Typography::DEFAULT.body);
    pages
}

/// All text drawn on the pages, in drawing order, runs separated by spaces.
pub fn drawn_text(pages: &[Page]) -> String {
    let mut text = String::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { text: run, .. } = item {
            text.push_str(run);
            text.push(' ');
        }
    }
    text
}

/// A vertical slice of the flow that pagination places whole: a line, a table row, a gap.
#[derive(Debug, Clone)]
pub struct Element {
    /// How much of the page it takes.
    pub height: f32,
    /// Items with `y` relative to the element's top.
    pub items: Vec<Item>,
    /// Never end a page after this element (headings, a paragraph's first line, …).
    pub keep_with_next: bool,
    /// Vertical space only: dropped at the top of a page.
    pub is_gap: bool,
    /// A table row carries its table's header row, repeated when the row starts a page.
    pub repeat: Option<Box<Element>>,
}

/// Makes every item of `items` content of `tag` (a chart's marks, made before its figure's
/// node is known to them).
fn retag(items: Vec<Item>, tag: Tag) -> Vec<Item> {
    items.into_iter().map(|i| i.with_tag(tag)).collect()
}

impl Element {
    /// Vertical space of `height` points.
    fn gap(height: f32) -> Element {
        Element {
            height,
            items: Vec::new(),
            keep_with_next: false,
            is_gap: true,
            repeat: None,
        }
    }
}

/// A measurer for tests: every character is half the type size wide (easy arithmetic).
#[cfg(test)]
pub(crate) struct HalfEm;

#[cfg(test)]
impl Measure for HalfEm {
    fn width(&self, text: &str, _: Style, size: f32) -> f32 {
        text.chars().count() as f32 * size * 0.5
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::{Metadata, Span};

    fn paragraph(text: &str) -> Block {
        Block::Paragraph(vec![Span {
            text: text.to_string(),
            strong: false,
            lang: None,
        }])
    }

    /// The page numbers drawn in the top margin, page by page.
    fn numbers(pages: &[Page]) -> Vec<Option<String>> {
        pages
            .iter()
            .map(|p| {
                p.items.iter().find_map(|i| match i {
                    Item::Text { y, text, .. } if *y < Geometry::A4.top => Some(text.clone()),
                    _ => None,
                })
            })
            .collect()
    }

    fn briefing_of(blocks: Vec<Block>) -> Briefing {
        Briefing {
            year: 2030,
            province_id: "tinh-a".into(),
            province_name: "Tỉnh A".into(),
            metadata: Metadata {
                title: String::new(),
                subject: String::new(),
                keywords: Vec::new(),
                author: String::new(),
                lang: crate::model::Lang::Vi,
            },
            blocks,
        }
    }

    /// The index of the page that draws `text`.
    fn page_of(pages: &[Page], text: &str) -> usize {
        pages
            .iter()
            .position(|p| {
                p.items
                    .iter()
                    .any(|i| matches!(i, Item::Text { text: t, .. } if t == text))
            })
            .unwrap_or_else(|| panic!("{text:?} is not drawn"))
    }

    fn table(rows: usize) -> Block {
        Block::Table(crate::briefing::Table {
            header: vec!["Năm".into(), "Chỉ số".into()],
            rows: (1..=rows)
                .map(|r| vec![format!("r{r}"), "–".into()])
                .collect(),
        })
    }

    fn note(text: &str) -> Block {
        Block::Note(vec![Span {
            text: text.into(),
            strong: false,
            lang: None,
        }])
    }

    #[test]
    fn the_notes_under_a_table_stay_with_its_last_row_wherever_the_page_breaks() {
        // The first note, and the next one (a mark's meaning), never go to the next page alone.
        for words in 1..1200 {
            let b = briefing_of(vec![
                paragraph(&"chữ ".repeat(words)),
                table(3),
                note("GHICHU"),
                note("DAUSAO"),
                // Text after the notes, so that keeping the document's end together is not
                // what keeps them with the table.
                paragraph(&"chữ ".repeat(300)),
            ]);
            let pages = layout(&b, &HalfEm, Geometry::A4);
            let table_page = page_of(&pages, "r3");
            assert_eq!(table_page, page_of(&pages, "GHICHU"), "{words} words");
            assert_eq!(table_page, page_of(&pages, "DAUSAO"), "{words} words");
        }
    }

    #[test]
    fn a_long_table_never_leaves_its_first_row_alone_at_the_foot_of_a_page() {
        for words in (1..900).step_by(7) {
            let b = briefing_of(vec![
                paragraph(&"chữ ".repeat(words)),
                table(40),
                paragraph(&"chữ ".repeat(300)),
            ]);
            let pages = layout(&b, &HalfEm, Geometry::A4);
            assert_eq!(
                page_of(&pages, "r1"),
                page_of(&pages, "r2"),
                "{words} words"
            );
            assert_eq!(
                page_of(&pages, "r39"),
                page_of(&pages, "r40"),
                "{words} words"
            );
        }
    }

    #[test]
    fn an_appendix_after_the_document_starts_a_page_and_numbers_its_own_pages() {
        let long = "chữ ".repeat(1500);
        let appendix = Block::AppendixTitle {
            label: "Phụ lục".into(),
            title: "NGUỒN SỐ LIỆU".into(),
            reference: "(Kèm theo Báo cáo số …)".into(),
        };
        let briefing = Briefing {
            year: 2030,
            province_id: "tinh-a".into(),
            province_name: "Tỉnh A".into(),
            metadata: Metadata {
                title: String::new(),
                subject: String::new(),
                keywords: Vec::new(),
                author: String::new(),
                lang: crate::model::Lang::Vi,
            },
            blocks: vec![paragraph(&long), appendix, paragraph(&long)],
        };
        let pages = layout(&briefing, &HalfEm, Geometry::A4);
        let first_of_appendix = pages
            .iter()
            .position(|p| {
                p.items
                    .iter()
                    .any(|i| matches!(i, Item::Text { text, .. } if text.trim_end() == "Phụ lục"))
            })
            .expect("the appendix is laid out");
        assert!(first_of_appendix >= 2, "the body alone takes two pages");
        // Its head opens the page: nothing of the body shares it.
        let head = pages[first_of_appendix].items.iter().find_map(|i| match i {
            Item::Text { y, text, .. } if *y > Geometry::A4.top => Some(text.trim_end()),
            _ => None,
        });
        assert_eq!(head, Some("Phụ lục"));
        let numbers = numbers(&pages);
        let expected: Vec<Option<String>> = (0..pages.len())
            .map(|n| {
                let k = if n < first_of_appendix {
                    n
                } else {
                    n - first_of_appendix
                };
                (k > 0).then(|| (k + 1).to_string())
            })
            .collect();
        assert_eq!(numbers, expected);
    }
}
