//! The document's head (Decree 30/2020, Appendix I): the header with the agency, the national
//! title and the motto, the title with its rule, the addressees ("Kính gửi") and an appendix's
//! title.

use super::{Composer, plain};
use crate::layout::form::sizes;
use crate::layout::lines::end_with_space;
use crate::layout::paginate::keep_together;
use crate::layout::{Align, Element, Item, Style};
use crate::structure::{Role, Structure, Tag};

impl Composer<'_> {
    /// Decree 30 header: agency (left, 2/5 of the width) beside the national title and motto
    /// (right); the number and the place-and-date line share the row beneath. Read a column
    /// at a time: agency and number, then national title, motto and date.
    pub(super) fn header(&self, h: &crate::briefing::Header) -> Element {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let (left_w, right_w) = (width * 0.4, width * 0.6);
        let right_x = x + left_w;
        let mut items = Vec::new();
        let p = || self.top(Role::P);
        let parent_tag = h.parent_agency.as_ref().map(|_| p());
        let agency_tag = p();
        let number_tag = h.number_line.as_ref().map(|_| p());
        let (title_tag, motto_tag, place_tag) = (p(), p(), p());

        let left_y = self.agency_column(h, parent_tag, agency_tag, x, left_w, &mut items);
        let right_y = self.national_column(h, [title_tag, motto_tag], right_x, right_w, &mut items);

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

    /// The left column: parent agency, agency and its rule; returns where it ends.
    fn agency_column(
        &self,
        h: &crate::briefing::Header,
        parent_tag: Option<Tag>,
        agency_tag: Tag,
        x: f32,
        left_w: f32,
        items: &mut Vec<Item>,
    ) -> f32 {
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
        y + 6.0
    }

    /// The right column: national title, motto and its rule; returns where it ends.
    fn national_column(
        &self,
        h: &crate::briefing::Header,
        [title_tag, motto_tag]: [Tag; 2],
        right_x: f32,
        right_w: f32,
        items: &mut Vec<Item>,
    ) -> f32 {
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
        y + 6.0
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

    /// Document type and summary line, centred, with the rule under the summary (App. I,
    /// II.5.b); together the document's title.
    pub(super) fn title(&self, kind: &str, summary: &str) -> Vec<Element> {
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
    pub(super) fn addressees(&self, label: &str, names: &[String]) -> Vec<Element> {
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
    pub(super) fn appendix_title(&self, label: &str, title: &str, reference: &str) -> Vec<Element> {
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
