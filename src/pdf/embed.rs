//! The document's fonts, written here instead of by printpdf: for each face a document draws
//! with, a font with its widths, the font descriptor, the subset program (see `subset`) and a
//! `/ToUnicode` map. A face's code `n` is the `n`-th of the glyphs the document draws with it;
//! when two characters share a glyph, the map gives the one drawn last (as printpdf's did).
//!
//! A face that draws at most 255 glyphs, as every briefing does, is a symbolic simple
//! TrueType font with one-byte codes (its program's `cmap` maps code n to glyph n): text takes
//! half the bytes, and the space is code 32, so that a justified line's word spacing is one
//! `Tw` instead of an adjustment after every space (`Tw` applies to the one-byte code 32
//! only). A face drawing more glyphs is a Type0 font with two-byte Identity-H codes.

use std::sync::Arc;

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::Fonts;
use super::digits;
use super::fonts::Face;
use super::streams::Deflater;
use super::subset::Program;
use crate::layout::{Item, Page};

/// How a document's characters are drawn: per face (by index), its codes, or nothing when
/// the document does not use the face.
pub(super) struct Encoding {
    faces: Vec<Option<Codes>>,
    fonts: Fonts,
}

/// One face's codes in a document.
struct Codes {
    /// The glyph of each code (code `i + 1`) and the character it stands for; `None` for
    /// the codes that only hold the place before the space's code 32.
    glyphs: Vec<(u16, Option<char>)>,
    /// The code of each glyph id up to the largest used (0: not used).
    by_glyph: Vec<u16>,
    one_byte: bool,
}

/// The code of the space in a face with one-byte codes: the one `Tw` widens.
const SPACE_CODE: usize = 32;

impl Codes {
    /// Codes for `used`, the glyphs a face draws (id 0 left out) and their characters.
    fn new(used: Vec<(u16, char)>, space: u16) -> Codes {
        let at = used.iter().position(|(g, _)| *g == space);
        // `Tw` widens whatever code 32 draws: in a face that draws no space, code 32 (if
        // there are that many codes) stands for no character.
        let reserved = usize::from(at.is_none() && used.len() >= SPACE_CODE);
        let one_byte = used.len() + reserved <= 255;
        let mut glyphs: Vec<(u16, Option<char>)> = Vec::with_capacity(used.len() + SPACE_CODE);
        if one_byte {
            let the_space = (space, at.map(|at| used[at].1));
            for (i, &(g, c)) in used.iter().enumerate() {
                if Some(i) == at {
                    continue;
                }
                if glyphs.len() + 1 == SPACE_CODE {
                    glyphs.push(the_space);
                }
                glyphs.push((g, Some(c)));
            }
            if at.is_some() && glyphs.len() < SPACE_CODE {
                // Fewer glyphs than codes before 32: the places between draw nothing.
                glyphs.resize(SPACE_CODE - 1, (space, None));
                glyphs.push(the_space);
            }
        } else {
            glyphs.extend(used.iter().map(|&(g, c)| (g, Some(c))));
        }
        let largest = glyphs.iter().map(|(g, _)| usize::from(*g)).max();
        let mut by_glyph = vec![0; largest.map_or(0, |g| g + 1)];
        for (i, (g, c)) in glyphs.iter().enumerate() {
            if c.is_some() {
                by_glyph[usize::from(*g)] = u16::try_from(i + 1).unwrap_or(0);
            }
        }
        Codes {
            glyphs,
            by_glyph,
            one_byte,
        }
    }
}

impl Encoding {
    /// The glyphs every face draws in `pages`.
    pub(super) fn new(pages: &[Page], fonts: &Fonts) -> Encoding {
        // Per face, the character each glyph id stands for (the last one drawn with it, when
        // several share a glyph): indexed by id, as every character of every run passes here.
        let mut used: Vec<Option<Vec<Option<char>>>> = vec![None; fonts.faces.len()];
        for item in pages.iter().flat_map(|p| &p.items) {
            if let Item::Text { style, text, .. } = item {
                let i = fonts.index(*style);
                let face = &fonts.faces[i];
                let glyphs = used[i].get_or_insert_with(Vec::new);
                for c in text.chars() {
                    let g = usize::from(face.glyph(c).id);
                    if g >= glyphs.len() {
                        glyphs.resize(g + 1, None);
                    }
                    glyphs[g] = Some(c);
                }
            }
        }
        let faces = used
            .into_iter()
            .zip(fonts.faces.iter())
            .map(|(used, face)| {
                let used = (used?.into_iter().enumerate().skip(1))
                    .filter_map(|(g, c)| Some((u16::try_from(g).ok()?, c?)))
                    .collect();
                Some(Codes::new(used, face.glyph(' ').id))
            })
            .collect();
        Encoding {
            faces,
            fonts: fonts.clone(),
        }
    }

    /// The code of `c` in face `face` (0, `.notdef`, for a character it cannot draw).
    pub(super) fn code(&self, face: usize, c: char) -> u16 {
        let Some(Some(codes)) = self.faces.get(face) else {
            return 0;
        };
        let g = self.fonts.faces[face].glyph(c).id;
        codes.by_glyph.get(usize::from(g)).copied().unwrap_or(0)
    }

    /// Whether face `face` has one-byte codes (and its space is code 32).
    pub(super) fn one_byte(&self, face: usize) -> bool {
        matches!(self.faces.get(face), Some(Some(codes)) if codes.one_byte)
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
        for (i, codes) in self.faces.iter().enumerate() {
            let Some(codes) = codes else { continue };
            let face = &self.fonts.faces[i];
            let wanted: Vec<u16> = codes.glyphs.iter().map(|(g, _)| *g).collect();
            let Some(packed) = packed(face, wanted, codes.one_byte, deflater) else {
                continue;
            };
            let name = format!("{}+{}", tag(i), face.name);
            let font = font(doc, &name, &packed, codes, &face.program);
            resources.set(format!("F{i}"), Object::Reference(doc.add_object(font)));
        }
        resources
    }
}

/// A subset program, deflated: a pure function of the face and the glyphs drawn with it, so
/// it is made once per process for each glyph list and the same in every document.
pub(super) struct Packed {
    /// The deflated program (see `Deflater::deflate_unambiguous`).
    data: Vec<u8>,
    /// The length of the program before deflating, the newlines added to it included.
    length1: usize,
}

/// How many deflated subsets a face keeps: enough for the few glyph lists a batch repeats
/// (the headings' bold, the notes' italic), a bound on memory when every list differs.
const PACKED_PER_FACE: usize = 64;

/// The deflated subset of `wanted` glyphs of `face` (with the `cmap` of one-byte codes if
/// `one_byte`), made or taken from the face's store.
fn packed(
    face: &Face,
    wanted: Vec<u16>,
    one_byte: bool,
    deflater: &mut Deflater,
) -> Option<Arc<Packed>> {
    let lock = || face.packed.lock().unwrap_or_else(|e| e.into_inner());
    let key = (one_byte, wanted);
    if let Some(packed) = lock().get(&key) {
        return Some(Arc::clone(packed));
    }
    let subset = face.program.subset(&key.1, one_byte)?;
    let (data, newlines) = deflater.deflate_unambiguous(&subset)?;
    let packed = Arc::new(Packed {
        data,
        length1: subset.len() + newlines,
    });
    let mut store = lock();
    if store.len() < PACKED_PER_FACE {
        store.insert(key, Arc::clone(&packed));
    }
    Some(packed)
}

/// The font of one subset, its other objects added to `doc`: a simple TrueType font with
/// one-byte codes, or a Type0 font with two-byte Identity-H codes.
fn font(
    doc: &mut lopdf::Document,
    name: &str,
    packed: &Packed,
    codes: &Codes,
    program: &Program,
) -> Dictionary {
    let d = &program.descriptor;
    let widths: Vec<Object> = codes
        .glyphs
        .iter()
        .map(|&(g, _)| Object::Integer(d.width(program.advance(g))))
        .collect();
    let mut file = Stream::new(
        Dictionary::from_iter(vec![("Length1", Object::Integer(packed.length1 as i64))]),
        packed.data.clone(),
    );
    file.dict
        .set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let file = doc.add_object(file);
    // A simple font whose glyphs are not those of a standard encoding is symbolic.
    const SYMBOLIC: i64 = 1 << 2;
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let kind = if codes.one_byte {
        SYMBOLIC
    } else {
        NONSYMBOLIC
    };
    let flags = kind | if d.italic_angle != 0 { ITALIC } else { 0 };
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
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode(codes)));
    if codes.one_byte {
        // No /Encoding: a symbolic font's codes go through its program's `cmap`.
        return Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"TrueType".to_vec())),
            ("BaseFont", Object::Name(name.as_bytes().to_vec())),
            ("FirstChar", Object::Integer(1)),
            ("LastChar", Object::Integer(widths.len() as i64)),
            ("Widths", Object::Array(widths)),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("ToUnicode", Object::Reference(to_unicode)),
        ]);
    }
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

/// The `/ToUnicode` CMap: code `i + 1` is the character of `codes.glyphs[i]` (UTF-16BE).
/// Runs of codes whose characters follow one another ("0"–"9", "a"–"i") are one `bfrange`
/// line.
fn to_unicode(codes: &Codes) -> Vec<u8> {
    let mut runs: Vec<(usize, usize, char)> = Vec::new(); // first code, last code, first char
    for (i, &(_, c)) in codes.glyphs.iter().enumerate() {
        let Some(c) = c else { continue };
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
    // Written digit by digit: a document's three maps have some 400 entries, and a
    // `format!` for each part of each was 1.5 % of a briefing's instructions.
    let mut cmap: Vec<u8> = b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
         /CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
        .to_vec();
    let width = if codes.one_byte { 2 } else { 4 };
    let code = |cmap: &mut Vec<u8>, code: usize| {
        cmap.push(b'<');
        digits::hex(cmap, code as u32, width);
        cmap.push(b'>');
    };
    let character = |cmap: &mut Vec<u8>, c: char| {
        cmap.push(b'<');
        for unit in c.encode_utf16(&mut [0u16; 2]) {
            digits::hex(cmap, u32::from(*unit), 4);
        }
        cmap.extend_from_slice(b">\n");
    };
    cmap.extend_from_slice(b"1 begincodespacerange\n");
    code(&mut cmap, 0);
    cmap.push(b' ');
    code(&mut cmap, if codes.one_byte { 0xFF } else { 0xFFFF });
    cmap.extend_from_slice(b"\nendcodespacerange\n");
    // At most 100 entries a block (PostScript's limit for CMaps).
    let (single, ranges): (Vec<_>, Vec<_>) = runs.into_iter().partition(|r| r.0 == r.1);
    // A single code is a `bfchar` entry (code, character), a run a `bfrange` entry (first
    // code, last code, character of the first).
    for (entries, kind) in [(single, "bfchar"), (ranges, "bfrange")] {
        for chunk in entries.chunks(100) {
            digits::decimal(&mut cmap, chunk.len() as u64, 1);
            cmap.extend_from_slice(format!(" begin{kind}\n").as_bytes());
            for &(first, last, c) in chunk {
                code(&mut cmap, first);
                cmap.push(b' ');
                if last != first {
                    code(&mut cmap, last);
                    cmap.push(b' ');
                }
                character(&mut cmap, c);
            }
            cmap.extend_from_slice(format!("end{kind}\n").as_bytes());
        }
    }
    cmap.extend_from_slice(b"endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_characters_become_ranges() {
        let glyphs: Vec<(u16, Option<char>)> = "0123ađĐz"
            .chars()
            .enumerate()
            .map(|(i, c)| (i as u16 + 3, Some(c)))
            .collect();
        let codes = Codes {
            glyphs,
            by_glyph: Vec::new(),
            one_byte: false,
        };
        let cmap = String::from_utf8(to_unicode(&codes)).expect("ASCII");
        assert!(
            cmap.contains(
                "4 beginbfchar\n<0005> <0061>\n<0006> <0111>\n<0007> <0110>\n<0008> <007A>\n\
                 endbfchar\n1 beginbfrange\n<0001> <0004> <0030>\nendbfrange\n"
            ),
            "{cmap}"
        );
    }

    /// Glyph ids 10, 11, … for `text`, the space glyph 3 for its spaces.
    fn used(text: &str) -> Vec<(u16, char)> {
        let mut used: Vec<(u16, char)> = text
            .chars()
            .filter(|c| *c != ' ')
            .enumerate()
            .map(|(i, c)| (i as u16 + 10, c))
            .collect();
        if text.contains(' ') {
            used.insert(0, (3, ' '));
        }
        used
    }

    #[test]
    fn with_one_byte_codes_the_space_is_code_32_and_the_places_before_draw_nothing() {
        let codes = Codes::new(used("ab "), 3);
        assert!(codes.one_byte);
        assert_eq!(codes.glyphs.len(), 32);
        assert_eq!(codes.glyphs[..2], [(10, Some('a')), (11, Some('b'))]);
        assert_eq!(codes.glyphs[2..31], [(3, None); 29]);
        assert_eq!(codes.glyphs[31], (3, Some(' ')));
        assert_eq!((codes.by_glyph[10], codes.by_glyph[3]), (1, 32));
        let cmap = String::from_utf8(to_unicode(&codes)).expect("ASCII");
        assert!(cmap.contains("<00> <FF>\nendcodespacerange"), "{cmap}");
        assert!(cmap.contains("<20> <0020>\n"), "{cmap}");
        assert!(cmap.contains("<01> <02> <0061>\n"), "{cmap}");
    }

    #[test]
    fn the_space_takes_code_32_among_many_glyphs() {
        let text: String = ('a'..='z').chain('A'..='Z').chain([' ']).collect();
        let codes = Codes::new(used(&text), 3);
        assert_eq!(codes.glyphs.len(), 53);
        assert_eq!(codes.glyphs[31], (3, Some(' ')));
        assert_eq!(codes.glyphs[30].1, Some('E'));
        assert_eq!(codes.glyphs[32].1, Some('F'));
    }

    #[test]
    fn a_face_that_draws_no_space_gives_code_32_to_no_character() {
        let text: String = ('a'..='z').chain('A'..='Z').collect();
        let codes = Codes::new(used(&text), 3);
        assert!(codes.one_byte);
        assert_eq!(codes.glyphs.len(), 53);
        assert_eq!(codes.glyphs[30].1, Some('E'));
        assert_eq!(codes.glyphs[31], (3, None));
        assert_eq!(codes.glyphs[32].1, Some('F'));
        assert!(codes.by_glyph.iter().all(|&code| code != 32));
        // 255 characters and no space need 256 codes: two bytes.
        let many: String = ('\u{100}'..).take(255).collect();
        assert!(!Codes::new(used(&many), 3).one_byte);
        assert!(Codes::new(used(&many[..many.len() - 2]), 3).one_byte);
    }

    #[test]
    fn a_face_drawing_more_than_255_glyphs_keeps_two_byte_codes() {
        let text: String = ('\u{100}'..='\u{200}').chain([' ']).collect();
        let codes = Codes::new(used(&text), 3);
        assert!(!codes.one_byte);
        assert_eq!(codes.glyphs[0], (3, Some(' ')));
        let cmap = String::from_utf8(to_unicode(&codes)).expect("ASCII");
        assert!(cmap.contains("<0000> <FFFF>"), "{cmap}");
    }
}
