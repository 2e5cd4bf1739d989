//! The small markup of template output: a blank line starts a paragraph, `**…**` is bold and
//! `\*` a literal asterisk.

use super::Span;

/// Splits template output into paragraphs at blank lines, joining wrapped lines with a space.
pub fn paragraphs(text: &str) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain(std::iter::once("")) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(spans(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// Parses `**bold**` markup into spans; `\*` is a literal asterisk (the "(*)" of a note);
/// whitespace runs collapse to one space.
pub fn spans(text: &str) -> Vec<Span> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<Span> = Vec::new();
    let mut current = String::new();
    let mut strong = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('*')) => {
                current.push('*');
                chars.next();
            }
            ('*', Some('*')) => {
                chars.next();
                if !current.is_empty() {
                    out.push(Span {
                        text: std::mem::take(&mut current),
                        strong,
                        lang: None,
                    });
                }
                strong = !strong;
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(Span {
            text: current,
            strong,
            lang: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_asterisks_mark_bold_spans() {
        let got = spans("đạt **84,67 điểm**, xếp hạng **26/63**.");
        let texts: Vec<(&str, bool)> = got.iter().map(|s| (s.text.as_str(), s.strong)).collect();
        assert_eq!(
            texts,
            vec![
                ("đạt ", false),
                ("84,67 điểm", true),
                (", xếp hạng ", false),
                ("26/63", true),
                (".", false)
            ]
        );
    }

    #[test]
    fn an_escaped_asterisk_is_text_not_markup() {
        let got = spans(r"đạt **95,76%**(\*\*), hạng **1/11**(\*)");
        let texts: Vec<(&str, bool)> = got.iter().map(|s| (s.text.as_str(), s.strong)).collect();
        assert_eq!(
            texts,
            vec![
                ("đạt ", false),
                ("95,76%", true),
                ("(**), hạng ", false),
                ("1/11", true),
                ("(*)", false)
            ]
        );
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let got = paragraphs("Một\nhai\n\n  Ba  \n\n\n");
        assert_eq!(got, vec![spans("Một hai"), spans("Ba")]);
    }
}
