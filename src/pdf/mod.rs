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
//!
//! `fonts` parses the faces and measures text with them, `draw` turns each page's items into
//! drawing operators inside their marked-content sequences, and `streams` strips the fonts'
//! hinting and deflates every stream before `save` writes the bytes.

mod dehint;
mod draw;
mod fonts;
mod save;
mod streams;
mod tagged;

use printpdf::{FontId, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Pt};
use sha2::{Digest, Sha256};

use crate::briefing::Metadata;
use crate::layout::{Geometry, Item, Page, Style};
use crate::structure::{NodeId, Role, Scope, Structure, Tag};
use draw::page_ops;
pub use fonts::{Fonts, is_invisible};
use streams::{Deflater, compress_streams, dehint_fonts};

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
    set_info(&mut doc, metadata, timestamp);

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

/// The document information dictionary: the metadata, and the one timestamp for every date.
fn set_info(doc: &mut PdfDocument, metadata: &Metadata, timestamp: i64) {
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
