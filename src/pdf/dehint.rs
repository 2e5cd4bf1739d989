//! Strips TrueType hinting from the font subsets printpdf embeds: the `fpgm`, `prep` and
//! `cvt ` tables and every glyph's instructions. Hinting only helps rasterisers snap outlines
//! to low-resolution pixel grids; PDF viewers and printers render these outlines without it,
//! and it is over half of each subset (measured: 26.7 KB → 10.4 KB per face, the compressed
//! PDF 68 KB → 38 KB). A font this code cannot parse is returned unchanged.

/// Tables that only carry hinting.
const HINTING_TABLES: [&[u8; 4]; 3] = [b"fpgm", b"prep", b"cvt "];

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

/// The font without hinting, or `None` when it is not a TrueType font this code understands.
pub fn dehint(font: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = usize::try_from(u32_at(font, record + 8)?).ok()?;
        let length = usize::try_from(u32_at(font, record + 12)?).ok()?;
        tables.push((tag, font.get(offset..offset.checked_add(length)?)?.to_vec()));
    }
    let table = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, d)| d.as_slice())
    };
    let head = table(b"head")?;
    let long_offsets = u16_at(head, 50)? == 1;
    let glyph_count = usize::from(u16_at(table(b"maxp")?, 4)?);
    let (glyf, loca) = strip_glyphs(table(b"glyf")?, table(b"loca")?, glyph_count, long_offsets)?;

    let mut kept: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in &tables {
        if HINTING_TABLES.contains(&tag) {
            continue;
        }
        let data = match tag {
            b"glyf" => glyf.clone(),
            b"loca" => loca.clone(),
            b"head" => {
                let mut head = data.clone();
                head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes()); // long loca offsets
                head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
                head
            }
            _ => data.clone(),
        };
        kept.push((*tag, data));
    }
    Some(assemble(u32_at(font, 0)?, &kept))
}

/// Removes instructions from every glyph; returns the new `glyf` and a long-format `loca`.
fn strip_glyphs(
    glyf: &[u8],
    loca: &[u8],
    glyph_count: usize,
    long_offsets: bool,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let offset = |i: usize| -> Option<usize> {
        if long_offsets {
            usize::try_from(u32_at(loca, 4 * i)?).ok()
        } else {
            Some(usize::from(u16_at(loca, 2 * i)?) * 2)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (glyph_count + 1));
    for i in 0..glyph_count {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end > start {
            new_glyf.extend_from_slice(&strip_glyph(glyf.get(start..end)?)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    Some((new_glyf, new_loca))
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
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAS_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAS_XY_SCALE: u16 = 0x0040;
    const HAS_TWO_BY_TWO: u16 = 0x0080;
    const HAS_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let size = 4
            + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 }
            + if flags & HAS_SCALE != 0 {
                2
            } else if flags & HAS_XY_SCALE != 0 {
                4
            } else if flags & HAS_TWO_BY_TWO != 0 {
                8
            } else {
                0
            };
        out.extend_from_slice(&(flags & !HAS_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(glyph.get(at + 2..at + size)?);
        at += size;
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
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
    fn a_dehinted_font_keeps_every_glyph_and_advance_and_loses_its_hinting() {
        let stripped = dehint(REGULAR).expect("Liberation Serif parses");
        assert!(
            stripped.len() < REGULAR.len() * 3 / 4,
            "{} → {}",
            REGULAR.len(),
            stripped.len()
        );
        let (before, after) = (
            printpdf::ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new()).expect("original"),
            printpdf::ParsedFont::from_bytes(&stripped, 0, &mut Vec::new())
                .expect("stripped font parses"),
        );
        for c in "Chỉ số CCHC 84,67 Đồng bằng sông Cửu Long ỗ ữ Ặ".chars() {
            let (g1, g2) = (
                before.lookup_glyph_index(u32::from(c)),
                after.lookup_glyph_index(u32::from(c)),
            );
            assert_eq!(g1, g2, "{c}");
            let g = g1.expect("covered");
            assert_eq!(
                before.get_horizontal_advance(g),
                after.get_horizontal_advance(g),
                "{c}"
            );
        }
        for tag in HINTING_TABLES {
            assert!(
                !stripped
                    .windows(4)
                    .take(12 + 16 * 30)
                    .any(|w| w == tag.as_slice()),
                "{tag:?} still listed"
            );
        }
    }

    #[test]
    fn something_that_is_not_a_font_is_left_alone() {
        assert_eq!(dehint(b"not a font"), None);
    }
}
