//! Writing the file compactly and fast. A tagged file has a few hundred small objects (the
//! structure elements); as classic indirect objects each costs an xref entry and a header,
//! ~60 bytes, so they go into one deflated object stream, with a deflated cross-reference
//! stream instead of the table (PDF 1.5 features, which PDF/A-2 allows). lopdf can write
//! that, but clones every object and serialises it three times (1.3 ms of a 10 ms
//! document); writing its classic file and rearranging the bytes still cost 6 % of a
//! briefing's instructions. This module serialises each object once, straight into the
//! file or the object stream, byte for byte as lopdf's (private) writer would.
//!
//! It also keeps clear of a lopdf quirk: stream data is followed by "\n" and `endstream`, so
//! data whose last byte is CR reads as ending in a CRLF end-of-line, one byte short of its
//! `/Length` (PDF/A-2, 6.1.7.1). Every stream this module deflates is checked for that.

use lopdf::{Dictionary, Document, Object, StringFormat};

use super::digits;
use super::streams::Deflater;

/// The PDF bytes of `doc`, whose streams are already compressed.
pub(super) fn save(doc: &mut Document, deflater: &mut Deflater) -> Vec<u8> {
    // What `pack` does not handle (more objects than an object stream indexes, objects of
    // another generation, which an object stream cannot hold, objects lopdf's writer leaves
    // out) or a trailer without /Root or /Info: lopdf's classic file, larger and as valid.
    // Documents made here have none of these.
    pack(doc, deflater).unwrap_or_else(|| {
        let mut classic = Vec::new();
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        // Writing into a Vec cannot fail.
        let _ = doc.save_to(&mut classic);
        classic
    })
}

/// Every stream as an indirect object, every other object into the object stream, then the
/// cross-reference stream; `None` for a document this does not handle (see `save`).
fn pack(doc: &Document, deflater: &mut Deflater) -> Option<Vec<u8>> {
    // lopdf's `Object::type_name` read the same, without the errors it makes (each with a
    // String; `Dictionary::get` makes one even for a key it finds): 0.5 % of a batch.
    let skipped_by_lopdf = |o: &Object| {
        let dict = match o {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => return false,
        };
        let named = dict
            .as_hashmap()
            .get(b"Type".as_slice())
            .and_then(|t| t.as_name().ok());
        match named {
            Some(name) => [b"ObjStm".as_slice(), b"XRef", b"Linearized"].contains(&name),
            None => dict.has(b"Linearized"),
        }
    };
    if doc
        .objects
        .iter()
        .any(|(&(_, generation), o)| generation != 0 || skipped_by_lopdf(o))
    {
        return None;
    }
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    out.extend_from_slice(b"\n%");
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');
    let max_id = doc.objects.keys().map(|&(id, _)| id).max().unwrap_or(0);
    let (stream_id, xref_id) = (max_id + 1, max_id + 2);
    let mut entries = vec![Entry::Free; xref_id as usize + 1];
    // The packed objects' bodies, one after the other, and each one's id and end.
    let mut bodies: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut packed: Vec<(u32, usize)> = Vec::new();
    for (&(id, generation), object) in &doc.objects {
        if let Object::Stream(_) = object {
            entries[id as usize] = Entry::At(out.len());
            digits::signed(&mut out, i64::from(id));
            out.push(b' ');
            digits::signed(&mut out, i64::from(generation));
            out.extend_from_slice(b" obj\n");
            write_object(&mut out, object);
            out.extend_from_slice(b" \nendobj\n");
        } else {
            entries[id as usize] = Entry::Packed(u16::try_from(packed.len()).ok()?);
            // The spaces lopdf's writer puts around a bare number, name or reference.
            if needs_separator(object) {
                bodies.push(b' ');
            }
            write_object(&mut bodies, object);
            if needs_separator(object) || matches!(object, Object::Name(_)) {
                bodies.push(b' ');
            }
            packed.push((id, bodies.len()));
        }
    }
    entries[stream_id as usize] = Entry::At(out.len());
    object_stream(&mut out, stream_id, &bodies, &packed, deflater)?;
    entries[xref_id as usize] = Entry::At(out.len());
    xref_stream(&mut out, doc, xref_id, stream_id, &entries, deflater)?;
    Some(out)
}

/// Whether lopdf's writer puts a space before `object` in an array or dictionary.
fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// `object` as PDF syntax, byte for byte as lopdf 0.44's writer writes it (its `Writer` is
/// private), without its formatting machinery: this writes a document's few hundred objects.
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(n) => digits::signed(out, *n),
        Object::Real(r) => {
            use std::io::Write as _;
            // Writing into a Vec cannot fail.
            let _ = write!(out, "{r}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, format) => write_string(out, text, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_separator(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            write_dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            digits::signed(out, i64::from(*id));
            out.push(b' ');
            digits::signed(out, i64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name: delimiters, white space and bytes outside `!`–`~` as `#XX`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.push(b'#');
            digits::hex(out, u32::from(byte), 2);
        } else {
            out.push(byte);
        }
    }
}

/// A string: literal with backslash, CR and unbalanced parentheses escaped, or hexadecimal.
fn write_string(out: &mut Vec<u8>, text: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            let mut escaped = Vec::new();
            let mut open = Vec::new();
            for (i, &byte) in text.iter().enumerate() {
                match byte {
                    b'(' => open.push(i),
                    // A closing parenthesis closes the last open one (the guard pops it);
                    // with none open, it is escaped.
                    b')' if open.pop().is_none() => escaped.push(i),
                    b'\\' | b'\r' => escaped.push(i),
                    _ => {}
                }
            }
            escaped.append(&mut open);
            out.push(b'(');
            for (i, &byte) in text.iter().enumerate() {
                if escaped.contains(&i) {
                    out.push(b'\\');
                    out.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    out.push(byte);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            text.iter()
                .for_each(|&byte| digits::hex(out, u32::from(byte), 2));
            out.push(b'>');
        }
    }
}

/// Where an object is: at a byte offset, or the n-th object of the object stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    Packed(u16),
}

/// Writes the object stream `id` holding the objects of `packed` (each id and where its body
/// ends in `bodies`).
fn object_stream(
    out: &mut Vec<u8>,
    id: u32,
    bodies: &[u8],
    packed: &[(u32, usize)],
    deflater: &mut Deflater,
) -> Option<()> {
    let mut content = Vec::with_capacity(bodies.len() + packed.len() * 10);
    let mut start = 0;
    for (i, &(n, end)) in packed.iter().enumerate() {
        digits::signed(&mut content, i64::from(n));
        content.push(b' ');
        // Where the body starts: the bodies before it, each followed by a newline.
        digits::signed(&mut content, (start + i) as i64);
        content.push(b' ');
        start = end;
    }
    let first = content.len();
    let mut start = 0;
    for &(_, end) in packed {
        content.extend_from_slice(&bodies[start..end]);
        content.push(b'\n');
        start = end;
    }
    // Newlines after the last object are whitespace, so padding is harmless here.
    let (data, _) = deflater.deflate_unambiguous(&content)?;
    out.extend_from_slice(
        format!(
            "{id} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>stream\n",
            packed.len(),
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    Some(())
}

/// Writes the cross-reference stream `id`, which is also the trailer, and the file's end.
fn xref_stream(
    out: &mut Vec<u8>,
    doc: &Document,
    id: u32,
    object_stream: u32,
    entries: &[Entry],
    deflater: &mut Deflater,
) -> Option<()> {
    let offset = out.len();
    let widest = entries
        .iter()
        .map(|e| match e {
            Entry::At(at) => *at,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(object_stream as usize);
    let width = (usize::BITS - widest.leading_zeros()).div_ceil(8).max(1) as usize;
    let rows = xref_rows(entries, object_stream, width);
    // Binary data cannot be padded, and zero bytes would not change its checksum: in the
    // rare case the deflated rows end in CR, they are written as they are — the last row,
    // this stream's own, ends in its generation, 0.
    let data = deflater.deflate(&rows).filter(|d| d.last() != Some(&b'\r'));
    let filter = if data.is_some() {
        "/Filter/FlateDecode"
    } else {
        ""
    };
    let data = data.unwrap_or(rows);
    let reference = |key: &[u8]| -> Option<String> {
        let (n, generation) = doc.trailer.get(key).ok()?.as_reference().ok()?;
        Some(format!("{n} {generation} R"))
    };
    let ids: String = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(|i| i.as_str().ok())
                .map(|b| {
                    format!(
                        "<{}>",
                        b.iter().map(|x| format!("{x:02X}")).collect::<String>()
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.extend_from_slice(
        format!(
            "{id} 0 obj\n<</Type/XRef/Size {}/W[1 {width} 2]/Root {}/Info {}/ID[{ids}]{filter}/Length {}>>stream\n",
            entries.len(),
            reference(b"Root")?,
            reference(b"Info")?,
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{offset}\n%%EOF").as_bytes());
    Some(())
}

/// The cross-reference stream's rows: type, offset or object stream (`width` bytes), then
/// generation or index (2 bytes).
fn xref_rows(entries: &[Entry], object_stream: u32, width: usize) -> Vec<u8> {
    let mut rows = Vec::with_capacity(entries.len() * (width + 3));
    let mut row = |kind: u8, field: u64, last: u16| {
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes()[8 - width..]);
        rows.extend_from_slice(&last.to_be_bytes());
    };
    for (n, entry) in entries.iter().enumerate() {
        match *entry {
            // Object 0 heads the free list with generation 65535; no other is free.
            Entry::Free => row(0, 0, if n == 0 { 65535 } else { 0 }),
            Entry::At(at) => row(1, at as u64, 0),
            Entry::Packed(index) => row(2, u64::from(object_stream), index),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, Stream};

    /// An object of another generation cannot go into an object stream: the document is
    /// written as lopdf's classic file, which keeps it.
    #[test]
    fn a_document_the_packer_does_not_handle_is_written_classic() {
        let mut doc = Document::with_version("1.7");
        let info = doc.add_object(Dictionary::new());
        let catalog = doc.add_object(Dictionary::from_iter(vec![(
            "Type",
            Object::Name(b"Catalog".to_vec()),
        )]));
        doc.objects.insert((9, 1), Object::Integer(7));
        doc.trailer.set("Root", Object::Reference(catalog));
        doc.trailer.set("Info", Object::Reference(info));
        let bytes = save(&mut doc, &mut Deflater::new());
        assert!(!bytes.windows(12).any(|w| w == b"/Type/ObjStm"));
        let back = Document::load_mem(&bytes).expect("reads back");
        assert_eq!(back.get_object((9, 1)).ok(), Some(&Object::Integer(7)));
    }

    #[test]
    fn a_packed_file_reads_back_object_for_object() {
        let mut doc = Document::with_version("1.7");
        let content = doc.add_object(Stream::new(Dictionary::new(), b"BT ET".to_vec()));
        let page = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("Contents", Object::Reference(content)),
            ("Note", Object::string_literal("(a) b\\ c")),
        ]));
        let info = doc.add_object(Dictionary::from_iter(vec![(
            "Title",
            Object::string_literal("x"),
        )]));
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Page", Object::Reference(page)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        doc.trailer.set("Info", Object::Reference(info));
        let id = Object::String(vec![0xab; 16], lopdf::StringFormat::Hexadecimal);
        doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
        let expected = doc.objects.clone();

        let bytes = save(&mut doc, &mut Deflater::new());
        assert!(bytes.starts_with(b"%PDF-1.7\n"));
        assert!(
            bytes.windows(12).any(|w| w == b"/Type/ObjStm"),
            "objects are packed"
        );
        let back = Document::load_mem(&bytes).expect("reads back");
        for (id, object) in &expected {
            let got = back.get_object(*id).expect("every object is there");
            match (object, got) {
                (Object::Stream(a), Object::Stream(b)) => assert_eq!(a.content, b.content),
                (a, b) => assert_eq!(a, b, "object {id:?}"),
            }
        }
        assert_eq!(
            back.trailer.get(b"Root").ok(),
            doc.trailer.get(b"Root").ok()
        );
    }
}
