//! The only module that knows printpdf and PDF: draws laid-out pages with the embedded
//! Liberation Serif faces, sets the document metadata, and returns the PDF bytes — a tagged
//! PDF/A-2a and PDF/UA-1 file: each item is drawn inside the marked-content sequence of its
//! structure node (or as an artifact), and `tagged` adds what printpdf does not write
//! (structure tree, XMP, output intent).
//!
//! Same input, same bytes: printpdf draws the trailer `/ID` from a process-wide counter, so
//! this module derives the `/ID` and the subset tags from a hash of the page content; a
//! document's subsets depend on its own text only, never on the other documents of a batch.
//! Dates come from `SOURCE_DATE_EPOCH` or the dataset, never the clock.
//!
//! printpdf writes the document's frame (catalog, pages, info); its pages' content and
//! fonts are written here, which is faster and smaller: `content` writes each page's
//! operators, `embed` the fonts, with subsets that `subset` makes from the outlines `fonts`
//! read once per process (without hinting), and `streams` deflates every stream before
//! `save` writes the bytes.

mod content;
mod digits;
mod embed;
mod fonts;
mod save;
mod streams;
mod subset;
mod tagged;

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt};
use sha2::{Digest, Sha256};

use crate::briefing::Metadata;
use crate::layout::{Geometry, Item, Page};
use crate::structure::{NodeId, Role, Scope, Structure, Tag};
use content::page_content;
use embed::Encoding;
pub use fonts::{Fonts, is_invisible};
use streams::{Deflater, compress_streams};

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
    let encoding = Encoding::new(pages, fonts);
    // Per page, the content and the structure node of each marked-content id.
    let (contents, marks): (Vec<Vec<u8>>, Vec<Vec<NodeId>>) = pages
        .iter()
        .map(|page| page_content(page, structure, geometry, fonts, &encoding))
        .unzip();

    let mut doc = PdfDocument::new(&metadata.title);
    set_info(&mut doc, metadata, timestamp);
    let size = (Pt(geometry.width).into(), Pt(geometry.height).into());
    doc.with_pages(
        pages
            .iter()
            .map(|_| PdfPage::new(size.0, size.1, Vec::new()))
            .collect(),
    );
    let mut lopdf_doc = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let id = lopdf::Object::String(digest[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
    lopdf_doc
        .trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut deflater = Deflater::new();
    let font_names = encoding.add_fonts(
        &mut lopdf_doc,
        &|face| subset_tag(&digest, face),
        &mut deflater,
    );
    set_pages(&mut lopdf_doc, contents, font_names);
    tagged::finish(
        &mut lopdf_doc,
        structure,
        &marks,
        metadata,
        timestamp,
        &digest,
    );
    compress_streams(&mut lopdf_doc, &mut deflater);
    save::save(&mut lopdf_doc, &mut deflater)
}

/// Gives printpdf's (empty) pages their content and one resource dictionary, the fonts, in
/// place of printpdf's own per page (with empty font, image, graphics state and shading
/// dictionaries); drops the boxes equal to the media box and the empty annotation lists.
fn set_pages(doc: &mut lopdf::Document, contents: Vec<Vec<u8>>, fonts: Dictionary) {
    let resources = doc.add_object(Dictionary::from_iter(vec![(
        "Font",
        Object::Dictionary(fonts),
    )]));
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut unused: Vec<ObjectId> = Vec::new();
    for (page, content) in pages.into_iter().zip(contents) {
        let Ok(dict) = doc.get_dictionary_mut(page) else {
            continue;
        };
        for key in [b"TrimBox".as_slice(), b"CropBox", b"Annots"] {
            dict.remove(key);
        }
        if let Ok(old) = dict.get(b"Resources").and_then(Object::as_reference) {
            unused.push(old);
        }
        dict.set("Resources", Object::Reference(resources));
        let contents = dict.get(b"Contents").and_then(Object::as_reference);
        if let Ok(Object::Stream(stream)) = contents.and_then(|id| doc.get_object_mut(id)) {
            stream.set_content(content);
        }
    }
    // printpdf's resource dictionaries and the shared ones they name.
    let mut shared: Vec<ObjectId> = Vec::new();
    for id in &unused {
        if let Ok(dict) = doc.get_dictionary(*id) {
            shared.extend(dict.iter().filter_map(|(_, v)| v.as_reference().ok()));
        }
    }
    for id in unused.iter().chain(&shared) {
        doc.objects.remove(id);
    }
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
