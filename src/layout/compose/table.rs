//! The figures table: column widths from the content, a shaded header row repeated on every
//! page the table spans, borders around every cell, and a row taller than a page split line by
//! line.

use super::{Composer, plain};
use crate::briefing::Table;
use crate::layout::lines::{Paragraph, break_lines};
use crate::layout::paginate::{keep_together, shift};
use crate::layout::{Align, Element, Item, Style};
use crate::structure::{NodeId, Role, Scope, Structure, Tag};

impl Composer<'_> {
    /// A table with a shaded header row that repeats on each page the table spans. Its header
    /// cells head their columns, and the first cell of each body row heads its row.
    pub(super) fn table(&self, table: &Table) -> Vec<Element> {
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
