//! Page drawing: each laid-out item as printpdf operators (text objects, rules and boxes),
//! in PDF coordinates, inside the marked-content sequence of its structure node or as an
//! artifact.

use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt,
    Rect, TextItem,
};

use super::Fonts;
use crate::layout::{Geometry, Item, Measure, Page, Style};
use crate::structure::{Artifact, NodeId, Structure, Tag};

/// The operator that opens the marked-content sequence of `tag`. Content of a node gets the
/// page's next marked-content id, and `marks[mcid]` records the node.
fn begin_marked(tag: Tag, structure: &Structure, marks: &mut Vec<NodeId>) -> Op {
    match tag {
        Tag::Node(node) => {
            let mcid = marks.len() as i64;
            marks.push(node);
            Op::BeginMarkedContentWithProperties {
                tag: structure.node(node).role.name().to_string(),
                properties: DictItem::Dict {
                    map: [("MCID".to_string(), DictItem::Int(mcid))].into(),
                },
            }
        }
        Tag::Artifact(Artifact::Layout) => Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        },
        Tag::Artifact(Artifact::Pagination) => Op::BeginMarkedContentWithProperties {
            tag: "Artifact".to_string(),
            properties: DictItem::Dict {
                map: [("Type".to_string(), DictItem::Name(b"Pagination".to_vec()))].into(),
            },
        },
    }
}

/// The page's drawing operators, each run of items with one tag in one marked-content
/// sequence (whole text objects and paths, so sequences nest properly); returns them with the
/// node of each marked-content id.
pub(super) fn page_ops(
    page: &Page,
    structure: &Structure,
    geometry: &Geometry,
    fonts: &Fonts,
    font_id: &dyn Fn(Style) -> FontId,
) -> (Vec<Op>, Vec<NodeId>) {
    let mut ops = vec![
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
    ];
    let mut marks = Vec::new();
    let mut open: Option<Tag> = None;
    let mut mark = |ops: &mut Vec<Op>, open: &mut Option<Tag>, tag: Option<Tag>| {
        if *open != tag {
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            if let Some(tag) = tag {
                ops.push(begin_marked(tag, structure, &mut marks));
            }
            *open = tag;
        }
    };
    // PDF's origin is the bottom-left corner; layout measures from the top.
    let flip = |y: f32| geometry.height - y;
    let items = &page.items;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let Item::Text {
            x, y, style, size, ..
        } = item
        else {
            mark(&mut ops, &mut open, Some(item.tag()));
            ops.extend(shape_ops(item, &flip));
            i += 1;
            continue;
        };
        // Runs of one style that continue one another on their line (a list item's label
        // and its body, a title in another language) are drawn as one text object, as if
        // they were one run: each then starts where the last one's glyphs end.
        let mut end = i + 1;
        while end < items.len() && continues(&items[end - 1], &items[end], fonts) {
            end += 1;
        }
        let group = &items[i..end];
        let one_tag = group.iter().all(|g| g.tag() == item.tag());
        // One node: its sequence may span many text objects. Several: each run's sequence
        // inside the text object, as marked content begun in one must end in it.
        mark(&mut ops, &mut open, one_tag.then(|| item.tag()));
        ops.extend(begin_text(font_id(*style), *size, *x, flip(*y)));
        let mut inner: Option<Tag> = None;
        for run in group {
            if let Item::Text {
                text, word_spacing, ..
            } = run
            {
                if !one_tag {
                    mark(&mut ops, &mut inner, Some(run.tag()));
                }
                ops.push(Op::ShowText {
                    items: text_items(text, *word_spacing, *size),
                });
            }
        }
        mark(&mut ops, &mut inner, None);
        ops.push(Op::EndTextSection);
        i = end;
    }
    mark(&mut ops, &mut open, None);
    (ops, marks)
}

/// A text object's start: its font and size, and the cursor at (`x`, `y`) in PDF space.
fn begin_text(font: FontId, size: f32, x: f32, y: f32) -> [Op; 3] {
    [
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(size),
        },
        Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        },
    ]
}

/// Whether text item `b` goes on from where `a` ends, in the same style on the same line.
fn continues(a: &Item, b: &Item, fonts: &Fonts) -> bool {
    let (
        Item::Text {
            x,
            y,
            style,
            size,
            text,
            word_spacing,
            ..
        },
        Item::Text {
            x: x2,
            y: y2,
            style: style2,
            size: size2,
            word_spacing: spacing2,
            ..
        },
    ) = (a, b)
    else {
        return false;
    };
    if y != y2 || style != style2 || size != size2 || word_spacing != spacing2 {
        return false;
    }
    let end =
        x + fonts.width(text, *style, *size) + text.matches(' ').count() as f32 * word_spacing;
    (x2 - end).abs() < 0.01
}

/// The operators of a rule or a box.
fn shape_ops(item: &Item, flip: &dyn Fn(f32) -> f32) -> Vec<Op> {
    match item {
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            gray,
            ..
        } => line_ops(pt(*x1, flip(*y1)), pt(*x2, flip(*y2)), *width, *gray),
        Item::Rect {
            x,
            y,
            width,
            height,
            gray,
            ..
        } => rect_ops(*x, flip(*y + *height), *width, *height, *gray).to_vec(),
        Item::Text { .. } => Vec::new(),
    }
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

/// A straight rule between two points (already in PDF coordinates), black unless `gray`.
fn line_ops(from: Point, to: Point, width: f32, gray: f32) -> Vec<Op> {
    let point = |p: Point| LinePoint { p, bezier: false };
    let mut ops = vec![Op::SetOutlineThickness { pt: Pt(width) }];
    if gray > 0.0 {
        ops.push(Op::SetOutlineColor {
            col: Color::Greyscale(Greyscale::new(gray, None)),
        });
    }
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![point(from), point(to)],
            is_closed: false,
        },
    });
    if gray > 0.0 {
        ops.push(Op::SetOutlineColor { col: black() });
    }
    ops
}

/// A gray rectangle whose bottom-left corner is (x, y) in PDF coordinates.
fn rect_ops(x: f32, y: f32, width: f32, height: f32, gray: f32) -> [Op; 3] {
    [
        Op::SetFillColor {
            col: Color::Greyscale(Greyscale::new(gray, None)),
        },
        Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        },
        Op::SetFillColor { col: black() },
    ]
}

/// Text with extra space after each space character, as TJ adjustments: the `Tw` operator
/// does not apply to the two-byte codes of an embedded (Identity-H) font.
fn text_items(text: &str, word_spacing: f32, size: f32) -> Vec<TextItem> {
    if word_spacing.abs() < 0.001 {
        return vec![TextItem::Text(text.to_string())];
    }
    let adjustment = -word_spacing * 1000.0 / size;
    let mut items = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(' ') {
        items.push(TextItem::Text(rest[..=at].to_string()));
        items.push(TextItem::Offset(adjustment));
        rest = &rest[at + 1..];
    }
    if !rest.is_empty() {
        items.push(TextItem::Text(rest.to_string()));
    }
    items
}
