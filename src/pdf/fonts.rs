//! The embedded Liberation Serif faces: parsed once per process, measured by advance width
//! for line breaking, asked whether they can draw a character, and read once for the
//! outlines that documents embed (see `subset`).

use std::collections::HashMap;
use std::sync::Arc;

use printpdf::ParsedFont;

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
}

/// A subset in the store: whether it has the `cmap` of one-byte codes, and its glyph list.
pub(super) type PackedKey = (bool, Vec<u16>);

pub(super) struct Face {
    pub(super) style: Style,
    font: ParsedFont,
    /// The PostScript name (`/BaseFont` after the subset tag).
    pub(super) name: String,
    /// The font file, and its outlines for subsets, read when a document first uses the face.
    bytes: &'static [u8],
    program: std::sync::OnceLock<Option<Program>>,
    /// Deflated subset programs by glyph list (see `embed`): briefings of one batch often
    /// draw the same glyphs in a face (the bold of headings, the italic of notes).
    pub(super) packed: std::sync::Mutex<HashMap<PackedKey, Arc<Packed>>>,
    units_per_em: f32,
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
    fn parse(style: Style, bytes: &'static [u8]) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
        let mut face = Face {
            style,
            name: font.font_name.clone().unwrap_or_default(),
            bytes,
            program: std::sync::OnceLock::new(),
            packed: std::sync::Mutex::new(HashMap::new()),
            font,
            units_per_em,
            table: Vec::new(),
        };
        face.table = TABLE
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .map(|c| char::from_u32(c).map_or(Glyph::default(), |c| face.lookup(c)))
            .collect();
        Some(face)
    }

    fn lookup(&self, c: char) -> Glyph {
        self.font
            .lookup_glyph_index(u32::from(c))
            .map_or(Glyph::default(), |id| Glyph {
                id,
                advance: self.font.get_horizontal_advance(id),
            })
    }

    /// The face's outlines; `None` only if the shipped font file is corrupt.
    pub(super) fn program(&self) -> Option<&Program> {
        self.program
            .get_or_init(|| Program::parse(self.bytes))
            .as_ref()
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
        Some(Fonts {
            faces: std::sync::Arc::new(faces),
        })
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
        units as f32 * size / face.units_per_em
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
