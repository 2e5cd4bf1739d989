//! The closing: the recipients ("Nơi nhận") on the left; the signer's authority, room to sign
//! and the signer's name on the right. One block, or row by row when it is taller than a page.

use super::{Composer, plain};
use crate::layout::form::sizes;
use crate::layout::paginate::shift;
use crate::layout::{Align, Element, Item, Style};
use crate::structure::{Role, Structure, Tag};

/// The structure nodes of a closing, made before it is laid out: it may be laid out twice
/// (as one block, then row by row), but is read once.
struct ClosingTags {
    label: Tag,
    recipients: Vec<Tag>,
    authority: Vec<Tag>,
    signer: Option<Tag>,
}

impl Composer<'_> {
    /// Recipients on the left, the signer's authority, space to sign and name on the right:
    /// one block, or, when it is taller than a page (a list of sixty recipients), row by row
    /// so the pages can break it. Read a column at a time, the recipients first.
    pub(super) fn closing(&self, c: &crate::briefing::Closing) -> Vec<Element> {
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
}
