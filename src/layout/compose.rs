//! Composing each kind of block into elements for pagination: the Decree 30 header, the
//! title, headings, paragraphs, notes, the figures table and the closing. Charts have their
//! own module.
//!
//! Each block also adds its structure nodes, in reading order (which is not always drawing
//! order: the header's left column is read before its right one), and tags what it draws:
//! text with its node, rules, borders and shading as artifacts.

use std::cell::{Cell, RefCell};

use super::form::{Geometry, Typography, sizes};
use super::lines::{Paragraph, Run, break_lines, end_with_space};
use super::paginate::{keep_together, shift, widow_orphan};
use super::{Align, Element, Item, Measure, Style};
use crate::briefing::{Block, Span, Table};
use crate::structure::{NodeId, Role, Scope, Structure, Tag};

/// Turns blocks into elements with one measurer, page and type.
pub(super) struct Composer<'a> {
    pub(super) measure: &'a dyn Measure,
    pub(super) geometry: Geometry,
    pub(super) type_: Typography,
    /// The document's structure, filled in reading order as blocks are composed.
    pub(super) structure: RefCell<Structure>,
    /// The list that consecutive numbered blocks join.
    pub(super) list: Cell<Option<NodeId>>,
}

/// The structure nodes of a closing, made before it is laid out: it may be laid out twice
/// (as one block, then row by row), but is read once.
struct ClosingTags {
    label: Tag,
    recipients: Vec<Tag>,
    authority: Vec<Tag>,
    signer: Option<Tag>,
}

impl Composer<'_> {
    /// A new node, the last child of `parent`.
    pub(super) fn node(&self, parent: NodeId, role: Role) -> NodeId {
        self.structure.borrow_mut().add(parent, role)
    }

    /// A new node under the document, as the tag of what it draws.
    pub(super) fn top(&self, role: Role) -> Tag {
        Tag::Node(self.node(Structure::ROOT, role))
    }

    /// The elements of one block: one function per kind of block.
    pub(super) fn block(&self, block: &Block) -> Vec<Element> {
        let t = self.type_;
        if !matches!(block, Block::Numbered { .. }) {
            self.list.set(None);
        }
        match block {
            Block::Header(header) => vec![self.header(header)],
            Block::Chart(chart) => self.chart(chart),
            Block::LineCharts(charts) => self.line_charts(charts),
            Block::Closing(closing) => self.closing(closing),
            Block::Title { kind, summary } => self.title(kind, summary),
            Block::Addressees { label, names } => self.addressees(label, names),
            Block::AppendixTitle {
                label,
                title,
                reference,
            } => self.appendix_title(label, title, reference),
            Block::Heading(text) => self.heading(text),
            Block::Paragraph(spans) => {
                let p = self.top(Role::P);
                self.paragraph(
                    &self.styled(spans, Style::Regular, p),
                    t.body,
                    Align::Justify,
                    t.indent,
                )
            }
            Block::Numbered { label, title, body } => self.numbered(label, title, body),
            Block::Note(spans) => self.note(spans),
            Block::Table(table) => self.table(table),
        }
    }

    /// "a) Title. Body…", run in as one justified paragraph; consecutive items make one
    /// list, the letter is the item's label.
    fn numbered(&self, label: &str, title: &str, body: &str) -> Vec<Element> {
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

    /// Lines across the whole text width, without indent.
    fn full_width(&self, spans: &[Run], size: f32, leading: f32, align: Align) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        self.lines(spans, size, leading, align, x, width, 0.0)
    }

    /// Centred lines of even length: a title that needs two lines breaks near its middle
    /// ("… VÀ CHỈ SỐ HÀI LÒNG / VỀ SỰ PHỤC VỤ …"), not with one word left over.
    fn balanced(&self, spans: &[Run], size: f32, leading: f32) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let lines = self.full_width(spans, size, leading, Align::Center);
        if lines.len() < 2 {
            return lines;
        }
        let count = lines.len();
        let (mut narrow, mut wide) = (width / count as f32, width);
        for _ in 0..12 {
            let mid = (narrow + wide) / 2.0;
            let tried = self.lines(spans, size, leading, Align::Center, x, mid, 0.0);
            if tried.len() > count {
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

    /// Document type and summary line, centred, with the rule under the summary (App. I,
    /// II.5.b); together the document's title.
    fn title(&self, kind: &str, summary: &str) -> Vec<Element> {
        let t = self.type_;
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let h1 = self.top(Role::H1);
        let mut out = self.full_width(
            &plain(kind, Style::Bold, h1),
            t.title,
            t.leading,
            Align::Center,
        );
        // "BÁO CÁO" and the summary are read as one title: a word break between them.
        if let Some(last) = out.last_mut() {
            end_with_space(&mut last.items);
        }
        out.extend(self.balanced(&plain(summary, Style::Bold, h1), t.body, t.leading));
        // Decree 30: a rule 1/3 to 1/2 as long as the summary line, centred under it.
        let rule_width = self.measure.width(summary, Style::Bold, t.body).min(width) * 0.4;
        let mid = x + width / 2.0;
        out.push(Element {
            height: 10.0,
            items: vec![Item::Line {
                x1: mid - rule_width / 2.0,
                y1: 4.0,
                x2: mid + rule_width / 2.0,
                y2: 4.0,
                width: 0.6,
                gray: 0.0,
                tag: Tag::LAYOUT,
            }],
            keep_with_next: false,
            is_gap: false,
            repeat: None,
        });
        out.push(Element::gap(6.0));
        keep_together(out)
    }

    /// "Kính gửi: …" (App. I, II.9.b, 9.d): one addressee on the label's line, centred, ending
    /// with a full stop; several each on a line, "- " aligned under the first, ";" after each
    /// but the last.
    fn addressees(&self, label: &str, names: &[String]) -> Vec<Element> {
        let t = self.type_;
        let size = t.body;
        let lines: Vec<String> = match names {
            [one] => vec![format!("{label} {one}.")],
            _ => names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let end = if i + 1 == names.len() { "." } else { ";" };
                    format!("- {n}{end}")
                })
                .collect(),
        };
        let label_width = if names.len() > 1 {
            self.measure
                .width(&format!("{label} "), Style::Regular, size)
        } else {
            0.0
        };
        let widest = lines
            .iter()
            .map(|l| self.measure.width(l, Style::Regular, size))
            .fold(0.0, f32::max);
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let start = (x + (width - label_width - widest) / 2.0).max(x);
        // A name too long for the line wraps under itself, inside the right margin.
        let room = x + width - start - label_width;
        if lines.is_empty() {
            return vec![Element::gap(8.0)];
        }
        // One addressee: a paragraph. Several: the label, then a list, one item a name.
        let label_tag = self.top(Role::P);
        let tags: Vec<Tag> = if names.len() > 1 {
            let list = self.node(Structure::ROOT, Role::L);
            let item = |_| Tag::Node(self.node(self.node(list, Role::LI), Role::LBody));
            lines.iter().map(item).collect()
        } else {
            vec![label_tag]
        };
        let mut out = Vec::new();
        for (i, (line, tag)) in lines.iter().zip(tags).enumerate() {
            let wrapped = self.lines(
                &plain(line, Style::Regular, tag),
                size,
                t.leading,
                Align::Left,
                start + label_width,
                room,
                0.0,
            );
            for (n, mut element) in wrapped.into_iter().enumerate() {
                if i == 0 && n == 0 && names.len() > 1 {
                    element.items.push(text_item(
                        start,
                        t.leading * 0.8,
                        (Style::Regular, size),
                        label,
                        label_tag,
                    ));
                }
                element.keep_with_next = true;
                out.push(element);
            }
        }
        out.push(Element::gap(8.0));
        out
    }

    /// An appendix's head (App. I, Part I, III.1): "Phụ lục" 14 pt bold, the title in bold
    /// capitals — together the document's title — and the reference to the cover letter in
    /// italics, all centred.
    fn appendix_title(&self, label: &str, title: &str, reference: &str) -> Vec<Element> {
        let t = self.type_;
        let h1 = self.top(Role::H1);
        let mut out = self.full_width(
            &plain(label, Style::Bold, h1),
            t.title,
            t.title * 1.15,
            Align::Center,
        );
        if let Some(last) = out.last_mut() {
            end_with_space(&mut last.items);
        }
        out.extend(self.balanced(&plain(title, Style::Bold, h1), t.body, t.leading));
        let reference_tag = self.top(Role::P);
        out.extend(self.balanced(
            &plain(reference, Style::Italic, reference_tag),
            t.body,
            t.leading,
        ));
        out.push(Element::gap(10.0));
        keep_together(out)
    }

    /// A section heading, kept with what follows it.
    fn heading(&self, text: &str) -> Vec<Element> {
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

    /// `text` as it fits in `width`: whole, or shortened with "…" (a chart label; the full
    /// name is in the text around the chart).
    pub(super) fn fit(&self, text: &str, style: Style, size: f32, width: f32) -> String {
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

    /// Small print: notes and sources.
    fn note(&self, spans: &[Span]) -> Vec<Element> {
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

    /// Lines of `text` centred in a column, from `y`; returns the items and the next `y`.
    /// A line break in `text` ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG") is kept.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn centred(
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

    /// A rule of `length` centred in a column, just under the line that ended at `y`.
    fn rule_under(x: f32, width: f32, length: f32, y: f32) -> Item {
        let mid = x + width / 2.0;
        Item::Line {
            x1: mid - length / 2.0,
            y1: y + 3.0,
            x2: mid + length / 2.0,
            y2: y + 3.0,
            width: 0.6,
            gray: 0.0,
            tag: Tag::LAYOUT,
        }
    }

    /// Decree 30 header: agency (left, 2/5 of the width) beside the national title and motto
    /// (right); the number and the place-and-date line share the row beneath. Read a column
    /// at a time: agency and number, then national title, motto and date.
    fn header(&self, h: &crate::briefing::Header) -> Element {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let (left_w, right_w) = (width * 0.4, width * 0.6);
        let right_x = x + left_w;
        let mut items = Vec::new();
        let p = || self.top(Role::P);
        let parent_tag = h.parent_agency.as_ref().map(|_| p());
        let agency_tag = p();
        let number_tag = h.number_line.as_ref().map(|_| p());
        let (title_tag, motto_tag, place_tag) = (p(), p(), p());

        let mut left_y = 0.0;
        if let (Some(parent), Some(tag)) = (&h.parent_agency, parent_tag) {
            let (lines, y) = self.centred(
                parent,
                Style::Regular,
                sizes::AGENCY,
                tag,
                x,
                left_w,
                left_y,
            );
            items.extend(lines);
            left_y = y;
        }
        let (lines, y) = self.centred(
            &h.agency,
            Style::Bold,
            sizes::AGENCY,
            agency_tag,
            x,
            left_w,
            left_y,
        );
        items.extend(lines);
        // Agency rule: 1/3 to 1/2 of the agency line (Appendix I, 2.b).
        let agency_width = self
            .measure
            .width(&h.agency, Style::Bold, sizes::AGENCY)
            .min(left_w);
        items.push(Self::rule_under(x, left_w, agency_width * 0.4, y));
        left_y = y + 6.0;

        let (lines, y) = self.centred(
            &h.national_title,
            Style::Bold,
            sizes::AGENCY,
            title_tag,
            right_x,
            right_w,
            0.0,
        );
        items.extend(lines);
        let (lines, y) = self.centred(
            &h.motto,
            Style::Bold,
            sizes::MOTTO,
            motto_tag,
            right_x,
            right_w,
            y,
        );
        items.extend(lines);
        // Motto rule: as long as the motto line (Appendix I, 1.b).
        let motto_width = self
            .measure
            .width(&h.motto, Style::Bold, sizes::MOTTO)
            .min(right_w);
        items.push(Self::rule_under(right_x, right_w, motto_width, y));
        let right_y = y + 6.0;

        let row = left_y.max(right_y);
        if let (Some(number), Some(tag)) = (&h.number_line, number_tag) {
            items.extend(
                self.centred(number, Style::Regular, sizes::MOTTO, tag, x, left_w, row)
                    .0,
            );
        }
        let (lines, end) = self.centred(
            &h.place_date,
            Style::Italic,
            sizes::MOTTO,
            place_tag,
            right_x,
            right_w,
            row,
        );
        items.extend(lines);
        Element {
            height: end + 8.0,
            items,
            keep_with_next: true,
            is_gap: false,
            repeat: None,
        }
    }

    /// Recipients on the left, the signer's authority, space to sign and name on the right:
    /// one block, or, when it is taller than a page (a list of sixty recipients), row by row
    /// so the pages can break it. Read a column at a time, the recipients first.
    fn closing(&self, c: &crate::briefing::Closing) -> Vec<Element> {
        let tags = self.closing_tags(c);
        let whole = self.closing_block(c, &tags);
        if whole.height <= self.geometry.text_height() {
            return vec![whole];
        }
        self.closing_rows(c, &tags)
    }

    /// The closing's nodes: the label, a list of recipients, the authority and the signer.
    fn closing_tags(&self, c: &crate::briefing::Closing) -> ClosingTags {
        let label = self.top(Role::P);
        let list = self.node(Structure::ROOT, Role::L);
        let recipients = c
            .recipients
            .iter()
            .map(|_| Tag::Node(self.node(self.node(list, Role::LI), Role::LBody)))
            .collect();
        ClosingTags {
            label,
            recipients,
            authority: c.authority.iter().map(|_| self.top(Role::P)).collect(),
            signer: c.signer.as_ref().map(|_| self.top(Role::P)),
        }
    }

    /// The closing as rows: the left column's lines beside the right column's, the space to
    /// sign kept with the signer's name.
    fn closing_rows(&self, c: &crate::briefing::Closing, tags: &ClosingTags) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let (left_w, right_w) = (width * 0.5, width * 0.5);
        let right_x = x + left_w;
        let mut left: Vec<(Vec<Item>, f32)> = self
            .lines(
                &plain(&c.recipients_label, Style::BoldItalic, tags.label),
                sizes::RECIPIENTS_LABEL,
                sizes::RECIPIENTS_LABEL_LEADING,
                Align::Left,
                x,
                left_w,
                0.0,
            )
            .into_iter()
            .map(|l| (l.items, sizes::RECIPIENTS_LABEL_LEADING))
            .collect();
        for (recipient, tag) in c.recipients.iter().zip(&tags.recipients) {
            left.extend(
                self.lines(
                    &plain(recipient, Style::Regular, *tag),
                    sizes::RECIPIENTS,
                    sizes::RECIPIENTS_LEADING,
                    Align::Left,
                    x,
                    left_w,
                    0.0,
                )
                .into_iter()
                .map(|l| (l.items, sizes::RECIPIENTS_LEADING)),
            );
        }
        let centred = |text: &str, tag: Tag| {
            self.centred(text, Style::Bold, sizes::SIGNER, tag, right_x, right_w, 0.0)
        };
        let mut right: Vec<(Vec<Item>, f32)> = c
            .authority
            .iter()
            .zip(&tags.authority)
            .map(|(a, tag)| centred(a, *tag))
            .collect();
        let room = right.len();
        right.push((Vec::new(), sizes::SIGNATURE_ROOM));
        if let (Some(name), Some(tag)) = (&c.signer, tags.signer) {
            right.push(centred(name, tag));
        }
        let rows = left.len().max(right.len());
        let mut left = left.into_iter();
        let mut right = right.into_iter();
        let top = Element {
            keep_with_next: true,
            ..Element::gap(10.0)
        };
        let mut out = vec![top];
        for row in 0..rows {
            let (mut items, mut height) = left.next().unwrap_or_default();
            if let Some((r, h)) = right.next() {
                items.extend(r);
                height = height.max(h);
            }
            out.push(Element {
                height,
                items,
                // The last authority line, the room to sign and the name stay together.
                keep_with_next: row + 1 >= room && row <= room,
                is_gap: false,
                repeat: None,
            });
        }
        out
    }

    /// The closing as one block.
    fn closing_block(&self, c: &crate::briefing::Closing, tags: &ClosingTags) -> Element {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let (left_w, right_w) = (width * 0.5, width * 0.5);
        let right_x = x + left_w;
        let mut items = Vec::new();
        // "Nơi nhận:" 12 pt bold italic, level with the signer's authority; the list 11 pt.
        let top = 10.0;
        let mut left_y = top;
        for line in self.lines(
            &plain(&c.recipients_label, Style::BoldItalic, tags.label),
            sizes::RECIPIENTS_LABEL,
            sizes::RECIPIENTS_LABEL_LEADING,
            Align::Left,
            x,
            left_w,
            0.0,
        ) {
            items.extend(shift(line.items, left_y));
            left_y += sizes::RECIPIENTS_LABEL_LEADING;
        }
        for (recipient, tag) in c.recipients.iter().zip(&tags.recipients) {
            for line in self.lines(
                &plain(recipient, Style::Regular, *tag),
                sizes::RECIPIENTS,
                sizes::RECIPIENTS_LEADING,
                Align::Left,
                x,
                left_w,
                0.0,
            ) {
                items.extend(shift(line.items, left_y));
                left_y += sizes::RECIPIENTS_LEADING;
            }
        }
        let centred = |text: &str, tag: Tag, y: f32| {
            self.centred(text, Style::Bold, sizes::SIGNER, tag, right_x, right_w, y)
        };
        let mut right_y = top;
        for (authority, tag) in c.authority.iter().zip(&tags.authority) {
            let (lines, y) = centred(authority, *tag, right_y);
            items.extend(lines);
            right_y = y;
        }
        // Room for the digital signature and seal images; none is ever drawn here.
        right_y += sizes::SIGNATURE_ROOM;
        if let (Some(name), Some(tag)) = (&c.signer, tags.signer) {
            let (lines, y) = centred(name, tag, right_y);
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

    fn paragraph(&self, spans: &[Run], size: f32, align: Align, indent: f32) -> Vec<Element> {
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
    pub(super) fn lines(
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

    /// A table with a shaded header row that repeats on each page the table spans. Its header
    /// cells head their columns, and the first cell of each body row heads its row.
    fn table(&self, table: &Table) -> Vec<Element> {
        let size = self.type_.small + 1.0;
        let widths = self.column_widths(table, size);
        let node = self.node(Structure::ROOT, Role::Table);
        let head = self.node(node, Role::THead);
        let header_tags = self.row_tags(head, table.header.len(), Role::TH(Scope::Column));
        let header = self.table_row(&table.header, true, &widths, size, &header_tags);
        // Left out of the file if the table has no rows: it would hold no content.
        let body = self.node(node, Role::TBody);
        let mut out = vec![header.clone()];
        for row in &table.rows {
            let tags = self.row_tags(body, row.len(), Role::TD);
            let element = self.table_row(row, false, &widths, size, &tags);
            // A row taller than a page (a cell of a thousand words) is split line by line.
            let parts = if element.height + header.height > self.geometry.text_height() {
                self.table_row_lines(row, &widths, size, &tags)
            } else {
                vec![element]
            };
            out.extend(parts.into_iter().map(|part| Element {
                repeat: Some(Box::new(header.clone())),
                ..part
            }));
        }
        // A short table moves to the next page whole rather than leave a row or two behind
        // (the year of the briefing alone under a repeated header).
        let height: f32 = out.iter().map(|e| e.height).sum();
        if height <= self.geometry.text_height() / 2.0 {
            out = keep_together(out);
        } else if out.len() >= 3 {
            // A long one breaks, but never before its last row, nor after its first.
            let n = out.len();
            out[n - 2].keep_with_next = true;
            out[0].keep_with_next = true;
            out[1].keep_with_next = true;
        }
        out.push(Element::gap(6.0));
        out
    }

    /// A row of `cells` cells in `section`: a `TR` whose first cell is a row header unless
    /// `role` says every cell is a column header. Returns each cell's tag.
    fn row_tags(&self, section: NodeId, cells: usize, role: Role) -> Vec<Tag> {
        let row = self.node(section, Role::TR);
        (0..cells)
            .map(|i| {
                let role = if i == 0 && role == Role::TD {
                    Role::TH(Scope::Row)
                } else {
                    role
                };
                Tag::Node(self.node(row, role))
            })
            .collect()
    }

    /// A body row as one element per line, each drawn with its stretch of the cell borders:
    /// the top rule above the first line, the bottom rule under the last.
    fn table_row_lines(
        &self,
        cells: &[String],
        widths: &[f32],
        size: f32,
        tags: &[Tag],
    ) -> Vec<Element> {
        let leading = size * 1.25;
        let cell_lines = self.cell_lines(cells, false, widths, (size, leading), tags);
        let count = cell_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut lines: Vec<std::vec::IntoIter<Element>> =
            cell_lines.into_iter().map(Vec::into_iter).collect();
        let right = self.geometry.left + widths.iter().sum::<f32>();
        let rule = |y: f32| Item::Line {
            x1: self.geometry.left,
            y1: y,
            x2: right,
            y2: y,
            width: 0.5,
            gray: 0.0,
            tag: Tag::LAYOUT,
        };
        (0..count)
            .map(|n| {
                let first = n == 0;
                let last = n + 1 == count;
                let top = if first { TABLE_PAD } else { 0.0 };
                let height = top + leading + if last { TABLE_PAD } else { 0.0 };
                let mut items = Vec::new();
                for cell in &mut lines {
                    if let Some(line) = cell.next() {
                        items.extend(shift(line.items, top));
                    }
                }
                let mut borders = cell_borders(self.geometry.left, widths, height);
                // cell_borders draws the top and bottom rules first; keep only those due.
                let verticals = borders.split_off(2);
                if first {
                    items.push(rule(0.0));
                }
                if last {
                    items.push(rule(height));
                }
                items.extend(verticals);
                Element {
                    height,
                    items,
                    keep_with_next: false,
                    is_gap: false,
                    repeat: None,
                }
            })
            .collect()
    }

    /// Each cell's text broken into lines in its column, as content of its tag.
    fn cell_lines(
        &self,
        cells: &[String],
        is_header: bool,
        widths: &[f32],
        (size, leading): (f32, f32),
        tags: &[Tag],
    ) -> Vec<Vec<Element>> {
        let style = if is_header {
            Style::Bold
        } else {
            Style::Regular
        };
        let mut x = self.geometry.left;
        let mut out = Vec::new();
        for (i, ((cell, w), tag)) in cells.iter().zip(widths).zip(tags).enumerate() {
            let align = if i == 0 && !is_header {
                Align::Left
            } else {
                Align::Center
            };
            let paragraph = Paragraph {
                spans: &plain(cell, style, *tag),
                size,
                leading,
                align,
                first_indent: 0.0,
                x: x + TABLE_PAD,
                width: w - 2.0 * TABLE_PAD,
            };
            out.push(break_lines(&paragraph, self.measure));
            x += w;
        }
        out
    }

    /// Column widths from the content: each column wide enough for its longest word (so no
    /// word breaks), then the rest of the line shared in proportion to what each column's
    /// widest cell would need on one line.
    fn column_widths(&self, table: &Table, size: f32) -> Vec<f32> {
        let pad = 2.0 * TABLE_PAD;
        let columns = table.header.len().max(1);
        let mut least = vec![pad; columns];
        let mut want = vec![pad; columns];
        let rows = std::iter::once((&table.header, Style::Bold, 2.0))
            .chain(table.rows.iter().map(|r| (r, Style::Regular, 1.0)));
        // A body cell wants its whole text on one line; a heading may take two.
        for (cells, style, lines) in rows {
            for (i, cell) in cells.iter().enumerate().take(columns) {
                let word = cell
                    .split(' ')
                    .map(|w| self.measure.width(w, style, size))
                    .fold(0.0, f32::max);
                least[i] = least[i].max(word + pad);
                let whole = self.measure.width(cell, style, size) / lines;
                want[i] = want[i].max(whole.max(word) + pad);
            }
        }
        let total = self.geometry.text_width();
        let (sum_least, sum_want) = (least.iter().sum::<f32>(), want.iter().sum::<f32>());
        if sum_want <= total {
            return want.iter().map(|w| w * total / sum_want).collect();
        }
        let share = ((total - sum_least) / (sum_want - sum_least)).max(0.0);
        let widths: Vec<f32> = least
            .iter()
            .zip(&want)
            .map(|(l, w)| l + (w - l) * share)
            .collect();
        // When even the longest words do not fit, shrink everything to the line.
        let sum = widths.iter().sum::<f32>();
        widths.iter().map(|w| w * total.min(sum) / sum).collect()
    }

    /// One row: cells centred (the first column of a body row left-aligned), lines centred
    /// vertically, borders around every cell.
    fn table_row(
        &self,
        cells: &[String],
        is_header: bool,
        widths: &[f32],
        size: f32,
        tags: &[Tag],
    ) -> Element {
        let leading = size * 1.25;
        let cell_lines = self.cell_lines(cells, is_header, widths, (size, leading), tags);
        let line_count = cell_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = line_count as f32 * leading + 2.0 * TABLE_PAD;
        let mut items = Vec::new();
        if is_header {
            items.push(Item::Rect {
                x: self.geometry.left,
                y: 0.0,
                width: widths.iter().sum(),
                height,
                gray: 0.9,
                tag: Tag::LAYOUT,
            });
        }
        for lines in cell_lines {
            // Centre the cell's lines vertically in the row.
            let offset = TABLE_PAD + (line_count - lines.len()) as f32 * leading / 2.0;
            for (n, line) in lines.into_iter().enumerate() {
                items.extend(shift(line.items, offset + n as f32 * leading));
            }
        }
        items.extend(cell_borders(self.geometry.left, widths, height));
        Element {
            height,
            items,
            keep_with_next: is_header,
            is_gap: false,
            repeat: None,
        }
    }
}

/// Space between a table cell's border and its text.
const TABLE_PAD: f32 = 4.0;

fn cell_borders(left: f32, widths: &[f32], height: f32) -> Vec<Item> {
    let right = left + widths.iter().sum::<f32>();
    let mut items = vec![
        Item::Line {
            x1: left,
            y1: 0.0,
            x2: right,
            y2: 0.0,
            width: 0.5,
            gray: 0.0,
            tag: Tag::LAYOUT,
        },
        Item::Line {
            x1: left,
            y1: height,
            x2: right,
            y2: height,
            width: 0.5,
            gray: 0.0,
            tag: Tag::LAYOUT,
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
            gray: 0.0,
            tag: Tag::LAYOUT,
        });
    }
    items
}

/// One run of text at (x, baseline), without extra word spacing.
fn text_item(x: f32, y: f32, (style, size): (Style, f32), text: &str, tag: Tag) -> Item {
    Item::Text {
        x,
        y,
        style,
        size,
        text: text.to_string(),
        word_spacing: 0.0,
        tag,
    }
}

/// `text` in one style, as content of `tag`.
pub(super) fn plain(text: &str, style: Style, tag: Tag) -> Vec<Run> {
    vec![(text.to_string(), style, tag)]
}

impl Composer<'_> {
    /// Briefing spans in a base style, as content of `tag`: `strong` spans become bold, and
    /// a span in another language becomes a `Span` node of its own that says so.
    fn styled(&self, spans: &[Span], base: Style, tag: Tag) -> Vec<Run> {
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
