//! The document's fonts, written here instead of by printpdf: for each face a document draws
//! with, a Type0 font with Identity-H codes, its CIDFontType2 with the `/W` widths, the font
//! descriptor, the subset program (see `subset`) and a `/ToUnicode` map. A face's code `n`
//! is the `n`-th of the glyphs the document draws with it, in glyph order; when two
//! characters share a glyph, the map gives the one drawn last (as printpdf's did).

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::Fonts;
use super::fonts::Face;
use super::streams::Deflater;
use super::subset::Program;
use crate::layout::{Item, Page};

/// How a document's characters are drawn: per face (by index), its glyphs in code order
/// and the character each stands for, or nothing when the document does not use the face.
pub(super) struct Encoding {
    faces: Vec<Option<Vec<(u16, char)>>>,
    /// Per face, the code of each glyph id up to the largest used (0: not used), so that
    /// encoding a character is two array lookups.
    codes: Vec<Vec<u16>>,
    fonts: Fonts,
}

impl Encoding {
    /// The glyphs every face draws in `pages`.
    pub(super) fn new(pages: &[Page], fonts: &Fonts) -> Encoding {
        let mut used: Vec<Option<BTreeMap<u16, char>>> = vec![None; fonts.faces.len()];
        for item in pages.iter().flat_map(|p| &p.items) {
            if let Item::Text { style, text, .. } = item {
                let i = fonts.index(*style);
                let face = &fonts.faces[i];
                let glyphs = used[i].get_or_insert_with(BTreeMap::new);
                for c in text.chars() {
                    glyphs.insert(face.glyph(c).id, c);
                }
            }
        }
        let faces: Vec<Option<Vec<(u16, char)>>> = used
            .into_iter()
            .map(|u| u.map(|glyphs| glyphs.into_iter().filter(|(g, _)| *g != 0).collect()))
            .collect();
        let codes = faces
            .iter()
            .map(|glyphs| {
                let glyphs = glyphs.as_deref().unwrap_or_default();
                let mut codes = vec![0; glyphs.last().map_or(0, |(g, _)| usize::from(*g) + 1)];
                for (i, (g, _)) in glyphs.iter().enumerate() {
                    codes[usize::from(*g)] = u16::try_from(i + 1).unwrap_or(0);
                }
                codes
            })
            .collect();
        Encoding {
            faces,
            codes,
            fonts: fonts.clone(),
        }
    }

    /// The code of `c` in face `face` (0, `.notdef`, for a character it cannot draw).
    pub(super) fn code(&self, face: usize, c: char) -> u16 {
        let Some(codes) = self.codes.get(face) else {
            return 0;
        };
        let g = self.fonts.faces[face].glyph(c).id;
        codes.get(usize::from(g)).copied().unwrap_or(0)
    }

    /// Adds the font of every face in use to `doc`, its subset tag made by `tag` from the
    /// face index; returns the resource dictionary that names them `/F<index>`.
    pub(super) fn add_fonts(
        &self,
        doc: &mut lopdf::Document,
        tag: &dyn Fn(usize) -> String,
        deflater: &mut Deflater,
    ) -> Dictionary {
        let mut resources = Dictionary::new();
        for (i, glyphs) in self.faces.iter().enumerate() {
            let Some(glyphs) = glyphs else { continue };
            let face = &self.fonts.faces[i];
            let wanted: Vec<u16> = glyphs.iter().map(|(g, _)| *g).collect();
            let Some(program) = face.program() else {
                continue;
            };
            let Some(packed) = packed(face, program, wanted, deflater) else {
                continue;
            };
            let name = format!("{}+{}", tag(i), face.name);
            let font = font(doc, &name, &packed, glyphs, program);
            resources.set(format!("F{i}"), Object::Reference(doc.add_object(font)));
        }
        resources
    }
}

/// A subset program, deflated: a pure function of the face and the glyphs drawn with it, so
/// it is made once per process for each glyph list and the same in every document.
pub(super) struct Packed {
    /// The subset's glyphs in code order, then the components of composite glyphs.
    glyphs: Vec<u16>,
    /// The deflated program (see `Deflater::deflate_unambiguous`).
    data: Vec<u8>,
    /// The length of the program before deflating, the newlines added to it included.
    length1: usize,
}

/// How many deflated subsets a face keeps: enough for the few glyph lists a batch repeats
/// (the headings' bold, the notes' italic), a bound on memory when every list differs.
const PACKED_PER_FACE: usize = 64;

/// The deflated subset of `wanted` glyphs of `face`, made or taken from the face's store.
fn packed(
    face: &Face,
    program: &Program,
    wanted: Vec<u16>,
    deflater: &mut Deflater,
) -> Option<Arc<Packed>> {
    let lock = || face.packed.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(packed) = lock().get(&wanted) {
        return Some(Arc::clone(packed));
    }
    let subset = program.subset(&wanted)?;
    let (data, newlines) = deflater.deflate_unambiguous(&subset.program)?;
    let packed = Arc::new(Packed {
        glyphs: subset.glyphs,
        data,
        length1: subset.program.len() + newlines,
    });
    let mut store = lock();
    if store.len() < PACKED_PER_FACE {
        store.insert(wanted, Arc::clone(&packed));
    }
    Some(packed)
}

/// The Type0 font of one subset, its other objects added to `doc`.
fn font(
    doc: &mut lopdf::Document,
    name: &str,
    packed: &Packed,
    glyphs: &[(u16, char)],
    program: &Program,
) -> Dictionary {
    let d = &program.descriptor;
    let widths: Vec<Object> = packed
        .glyphs
        .iter()
        .map(|&g| Object::Integer(d.width(program.advance(g))))
        .collect();
    let mut file = Stream::new(
        Dictionary::from_iter(vec![("Length1", Object::Integer(packed.length1 as i64))]),
        packed.data.clone(),
    );
    file.dict
        .set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let file = doc.add_object(file);
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if d.italic_angle != 0 { ITALIC } else { 0 };
    let descriptor = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(name.as_bytes().to_vec())),
        ("Ascent", Object::Integer(d.ascent)),
        ("Descent", Object::Integer(d.descent)),
        // The faces give no cap height (OS/2 version 4 would): the ascent, as printpdf.
        ("CapHeight", Object::Integer(d.ascent)),
        ("ItalicAngle", Object::Integer(d.italic_angle)),
        ("Flags", Object::Integer(flags)),
        ("StemV", Object::Integer(d.stem_v)),
        (
            "FontBBox",
            Object::Array(d.bbox.iter().map(|&v| Object::Integer(v)).collect()),
        ),
        ("FontFile2", Object::Reference(file)),
    ]));
    let cid_font = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", Object::Name(name.as_bytes().to_vec())),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                (
                    "Registry",
                    Object::String(b"Adobe".to_vec(), StringFormat::Literal),
                ),
                (
                    "Ordering",
                    Object::String(b"Identity".to_vec(), StringFormat::Literal),
                ),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        (
            "W",
            Object::Array(vec![Object::Integer(1), Object::Array(widths)]),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
    ]);
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode(glyphs)));
    Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(name.as_bytes().to_vec())),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        ("ToUnicode", Object::Reference(to_unicode)),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
    ])
}

/// The `/ToUnicode` CMap: code `i + 1` is `glyphs[i]`'s character (UTF-16BE). Runs of
/// codes whose characters follow one another ("0"–"9", "a"–"i") are one `bfrange` line.
fn to_unicode(glyphs: &[(u16, char)]) -> Vec<u8> {
    let mut runs: Vec<(usize, usize, char)> = Vec::new(); // first code, last code, first char
    for (i, &(_, c)) in glyphs.iter().enumerate() {
        let code = i + 1;
        match runs.last_mut() {
            // Codes and characters (one UTF-16 unit) whose low bytes do not wrap: a
            // range may differ in its last byte only.
            Some((first, last, start))
                if *last + 1 == code
                    && code & 0xFF != 0
                    && u32::from(c) == u32::from(*start) + (code - *first) as u32
                    && u32::from(c) <= 0xFFFF
                    && (u32::from(c) & 0xFF) != 0 =>
            {
                *last = code;
            }
            _ => runs.push((code, code, c)),
        }
    }
    let hex = |c: char| -> String {
        let mut units = [0u16; 2];
        c.encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect()
    };
    let mut cmap = String::from(
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
         /CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries a block (PostScript's limit for CMaps).
    let (single, ranges): (Vec<_>, Vec<_>) = runs.into_iter().partition(|r| r.0 == r.1);
    for chunk in single.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &(code, _, c) in chunk {
            cmap.push_str(&format!("<{code:04X}> <{}>\n", hex(c)));
        }
        cmap.push_str("endbfchar\n");
    }
    for chunk in ranges.chunks(100) {
        cmap.push_str(&format!("{} beginbfrange\n", chunk.len()));
        for &(first, last, c) in chunk {
            cmap.push_str(&format!("<{first:04X}> <{last:04X}> <{}>\n", hex(c)));
        }
        cmap.push_str("endbfrange\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_characters_become_ranges() {
        let glyphs: Vec<(u16, char)> = "0123ađĐz"
            .chars()
            .enumerate()
            .map(|(i, c)| (i as u16 + 3, c))
            .collect();
        let cmap = String::from_utf8(to_unicode(&glyphs)).expect("ASCII");
        assert!(
            cmap.contains(
                "4 beginbfchar\n<0005> <0061>\n<0006> <0111>\n<0007> <0110>\n<0008> <007A>\n\
                 endbfchar\n1 beginbfrange\n<0001> <0004> <0030>\nendbfrange\n"
            ),
            "{cmap}"
        );
    }
}
