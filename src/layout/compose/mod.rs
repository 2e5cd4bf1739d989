//! Composing each kind of block into elements for pagination: the Decree 30 header, the
//! title, headings, paragraphs, notes, the figures table and the closing. Charts have their
//! own module.
//!
//! Each block also adds its structure nodes, in reading order (which is not always drawing
//! order: the header's left column is read before its right one), and tags what it draws:
//! text with its node, rules, borders and shading as artifacts.
//!
//! `head` composes the document's head (the Decree 30 header, the title, the addressees, an
//! appendix's title), `text` the running text (paragraphs, lettered items, headings, notes)
//! and the line helpers every block uses, `table` the figures table and `closing` the
//! recipients and the signer's block.

mod closing;
mod head;
mod table;
mod text;

use std::cell::{Cell, RefCell};

use super::form::{Geometry, Typography};
use super::lines::Run;
use super::{Align, Element, Measure, Style};
use crate::briefing::Block;
use crate::structure::{NodeId, Role, Structure, Tag};

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
            Block::Distribution(chart) => self.distribution(chart),
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
}

/// `text` in one style, as content of `tag`.
pub(super) fn plain(text: &str, style: Style, tag: Tag) -> Vec<Run> {
    vec![(text.to_string(), style, tag)]
}
