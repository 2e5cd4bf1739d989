//! The embedded Liberation Serif faces: parsed once per process, measured by advance width
//! for line breaking, and asked whether they can draw a character.

use std::collections::HashMap;

use printpdf::ParsedFont;

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

pub(super) struct Face {
    pub(super) style: Style,
    pub(super) font: ParsedFont,
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

/// Format characters that take no space: zero-width spaces and joiners, directional marks,
/// word joiners and invisible operators, the byte-order mark, the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
    )
}
