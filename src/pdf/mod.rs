//! The only module that knows printpdf: draws laid-out pages with the embedded Liberation
//! Serif faces, sets the document metadata, and returns the PDF bytes.
//!
//! Same input, same bytes: printpdf draws font resource names and the trailer `/ID` from a
//! process-wide counter, so this module names the fonts itself and derives the `/ID` and the
//! subset tags from a hash of the page content. Dates come from `SOURCE_DATE_EPOCH` or the
//! dataset, never the clock.
//!
//! `dehint` strips TrueType hinting from the embedded subsets, which poppler and the PDF
//! readers we target do not use.

mod dehint;

use std::collections::HashMap;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};

use crate::briefing::Metadata;
use crate::layout::{Geometry, Item, Measure, Page, Style};

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

/// Writes `pages` as a PDF; `timestamp` (Unix seconds) becomes its creation date.
pub fn render(
    pages: &[Page],
    metadata: &Metadata,
    fonts: &Fonts,
    geometry: &Geometry,
    timestamp: i64,
) -> Vec<u8> {
    let digest = content_digest(pages, metadata);
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

    let pdf_pages = pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Pt(geometry.width).into(),
                Pt(geometry.height).into(),
                page_ops(page, geometry, &font_id),
            )
        })
        .collect();
    doc.with_pages(pdf_pages);

    let mut lopdf_doc = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let id = lopdf::Object::String(digest[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
    lopdf_doc
        .trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    dehint_fonts(&mut lopdf_doc);
    compress_streams(&mut lopdf_doc);
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = lopdf_doc.save_to(&mut bytes);
    bytes
}

fn page_ops(page: &Page, geometry: &Geometry, font_id: &dyn Fn(Style) -> FontId) -> Vec<Op> {
    let mut ops = vec![
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
    ];
    // PDF's origin is the bottom-left corner; layout measures from the top.
    let flip = |y: f32| geometry.height - y;
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                style,
                size,
                text,
                word_spacing,
            } => ops.extend([
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
                Op::ShowText {
                    items: text_items(text, *word_spacing, *size),
                },
                Op::EndTextSection,
            ]),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                gray,
            } => ops.extend(line_ops(
                pt(*x1, flip(*y1)),
                pt(*x2, flip(*y2)),
                *width,
                *gray,
            )),
            Item::Rect {
                x,
                y,
                width,
                height,
                gray,
            } => ops.extend(rect_ops(*x, flip(*y + *height), *width, *height, *gray)),
        }
    }
    ops
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

/// Compresses every stream that has no filter yet.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write as _;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") || !stream.allows_compression {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(DEFLATE_LEVEL));
        if encoder.write_all(&stream.content).is_err() {
            continue;
        }
        if let Ok(compressed) = encoder.finish()
            && compressed.len() < stream.content.len()
        {
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

/// SHA-256 over everything drawn and the metadata: a function of the content only.
fn content_digest(pages: &[Page], metadata: &Metadata) -> [u8; 32] {
    let mut hasher = Sha256::new();
    let mut text = |t: &str| {
        hasher.update((t.len() as u64).to_le_bytes());
        hasher.update(t.as_bytes());
    };
    text(&metadata.title);
    text(&metadata.subject);
    text(&metadata.author);
    metadata.keywords.iter().for_each(|k| text(k));
    for page in pages {
        hasher.update(b"page");
        for item in &page.items {
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
