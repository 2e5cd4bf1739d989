//! Writing the file compactly and fast. A tagged file has a few hundred small objects (the
//! structure elements); as classic indirect objects each costs an xref entry and a header,
//! ~60 bytes, so they go into one deflated object stream, with a deflated cross-reference
//! stream instead of the table (PDF 1.5 features, which PDF/A-2 allows). lopdf can write
//! that, but clones every object and serialises it three times (1.3 ms of a 10 ms
//! document); here lopdf's classic writer serialises each object once, and this module
//! rearranges its bytes.
//!
//! It also keeps clear of a lopdf quirk: stream data is followed by "\n" and `endstream`, so
//! data whose last byte is CR reads as ending in a CRLF end-of-line, one byte short of its
//! `/Length` (PDF/A-2, 6.1.7.1). Every stream this module deflates is checked for that.

use lopdf::{Document, Object};

use super::streams::Deflater;

/// One object as lopdf's classic writer wrote it.
struct Written {
    id: u32,
    /// Its bytes, "n 0 obj" to "endobj\n".
    whole: std::ops::Range<usize>,
}

/// The PDF bytes of `doc`, whose streams are already compressed.
pub(super) fn save(doc: &mut Document, deflater: &mut Deflater) -> Vec<u8> {
    // The table, whose offsets say where each object is.
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut classic = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = doc.save_to(&mut classic);
    // Should lopdf ever write something this module does not expect, its classic file
    // (larger, just as valid) is kept.
    pack(&classic, doc, deflater).unwrap_or(classic)
}

/// `classic` with its objects packed, or `None` if it is not what lopdf 0.44 writes.
fn pack(classic: &[u8], doc: &Document, deflater: &mut Deflater) -> Option<Vec<u8>> {
    let written = objects(classic)?;
    let first = written.iter().map(|w| w.whole.start).min()?;
    // The header and binary comment, as lopdf wrote them.
    let mut out = classic[..first].to_vec();
    let max_id = written.iter().map(|w| w.id).max()?;
    let (stream_id, xref_id) = (max_id + 1, max_id + 2);
    let mut entries = vec![Entry::Free; xref_id as usize + 1];

    // Streams as they are; every other object into the object stream.
    let mut packed: Vec<(u32, &[u8])> = Vec::new();
    for w in &written {
        let bytes = &classic[w.whole.clone()];
        if matches!(doc.objects.get(&(w.id, 0)), Some(Object::Stream(_))) {
            entries[w.id as usize] = Entry::At(out.len());
            out.extend_from_slice(bytes);
        } else {
            entries[w.id as usize] = Entry::Packed(u16::try_from(packed.len()).ok()?);
            packed.push((w.id, body(bytes, w.id)?));
        }
    }
    entries[stream_id as usize] = Entry::At(out.len());
    object_stream(&mut out, stream_id, &packed, deflater)?;
    entries[xref_id as usize] = Entry::At(out.len());
    xref_stream(&mut out, doc, xref_id, stream_id, &entries, deflater)?;
    Some(out)
}

/// Every object of a classic file, by the offsets of its cross-reference table.
fn objects(classic: &[u8]) -> Option<Vec<Written>> {
    let tail = &classic[classic.len().saturating_sub(64)..];
    let at = find(tail, b"startxref")?;
    let xref: usize = std::str::from_utf8(&tail[at + 9..])
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let table = std::str::from_utf8(classic.get(xref..)?).ok()?;
    let mut tokens = table.split_whitespace();
    (tokens.next()? == "xref").then_some(())?;
    let mut starts: Vec<(usize, u32)> = Vec::new();
    loop {
        let first = tokens.next()?;
        if first == "trailer" {
            break;
        }
        let (first, count): (u32, u32) = (first.parse().ok()?, tokens.next()?.parse().ok()?);
        for id in first..first + count {
            let (offset, _generation, kind) = (tokens.next()?, tokens.next()?, tokens.next()?);
            if kind == "n" {
                starts.push((offset.parse().ok()?, id));
            }
        }
    }
    starts.sort_unstable();
    let ends = starts.iter().skip(1).map(|s| s.0).chain([xref]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|(&(start, id), end)| Written {
                id,
                whole: start..end,
            })
            .collect(),
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The object itself: `bytes` without "n 0 obj\n" and "\nendobj\n".
fn body(bytes: &[u8], id: u32) -> Option<&[u8]> {
    let header = format!("{id} 0 obj\n");
    let rest = bytes.strip_prefix(header.as_bytes())?;
    rest.strip_suffix(b"\nendobj\n")
}

/// Where an object is: at a byte offset, or the n-th object of the object stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    Packed(u16),
}

/// Writes the object stream `id` holding `packed`.
fn object_stream(
    out: &mut Vec<u8>,
    id: u32,
    packed: &[(u32, &[u8])],
    deflater: &mut Deflater,
) -> Option<()> {
    let mut index = String::new();
    let mut objects = Vec::new();
    for (n, body) in packed {
        index.push_str(&format!("{n} {} ", objects.len()));
        objects.extend_from_slice(body);
        objects.push(b'\n');
    }
    let first = index.len();
    let mut content = index.into_bytes();
    content.extend_from_slice(&objects);
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
            find(&bytes, b"/Type/ObjStm").is_some(),
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
