//! Breaking a paragraph into lines with the font's real advance widths: greedy breaking at
//! spaces, a long word (a web address) split to fill its line, justification by widening the
//! spaces of every line but the last. Each piece of text keeps the structure node it belongs
//! to, so one line can hold a list item's label and its body, or a span in another language.

use std::borrow::Cow;

use super::{Align, Element, Item, Measure, Style};
use crate::structure::Tag;

/// Text in one style that is content of one structure node.
pub(super) type Run = (String, Style, Tag);

/// A paragraph to break into lines.
pub(super) struct Paragraph<'a> {
    pub(super) spans: &'a [Run],
    pub(super) size: f32,
    pub(super) leading: f32,
    pub(super) align: Align,
    pub(super) first_indent: f32,
    pub(super) x: f32,
    pub(super) width: f32,
}

/// Text in one style, of one structure node, borrowed from the paragraph's runs (owned only
/// where a long word was split).
type Fragment<'a> = (Cow<'a, str>, Style, Tag);

/// A word: fragments with no space between them ("**26/63**."). Most words are one fragment,
/// held inline: a word needs no allocation of its own (allocating one a word took 2 % of a
/// batch's time).
struct Word<'a> {
    first: Fragment<'a>,
    rest: Vec<Fragment<'a>>,
}

impl<'a> Word<'a> {
    fn new(first: Fragment<'a>) -> Word<'a> {
        Word {
            first,
            rest: Vec::new(),
        }
    }

    fn fragments(&self) -> impl Iterator<Item = &Fragment<'a>> {
        std::iter::once(&self.first).chain(&self.rest)
    }

    fn last_mut(&mut self) -> &mut Fragment<'a> {
        self.rest.last_mut().unwrap_or(&mut self.first)
    }
}

/// Adds `fragment` to the word being gathered, or starts it.
fn append<'a>(word: &mut Option<Word<'a>>, fragment: Fragment<'a>) {
    match word {
        Some(word) => word.rest.push(fragment),
        None => *word = Some(Word::new(fragment)),
    }
}

fn words(spans: &[Run]) -> Vec<Word<'_>> {
    let mut words: Vec<Word<'_>> = Vec::new();
    let mut current: Option<Word<'_>> = None;
    for (text, style, tag) in spans {
        for (i, piece) in text.split(' ').enumerate() {
            if i > 0 {
                words.extend(current.take());
            }
            if !piece.is_empty() {
                append(&mut current, (Cow::Borrowed(piece), *style, *tag));
            }
        }
    }
    words.extend(current);
    words
}

fn word_width(word: &Word, size: f32, measure: &dyn Measure) -> f32 {
    word.fragments()
        .map(|(t, s, _)| measure.width(t, *s, size))
        .sum()
}

/// Splits `word` so that its head fits in `room` points. A long word is a web address or a
/// document number, so it breaks only after a "/" or a "-" — never inside a word — unless
/// `anywhere` (a line that cannot hold the word at any such point). `None` if no break fits.
fn split_word_at<'a>(
    word: &Word<'_>,
    room: f32,
    size: f32,
    measure: &dyn Measure,
    anywhere: bool,
) -> Option<(Word<'a>, Word<'a>)> {
    let chars: Vec<(char, Style, Tag)> = word
        .fragments()
        .flat_map(|(text, style, tag)| text.chars().map(move |c| (c, *style, *tag)))
        .collect();
    let mut used = 0.0;
    // The last place that fits after a "/" (not inside "//"), else after a "-", else anywhere.
    let (mut slash, mut hyphen, mut any) = (None, None, None);
    for (k, &(c, style, _)) in chars.iter().enumerate() {
        used += measure.width(c.encode_utf8(&mut [0; 4]), style, size);
        if used > room {
            break;
        }
        let next = chars.get(k + 1).map(|&(n, _, _)| n);
        if next.is_none() {
            break;
        }
        match c {
            '/' if next != Some('/') => slash = Some(k + 1),
            '-' => hyphen = Some(k + 1),
            _ => {}
        }
        any = Some(k + 1);
    }
    let at = slash.or(hyphen).or(any.filter(|_| anywhere))?;
    // Both parts hold a character: `at` is after the first and before the last.
    let gather = |part: &[(char, Style, Tag)]| {
        let mut out: Option<Word<'a>> = None;
        for &(c, style, tag) in part {
            match out.as_mut().map(Word::last_mut) {
                Some((t, s, g)) if *s == style && *g == tag => t.to_mut().push(c),
                _ => append(&mut out, (Cow::Owned(c.to_string()), style, tag)),
            }
        }
        out
    };
    Some((gather(&chars[..at])?, gather(&chars[at..])?))
}

/// Greedy line breaking, one word at a time.
struct Breaker<'a> {
    p: &'a Paragraph<'a>,
    measure: &'a dyn Measure,
    space: f32,
    lines: Vec<Vec<Word<'a>>>,
    /// Per line in `lines`: whether it ends inside a word split at the margin.
    split_ends: Vec<bool>,
    line: Vec<Word<'a>>,
    width: f32,
}

impl<'a> Breaker<'a> {
    fn available(&self) -> f32 {
        self.p.width
            - if self.lines.is_empty() {
                self.p.first_indent
            } else {
                0.0
            }
    }

    fn end_line(&mut self, inside_a_word: bool) {
        self.lines.push(std::mem::take(&mut self.line));
        self.split_ends.push(inside_a_word);
        self.width = 0.0;
    }

    fn place(&mut self, mut word: Word<'a>) {
        loop {
            let available = self.available();
            let w = word_width(&word, self.p.size, self.measure);
            let needed = if self.line.is_empty() {
                w
            } else {
                self.width + self.space + w
            };
            if needed <= available + 0.01 {
                self.line.push(word);
                self.width = needed;
                return;
            }
            // A long word (a web address) fills the rest of the line instead of leaving a gap.
            if w > available / 3.0 {
                let room = if self.line.is_empty() {
                    available
                } else {
                    available - self.width - self.space
                };
                let split =
                    split_word_at(&word, room, self.p.size, self.measure, false).or_else(|| {
                        self.line
                            .is_empty()
                            .then(|| split_word_at(&word, room, self.p.size, self.measure, true))?
                    });
                if let Some((head, tail)) = split {
                    self.line.push(head);
                    self.end_line(true);
                    word = tail;
                    continue;
                }
            }
            if self.line.is_empty() {
                // Not even one character fits: place it anyway rather than loop forever.
                self.line.push(word);
                self.end_line(false);
                return;
            }
            self.end_line(false);
        }
    }
}

/// Greedy line breaking; every line but the last is justified when `align` says so.
pub(super) fn break_lines(p: &Paragraph<'_>, measure: &dyn Measure) -> Vec<Element> {
    let Breaker {
        lines, split_ends, ..
    } = broken(p, measure);
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, words)| {
            let indent = if i == 0 { p.first_indent } else { 0.0 };
            let is_last = i + 1 == count;
            let align = if p.align == Align::Justify && is_last {
                Align::Left
            } else {
                p.align
            };
            let mut items = place_line(&words, p, measure, p.x + indent, p.width - indent, align);
            if !is_last && !split_ends[i] {
                end_with_space(&mut items);
            }
            Element {
                height: p.leading,
                items,
                keep_with_next: false,
                is_gap: false,
                repeat: None,
            }
        })
        .collect()
}

/// How many lines [`break_lines`] makes of `p`, without placing them: what balancing a
/// title asks of a dozen widths.
pub(super) fn line_count(p: &Paragraph<'_>, measure: &dyn Measure) -> usize {
    broken(p, measure).lines.len()
}

/// The words of `p`, broken into lines.
fn broken<'a>(p: &'a Paragraph<'a>, measure: &'a dyn Measure) -> Breaker<'a> {
    let mut breaker = Breaker {
        p,
        measure,
        space: measure.width(" ", Style::Regular, p.size),
        lines: Vec::new(),
        split_ends: Vec::new(),
        line: Vec::new(),
        width: 0.0,
    };
    for word in words(p.spans) {
        breaker.place(word);
    }
    if !breaker.line.is_empty() {
        breaker.end_line(false);
    }
    breaker
}

/// Turns one line's words into text runs (one per style change) at their x positions.
fn place_line(
    words: &[Word<'_>],
    p: &Paragraph<'_>,
    measure: &dyn Measure,
    x: f32,
    width: f32,
    align: Align,
) -> Vec<Item> {
    // Runs: consecutive fragments of one style and one structure node, the space between
    // words kept in the run.
    let mut runs: Vec<Run> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for (j, (text, style, tag)) in word.fragments().enumerate() {
            let lead = if i > 0 && j == 0 { " " } else { "" };
            // A no-break space only kept a name on one line; it is drawn, and copied, as a space.
            let text: &str = &if text.contains('\u{a0}') {
                Cow::Owned(text.replace('\u{a0}', " "))
            } else {
                Cow::Borrowed(text.as_ref())
            };
            match runs.last_mut() {
                Some((t, s, g)) if *s == *style && *g == *tag => {
                    t.push_str(lead);
                    t.push_str(text);
                }
                Some((t, _, _)) if !lead.is_empty() => {
                    // The space stays with the previous run, so each run starts with a glyph.
                    t.push(' ');
                    runs.push((text.to_string(), *style, *tag));
                }
                _ => runs.push((format!("{lead}{text}"), *style, *tag)),
            }
        }
    }
    // Each run's width and spaces; every space widens, a former no-break space too, as the
    // PDF's word spacing does.
    let measured: Vec<(f32, usize)> = runs
        .iter()
        .map(|(t, s, _)| (measure.width(t, *s, p.size), t.matches(' ').count()))
        .collect();
    let natural: f32 = measured.iter().map(|&(w, _)| w).sum();
    let gaps: usize = measured.iter().map(|&(_, spaces)| spaces).sum();
    let (start, word_spacing) = match align {
        Align::Justify if gaps > 0 => (x, (width - natural) / gaps as f32),
        Align::Center => (x + (width - natural) / 2.0, 0.0),
        _ => (x, 0.0),
    };
    let baseline = p.leading * 0.8;
    let mut cursor = start;
    runs.into_iter()
        .zip(measured)
        .map(|((text, style, tag), (natural, spaces))| {
            let x = cursor;
            cursor += natural + spaces as f32 * word_spacing;
            Item::Text {
                x,
                y: baseline,
                style,
                size: p.size,
                text,
                word_spacing,
                tag,
            }
        })
        .collect()
}

/// Ends the line's last text run with a space: the word break, for text read from the
/// structure tree (screen readers, copying from a tagged PDF), which would otherwise join the
/// last word of a line to the first of the next ("Deltaregion"). It is drawn after the last
/// glyph, so nothing moves on the page or in a layout-based extraction.
pub(super) fn end_with_space(items: &mut [Item]) {
    if let Some(Item::Text { text, .. }) = items
        .iter_mut()
        .rev()
        .find(|i| matches!(i, Item::Text { .. }))
        && !text.ends_with(' ')
    {
        text.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::HalfEm;

    fn plain(text: &str, style: Style) -> Vec<Run> {
        vec![(text.to_string(), style, Tag::LAYOUT)]
    }

    fn paragraph(text: &str, width: f32, align: Align) -> Vec<Element> {
        let spans = plain(text, Style::Regular);
        let p = Paragraph {
            spans: &spans,
            size: 10.0,
            leading: 12.0,
            align,
            first_indent: 0.0,
            x: 0.0,
            width,
        };
        break_lines(&p, &HalfEm)
    }

    fn texts(line: &Element) -> Vec<(f32, String, f32)> {
        line.items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    text,
                    word_spacing,
                    ..
                } => Some((*x, text.clone(), *word_spacing)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_wrap_at_the_measured_width() {
        // 5 px per char: "aaa bbb" = 35, "aaa bbb ccc" = 55 > 50.
        let lines = paragraph("aaa bbb ccc", 50.0, Align::Left);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            texts(&lines[0])[0].1,
            "aaa bbb ",
            "the word break stays, as a space"
        );
        assert_eq!(texts(&lines[1])[0].1, "ccc");
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_line_does_not() {
        let lines = paragraph("aa bb cc dd", 40.0, Align::Justify);
        // "aa bb cc" = 40 exactly; "dd" last.
        assert_eq!(lines.len(), 2);
        let (x, text, spacing) = &texts(&lines[0])[0];
        assert_eq!((*x, text.as_str()), (0.0, "aa bb cc "));
        assert!(spacing.abs() < 1e-4, "a full line needs no extra spacing");
        let lines = paragraph("aa bb cc dd", 45.0, Align::Justify);
        let (_, _, spacing) = &texts(&lines[0])[0];
        // natural 40, two gaps share 5 points.
        assert!((spacing - 2.5).abs() < 1e-4);
        assert_eq!(texts(&lines[1])[0].2, 0.0, "last line is left-aligned");
    }

    #[test]
    fn a_name_kept_together_moves_whole_to_the_next_line_and_is_drawn_with_spaces() {
        // "của tỉnh An Giang", the name with no-break spaces: 5 px per char, 70 px a line.
        // Broken at any space, "của tỉnh An" (55) would fit the first line.
        let name = crate::format::keep_together("tỉnh An Giang");
        let lines = paragraph(&format!("của {name}"), 70.0, Align::Left);
        let drawn: Vec<String> = lines.iter().flat_map(texts).map(|t| t.1).collect();
        assert_eq!(drawn, ["của ", "tỉnh An Giang"]);
    }

    #[test]
    fn in_a_justified_line_every_drawn_space_widens_so_the_line_fills_its_width() {
        let name = crate::format::keep_together("b c");
        let lines = paragraph(&format!("a {name} d e f g h i j k"), 28.0, Align::Justify);
        let first = &texts(&lines[0])[0];
        assert_eq!(first.1, "a b c ");
        // "a b c" is 25 px wide: its two spaces share the 3 px left (the trailing space,
        // kept for text extraction, is drawn after the last glyph).
        assert!((first.2 - 1.5).abs() < 1e-4, "word spacing {}", first.2);
    }

    #[test]
    fn a_word_wider_than_the_line_is_split() {
        let lines = paragraph("https://example.org/very/long", 50.0, Align::Left);
        assert!(lines.len() >= 3);
        let joined: String = lines.iter().flat_map(texts).map(|t| t.1).collect();
        assert_eq!(
            joined, "https://example.org/very/long",
            "no space where the address was split"
        );
    }

    #[test]
    fn bold_runs_keep_their_place_in_a_justified_line() {
        let spans = vec![
            ("ab ".to_string(), Style::Regular, Tag::LAYOUT),
            ("cd".to_string(), Style::Bold, Tag::LAYOUT),
            (" ef gh".to_string(), Style::Regular, Tag::LAYOUT),
        ];
        let p = Paragraph {
            spans: &spans,
            size: 10.0,
            leading: 12.0,
            align: Align::Justify,
            first_indent: 0.0,
            x: 0.0,
            width: 45.0,
        };
        let lines = break_lines(&p, &HalfEm);
        let runs = texts(&lines[0]);
        assert_eq!(
            runs.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
            vec!["ab ", "cd ", "ef "]
        );
        // "ab cd ef" = 40 natural, 2 gaps share 5: each run starts after the stretched spaces.
        assert!((runs[1].0 - 17.5).abs() < 1e-4, "got {}", runs[1].0);
        assert!((runs[2].0 - 35.0).abs() < 1e-4, "got {}", runs[2].0);
    }
}
