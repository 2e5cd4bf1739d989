//! Running text: paragraphs, lettered items, section headings and notes, and the helpers
//! every block breaks its text with (`lines`, `full_width`, `balanced`, `centred`, `fit`,
//! `styled`).

use super::{Composer, plain};
use crate::briefing::Span;
use crate::layout::lines::{Paragraph, Run, break_lines, end_with_space, line_count};
use crate::layout::paginate::{shift, widow_orphan};
use crate::layout::{Align, Element, Item, Style};
use crate::structure::{Role, Structure, Tag};

impl Composer<'_> {
    pub(super) fn paragraph(
        &self,
        spans: &[Run],
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

    /// "a) Title. Body…", run in as one justified paragraph; consecutive items make one
    /// list, the letter is the item's label.
    pub(super) fn numbered(&self, label: &str, title: &str, body: &str) -> Vec<Element> {
        let list = self
            .list
            .get()
            .unwrap_or_else(|| self.node(Structure::ROOT, Role::L));
        self.list.set(Some(list));
        let item = self.node(list, Role::LI);
        let label_tag = Tag::Node(self.node(item, Role::Lbl));
        let body_tag = Tag::Node(self.node(item, Role::LBody));
        let spans = vec![
            (format!("{label} "), Style::Bold, label_tag),
            (format!("{title}. "), Style::Bold, body_tag),
            (body.to_string(), Style::Regular, body_tag),
        ];
        let t = self.type_;
        self.paragraph(&spans, t.body, Align::Justify, t.indent)
    }

    /// A section heading, kept with what follows it.
    pub(super) fn heading(&self, text: &str) -> Vec<Element> {
        let t = self.type_;
        let mut out = vec![Element::gap(6.0)];
        let h2 = self.top(Role::H2);
        let mut lines = self.full_width(
            &plain(text, Style::Bold, h2),
            t.body,
            t.leading,
            Align::Left,
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

    /// Small print: notes and sources.
    pub(super) fn note(&self, spans: &[Span]) -> Vec<Element> {
        let t = self.type_;
        let note = self.top(Role::Note);
        let mut out = widow_orphan(self.full_width(
            &self.styled(spans, Style::Italic, note),
            t.small,
            t.small * 1.15,
            Align::Left,
        ));
        out.push(Element::gap(1.0));
        out
    }

    #[allow(clippy::too_many_arguments)]
    pub(in crate::layout) fn lines(
        &self,
        spans: &[Run],
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

    /// Lines across the whole text width, without indent.
    pub(super) fn full_width(
        &self,
        spans: &[Run],
        size: f32,
        leading: f32,
        align: Align,
    ) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        self.lines(spans, size, leading, align, x, width, 0.0)
    }

    /// Centred lines of even length: a title that needs two lines breaks near its middle
    /// ("… VÀ CHỈ SỐ HÀI LÒNG / VỀ SỰ PHỤC VỤ …"), not with one word left over.
    pub(super) fn balanced(&self, spans: &[Run], size: f32, leading: f32) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let lines = self.full_width(spans, size, leading, Align::Center);
        if lines.len() < 2 {
            return lines;
        }
        let count = lines.len();
        let (mut narrow, mut wide) = (width / count as f32, width);
        for _ in 0..12 {
            let mid = (narrow + wide) / 2.0;
            let tried = Paragraph {
                spans,
                size,
                leading,
                align: Align::Center,
                first_indent: 0.0,
                x,
                width: mid,
            };
            if line_count(&tried, self.measure) > count {
                narrow = mid;
            } else {
                wide = mid;
            }
        }
        self.lines(
            spans,
            size,
            leading,
            Align::Center,
            x + (width - wide) / 2.0,
            wide,
            0.0,
        )
    }

    /// Lines of `text` centred in a column, from `y`; returns the items and the next `y`.
    /// A line break in `text` ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG") is kept.
    #[allow(clippy::too_many_arguments)]
    pub(in crate::layout) fn centred(
        &self,
        text: &str,
        style: Style,
        size: f32,
        tag: Tag,
        x: f32,
        width: f32,
        y: f32,
    ) -> (Vec<Item>, f32) {
        let leading = size * 1.15;
        let mut items = Vec::new();
        let mut y = y;
        for (n, part) in text.lines().enumerate() {
            if n > 0 {
                // "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG" is read as two words, not "DÂNTỈNH".
                end_with_space(&mut items);
            }
            for line in self.lines(
                &plain(part, style, tag),
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

    /// `text` as it fits in `width`: whole, or shortened with "…" (a chart label; the full
    /// name is in the text around the chart).
    pub(in crate::layout) fn fit(&self, text: &str, style: Style, size: f32, width: f32) -> String {
        if self.measure.width(text, style, size) <= width {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let shortened = |n: usize| {
            let kept: String = chars[..n].iter().collect();
            format!("{}…", kept.trim_end())
        };
        // The longest prefix that fits with its "…": widths grow with the prefix.
        let (mut fits, mut too_long) = (0, chars.len());
        while fits + 1 < too_long {
            let mid = (fits + too_long) / 2;
            if self.measure.width(&shortened(mid), style, size) <= width {
                fits = mid;
            } else {
                too_long = mid;
            }
        }
        if fits == 0 && self.measure.width("…", style, size) > width {
            return String::new();
        }
        shortened(fits)
    }

    /// Briefing spans in a base style, as content of `tag`: `strong` spans become bold, and
    /// a span in another language becomes a `Span` node of its own that says so.
    pub(super) fn styled(&self, spans: &[Span], base: Style, tag: Tag) -> Vec<Run> {
        spans
            .iter()
            .map(|s| {
                let style = if s.strong { Style::Bold } else { base };
                let tag = match (&s.lang, tag) {
                    (Some(lang), Tag::Node(parent)) => {
                        let span = self.node(parent, Role::Span);
                        self.structure.borrow_mut().node_mut(span).lang = Some(lang.clone());
                        Tag::Node(span)
                    }
                    _ => tag,
                };
                (s.text.clone(), style, tag)
            })
            .collect()
    }
}
