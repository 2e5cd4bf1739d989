//! Font subsets, made here rather than by printpdf: each face's tables are read once per
//! process (when a document first uses the face), and a document's subset copies the outlines
//! it draws (and the components of composite glyphs), without their TrueType hinting, into a
//! minimal TrueType program — `head`, `hhea`, `maxp`, `hmtx`, `loca`, `glyf`, the tables a
//! PDF's CIDFontType2 needs (ISO 32000-1, 9.9). The rest are left out: `cmap` (glyphs are addressed by id through
//! `/CIDToGIDMap /Identity`), `name` and `post` (the font is named by `/BaseFont`), and the
//! hinting (`fpgm`, `prep`, `cvt ` and every glyph's instructions), which only helps
//! rasterisers snap outlines to low-resolution pixel grids: PDF viewers and printers render
//! the outlines without it (measured with printpdf's subsets: 26.7 KB → 10.4 KB per face).
//! Copying bytes costs microseconds where printpdf's parsing and re-encoding of every glyph
//! took a millisecond a face; stripping only the glyphs a document draws saves the start-up
//! of a single briefing the 2 ms that stripping whole faces took.

use std::collections::HashMap;

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    u16_at(data, at).map(|v| v as i16)
}

/// One face's outlines and metrics, ready to be subset.
pub(super) struct Program<'a> {
    head: Vec<u8>,
    hhea: Vec<u8>,
    maxp: Vec<u8>,
    /// Every glyph's outline as in the font, hinting included (a subset strips the glyphs it
    /// copies): glyph `g` is `glyf[starts[g]..starts[g + 1]]`.
    glyf: &'a [u8],
    starts: Vec<usize>,
    /// Advance width and left side bearing of every glyph, in font units.
    metrics: Vec<(u16, i16)>,
    /// What the font descriptor says of the face.
    pub(super) descriptor: Descriptor,
}

/// The font descriptor's numbers, in 1/1000 em, worked out the way printpdf 0.12.8 does.
pub(super) struct Descriptor {
    pub(super) units_per_em: u16,
    pub(super) ascent: i64,
    pub(super) descent: i64,
    pub(super) italic_angle: i64,
    pub(super) stem_v: i64,
    pub(super) bbox: [i64; 4],
}

impl<'a> Program<'a> {
    /// Reads a TrueType font; `None` if it is not one this code understands.
    pub(super) fn parse(font: &'a [u8]) -> Option<Program<'a>> {
        let count = usize::from(u16_at(font, 4)?);
        let mut tables: HashMap<[u8; 4], &[u8]> = HashMap::new();
        for i in 0..count {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
            let offset = usize::try_from(u32_at(font, record + 8)?).ok()?;
            let length = usize::try_from(u32_at(font, record + 12)?).ok()?;
            tables.insert(tag, font.get(offset..offset.checked_add(length)?)?);
        }
        let table = |tag: &[u8; 4]| tables.get(tag).copied();
        let (head, hhea, maxp) = (table(b"head")?, table(b"hhea")?, table(b"maxp")?);
        let glyph_count = usize::from(u16_at(maxp, 4)?);
        let glyf = table(b"glyf")?;
        let starts = glyph_starts(table(b"loca")?, glyph_count, u16_at(head, 50)? == 1)?;
        let hmtx = table(b"hmtx")?;
        let long = usize::from(u16_at(hhea, 34)?).max(1);
        let metrics = (0..glyph_count)
            .map(|g| {
                let advance = u16_at(hmtx, 4 * g.min(long - 1))?;
                let lsb = if g < long {
                    i16_at(hmtx, 4 * g + 2)?
                } else {
                    i16_at(hmtx, 4 * long + 2 * (g - long))?
                };
                Some((advance, lsb))
            })
            .collect::<Option<Vec<_>>>()?;
        let weight = table(b"OS/2").and_then(|os2| u16_at(os2, 4)).unwrap_or(0);
        let descriptor = Descriptor::new(head, hhea, weight)?;
        Some(Program {
            head: head.to_vec(),
            hhea: hhea.to_vec(),
            maxp: maxp.to_vec(),
            glyf,
            starts,
            metrics,
            descriptor,
        })
    }

    fn glyph(&self, g: u16) -> &[u8] {
        let g = usize::from(g);
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) if a < b => self.glyf.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The advance width of glyph `g` in font units.
    pub(super) fn advance(&self, g: u16) -> u16 {
        self.metrics.get(usize::from(g)).map_or(0, |m| m.0)
    }

    /// The subset holding `.notdef`, then `wanted` (without 0) as glyphs 1, 2, …, then the
    /// components of composite glyphs among them; with `one_byte_codes`, a `cmap` that maps
    /// code n to glyph n (see `one_byte_cmap`).
    pub(super) fn subset(&self, wanted: &[u16], one_byte_codes: bool) -> Option<Vec<u8>> {
        let mut order: Vec<u16> = Vec::with_capacity(wanted.len() + 16);
        order.push(0);
        order.extend_from_slice(wanted);
        let mut new_id: HashMap<u16, u16> = order
            .iter()
            .enumerate()
            .map(|(i, &g)| (g, i as u16))
            .collect();
        let mut glyf = Vec::new();
        let mut offsets = Vec::with_capacity(order.len() + 1);
        let mut i = 0;
        while i < order.len() {
            offsets.push(glyf.len());
            let start = glyf.len();
            let outline = self.glyph(order[i]);
            if !outline.is_empty() {
                glyf.extend_from_slice(&strip_glyph(outline)?);
                // Even lengths, for short `loca` offsets.
                if glyf.len() % 2 != 0 {
                    glyf.push(0);
                }
            }
            for at in components(&glyf[start..])? {
                let old = u16_at(&glyf, start + at)?;
                let next = u16::try_from(order.len()).ok()?;
                let new = *new_id.entry(old).or_insert_with(|| {
                    order.push(old);
                    next
                });
                glyf[start + at..start + at + 2].copy_from_slice(&new.to_be_bytes());
            }
            i += 1;
        }
        offsets.push(glyf.len());
        let mut tables = self.tables(&order, glyf, &offsets)?;
        if one_byte_codes {
            tables.push((*b"cmap", one_byte_cmap(wanted.len())));
        }
        Some(assemble(0x0001_0000, &tables))
    }

    /// The subset's tables: glyphs `order`, whose outlines `glyf` holds at `offsets`.
    fn tables(
        &self,
        order: &[u16],
        glyf: Vec<u8>,
        offsets: &[usize],
    ) -> Option<Vec<([u8; 4], Vec<u8>)>> {
        let count = u16::try_from(order.len()).ok()?;
        // Short offsets (half the byte offset, every glyph being of even length) when they fit.
        let short = glyf.len() < 0x2_0000;
        let mut loca = Vec::with_capacity(offsets.len() * 4);
        for &offset in offsets {
            if short {
                loca.extend_from_slice(&u16::try_from(offset / 2).ok()?.to_be_bytes());
            } else {
                loca.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
            }
        }
        let mut hmtx = Vec::with_capacity(order.len() * 4);
        for &g in order {
            let (advance, lsb) = *self.metrics.get(usize::from(g))?;
            hmtx.extend_from_slice(&advance.to_be_bytes());
            hmtx.extend_from_slice(&lsb.to_be_bytes());
        }
        let mut head = self.head.clone();
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set by assemble
        head.get_mut(50..52)?
            .copy_from_slice(&u16::from(!short).to_be_bytes());
        let mut hhea = self.hhea.clone();
        hhea.get_mut(34..36)?.copy_from_slice(&count.to_be_bytes());
        let mut maxp = self.maxp.clone();
        maxp.get_mut(4..6)?.copy_from_slice(&count.to_be_bytes());
        Some(vec![
            (*b"glyf", glyf),
            (*b"head", head),
            (*b"hhea", hhea),
            (*b"hmtx", hmtx),
            (*b"loca", loca),
            (*b"maxp", maxp),
        ])
    }
}

impl Descriptor {
    fn new(head: &[u8], hhea: &[u8], weight: u16) -> Option<Descriptor> {
        let units_per_em = u16_at(head, 18)?;
        let scale = 1000.0 / f32::from(units_per_em.max(1));
        let scaled = |v: i16| (f32::from(v) * scale).round() as i64;
        let (rise, run) = (i16_at(hhea, 18)?, i16_at(hhea, 20)?);
        let italic_angle = if rise == 0 {
            0
        } else {
            (-f32::from(run).atan2(f32::from(rise)).to_degrees()).round() as i64
        };
        // No table holds the stem width: estimated from the weight class, as is usual.
        let stem_v = if weight == 0 {
            80
        } else {
            50 + (f32::from(weight) / 65.0).powi(2).round() as i64
        };
        Some(Descriptor {
            units_per_em,
            ascent: scaled(i16_at(hhea, 4)?),
            descent: scaled(i16_at(hhea, 6)?),
            italic_angle,
            stem_v,
            bbox: [
                scaled(i16_at(head, 36)?),
                scaled(i16_at(head, 38)?),
                scaled(i16_at(head, 40)?),
                scaled(i16_at(head, 42)?),
            ],
        })
    }

    /// A glyph's width in 1/1000 em as `/W` gives it: truncated, as printpdf wrote it, so
    /// that pages draw exactly as before.
    pub(super) fn width(&self, advance: u16) -> i64 {
        (f32::from(advance) * (1000.0 / f32::from(self.units_per_em.max(1)))) as i64
    }
}

/// Where each glyph starts in `glyf`, by `loca` (one more entry than glyphs; a glyph whose
/// end is not after its start is empty).
fn glyph_starts(loca: &[u8], glyph_count: usize, long_offsets: bool) -> Option<Vec<usize>> {
    (0..=glyph_count)
        .map(|i| {
            if long_offsets {
                usize::try_from(u32_at(loca, 4 * i)?).ok()
            } else {
                Some(usize::from(u16_at(loca, 2 * i)?) * 2)
            }
        })
        .collect()
}

const ARGS_ARE_WORDS: u16 = 0x0001;
const HAS_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAS_XY_SCALE: u16 = 0x0040;
const HAS_TWO_BY_TWO: u16 = 0x0080;
const HAS_INSTRUCTIONS: u16 = 0x0100;

/// The size of a composite glyph's component record with these flags.
fn component_size(flags: u16) -> usize {
    4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 }
        + if flags & HAS_SCALE != 0 {
            2
        } else if flags & HAS_XY_SCALE != 0 {
            4
        } else if flags & HAS_TWO_BY_TWO != 0 {
            8
        } else {
            0
        }
}

/// Where the glyph ids of a composite glyph's components are (none for a simple glyph).
fn components(glyph: &[u8]) -> Option<Vec<usize>> {
    if glyph.is_empty() || i16_at(glyph, 0)? >= 0 {
        return Some(Vec::new());
    }
    let mut at = 10;
    let mut found = Vec::new();
    loop {
        let flags = u16_at(glyph, at)?;
        found.push(at + 2);
        at += component_size(flags);
        if flags & MORE_COMPONENTS == 0 {
            return Some(found);
        }
    }
}

fn strip_glyph(glyph: &[u8]) -> Option<Vec<u8>> {
    let contours = i16::from_be_bytes(glyph.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Simple glyph: header, end points, instruction length and instructions, outline.
        let lengths_at = 10 + 2 * usize::try_from(contours).ok()?;
        let instructions = usize::from(u16_at(glyph, lengths_at)?);
        let outline = lengths_at + 2 + instructions;
        let mut out = glyph.get(..lengths_at)?.to_vec();
        out.extend_from_slice(&0u16.to_be_bytes());
        out.extend_from_slice(glyph.get(outline..)?);
        return Some(out);
    }
    // Composite glyph: components, then instructions if the last component says so.
    let mut out = glyph.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let size = component_size(flags);
        out.extend_from_slice(&(flags & !HAS_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(glyph.get(at + 2..at + size)?);
        at += size;
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
}

/// A `cmap` of one subtable, (1, 0) format 0, mapping one-byte code n to glyph n for the
/// `count` codes a document uses (any other code to glyph 0): the glyphs of a symbolic simple
/// TrueType font without `/Encoding` are found through it (ISO 32000-1 9.6.6.4; PDF/A-2
/// 6.2.11.6 asks for exactly one encoding in such a font's `cmap`).
fn one_byte_cmap(count: usize) -> Vec<u8> {
    let mut cmap = Vec::with_capacity(12 + 262);
    for field in [0u16, 1, 1, 0] {
        // Version, one subtable, platform Macintosh, encoding Roman.
        cmap.extend_from_slice(&field.to_be_bytes());
    }
    cmap.extend_from_slice(&12u32.to_be_bytes()); // where the subtable starts
    for field in [0u16, 262, 0] {
        // Format 0, its length, no language.
        cmap.extend_from_slice(&field.to_be_bytes());
    }
    cmap.extend((0..=255u8).map(|code| if usize::from(code) <= count { code } else { 0 }));
    cmap
}

/// Writes an sfnt file: directory sorted by tag, tables 4-byte aligned, checksums set.
fn assemble(version: u32, tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut sorted: Vec<&([u8; 4], Vec<u8>)> = tables.iter().collect();
    sorted.sort_by_key(|(tag, _)| *tag);
    let count = u16::try_from(sorted.len()).unwrap_or(u16::MAX);
    let power = 1u16 << (15 - count.max(1).leading_zeros().min(15));
    let search_range = power * 16;
    let entry_selector = u16::try_from(power.trailing_zeros()).unwrap_or(0);
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    for value in [
        count,
        search_range,
        entry_selector,
        count * 16 - search_range,
    ] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * sorted.len();
    let mut head_at = None;
    for (tag, data) in &sorted {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &sorted {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn a_subset_draws_its_glyphs_with_their_advances_and_has_no_hinting() {
        let original = printpdf::ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new()).expect("font");
        let program = Program::parse(REGULAR).expect("Liberation Serif parses");
        let text = "Chỉ số CCHC 84,67 Đồng bằng sông Cửu Long ỗ ữ Ặ";
        let mut wanted: Vec<u16> = text
            .chars()
            .map(|c| original.lookup_glyph_index(u32::from(c)).expect("covered"))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let subset = program.subset(&wanted, false).expect("subsets");
        let font = Program::parse(&subset).expect("the subset parses");
        for (i, &g) in wanted.iter().enumerate() {
            let code = u16::try_from(i + 1).expect("few glyphs");
            assert_eq!(
                font.advance(code),
                original.get_horizontal_advance(g),
                "glyph {g}"
            );
            assert_eq!(program.advance(g), original.get_horizontal_advance(g));
        }
        let tables = u16_at(&subset, 4).expect("table count");
        let tags: Vec<&[u8]> = (0..usize::from(tables))
            .map(|i| &subset[12 + 16 * i..16 + 16 * i])
            .collect();
        assert_eq!(
            tags,
            [b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp"].map(|t| t.as_slice())
        );
        assert!(subset.len() < 20_000, "{}", subset.len());
    }

    #[test]
    fn composite_glyphs_bring_their_components() {
        let program = Program::parse(REGULAR).expect("font");
        let original = printpdf::ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new()).expect("font");
        let g = original
            .lookup_glyph_index(u32::from('ỗ'))
            .expect("covered");
        let subset = program.subset(&[g], false).expect("subsets");
        let font = Program::parse(&subset).expect("the subset parses");
        let glyphs = font.metrics.len();
        assert!(glyphs > 2, "ỗ is drawn from components: {glyphs} glyphs");
        for component in 2..glyphs {
            assert!(!font.glyph(component as u16).is_empty(), "{component}");
        }
    }

    #[test]
    fn with_one_byte_codes_the_cmap_maps_code_n_to_glyph_n() {
        let program = Program::parse(REGULAR).expect("font");
        let subset = program.subset(&[40, 50, 60], true).expect("subsets");
        let tables = usize::from(u16_at(&subset, 4).expect("table count"));
        let cmap = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&record| &subset[record..record + 4] == b"cmap")
            .map(|record| {
                let at = u32_at(&subset, record + 8).expect("offset") as usize;
                &subset[at..at + 274]
            })
            .expect("a cmap table");
        // One subtable, (1, 0), format 0, at byte 12.
        assert_eq!(cmap[..12], [0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 12]);
        assert_eq!(cmap[12..14], [0, 0]);
        let glyph_of_code = &cmap[18..];
        assert_eq!(glyph_of_code[..5], [0, 1, 2, 3, 0]);
        assert!(glyph_of_code[4..].iter().all(|&g| g == 0));
        let two_byte = program.subset(&[40, 50, 60], false).expect("subsets");
        assert_eq!(subset.len(), two_byte.len() + 16 + 276);
    }

    #[test]
    fn something_that_is_not_a_font_is_refused() {
        assert!(Program::parse(b"not a font").is_none());
    }
}
