//! The only module that knows printpdf: draws laid-out pages with the embedded Liberation
//! Serif faces, sets the document metadata, and returns the PDF bytes — a tagged PDF/A-2a
//! and PDF/UA-1 file: each item is drawn inside the marked-content sequence of its structure
//! node (or as an artifact), and `tagged` adds what printpdf does not write (structure tree,
//! XMP, output intent).
//!
//! Same input, same bytes: printpdf draws font resource names and the trailer `/ID` from a
//! process-wide counter, so this module names the fonts itself and derives the `/ID` and the
//! subset tags from a hash of the page content. Dates come from `SOURCE_DATE_EPOCH` or the
//! dataset, never the clock.
//!
//! `dehint` strips TrueType hinting from the embedded subsets, which poppler and the PDF
//! readers we target do not use.

mod dehint;
mod save;
mod tagged;

use std::collections::HashMap;

use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};

use crate::briefing::Metadata;
use crate::layout::{Geometry, Item, Measure, Page, Style};
use crate::structure::{Artifact, NodeId, Role, Scope, Structure, Tag};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf");

/// The four faces, parsed once per process and shared by every briefing (a clone shares
/// them too).
#[derive(Clone)]
pub struct Fonts {
    faces: std::sync::Arc<[Face; 4]>,
}

struct Face {
    style: Style,
    font: ParsedFont,
    units_per_em: f32,
    /// Advance widths by character: measuring is the hot path of line breaking.
    advances: HashMap<char, u16>,
}

impl Face {
    fn parse(style: Style, bytes: &[u8]) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
        Some(Face {
            style,
            font,
            units_per_em,
            advances: HashMap::new(),
        })
    }

    fn advance(&self, c: char) -> u16 {
        self.advances.get(&c).copied().unwrap_or_else(|| {
            self.font
                .lookup_glyph_index(u32::from(c))
                .map_or(0, |g| self.font.get_horizontal_advance(g))
        })
    }

    /// Pre-computes the advances of the characters Vietnamese and English text use.
    fn warm(&mut self) {
        let ranges = [
            (0x20_u32, 0x7e_u32),
            (0xa0, 0x24f),
            (0x300, 0x323),
            (0x1ea0, 0x1ef9),
            (0x2010, 0x2044),
        ];
        for c in ranges
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
        {
            if let Some(g) = self.font.lookup_glyph_index(u32::from(c)) {
                self.advances.insert(c, self.font.get_horizontal_advance(g));
            }
        }
    }
}

impl Fonts {
    /// Parses the embedded faces; `None` only if the shipped font files are corrupt.
    pub fn load() -> Option<Fonts> {
        let mut faces = [
            Face::parse(Style::Regular, REGULAR)?,
            Face::parse(Style::Bold, BOLD)?,
            Face::parse(Style::Italic, ITALIC)?,
            Face::parse(Style::BoldItalic, BOLD_ITALIC)?,
        ];
        for face in &mut faces {
            face.warm();
        }
        Some(Fonts {
            faces: std::sync::Arc::new(faces),
        })
    }

    fn face(&self, style: Style) -> &Face {
        self.faces
            .iter()
            .find(|f| f.style == style)
            .unwrap_or(&self.faces[0])
    }

    /// Whether `c` can be drawn as text: a plain or no-break space, or a visible character every face has a
    /// glyph for (what validation requires of every text that will be drawn). Controls, line
    /// and paragraph separators, zero-width and other invisible characters are not: they
    /// would draw nothing, or an empty box, and copy as something else.
    pub fn covers(&self, c: char) -> bool {
        // The layout's own no-break space keeps "Số:" and its blank together.
        c == ' '
            || c == '\u{A0}'
            || (!c.is_control()
                && !c.is_whitespace()
                && !is_invisible(c)
                && self.faces.iter().all(|f| {
                    f.font
                        .lookup_glyph_index(u32::from(c))
                        .is_some_and(|g| g != 0)
                }))
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = self.face(style);
        let units: u32 = text.chars().map(|c| u32::from(face.advance(c))).sum();
        units as f32 * size / face.units_per_em
    }
}

/// Writes `pages` as a PDF/A-2a and PDF/UA-1 file whose structure tree is `structure` (the
/// nodes the pages' items name); `timestamp` (Unix seconds) becomes its creation date.
pub fn render(
    pages: &[Page],
    structure: &Structure,
    metadata: &Metadata,
    fonts: &Fonts,
    geometry: &Geometry,
    timestamp: i64,
) -> Vec<u8> {
    let digest = content_digest(pages, structure, metadata);
    let mut doc = PdfDocument::new(&metadata.title);
    // Only the faces this document draws with are embedded.
    let used = |style: Style| {
        pages
            .iter()
            .flat_map(|p| &p.items)
            .any(|item| matches!(item, Item::Text { style: s, .. } if *s == style))
    };
    let ids: Vec<(Style, FontId)> = fonts
        .faces
        .iter()
        .enumerate()
        .filter(|(_, face)| used(face.style))
        .map(|(i, face)| {
            let id = FontId(subset_tag(&digest, i));
            doc.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(face.font.clone()));
            (face.style, id)
        })
        .collect();
    let font_id = |style: Style| {
        ids.iter()
            .find(|(s, _)| *s == style)
            .map(|(_, id)| id.clone())
            .unwrap_or_else(|| FontId(subset_tag(&digest, 0)))
    };
    let info = &mut doc.metadata.info;
    info.author.clone_from(&metadata.author);
    info.subject.clone_from(&metadata.subject);
    info.keywords.clone_from(&metadata.keywords);
    info.creator = format!("parbrief {}", env!("CARGO_PKG_VERSION"));
    info.producer = "parbrief (printpdf 0.12.8)".to_string();
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(timestamp) {
        (
            info.creation_date,
            info.modification_date,
            info.metadata_date,
        ) = (date, date, date);
    }

    // Per page, the structure node of each marked-content id.
    let mut marks: Vec<Vec<NodeId>> = Vec::with_capacity(pages.len());
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let (ops, page_marks) = page_ops(page, structure, geometry, fonts, &font_id);
            marks.push(page_marks);
            PdfPage::new(Pt(geometry.width).into(), Pt(geometry.height).into(), ops)
        })
        .collect();
    doc.with_pages(pdf_pages);

    let mut lopdf_doc = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let id = lopdf::Object::String(digest[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
    lopdf_doc
        .trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    tagged::finish(
        &mut lopdf_doc,
        structure,
        &marks,
        metadata,
        timestamp,
        &digest,
    );
    dehint_fonts(&mut lopdf_doc);
    let mut deflater = Deflater::new();
    compress_streams(&mut lopdf_doc, &mut deflater);
    save::save(&mut lopdf_doc, &mut deflater)
}

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
fn page_ops(
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
        ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font_id(*style)),
                size: Pt(*size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(*x),
                    y: Pt(flip(*y)),
                },
            },
        ]);
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

/// Replaces every embedded TrueType program (`/FontFile2`, recognised by its `/Length1`) by
/// the same subset without hinting (see `dehint`).
fn dehint_fonts(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.dict.has(b"Length1") || stream.dict.has(b"Filter") {
            continue;
        }
        if let Some(font) = dehint::dehint(&stream.content) {
            stream.dict.set(
                "Length1",
                lopdf::Object::Integer(i64::try_from(font.len()).unwrap_or(0)),
            );
            stream.set_content(font);
        }
    }
}

/// Deflate level for every stream. Measured on the 2020 briefings: level 9 (lopdf's own
/// `compress`) took about half of all rendering time for under 1% smaller files.
const DEFLATE_LEVEL: u32 = 6;

/// Deflates at `DEFLATE_LEVEL` with one zlib state, reset between inputs: the same bytes as
/// a new encoder each time, without setting one up for every stream.
pub(super) struct Deflater {
    z: flate2::Compress,
}

impl Deflater {
    pub(super) fn new() -> Deflater {
        Deflater {
            z: flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true),
        }
    }

    /// `data`, deflated in a zlib wrapper.
    pub(super) fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.z.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(self.z.total_in()).ok()?;
            let status = self
                .z
                .compress_vec(&data[consumed..], &mut out, flate2::FlushCompress::Finish)
                .ok()?;
            if status == flate2::Status::StreamEnd {
                return Some(out);
            }
            out.reserve(out.capacity().max(256));
        }
    }

    /// `data` deflated so that the result does not end in CR, and how many newlines that
    /// took after `data`. lopdf ends stream data with "\n" before `endstream`, so data whose
    /// last byte is CR reads as ending in a CRLF end-of-line, one byte short of its /Length
    /// (PDF/A-2 6.1.7.1; about one stream in 256). The last byte of zlib data is the low byte
    /// of the Adler-32 sum of the input: each newline added adds 10 to it (a zero byte would
    /// add nothing). Only for data a newline may follow: text, and a font's last table.
    pub(super) fn deflate_unambiguous(&mut self, data: &[u8]) -> Option<(Vec<u8>, usize)> {
        let mut compressed = self.deflate(data)?;
        let mut padded: Option<Vec<u8>> = None;
        while compressed.last() == Some(&b'\r')
            && padded.as_ref().map_or(0, Vec::len) < data.len() + 8
        {
            let more = padded.get_or_insert_with(|| data.to_vec());
            more.push(b'\n');
            compressed = self.deflate(more)?;
        }
        Some((compressed, padded.map_or(0, |p| p.len() - data.len())))
    }
}

/// Compresses every stream that has no filter yet.
fn compress_streams(doc: &mut lopdf::Document, deflater: &mut Deflater) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") || !stream.allows_compression {
            continue;
        }
        let Some((compressed, newlines)) = deflater.deflate_unambiguous(&stream.content) else {
            continue;
        };
        if compressed.len() < stream.content.len() {
            if newlines > 0
                && let Ok(length) = stream.dict.get(b"Length1").and_then(lopdf::Object::as_i64)
            {
                // The font program now ends with those newlines.
                stream
                    .dict
                    .set("Length1", lopdf::Object::Integer(length + newlines as i64));
            }
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
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

/// SHA-256 over everything drawn, its structure and the metadata: a function of the content
/// only.
fn content_digest(pages: &[Page], structure: &Structure, metadata: &Metadata) -> [u8; 32] {
    let mut hasher = Sha256::new();
    let mut text = |t: &str| {
        hasher.update((t.len() as u64).to_le_bytes());
        hasher.update(t.as_bytes());
    };
    text(&metadata.title);
    text(&metadata.subject);
    text(&metadata.author);
    text(metadata.lang.code());
    metadata.keywords.iter().for_each(|k| text(k));
    for node in &structure.nodes {
        text(node.role.name());
        if let Role::TH(scope) = node.role {
            text(if scope == Scope::Row { "row" } else { "column" });
        }
        text(&node.parent.map_or(u32::MAX, |p| p.0).to_string());
        text(node.lang.as_deref().unwrap_or(""));
        text(node.alt.as_deref().unwrap_or(""));
    }
    for page in pages {
        hasher.update(b"page");
        for item in &page.items {
            match item.tag() {
                Tag::Node(node) => hasher.update(node.0.to_le_bytes()),
                Tag::Artifact(a) => hasher.update([b'A', a as u8]),
            }
            // Exact bit patterns: cheaper than formatting floats, and just as deterministic.
            let numbers: Vec<f32> = match item {
                Item::Text {
                    x,
                    y,
                    size,
                    word_spacing,
                    style,
                    text: t,
                    ..
                } => {
                    hasher.update(b"T");
                    hasher.update([*style as u8]);
                    hasher.update((t.len() as u64).to_le_bytes());
                    hasher.update(t.as_bytes());
                    vec![*x, *y, *size, *word_spacing]
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    gray,
                    ..
                } => {
                    hasher.update(b"L");
                    vec![*x1, *y1, *x2, *y2, *width, *gray]
                }
                Item::Rect {
                    x,
                    y,
                    width,
                    height,
                    gray,
                    ..
                } => {
                    hasher.update(b"R");
                    vec![*x, *y, *width, *height, *gray]
                }
            };
            for n in numbers {
                hasher.update(n.to_bits().to_le_bytes());
            }
        }
    }
    hasher.finalize().into()
}

/// Six capital letters from the digest: the font subset tag ("ABCDEF+LiberationSerif").
fn subset_tag(digest: &[u8; 32], face: usize) -> String {
    digest[face * 6..face * 6 + 6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Format characters that take no space: zero-width spaces and joiners, directional marks,
/// word joiners and invisible operators, the byte-order mark, the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
    )
}
