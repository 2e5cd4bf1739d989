//! Turning a `Briefing` into positioned pages: line breaking with the font's real advance
//! widths, justification, the figures table, pagination with widow/orphan control and page
//! numbers. It knows nothing about PDF: text is measured through `Measure`, so tests can use a
//! fake measurer, and the output is plain items for the `pdf` stage to draw.
//!
//! Page form (Decree 30/2020/NĐ-CP, Appendix I): A4, margins top 20, bottom 20, left 30,
//! right 15 mm; body 13 pt justified, first-line indent 1,27 cm, 6 pt between paragraphs;
//! page numbers centred in the top margin, not on page 1.

use crate::briefing::{Block, Briefing, Span, Table};

/// Text styles of the embedded font family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

/// Measures the advance width of text, in points.
pub trait Measure {
    fn width(&self, text: &str, style: Style, size: f32) -> f32;
}

/// Something drawn on a page; coordinates in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One run of text on its baseline `y`; `word_spacing` is added after every space.
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        text: String,
        word_spacing: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled rectangle, `gray` from 0 (black) to 1 (white).
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        gray: f32,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

const MM: f32 = 72.0 / 25.4;

impl Geometry {
    /// A4 portrait with the Decree 30 margins.
    pub const A4: Geometry = Geometry {
        width: 210.0 * MM,
        height: 297.0 * MM,
        top: 20.0 * MM,
        right: 15.0 * MM,
        bottom: 20.0 * MM,
        left: 30.0 * MM,
    };

    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    fn text_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

/// Type sizes and spacing of the document. Leading 1.15 em is "single" line spacing for
/// Times New Roman metrics (ascent + descent + line gap), the minimum Decree 30 allows.
#[derive(Debug, Clone, Copy)]
pub struct Typography {
    pub body: f32,
    pub leading: f32,
    pub paragraph_gap: f32,
    pub indent: f32,
    pub small: f32,
    pub title: f32,
}

impl Typography {
    pub const DEFAULT: Typography = Typography {
        body: 13.0,
        leading: 13.0 * 1.15,
        paragraph_gap: 6.0,
        indent: 12.7 * MM,
        small: 9.5,
        title: 14.0,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
}

/// Lays out a briefing on as many pages as it needs.
pub fn layout(briefing: &Briefing, measure: &dyn Measure, geometry: Geometry) -> Vec<Page> {
    let composer = Composer {
        measure,
        geometry,
        type_: Typography::DEFAULT,
    };
    let mut elements: Vec<Element> = Vec::new();
    for block in &briefing.blocks {
        if matches!(block, Block::Closing(_)) {
            // The signature block stays with the end of the text.
            for element in elements.iter_mut().rev().take(3) {
                element.keep_with_next = true;
            }
        }
        elements.extend(composer.block(block));
    }
    let mut pages = paginate(elements, &geometry);
    number_pages(&mut pages, measure, &geometry, Typography::DEFAULT.body);
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

impl Element {
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

struct Composer<'a> {
    measure: &'a dyn Measure,
    geometry: Geometry,
    type_: Typography,
}

/// A paragraph to break into lines.
struct Paragraph<'a> {
    spans: &'a [(String, Style)],
    size: f32,
    leading: f32,
    align: Align,
    first_indent: f32,
    x: f32,
    width: f32,
}

impl Composer<'_> {
    fn block(&self, block: &Block) -> Vec<Element> {
        let t = self.type_;
        let width = self.geometry.text_width();
        let x = self.geometry.left;
        match block {
            Block::Header(header) => vec![self.header(header)],
            Block::Chart(chart) => self.chart(chart),
            Block::Closing(closing) => vec![self.closing(closing)],
            Block::Title {
                kind,
                summary,
                framed,
            } => {
                let mut out = self.lines(
                    &plain(kind, Style::Bold),
                    t.title,
                    t.leading,
                    Align::Center,
                    x,
                    width,
                    0.0,
                );
                if *framed {
                    // A single-ruled frame around the label (as Decree 30 frames circulation notes).
                    let label = self.measure.width(kind, Style::Bold, t.title);
                    let (left, right) = (
                        x + (width - label) / 2.0 - 8.0,
                        x + (width + label) / 2.0 + 8.0,
                    );
                    let (top, bottom) = (-1.0, t.leading + 3.0);
                    if let Some(first) = out.first_mut() {
                        first.items.extend(frame(left, top, right, bottom));
                        first.height += 6.0;
                    }
                }
                let summary_lines = self.lines(
                    &plain(summary, Style::Bold),
                    t.body,
                    t.leading,
                    Align::Center,
                    x,
                    width,
                    0.0,
                );
                // Decree 30: a rule 1/3 to 1/2 as long as the summary line, centred under it.
                let rule_width = self.measure.width(summary, Style::Bold, t.body).min(width) * 0.4;
                out.extend(summary_lines);
                let mid = x + width / 2.0;
                out.push(Element {
                    height: 10.0,
                    items: vec![Item::Line {
                        x1: mid - rule_width / 2.0,
                        y1: 4.0,
                        x2: mid + rule_width / 2.0,
                        y2: 4.0,
                        width: 0.6,
                    }],
                    keep_with_next: false,
                    is_gap: false,
                    repeat: None,
                });
                out.push(Element::gap(8.0));
                keep_together(out)
            }
            Block::Heading(text) => {
                let mut out = vec![Element::gap(6.0)];
                let mut lines = self.lines(
                    &plain(text, Style::Bold),
                    t.body,
                    t.leading,
                    Align::Left,
                    x,
                    width,
                    0.0,
                );
                for line in &mut lines {
                    line.keep_with_next = true;
                }
                out.extend(lines);
                out.push(Element {
                    keep_with_next: true,
                    ..Element::gap(2.0)
                });
                out
            }
            Block::Paragraph(spans) => self.paragraph(
                &styled(spans, Style::Regular),
                t.body,
                Align::Justify,
                t.indent,
            ),
            Block::Numbered {
                number,
                title,
                body,
            } => {
                // Run-in: "1. Title. Body…" as one justified paragraph.
                let spans = vec![
                    (format!("{number}. {title}. "), Style::Bold),
                    (body.clone(), Style::Regular),
                ];
                self.paragraph(&spans, t.body, Align::Justify, t.indent)
            }
            Block::Note(spans) => {
                let mut out = widow_orphan(self.lines(
                    &styled(spans, Style::Italic),
                    t.small,
                    t.small * 1.15,
                    Align::Left,
                    x,
                    width,
                    0.0,
                ));
                out.push(Element::gap(1.0));
                out
            }
            Block::Table(table) => self.table(table),
        }
    }

    /// Lines of `text` centred in a column, from `y`; returns the items and the next `y`.
    /// A line break in `text` ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG") is kept.
    fn centred(
        &self,
        text: &str,
        style: Style,
        size: f32,
        x: f32,
        width: f32,
        y: f32,
    ) -> (Vec<Item>, f32) {
        let leading = size * 1.15;
        let mut items = Vec::new();
        let mut y = y;
        for part in text.lines() {
            for line in self.lines(
                &plain(part, style),
                size,
                leading,
                Align::Center,
                x,
                width,
                0.0,
            ) {
                items.extend(shift(line.items, y));
                y += leading;
            }
        }
        (items, y)
    }

    /// A rule of `length` centred in a column, just under the line that ended at `y`.
    fn rule_under(x: f32, width: f32, length: f32, y: f32) -> Item {
        let mid = x + width / 2.0;
        Item::Line {
            x1: mid - length / 2.0,
            y1: y + 3.0,
            x2: mid + length / 2.0,
            y2: y + 3.0,
            width: 0.6,
        }
    }

    /// Decree 30 header: agency (left, 2/5 of the width) beside the national title and motto
    /// (right); the number and the place-and-date line share the row beneath.
    fn header(&self, h: &crate::briefing::Header) -> Element {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let (left_w, right_w) = (width * 0.4, width * 0.6);
        let right_x = x + left_w;
        let mut items = Vec::new();

        let mut left_y = 0.0;
        if let Some(parent) = &h.parent_agency {
            let (lines, y) = self.centred(parent, Style::Regular, 12.0, x, left_w, left_y);
            items.extend(lines);
            left_y = y;
        }
        let (lines, y) = self.centred(&h.agency, Style::Bold, 12.0, x, left_w, left_y);
        items.extend(lines);
        // Agency rule: 1/3 to 1/2 of the agency line (Appendix I, 2.b).
        let agency_width = self.measure.width(&h.agency, Style::Bold, 12.0).min(left_w);
        items.push(Self::rule_under(x, left_w, agency_width * 0.4, y));
        left_y = y + 6.0;

        let (lines, y) = self.centred(&h.national_title, Style::Bold, 12.0, right_x, right_w, 0.0);
        items.extend(lines);
        let (lines, y) = self.centred(&h.motto, Style::Bold, 13.0, right_x, right_w, y);
        items.extend(lines);
        // Motto rule: as long as the motto line (Appendix I, 1.b).
        let motto_width = self.measure.width(&h.motto, Style::Bold, 13.0).min(right_w);
        items.push(Self::rule_under(right_x, right_w, motto_width, y));
        let right_y = y + 6.0;

        let row = left_y.max(right_y);
        if let Some(number) = &h.number_line {
            items.extend(self.centred(number, Style::Regular, 13.0, x, left_w, row).0);
        }
        let (lines, end) = self.centred(&h.place_date, Style::Italic, 13.0, right_x, right_w, row);
        items.extend(lines);
        Element {
            height: end + 8.0,
            items,
            keep_with_next: true,
            is_gap: false,
            repeat: None,
        }
    }

    /// A horizontal bar chart: names right-aligned, bars from the axis start, values after.
    fn chart(&self, chart: &crate::briefing::Chart) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let size = 10.0;
        let row = 12.0;
        let bar_height = 8.5;
        let label_width = chart
            .bars
            .iter()
            .map(|b| self.measure.width(&b.label, Style::Bold, size))
            .fold(0.0, f32::max)
            .min(width * 0.3);
        let value_width = 34.0;
        let bar_x = x + label_width + 6.0;
        let bar_span = width - label_width - 6.0 - value_width;
        let (from, to) = (chart.from as f32, chart.to as f32);
        let scale =
            |points: f32| bar_x + ((points - from) / (to - from)).clamp(0.0, 1.0) * bar_span;

        let mut out = Vec::new();
        let (caption, caption_end) = self.centred(&chart.caption, Style::Bold, 11.0, x, width, 0.0);
        out.push(Element {
            height: caption_end + 2.0,
            items: caption,
            keep_with_next: true,
            is_gap: false,
            repeat: None,
        });

        let mut items = Vec::new();
        let mut y = 0.0;
        for bar in &chart.bars {
            let style = if bar.highlight {
                Style::Bold
            } else {
                Style::Regular
            };
            let baseline = y + bar_height - 1.5;
            let label_w = self.measure.width(&bar.label, style, size);
            items.push(Item::Text {
                x: bar_x - 6.0 - label_w,
                y: baseline,
                style,
                size,
                text: bar.label.clone(),
                word_spacing: 0.0,
            });
            let end = scale(bar.value.hundredths() as f32 / 100.0);
            items.push(Item::Rect {
                x: bar_x,
                y,
                width: (end - bar_x).max(0.5),
                height: bar_height,
                gray: if bar.highlight { 0.25 } else { 0.72 },
            });
            items.push(Item::Text {
                x: end + 3.0,
                y: baseline,
                style,
                size,
                text: bar.value_text.clone(),
                word_spacing: 0.0,
            });
            y += row;
        }
        // Axis with a tick and a label every `step` points.
        items.push(Item::Line {
            x1: bar_x,
            y1: y,
            x2: bar_x + bar_span,
            y2: y,
            width: 0.5,
        });
        let mut tick = chart.from;
        while tick <= chart.to {
            let tx = scale(tick as f32);
            items.push(Item::Line {
                x1: tx,
                y1: y,
                x2: tx,
                y2: y + 3.0,
                width: 0.5,
            });
            let label = tick.to_string();
            let lw = self.measure.width(&label, Style::Regular, 9.0);
            items.push(Item::Text {
                x: tx - lw / 2.0,
                y: y + 12.0,
                style: Style::Regular,
                size: 9.0,
                text: label,
                word_spacing: 0.0,
            });
            tick += chart.step.max(1);
        }
        out.push(Element {
            height: y + 16.0,
            items,
            keep_with_next: !chart.note.is_empty(),
            is_gap: false,
            repeat: None,
        });
        if !chart.note.is_empty() {
            let spans = plain(&chart.note, Style::Italic);
            out.extend(self.lines(
                &spans,
                self.type_.small,
                self.type_.small * 1.2,
                Align::Center,
                x,
                width,
                0.0,
            ));
        }
        out.push(Element::gap(4.0));
        out
    }

    /// Recipients on the left, the signer's authority, space to sign and name on the right.
    fn closing(&self, c: &crate::briefing::Closing) -> Element {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let (left_w, right_w) = (width * 0.45, width * 0.55);
        let right_x = x + left_w;
        let mut items = Vec::new();
        // "Nơi nhận:" 12 pt bold italic, level with the signer's authority; the list 11 pt.
        let top = 10.0;
        let mut left_y = top;
        for line in self.lines(
            &plain(&c.recipients_label, Style::BoldItalic),
            12.0,
            14.0,
            Align::Left,
            x,
            left_w,
            0.0,
        ) {
            items.extend(shift(line.items, left_y));
            left_y += 14.0;
        }
        for recipient in &c.recipients {
            for line in self.lines(
                &plain(recipient, Style::Regular),
                11.0,
                12.5,
                Align::Left,
                x,
                left_w,
                0.0,
            ) {
                items.extend(shift(line.items, left_y));
                left_y += 12.5;
            }
        }
        let mut right_y = top;
        for authority in &c.authority {
            let (lines, y) = self.centred(authority, Style::Bold, 13.0, right_x, right_w, right_y);
            items.extend(lines);
            right_y = y;
        }
        // Room for the digital signature and seal images; none is ever drawn here.
        right_y += 30.0 * MM;
        if let Some(name) = &c.signer {
            let (lines, y) = self.centred(name, Style::Bold, 13.0, right_x, right_w, right_y);
            items.extend(lines);
            right_y = y;
        }
        Element {
            height: left_y.max(right_y) + 4.0,
            items,
            keep_with_next: false,
            is_gap: false,
            repeat: None,
        }
    }

    fn paragraph(
        &self,
        spans: &[(String, Style)],
        size: f32,
        align: Align,
        indent: f32,
    ) -> Vec<Element> {
        let x = self.geometry.left;
        let lines = self.lines(
            spans,
            size,
            self.type_.leading,
            align,
            x,
            self.geometry.text_width(),
            indent,
        );
        let mut out = widow_orphan(lines);
        out.push(Element::gap(self.type_.paragraph_gap));
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn lines(
        &self,
        spans: &[(String, Style)],
        size: f32,
        leading: f32,
        align: Align,
        x: f32,
        width: f32,
        first_indent: f32,
    ) -> Vec<Element> {
        let paragraph = Paragraph {
            spans,
            size,
            leading,
            align,
            first_indent,
            x,
            width,
        };
        break_lines(&paragraph, self.measure)
    }

    fn table(&self, table: &Table) -> Vec<Element> {
        let size = self.type_.small + 1.0;
        let leading = size * 1.25;
        let pad = 4.0;
        let total = self.geometry.text_width();
        let shares = column_shares(table.header.len());
        let widths: Vec<f32> = shares.iter().map(|s| s * total).collect();
        let mut out = Vec::new();
        let rows =
            std::iter::once((&table.header, true)).chain(table.rows.iter().map(|r| (r, false)));
        for (cells, is_header) in rows {
            let style = if is_header {
                Style::Bold
            } else {
                Style::Regular
            };
            let mut x = self.geometry.left;
            let mut cell_lines = Vec::new();
            for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
                let align = if i == 0 && !is_header {
                    Align::Left
                } else {
                    Align::Center
                };
                let paragraph = Paragraph {
                    spans: &plain(cell, style),
                    size,
                    leading,
                    align,
                    first_indent: 0.0,
                    x: x + pad,
                    width: w - 2.0 * pad,
                };
                cell_lines.push(break_lines(&paragraph, self.measure));
                x += w;
            }
            let line_count = cell_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = line_count as f32 * leading + 2.0 * pad;
            let mut items = Vec::new();
            if is_header {
                items.push(Item::Rect {
                    x: self.geometry.left,
                    y: 0.0,
                    width: total,
                    height,
                    gray: 0.9,
                });
            }
            for lines in cell_lines {
                // Centre the cell's lines vertically in the row.
                let offset = pad + (line_count - lines.len()) as f32 * leading / 2.0;
                for (n, line) in lines.into_iter().enumerate() {
                    items.extend(shift(line.items, offset + n as f32 * leading));
                }
            }
            items.extend(cell_borders(self.geometry.left, &widths, height));
            let header = out.first().map(|h: &Element| Box::new(h.clone()));
            out.push(Element {
                height,
                items,
                keep_with_next: is_header,
                is_gap: false,
                repeat: if is_header { None } else { header },
            });
        }
        out.push(Element::gap(4.0));
        out
    }
}

fn frame(left: f32, top: f32, right: f32, bottom: f32) -> Vec<Item> {
    let line = |x1, y1, x2, y2| Item::Line {
        x1,
        y1,
        x2,
        y2,
        width: 0.6,
    };
    vec![
        line(left, top, right, top),
        line(right, top, right, bottom),
        line(right, bottom, left, bottom),
        line(left, bottom, left, top),
    ]
}

/// Relative column widths: a wide label column, the rest equal.
fn column_shares(columns: usize) -> Vec<f32> {
    if columns <= 1 {
        return vec![1.0];
    }
    let first = 0.3;
    let rest = (1.0 - first) / (columns - 1) as f32;
    std::iter::once(first)
        .chain(std::iter::repeat_n(rest, columns - 1))
        .collect()
}

fn cell_borders(left: f32, widths: &[f32], height: f32) -> Vec<Item> {
    let right = left + widths.iter().sum::<f32>();
    let mut items = vec![
        Item::Line {
            x1: left,
            y1: 0.0,
            x2: right,
            y2: 0.0,
            width: 0.5,
        },
        Item::Line {
            x1: left,
            y1: height,
            x2: right,
            y2: height,
            width: 0.5,
        },
    ];
    let mut x = left;
    for w in std::iter::once(&0.0).chain(widths) {
        x += w;
        items.push(Item::Line {
            x1: x,
            y1: 0.0,
            x2: x,
            y2: height,
            width: 0.5,
        });
    }
    items
}

fn plain(text: &str, style: Style) -> Vec<(String, Style)> {
    vec![(text.to_string(), style)]
}

/// Briefing spans in a base style; `strong` spans become bold.
fn styled(spans: &[Span], base: Style) -> Vec<(String, Style)> {
    spans
        .iter()
        .map(|s| (s.text.clone(), if s.strong { Style::Bold } else { base }))
        .collect()
}

fn keep_together(mut elements: Vec<Element>) -> Vec<Element> {
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

fn shift(items: Vec<Item>, dy: f32) -> Vec<Item> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Text {
                x,
                y,
                style,
                size,
                text,
                word_spacing,
            } => Item::Text {
                x,
                y: y + dy,
                style,
                size,
                text,
                word_spacing,
            },
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => Item::Line {
                x1,
                y1: y1 + dy,
                x2,
                y2: y2 + dy,
                width,
            },
            Item::Rect {
                x,
                y,
                width,
                height,
                gray,
            } => Item::Rect {
                x,
                y: y + dy,
                width,
                height,
                gray,
            },
        })
        .collect()
}

// ---- Line breaking ----

/// A word: fragments in possibly different styles with no space between them ("**26/63**.").
type Word = Vec<(String, Style)>;

fn words(spans: &[(String, Style)]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Word = Vec::new();
    for (text, style) in spans {
        for (i, piece) in text.split(' ').enumerate() {
            if i > 0 && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            if !piece.is_empty() {
                current.push((piece.to_string(), *style));
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn word_width(word: &Word, size: f32, measure: &dyn Measure) -> f32 {
    word.iter().map(|(t, s)| measure.width(t, *s, size)).sum()
}

/// Splits `word` so that its head fits in `room` points; `None` if not even one character
/// fits (or the whole word does).
fn split_word_at(word: &Word, room: f32, size: f32, measure: &dyn Measure) -> Option<(Word, Word)> {
    let mut head: Word = Vec::new();
    let mut tail: Word = Vec::new();
    let mut used = 0.0;
    for (text, style) in word {
        for c in text.chars() {
            let part = if tail.is_empty() {
                let w = measure.width(c.encode_utf8(&mut [0; 4]), *style, size);
                if used + w <= room {
                    used += w;
                    &mut head
                } else {
                    &mut tail
                }
            } else {
                &mut tail
            };
            match part.last_mut() {
                Some((t, s)) if s == style => t.push(c),
                _ => part.push((c.to_string(), *style)),
            }
        }
    }
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
}

/// Greedy line breaking; every line but the last is justified when `align` says so.
fn break_lines(p: &Paragraph<'_>, measure: &dyn Measure) -> Vec<Element> {
    let space = measure.width(" ", Style::Regular, p.size);
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut line_width = 0.0;
    for mut word in words(p.spans) {
        loop {
            let available = p.width
                - if lines.is_empty() {
                    p.first_indent
                } else {
                    0.0
                };
            let w = word_width(&word, p.size, measure);
            let needed = if line.is_empty() {
                w
            } else {
                line_width + space + w
            };
            if needed <= available + 0.01 {
                line.push(word);
                line_width = needed;
                break;
            }
            // A long word (a web address) fills the rest of the line instead of leaving a gap.
            if w > available / 3.0 {
                let room = if line.is_empty() {
                    available
                } else {
                    available - line_width - space
                };
                if let Some((head, tail)) = split_word_at(&word, room, p.size, measure) {
                    line.push(head);
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    word = tail;
                    continue;
                }
            }
            if line.is_empty() {
                // Not even one character fits: place it anyway rather than loop forever.
                line.push(word);
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
                break;
            }
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, words)| {
            let indent = if i == 0 { p.first_indent } else { 0.0 };
            let is_last = i + 1 == count;
            let align = if p.align == Align::Justify && is_last {
                Align::Left
            } else {
                p.align
            };
            let items = place_line(&words, p, measure, p.x + indent, p.width - indent, align);
            Element {
                height: p.leading,
                items,
                keep_with_next: false,
                is_gap: false,
                repeat: None,
            }
        })
        .collect()
}

/// Turns one line's words into text runs (one per style change) at their x positions.
fn place_line(
    words: &[Word],
    p: &Paragraph<'_>,
    measure: &dyn Measure,
    x: f32,
    width: f32,
    align: Align,
) -> Vec<Item> {
    // Runs: consecutive fragments of one style, the space between words kept in the run.
    let mut runs: Vec<(String, Style)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for (j, (text, style)) in word.iter().enumerate() {
            let lead = if i > 0 && j == 0 { " " } else { "" };
            match runs.last_mut() {
                Some((t, s)) if *s == *style => {
                    t.push_str(lead);
                    t.push_str(text);
                }
                Some((t, _)) if !lead.is_empty() => {
                    // The space stays with the previous run, so each run starts with a glyph.
                    t.push(' ');
                    runs.push((text.clone(), *style));
                }
                _ => runs.push((format!("{lead}{text}"), *style)),
            }
        }
    }
    let natural: f32 = runs.iter().map(|(t, s)| measure.width(t, *s, p.size)).sum();
    let gaps = words.len().saturating_sub(1);
    let (start, word_spacing) = match align {
        Align::Justify if gaps > 0 => (x, (width - natural) / gaps as f32),
        Align::Center => (x + (width - natural) / 2.0, 0.0),
        _ => (x, 0.0),
    };
    let baseline = p.leading * 0.8;
    let mut cursor = start;
    runs.into_iter()
        .map(|(text, style)| {
            let spaces = text.matches(' ').count() as f32;
            let item = Item::Text {
                x: cursor,
                y: baseline,
                style,
                size: p.size,
                text: text.clone(),
                word_spacing,
            };
            cursor += measure.width(&text, style, p.size) + spaces * word_spacing;
            item
        })
        .collect()
}

// ---- Pagination ----

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
            if used > 0.0 && used + element.height > capacity + 0.01 {
                pages.push(Page::default());
                used = 0.0;
            }
            if element.is_gap && used == 0.0 {
                continue;
            }
            // A table that breaks repeats its header row on the new page.
            if let (Some(header), 0.0) = (&element.repeat, used) {
                if let Some(page) = pages.last_mut() {
                    page.items.extend(shift(header.items.clone(), geometry.top));
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
    pages
}

/// Page numbers centred in the top margin, from page 2 on (Decree 30: not on page 1).
fn number_pages(pages: &mut [Page], measure: &dyn Measure, geometry: &Geometry, size: f32) {
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
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is half the type size wide: easy arithmetic.
    struct HalfEm;
    impl Measure for HalfEm {
        fn width(&self, text: &str, _: Style, size: f32) -> f32 {
            text.chars().count() as f32 * size * 0.5
        }
    }

    fn paragraph(text: &str, width: f32, align: Align) -> Vec<Element> {
        let spans = plain(text, Style::Regular);
        let p = Paragraph {
            spans: &spans,
            size: 10.0,
            leading: 12.0,
            align,
            first_indent: 0.0,
            x: 0.0,
            width,
        };
        break_lines(&p, &HalfEm)
    }

    fn texts(line: &Element) -> Vec<(f32, String, f32)> {
        line.items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    text,
                    word_spacing,
                    ..
                } => Some((*x, text.clone(), *word_spacing)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_wrap_at_the_measured_width() {
        // 5 px per char: "aaa bbb" = 35, "aaa bbb ccc" = 55 > 50.
        let lines = paragraph("aaa bbb ccc", 50.0, Align::Left);
        assert_eq!(lines.len(), 2);
        assert_eq!(texts(&lines[0])[0].1, "aaa bbb");
        assert_eq!(texts(&lines[1])[0].1, "ccc");
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_line_does_not() {
        let lines = paragraph("aa bb cc dd", 40.0, Align::Justify);
        // "aa bb cc" = 40 exactly; "dd" last.
        assert_eq!(lines.len(), 2);
        let (x, text, spacing) = &texts(&lines[0])[0];
        assert_eq!((*x, text.as_str()), (0.0, "aa bb cc"));
        assert!(spacing.abs() < 1e-4, "a full line needs no extra spacing");
        let lines = paragraph("aa bb cc dd", 45.0, Align::Justify);
        let (_, _, spacing) = &texts(&lines[0])[0];
        // natural 40, two gaps share 5 points.
        assert!((spacing - 2.5).abs() < 1e-4);
        assert_eq!(texts(&lines[1])[0].2, 0.0, "last line is left-aligned");
    }

    #[test]
    fn a_word_wider_than_the_line_is_split() {
        let lines = paragraph("https://example.org/very/long", 50.0, Align::Left);
        assert!(lines.len() >= 3);
        let joined: String = lines.iter().flat_map(texts).map(|t| t.1).collect();
        assert_eq!(joined, "https://example.org/very/long");
    }

    #[test]
    fn bold_runs_keep_their_place_in_a_justified_line() {
        let spans = vec![
            ("ab ".to_string(), Style::Regular),
            ("cd".to_string(), Style::Bold),
            (" ef gh".to_string(), Style::Regular),
        ];
        let p = Paragraph {
            spans: &spans,
            size: 10.0,
            leading: 12.0,
            align: Align::Justify,
            first_indent: 0.0,
            x: 0.0,
            width: 45.0,
        };
        let lines = break_lines(&p, &HalfEm);
        let runs = texts(&lines[0]);
        assert_eq!(
            runs.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
            vec!["ab ", "cd ", "ef"]
        );
        // "ab cd ef" = 40 natural, 2 gaps share 5: each run starts after the stretched spaces.
        assert!((runs[1].0 - 17.5).abs() < 1e-4, "got {}", runs[1].0);
        assert!((runs[2].0 - 35.0).abs() < 1e-4, "got {}", runs[2].0);
    }

    fn line(height: f32) -> Element {
        Element {
            height,
            items: vec![Item::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 1.0,
                y2: 0.0,
                width: 1.0,
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
