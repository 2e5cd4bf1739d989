//! Page content: each laid-out item as PDF operators (text objects, rules and boxes), in PDF
//! coordinates, inside the marked-content sequence of its structure node or as an artifact —
//! written straight to bytes. Compact on purpose: numbers to 1/10 000 pt (invisible at any
//! resolution a page is printed or viewed at), glyph codes as binary strings, and the font,
//! line width and grays set only when they change.

use super::Fonts;
use super::embed::Encoding;
use crate::layout::{Geometry, Item, Measure, Page};
use crate::structure::{Artifact, NodeId, Structure, Tag};

/// Writes the operators of one page; `marks[mcid]` records the node of each marked-content
/// id it opens.
struct Writer<'a> {
    out: Vec<u8>,
    structure: &'a Structure,
    marks: Vec<NodeId>,
    /// Font (face index) and size set by the last `Tf`: text state outlives text objects.
    font: Option<(usize, f32)>,
    /// Word spacing set by the last `Tw` (text state too).
    word_spacing: f64,
    line_width: f32,
    stroke_gray: f32,
    fill_gray: f32,
}

/// The page's content stream, each run of items with one tag in one marked-content sequence
/// (whole text objects and paths, so sequences nest properly), and the node of each
/// marked-content id.
pub(super) fn page_content(
    page: &Page,
    structure: &Structure,
    geometry: &Geometry,
    fonts: &Fonts,
    encoding: &Encoding,
) -> (Vec<u8>, Vec<NodeId>) {
    let mut w = Writer {
        out: Vec::with_capacity(16 * 1024),
        structure,
        marks: Vec::new(),
        font: None,
        word_spacing: 0.0,
        // The graphics state every page starts with.
        line_width: 1.0,
        stroke_gray: 0.0,
        fill_gray: 0.0,
    };
    let mut open: Option<Tag> = None;
    // PDF's origin is the bottom-left corner; layout measures from the top.
    let flip = |y: f32| geometry.height - y;
    let items = &page.items;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let Item::Text {
            x, y, style, size, ..
        } = item
        else {
            w.mark(&mut open, Some(item.tag()));
            w.shape(item, &flip);
            i += 1;
            continue;
        };
        // Runs of one style that continue one another on their line (a list item's label
        // and its body, a title in another language) are drawn as one text object, as if
        // they were one run: each then starts where the last one's glyphs end.
        let mut end = i + 1;
        while end < items.len() && continues(&items[end - 1], &items[end], fonts) {
            end += 1;
        }
        let group = &items[i..end];
        let one_tag = group.iter().all(|g| g.tag() == item.tag());
        // One node: its sequence may span many text objects. Several: each run's sequence
        // inside the text object, as marked content begun in one must end in it.
        w.mark(&mut open, one_tag.then(|| item.tag()));
        let face = fonts.index(*style);
        // Text is black, whatever gray the last box was filled with.
        w.fill(0.0);
        w.out.extend_from_slice(b"BT\n");
        if w.font != Some((face, *size)) {
            w.font = Some((face, *size));
            w.out.extend_from_slice(b"/F");
            w.number(face as f32);
            w.space();
            w.number(*size);
            w.out.extend_from_slice(b" Tf\n");
        }
        w.numbers(&[*x, flip(*y)]);
        w.out.extend_from_slice(b"Td\n");
        let mut inner: Option<Tag> = None;
        for run in group {
            if let Item::Text {
                text, word_spacing, ..
            } = run
            {
                if !one_tag {
                    w.mark(&mut inner, Some(run.tag()));
                }
                w.show(text, *word_spacing, *size, face, encoding);
            }
        }
        w.mark(&mut inner, None);
        w.out.extend_from_slice(b"ET\n");
        i = end;
    }
    w.mark(&mut open, None);
    (w.out, w.marks)
}

impl Writer<'_> {
    /// Closes the open marked-content sequence and opens that of `tag`, unless it is open.
    fn mark(&mut self, open: &mut Option<Tag>, tag: Option<Tag>) {
        if *open == tag {
            return;
        }
        if open.is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
        match tag {
            Some(Tag::Node(node)) => {
                let mcid = self.marks.len();
                self.marks.push(node);
                self.out.push(b'/');
                let role = self.structure.node(node).role.name();
                self.out.extend_from_slice(role.as_bytes());
                self.out.extend_from_slice(b"<</MCID ");
                self.digits(mcid as u64, 1);
                self.out.extend_from_slice(b">>BDC\n");
            }
            Some(Tag::Artifact(Artifact::Layout)) => self.out.extend_from_slice(b"/Artifact BMC\n"),
            Some(Tag::Artifact(Artifact::Pagination)) => self
                .out
                .extend_from_slice(b"/Artifact<</Type/Pagination>>BDC\n"),
            None => {}
        }
        *open = tag;
    }

    fn space(&mut self) {
        self.out.push(b' ');
    }

    /// Each number followed by a space.
    fn numbers(&mut self, values: &[f32]) {
        for &v in values {
            self.number(v);
            self.space();
        }
    }

    /// A number to 1/10 000, without trailing zeros ("12", "0.5", "-3.125"). Coarser
    /// rounding would do for the eye, but moves `pdftotext -layout`'s line grouping of chart
    /// labels that sit a hair apart (1/1000 did, on Hải Phòng 2024).
    fn number(&mut self, value: f32) {
        let units = (f64::from(value) * 10_000.0).round() as i64;
        if units < 0 {
            self.out.push(b'-');
        }
        let units = units.unsigned_abs();
        self.digits(units / 10_000, 1);
        let mut fraction = units % 10_000;
        if fraction != 0 {
            let mut width = 4;
            while fraction.is_multiple_of(10) {
                fraction /= 10;
                width -= 1;
            }
            self.out.push(b'.');
            self.digits(fraction, width);
        }
    }

    /// `n` in decimal, zeros in front up to `width` digits (a page writes some 700 numbers).
    fn digits(&mut self, n: u64, width: usize) {
        super::digits::decimal(&mut self.out, n, width);
    }

    /// `text` in face `face`, with `word_spacing` more after each space: by `Tw` when the
    /// face has one-byte codes, as TJ adjustments when it has two-byte codes, which `Tw`
    /// does not widen.
    fn show(&mut self, text: &str, word_spacing: f32, size: f32, face: usize, encoding: &Encoding) {
        if encoding.one_byte(face) {
            // The spacing the TJ adjustment of two-byte codes gives (in 1/10 000 of a
            // thousandth of the size), so that both place every glyph alike.
            let spacing = if word_spacing.abs() < 0.001 {
                0.0
            } else {
                (f64::from(word_spacing) * 1e7 / f64::from(size)).round() * f64::from(size) / 1e7
            };
            self.word_spacing(spacing);
            self.string(text, face, encoding);
            self.out.extend_from_slice(b"Tj\n");
            return;
        }
        // `Tw` does not move two-byte codes, but text extractors apply it anyway (poppler to
        // a code whose bytes read 0x0020, pdf.js to every space): none is left set.
        self.word_spacing(0.0);
        if word_spacing.abs() < 0.001 {
            self.string(text, face, encoding);
            self.out.extend_from_slice(b"Tj\n");
            return;
        }
        let adjustment = -word_spacing * 1000.0 / size;
        self.out.push(b'[');
        let mut rest = text;
        while let Some(at) = rest.find(' ') {
            self.string(&rest[..=at], face, encoding);
            self.number(adjustment);
            rest = &rest[at + 1..];
        }
        if !rest.is_empty() {
            self.string(rest, face, encoding);
        }
        self.out.extend_from_slice(b"]TJ\n");
    }

    /// Sets the word spacing (`Tw`), unless it is set already.
    fn word_spacing(&mut self, spacing: f64) {
        if spacing != self.word_spacing {
            self.word_spacing = spacing;
            let written = format!("{spacing:.7}");
            let written = written.trim_end_matches('0').trim_end_matches('.');
            self.out.extend_from_slice(written.as_bytes());
            self.out.extend_from_slice(b" Tw\n");
        }
    }

    /// A literal string of the codes of `text`, one or two bytes each.
    fn string(&mut self, text: &str, face: usize, encoding: &Encoding) {
        let one_byte = encoding.one_byte(face);
        self.out.push(b'(');
        for c in text.chars() {
            let [high, low] = encoding.code(face, c).to_be_bytes();
            let bytes = if one_byte {
                &[low][..]
            } else {
                &[high, low][..]
            };
            for &byte in bytes {
                match byte {
                    b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', byte]),
                    // A raw end of line in a string reads as "\n" whichever it was.
                    b'\r' => self.out.extend_from_slice(b"\\r"),
                    b'\n' => self.out.extend_from_slice(b"\\n"),
                    _ => self.out.push(byte),
                }
            }
        }
        self.out.push(b')');
    }

    /// Sets the fill gray, unless it is set already.
    fn fill(&mut self, gray: f32) {
        if gray != self.fill_gray {
            self.fill_gray = gray;
            self.numbers(&[gray]);
            self.out.extend_from_slice(b"g\n");
        }
    }

    /// A rule or a box.
    fn shape(&mut self, item: &Item, flip: &dyn Fn(f32) -> f32) {
        match *item {
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                gray,
                ..
            } => {
                if width != self.line_width {
                    self.line_width = width;
                    self.numbers(&[width]);
                    self.out.extend_from_slice(b"w\n");
                }
                if gray != self.stroke_gray {
                    self.stroke_gray = gray;
                    self.numbers(&[gray]);
                    self.out.extend_from_slice(b"G\n");
                }
                self.numbers(&[x1, flip(y1)]);
                self.out.extend_from_slice(b"m ");
                self.numbers(&[x2, flip(y2)]);
                self.out.extend_from_slice(b"l S\n");
            }
            Item::Rect {
                x,
                y,
                width,
                height,
                gray,
                ..
            } => {
                self.fill(gray);
                self.numbers(&[x, flip(y + height), width, height]);
                self.out.extend_from_slice(b"re f\n");
            }
            Item::Text { .. } => {}
        }
    }
}

/// Whether text item `b` goes on from where `a` ends, in the same style on the same line.
fn continues(a: &Item, b: &Item, fonts: &Fonts) -> bool {
    let (
        Item::Text {
            x,
            y,
            style,
            size,
            text,
            word_spacing,
            ..
        },
        Item::Text {
            x: x2,
            y: y2,
            style: style2,
            size: size2,
            word_spacing: spacing2,
            ..
        },
    ) = (a, b)
    else {
        return false;
    };
    if y != y2 || style != style2 || size != size2 || word_spacing != spacing2 {
        return false;
    }
    let end =
        x + fonts.width(text, *style, *size) + text.matches(' ').count() as f32 * word_spacing;
    (x2 - end).abs() < 0.01
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: f32) -> String {
        let structure = Structure::new();
        let mut w = Writer {
            out: Vec::new(),
            structure: &structure,
            marks: Vec::new(),
            font: None,
            word_spacing: 0.0,
            line_width: 1.0,
            stroke_gray: 0.0,
            fill_gray: 0.0,
        };
        w.number(value);
        String::from_utf8(w.out).expect("ASCII")
    }

    #[test]
    fn numbers_are_written_to_a_ten_thousandth_without_trailing_zeros() {
        for (value, text) in [
            (0.0, "0"),
            (12.0, "12"),
            (0.5, "0.5"),
            (-3.125, "-3.125"),
            (296.14084, "296.1408"),
            (-100.58476, "-100.5848"),
            (0.00004, "0"),
            (-0.00004, "0"),
            (841.89, "841.89"),
            (0.9, "0.9"),
            (1000.0001, "1000.0001"),
            (-0.05, "-0.05"),
            (10.0, "10"),
        ] {
            assert_eq!(written(value), text, "{value}");
        }
    }

    #[test]
    fn text_after_a_gray_box_is_black_again() {
        let fonts = Fonts::load().expect("fonts");
        let structure = Structure::new();
        let tag = Tag::Artifact(Artifact::Layout);
        let page = Page {
            items: vec![
                Item::Rect {
                    x: 10.0,
                    y: 10.0,
                    width: 50.0,
                    height: 20.0,
                    gray: 0.9,
                    tag,
                },
                Item::Text {
                    x: 12.0,
                    y: 25.0,
                    style: crate::layout::Style::Regular,
                    size: 10.0,
                    text: "Điểm".to_string(),
                    word_spacing: 0.0,
                    tag,
                },
            ],
        };
        let encoding = Encoding::new(std::slice::from_ref(&page), &fonts);
        let (bytes, _) = page_content(&page, &structure, &Geometry::A4, &fonts, &encoding);
        let text = String::from_utf8_lossy(&bytes);
        let (boxes, drawn) = text.split_once("BT").expect("a text object");
        assert!(
            boxes.contains("0.9 g\n") && boxes.ends_with("re f\n0 g\n"),
            "{text}"
        );
        assert!(drawn.starts_with("\n/F0 10 Tf\n12 "), "{text}");
    }

    #[test]
    fn a_justified_line_widens_its_spaces_with_tw_and_the_next_line_resets_it() {
        let fonts = Fonts::load().expect("fonts");
        let structure = Structure::new();
        let tag = Tag::Artifact(Artifact::Layout);
        let line = |y: f32, text: &str, word_spacing: f32| Item::Text {
            x: 12.0,
            y,
            style: crate::layout::Style::Regular,
            size: 13.0,
            text: text.to_string(),
            word_spacing,
            tag,
        };
        let page = Page {
            items: vec![
                line(25.0, "Năm 2020 xếp ", 1.23456),
                line(45.0, "thứ 26/63", 0.0),
            ],
        };
        let encoding = Encoding::new(std::slice::from_ref(&page), &fonts);
        let (bytes, _) = page_content(&page, &structure, &Geometry::A4, &fonts, &encoding);
        let text = String::from_utf8_lossy(&bytes);
        // 1.23456 is 94.966 thousandths of 13 pt, which TJ would round to 94.9662.
        assert!(text.contains("\n1.2345606 Tw\n("), "{text}");
        assert!(text.contains("\n0 Tw\n("), "{text}");
        assert!(!text.contains("TJ"), "{text}");
        // One byte a character (codes 10 and 13 written "\n" and "\r"), the space code 32.
        let start = 4 + bytes
            .windows(4)
            .position(|w| w == b"Tw\n(")
            .expect("a string");
        let mut codes: Vec<u8> = Vec::new();
        let mut rest = bytes[start..].iter();
        while let Some(&b) = rest.next() {
            match b {
                b')' => break,
                b'\\' => codes.push(match rest.next() {
                    Some(b'n') => b'\n',
                    Some(b'r') => b'\r',
                    other => *other.expect("an escaped byte"),
                }),
                _ => codes.push(b),
            }
        }
        assert_eq!(codes.len(), "Năm 2020 xếp ".chars().count());
        assert_eq!((codes[3], codes[12]), (b' ', b' '));
    }

    #[test]
    fn two_byte_text_after_a_justified_line_has_no_word_spacing_set() {
        let fonts = Fonts::load().expect("fonts");
        let structure = Structure::new();
        let tag = Tag::Artifact(Artifact::Layout);
        let run = |y: f32, style, text: String, word_spacing: f32| Item::Text {
            x: 12.0,
            y,
            style,
            size: 13.0,
            text,
            word_spacing,
            tag,
        };
        // SYNTHETIC: the regular face draws 270 letters, more than one-byte codes can name.
        let many: String = ('\u{100}'..='\u{17f}')
            .chain('\u{1ea0}'..='\u{1ef9}')
            .chain('A'..='Z')
            .chain('a'..='z')
            .filter(|&c| fonts.covers(c))
            .collect();
        assert!(many.chars().count() > 255);
        let page = Page {
            items: vec![
                run(
                    25.0,
                    crate::layout::Style::Bold,
                    "Năm 2020 xếp ".into(),
                    1.5,
                ),
                run(45.0, crate::layout::Style::Regular, many, 0.0),
            ],
        };
        let encoding = Encoding::new(std::slice::from_ref(&page), &fonts);
        assert!(encoding.one_byte(fonts.index(crate::layout::Style::Bold)));
        assert!(!encoding.one_byte(fonts.index(crate::layout::Style::Regular)));
        let (bytes, _) = page_content(&page, &structure, &Geometry::A4, &fonts, &encoding);
        let text = String::from_utf8_lossy(&bytes);
        let second = text.split("ET\n").nth(1).expect("two text objects");
        assert!(second.contains("\n0 Tw\n("), "{second}");
    }
}
