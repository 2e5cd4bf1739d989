//! The embedded Liberation Serif faces: parsed once per process, measured by advance width
//! for line breaking, asked whether they can draw a character, and read for the outlines
//! that documents embed (see `subset`).

use std::collections::HashMap;
use std::sync::Arc;

use allsorts::binary::read::ReadScope;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{NameTable, OffsetTable};

use super::embed::Packed;
use super::subset::Program;

use crate::layout::{Measure, Style};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf");

/// The four faces, parsed once per process and shared by every briefing (a clone shares
/// them too).
#[derive(Clone)]
pub struct Fonts {
    pub(super) faces: std::sync::Arc<[Face; 4]>,
    /// [`Fonts::covers`] for the characters of the faces' tables: asked of every character a
    /// briefing draws.
    covered: std::sync::Arc<[bool]>,
}

/// A subset in the store: whether it has the `cmap` of one-byte codes, and its glyph list.
pub(super) type PackedKey = (bool, Vec<u16>);

pub(super) struct Face {
    pub(super) style: Style,
    /// The PostScript name (`/BaseFont` after the subset tag).
    pub(super) name: String,
    /// The outlines and metrics that subsets copy (borrowed from the font file).
    pub(super) program: Program<'static>,
    /// The characters of the font's Unicode `cmap` that are not in `table` (measuring and
    /// coverage look there first), to their glyphs.
    cmap: HashMap<u32, u16>,
    /// Deflated subset programs by glyph list (see `embed`): briefings of one batch often
    /// draw the same glyphs in a face (the bold of headings, the italic of notes).
    pub(super) packed: std::sync::Mutex<HashMap<PackedKey, Arc<Packed>>>,
    /// Glyph and advance width of the characters Vietnamese and English text use, so that
    /// measuring (the hot path of line breaking), coverage and encoding look up an array.
    table: Vec<Glyph>,
}

/// A character's glyph (0: none) and its advance width in font units.
#[derive(Clone, Copy, Default)]
pub(super) struct Glyph {
    pub(super) id: u16,
    advance: u16,
}

/// The characters kept in each face's table, as (first, last) code points.
const TABLE: [(u32, u32); 3] = [(0, 0x24f), (0x300, 0x323), (0x1e00, 0x206f)];

/// Glyph `id` of `program` and its advance; id 0 (`.notdef`, what a character without a
/// glyph maps to) is no glyph.
fn glyph(program: &Program<'_>, id: u16) -> Glyph {
    if id == 0 {
        return Glyph::default();
    }
    Glyph {
        id,
        advance: program.advance(id),
    }
}

/// Where `c` is in the table, if it is there.
fn slot(c: char) -> Option<usize> {
    let c = u32::from(c);
    let mut base = 0;
    for (first, last) in TABLE {
        if (first..=last).contains(&c) {
            return Some(base + (c - first) as usize);
        }
        base += (last - first + 1) as usize;
    }
    None
}

impl Face {
    /// Reads a shipped face; `None` if it is not a TrueType font with a Unicode `cmap` and a
    /// PostScript name. The outlines stay in the static file: a program borrows them.
    fn parse(style: Style, bytes: &'static [u8]) -> Option<Face> {
        let scope = ReadScope::new(bytes);
        let tables = scope.read::<OffsetTable<'_>>().ok()?;
        let table = |tag| tables.read_table(&scope, tag).ok().flatten();
        let name = table(allsorts::tag::NAME)?
            .read::<NameTable<'_>>()
            .ok()?
            .string_for_id(NameTable::POSTSCRIPT_NAME)?;
        let cmap = table(allsorts::tag::CMAP)?.read::<Cmap<'_>>().ok()?;
        let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap).ok()??;
        let program = Program::parse(bytes)?;
        // The table's characters go straight into it, only the others into the map: hashing
        // every mapping was most of the time spent loading the faces.
        let mut table =
            vec![Glyph::default(); TABLE.iter().map(|(a, b)| (b - a + 1) as usize).sum()];
        let mut others = HashMap::new();
        subtable
            .mappings_fn(|c, id| match char::from_u32(c).and_then(slot) {
                Some(i) => table[i] = glyph(&program, id),
                None => {
                    others.insert(c, id);
                }
            })
            .ok()?;
        Some(Face {
            style,
            name,
            program,
            cmap: others,
            packed: std::sync::Mutex::new(HashMap::new()),
            table,
        })
    }

    fn lookup(&self, c: char) -> Glyph {
        self.cmap
            .get(&u32::from(c))
            .map_or(Glyph::default(), |&id| glyph(&self.program, id))
    }

    /// The glyph that draws `c` (id 0 when the face has none).
    pub(super) fn glyph(&self, c: char) -> Glyph {
        match slot(c).and_then(|i| self.table.get(i)) {
            Some(glyph) => *glyph,
            None => self.lookup(c),
        }
    }
}

impl Fonts {
    /// Parses the embedded faces; `None` only if the shipped font files are corrupt.
    pub fn load() -> Option<Fonts> {
        let faces = [
            Face::parse(Style::Regular, REGULAR)?,
            Face::parse(Style::Bold, BOLD)?,
            Face::parse(Style::Italic, ITALIC)?,
            Face::parse(Style::BoldItalic, BOLD_ITALIC)?,
        ];
        let mut fonts = Fonts {
            faces: std::sync::Arc::new(faces),
            covered: std::sync::Arc::new([]),
        };
        fonts.covered = TABLE
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .map(|c| char::from_u32(c).is_some_and(|c| fonts.covers_uncached(c)))
            .collect();
        Some(fonts)
    }

    fn face(&self, style: Style) -> &Face {
        &self.faces[self.index(style)]
    }

    /// The index of the face of `style` (the regular face if there were none).
    pub(super) fn index(&self, style: Style) -> usize {
        self.faces
            .iter()
            .position(|f| f.style == style)
            .unwrap_or(0)
    }

    /// Whether `c` can be drawn as text: a plain or no-break space, or a visible character every face has a
    /// glyph for (what validation requires of every text that will be drawn). Controls, line
    /// and paragraph separators, zero-width and other invisible characters are not: they
    /// would draw nothing, or an empty box, and copy as something else.
    pub fn covers(&self, c: char) -> bool {
        match slot(c).and_then(|i| self.covered.get(i)) {
            Some(&covered) => covered,
            None => self.covers_uncached(c),
        }
    }

    fn covers_uncached(&self, c: char) -> bool {
        // The layout's own no-break space keeps "Số:" and its blank together.
        c == ' '
            || c == '\u{A0}'
            || (!c.is_control()
                && !c.is_whitespace()
                && !is_invisible(c)
                && self.faces.iter().all(|f| f.glyph(c).id != 0))
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = self.face(style);
        let units: u32 = text.chars().map(|c| u32::from(face.glyph(c).advance)).sum();
        units as f32 * size / f32::from(face.program.descriptor.units_per_em)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of covered characters answers as the faces do, for every character of the
    /// Basic Multilingual Plane (table or not).
    #[test]
    fn covered_characters_are_those_every_face_draws() {
        let fonts = Fonts::load().expect("the shipped faces parse");
        let chars = (0..=0xFFFF).filter_map(char::from_u32);
        let differing: Vec<char> = chars
            .filter(|&c| fonts.covers(c) != fonts.covers_uncached(c))
            .collect();
        assert!(differing.is_empty(), "{differing:?}");
        assert!(fonts.covers('ệ') && fonts.covers('Đ') && !fonts.covers('\u{200B}'));
    }

    /// The faces' names, glyphs and advances, read through allsorts, agree with printpdf's
    /// own parse of the same files (which `Face` used before) for every character of the
    /// Basic Multilingual Plane and a few beyond it.
    #[test]
    fn faces_read_as_printpdf_reads_them() {
        let fonts = Fonts::load().expect("the shipped faces parse");
        let files = [REGULAR, BOLD, ITALIC, BOLD_ITALIC];
        for (face, bytes) in fonts.faces.iter().zip(files) {
            let printpdf = printpdf::ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .expect("printpdf parses the face");
            assert_eq!(Some(&face.name), printpdf.font_name.as_ref());
            assert_eq!(
                face.program.descriptor.units_per_em,
                printpdf.pdf_font_metrics.units_per_em
            );
            let mut drawn = 0;
            for c in (0..=0xFFFF)
                .chain([0x1F600, 0x10FFFF])
                .filter_map(char::from_u32)
            {
                let expected = printpdf
                    .lookup_glyph_index(u32::from(c))
                    .filter(|&id| id != 0)
                    .map(|id| (id, printpdf.get_horizontal_advance(id)));
                let glyph = face.glyph(c);
                let got = (glyph.id != 0).then_some((glyph.id, glyph.advance));
                assert_eq!(got, expected, "{:?} U+{:04X}", face.style, u32::from(c));
                drawn += usize::from(got.is_some());
            }
            assert!(drawn > 2000, "{:?} draws {drawn} characters", face.style);
        }
    }
}
