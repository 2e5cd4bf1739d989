//! What makes printpdf's document a tagged PDF/A-2a and PDF/UA-1 file, added to its lopdf
//! document after the fact: the structure tree (one element per `Structure` node, with its
//! marked content and its parent tree), the XMP metadata packet (the same strings and instant
//! as the Info dictionary, the PDF/A and PDF/UA identification), the sRGB output intent, and
//! the catalog entries both standards ask for. printpdf 0.12 writes none of these; its own
//! PDF/A option writes a PDF/X output intent and no XMP (see ../shared/notes/pdf-stack.md).

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::briefing::Metadata;
use crate::structure::{NodeId, Role, Scope, Structure};

/// sRGB v4 of "Compact ICC Profiles", CC0: see assets/icc/README.md.
const SRGB: &[u8] = include_bytes!("../../assets/icc/sRGB-v4.icc");

/// The output intent's profile stream, deflated once per process: the same bytes as
/// `compress_streams` would give it in every document (it needs no newline: see the test).
fn colour_profile() -> Stream {
    static DEFLATED: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    let deflated = DEFLATED.get_or_init(|| {
        let (data, _) = super::streams::Deflater::new().deflate_unambiguous(SRGB)?;
        (data.len() < SRGB.len()).then_some(data)
    });
    let dict = Dictionary::from_iter(vec![("N", Object::Integer(3))]);
    match deflated {
        Some(data) => {
            let mut stream = Stream::new(dict, data.clone());
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream
        }
        None => Stream::new(dict, SRGB.to_vec()),
    }
}

/// Where a marked-content sequence is: page index, then its id on that page.
type Mark = (usize, i64);

/// Adds everything PDF/A-2a and PDF/UA-1 need to `doc`. `marks[page][mcid]` is the node
/// whose content the page's marked-content sequence `mcid` holds.
pub(super) fn finish(
    doc: &mut lopdf::Document,
    structure: &Structure,
    marks: &[Vec<NodeId>],
    metadata: &Metadata,
    timestamp: i64,
    digest: &[u8; 32],
) {
    // ICC output intents and marked content need PDF 1.4, object streams 1.5, and PDF/A-2 is
    // based on PDF 1.7; printpdf writes "%PDF-1.3".
    doc.version = "1.7".to_string();
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = structure_tree(doc, structure, marks, &page_ids);
    for (i, page) in page_ids.iter().enumerate() {
        if let Ok(dict) = doc.get_dictionary_mut(*page) {
            dict.set("StructParents", Object::Integer(i as i64));
        }
    }

    let info = info_dictionary(doc, metadata, timestamp);
    // Deflated with the other streams (2.4 KB to 1 KB): both standards accept a filtered
    // metadata stream, only tools that grep files for XMP packets will not find it.
    let metadata_id = doc.add_object(Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(metadata, &info, timestamp, digest).into_bytes(),
    ));
    let icc = doc.add_object(colour_profile());
    let output_intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        (
            "OutputConditionIdentifier",
            Object::string_literal("sRGB IEC61966-2.1"),
        ),
        ("DestOutputProfile", Object::Reference(icc)),
    ]);

    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(metadata_id));
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(output_intent)]),
        );
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
        catalog.set("Lang", Object::string_literal(metadata.lang.code()));
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
        catalog.set("StructTreeRoot", Object::Reference(root));
    }
}

/// Each node's marked content, in page and then MCID order — drawing order.
fn content_of(structure: &Structure, marks: &[Vec<NodeId>]) -> Vec<Vec<Mark>> {
    let mut content: Vec<Vec<Mark>> = vec![Vec::new(); structure.nodes.len()];
    for (page, page_marks) in marks.iter().enumerate() {
        for (mcid, node) in page_marks.iter().enumerate() {
            content[node.0 as usize].push((page, mcid as i64));
        }
    }
    content
}

/// Where each node's subtree is first drawn, if anywhere. A parent comes before its children
/// in `structure.nodes`, so one backward pass carries every minimum up.
fn first_drawn(structure: &Structure, content: &[Vec<Mark>]) -> Vec<Option<Mark>> {
    let mut first: Vec<Option<Mark>> = content.iter().map(|c| c.first().copied()).collect();
    for (i, node) in structure.nodes.iter().enumerate().rev() {
        if let (Some(parent), Some(mark)) = (node.parent, first[i]) {
            let p = parent.0 as usize;
            first[p] = Some(first[p].map_or(mark, |m| m.min(mark)));
        }
    }
    first
}

/// Which nodes become structure elements: those with content, table cells (an empty cell
/// still holds its place in the grid), and their ancestors. A node with nothing in it — a
/// list of no recipients — is left out rather than written empty.
fn written(structure: &Structure, first: &[Option<Mark>]) -> Vec<bool> {
    let mut written: Vec<bool> = structure
        .nodes
        .iter()
        .zip(first)
        .map(|(node, first)| first.is_some() || matches!(node.role, Role::TH(_) | Role::TD))
        .collect();
    written[Structure::ROOT.0 as usize] = true;
    for (i, node) in structure.nodes.iter().enumerate().rev() {
        if let (Some(parent), true) = (node.parent, written[i]) {
            written[parent.0 as usize] = true;
        }
    }
    written
}

/// One kid of a structure element: a child element or a marked-content sequence.
enum Kid {
    Element(usize),
    Content(Mark),
}

/// A node's kids in reading order: its children in the structure's order, with its own
/// content (text around a `Span`) slotted in where it is drawn relative to them.
fn kids(children: &[NodeId], own: &[Mark], first: &[Option<Mark>]) -> Vec<Kid> {
    let mut out = Vec::with_capacity(children.len() + own.len());
    let mut own = own.iter().copied().peekable();
    for child in children {
        let c = child.0 as usize;
        if let Some(at) = first[c] {
            while let Some(mark) = own.next_if(|m| *m < at) {
                out.push(Kid::Content(mark));
            }
        }
        out.push(Kid::Element(c));
    }
    out.extend(own.map(Kid::Content));
    out
}

/// Writes the structure elements, the parent tree and the `StructTreeRoot`; returns the root.
fn structure_tree(
    doc: &mut lopdf::Document,
    structure: &Structure,
    marks: &[Vec<NodeId>],
    pages: &[ObjectId],
) -> ObjectId {
    let root = doc.new_object_id();
    let content = content_of(structure, marks);
    let first = first_drawn(structure, &content);
    let written = written(structure, &first);
    // Object ids only for what is written: no gaps in the numbering.
    let ids: Vec<ObjectId> = written
        .iter()
        .map(|&w| if w { doc.new_object_id() } else { (0, 0) })
        .collect();
    let mut children = structure.children();
    for kids in &mut children {
        kids.retain(|c| written[c.0 as usize]);
    }
    let mut note_ids: Vec<(Vec<u8>, ObjectId)> = Vec::new();
    for (i, node) in structure.nodes.iter().enumerate() {
        if !written[i] {
            continue;
        }
        let mut dict = element(structure, i, &ids, root);
        // The page of an element's first content; content elsewhere names its own page.
        let page = content[i].first().map(|&(page, _)| page);
        if let Some(page) = page {
            dict.set("Pg", Object::Reference(pages[page]));
        }
        let mut k: Vec<Object> = kids(&children[i], &content[i], &first)
            .into_iter()
            .map(|kid| match kid {
                Kid::Element(c) => Object::Reference(ids[c]),
                Kid::Content((p, mcid)) if Some(p) == page => Object::Integer(mcid),
                Kid::Content((p, mcid)) => Object::Dictionary(Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"MCR".to_vec())),
                    ("Pg", Object::Reference(pages[p])),
                    ("MCID", Object::Integer(mcid)),
                ])),
            })
            .collect();
        match k.len() {
            0 => {}
            1 => dict.set("K", k.remove(0)),
            _ => dict.set("K", Object::Array(k)),
        }
        if node.role == Role::Note {
            // PDF/UA 7.9: every note has an identifier unique in the document.
            let id = format!("note{i}").into_bytes();
            dict.set("ID", Object::String(id.clone(), StringFormat::Literal));
            note_ids.push((id, ids[i]));
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let tree_root = tree_root(ids[Structure::ROOT.0 as usize], marks, &ids, note_ids);
    doc.objects.insert(root, Object::Dictionary(tree_root));
    root
}

/// A structure element's type, parent and attributes; its kids are added by the caller.
/// No `/Type /StructElem`: it is optional, and there are a hundred of them.
fn element(structure: &Structure, i: usize, ids: &[ObjectId], root: ObjectId) -> Dictionary {
    let node = &structure.nodes[i];
    let mut dict = Dictionary::new();
    dict.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
    dict.set(
        "P",
        Object::Reference(node.parent.map_or(root, |p| ids[p.0 as usize])),
    );
    if let Some(lang) = &node.lang {
        dict.set("Lang", Object::string_literal(lang.as_str()));
    }
    if let Some(alt) = &node.alt {
        dict.set("Alt", text_string(alt));
    }
    if let Role::TH(scope) = node.role {
        let scope: &[u8] = match scope {
            Scope::Column => b"Column",
            Scope::Row => b"Row",
        };
        dict.set(
            "A",
            Dictionary::from_iter(vec![
                ("O", Object::Name(b"Table".to_vec())),
                ("Scope", Object::Name(scope.to_vec())),
            ]),
        );
    }
    dict
}

/// The `StructTreeRoot`: the document element, the parent tree (page → the element of each
/// MCID), the notes' ids, and a role map.
fn tree_root(
    document: ObjectId,
    marks: &[Vec<NodeId>],
    ids: &[ObjectId],
    mut note_ids: Vec<(Vec<u8>, ObjectId)>,
) -> Dictionary {
    let mut nums = Vec::with_capacity(marks.len() * 2);
    for (page, page_marks) in marks.iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            page_marks
                .iter()
                .map(|n| Object::Reference(ids[n.0 as usize]))
                .collect(),
        ));
    }
    let mut root = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", Object::Reference(document)),
        (
            "ParentTree",
            Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])),
        ),
        ("ParentTreeNextKey", Object::Integer(marks.len() as i64)),
        // Every structure type used is a standard one, so nothing needs mapping; the map is
        // there, empty, for checkers that look for it.
        ("RoleMap", Object::Dictionary(Dictionary::new())),
    ]);
    if !note_ids.is_empty() {
        // A name tree's keys are sorted by their bytes.
        note_ids.sort();
        let names = note_ids
            .into_iter()
            .flat_map(|(id, obj)| [Object::String(id, StringFormat::Literal), obj.into()])
            .collect();
        root.set(
            "IDTree",
            Dictionary::from_iter(vec![("Names", Object::Array(names))]),
        );
    }
    root
}

/// A PDF text string: ASCII as it is (PDFDocEncoding agrees), anything else as UTF-16BE.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The Info strings the XMP packet must repeat exactly (PDF/A-2, 6.6.2.3).
struct Info {
    title: String,
    author: String,
    subject: String,
    keywords: String,
    creator: String,
    producer: String,
}

/// Rewrites the Info dictionary from `metadata` and `timestamp`, without printpdf's empty
/// `GTS_PDFXVersion` (why pdfinfo calls every printpdf file "PDF/X"), its `Identifier` and
/// `Trapped` (no XMP counterpart here); returns the strings the XMP packet repeats.
fn info_dictionary(doc: &mut lopdf::Document, metadata: &Metadata, timestamp: i64) -> Info {
    let info = Info {
        title: metadata.title.clone(),
        author: metadata.author.clone(),
        subject: metadata.subject.clone(),
        keywords: metadata.keywords.join(","),
        creator: format!("parbrief {}", env!("CARGO_PKG_VERSION")),
        producer: "parbrief (printpdf 0.12.8)".to_string(),
    };
    let info_id = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(dict) = info_id.and_then(|id| doc.get_dictionary_mut(id).ok()) {
        for key in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Trapped"] {
            dict.remove(key);
        }
        let date = pdf_date(timestamp);
        dict.set("CreationDate", Object::string_literal(date.clone()));
        dict.set("ModDate", Object::string_literal(date));
        for (key, value) in [
            ("Title", &info.title),
            ("Author", &info.author),
            ("Subject", &info.subject),
            ("Keywords", &info.keywords),
            ("Creator", &info.creator),
            ("Producer", &info.producer),
        ] {
            dict.set(key, text_string(value));
        }
    }
    info
}

fn utc(timestamp: i64) -> chrono::NaiveDateTime {
    chrono::DateTime::from_timestamp(timestamp, 0)
        .unwrap_or_default()
        .naive_utc()
}

fn pdf_date(timestamp: i64) -> String {
    utc(timestamp).format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

fn xmp_date(timestamp: i64) -> String {
    utc(timestamp).format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// `text` escaped for XML content.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A UUID (RFC 9562 version 8, "custom") from digest bytes: the same content, the same id,
/// where XMP tools would use a random one.
fn uuid(bytes: &[u8; 16]) -> String {
    let mut b = *bytes;
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The XMP packet: Dublin Core, XMP basic, PDF and media-management properties, and the
/// PDF/A and PDF/UA identification. pdfuaid is not a schema PDF/A-2 predefines, so a PDF/A
/// extension schema describes it.
fn xmp(metadata: &Metadata, info: &Info, timestamp: i64, digest: &[u8; 32]) -> String {
    let mut document_id = [0u8; 16];
    // The trailer /ID is the digest's first half; the document id its second.
    document_id.copy_from_slice(&digest[16..]);
    format!(
        concat!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "<rdf:Description rdf:about=\"\"",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
            " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"",
            " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
            " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
            " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
            " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">",
            "<dc:format>application/pdf</dc:format>",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>",
            "<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>",
            "<pdf:Keywords>{keywords}</pdf:Keywords>",
            "<pdf:Producer>{producer}</pdf:Producer>",
            "<xmp:CreatorTool>{creator}</xmp:CreatorTool>",
            "<xmp:CreateDate>{date}</xmp:CreateDate>",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>",
            "<xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>",
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">",
            "<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>",
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
            "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">",
            "<pdfaProperty:name>part</pdfaProperty:name>",
            "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>",
            "<pdfaProperty:category>internal</pdfaProperty:category>",
            "<pdfaProperty:description>PDF/UA version identifier</pdfaProperty:description>",
            "</rdf:li></rdf:Seq></pdfaSchema:property>",
            "</rdf:li></rdf:Bag></pdfaExtension:schemas>",
            "</rdf:Description></rdf:RDF></x:xmpmeta>\n",
            "<?xpacket end=\"r\"?>"
        ),
        title = xml(&info.title),
        author = xml(&info.author),
        subject = xml(&info.subject),
        lang = metadata.lang.code(),
        keywords = xml(&info.keywords),
        producer = xml(&info.producer),
        creator = xml(&info.creator),
        date = xmp_date(timestamp),
        document_id = uuid(&document_id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_reads_its_own_text_where_it_is_drawn_between_its_children() {
        // A note drawn as: its text (mcid 0), a span (mcid 1), its text again (mcid 2).
        let first = vec![Some((0, 0)), Some((0, 1))];
        let got: Vec<String> = kids(&[NodeId(1)], &[(0, 0), (0, 2)], &first)
            .into_iter()
            .map(|k| match k {
                Kid::Element(c) => format!("node {c}"),
                Kid::Content((p, m)) => format!("{p}:{m}"),
            })
            .collect();
        assert_eq!(got, ["0:0", "node 1", "0:2"]);
    }

    #[test]
    fn the_colour_profile_deflates_without_padding() {
        // Newlines after an ICC profile would change the profile: check it never needs them.
        let (_, newlines) = super::super::streams::Deflater::new()
            .deflate_unambiguous(SRGB)
            .expect("deflates");
        assert_eq!(newlines, 0);
    }

    #[test]
    fn the_colour_profile_is_the_stream_compress_streams_would_make() {
        let mut doc = lopdf::Document::with_version("1.7");
        let plain = doc.add_object(Stream::new(
            Dictionary::from_iter(vec![("N", Object::Integer(3))]),
            SRGB.to_vec(),
        ));
        super::super::streams::compress_streams(
            &mut doc,
            &mut super::super::streams::Deflater::new(),
        );
        let Ok(Object::Stream(compressed)) = doc.get_object(plain) else {
            panic!("the profile stream is there");
        };
        let made = colour_profile();
        let keys = |d: &Dictionary| {
            d.iter()
                .map(|(k, v)| (k.clone(), format!("{v:?}")))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&made.dict), keys(&compressed.dict));
        assert_eq!(made.content, compressed.content);
    }

    #[test]
    fn document_ids_are_version_8_uuids() {
        let id = uuid(&[0xff; 16]);
        assert_eq!(id, "uuid:ffffffff-ffff-8fff-bfff-ffffffffffff");
    }
}
