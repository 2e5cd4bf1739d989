//! The official document form (Decree 30/2020/NĐ-CP, Appendix I): header strings, profiles,
//! the issuer configuration, and geometry measured on the laid-out pages with the real font.

use std::fs;

use parbrief::briefing::{self, Issue, Profile};
use parbrief::layout::{self, Geometry, Item, Measure};

use crate::support::{parbrief, path_arg, pdf_text, stderr};

fn build(extra: &[&str]) -> (tempfile::TempDir, String) {
    let out = crate::support::build_an_giang_2020(extra);
    let text = pdf_text(&out.path().join("2020/an-giang.pdf"));
    (out, text)
}

#[test]
fn the_default_form_is_an_appendix_with_its_reference_line() {
    let (_out, text) = build(&[]);
    for expected in [
        "Phụ lục",
        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH VÀ CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH NĂM 2020 CỦA TỈNH AN GIANG (CŨ)",
        "(Kèm theo Công văn số …/SNV-CCHC ngày … tháng … năm … của Sở Nội vụ tỉnh An Giang)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    for absent in [
        "Số:",
        "Nơi nhận",
        "GIÁM ĐỐC",
        "Kính gửi",
        "TÀI LIỆU THAM KHẢO",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} does not belong in an appendix"
        );
    }
}

#[test]
fn the_report_has_addressee_end_mark_recipients_and_signer() {
    let (_out, text) = build(&["--profile", "bao-cao", "--date", "2026-11-28"]);
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Giang, ngày 28 tháng 11 năm 2026",
        "BÁO CÁO",
        "/BC-SNV",
        "Kính gửi: Ủy ban nhân dân tỉnh An Giang.",
        "Sở Nội vụ tỉnh An Giang kính báo cáo Ủy ban nhân dân tỉnh An Giang./.",
        "Nơi nhận:",
        "- Như trên; - Ban Chỉ đạo cải cách hành chính tỉnh An Giang; - Lưu: VT, CCHC.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}

#[test]
fn an_issuer_file_sets_the_number_and_signer_with_decree_padding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let issuer = fs::read_to_string(crate::support::repo().join("config/issuer.yaml"))
        .expect("default issuer")
        .replace("number: null", "number: 5")
        .replacen("  name: null", "  name: Nguyễn Văn A", 1);
    let file = dir.path().join("issuer.yaml");
    fs::write(&file, issuer).expect("write");
    let (_out, text) = build(&[
        "--profile",
        "bao-cao",
        "--issuer",
        path_arg(&file),
        "--date",
        "2021-02-05",
    ]);
    for expected in [
        "Số: 05/BC-SNV",
        "An Giang, ngày 05 tháng 02 năm 2021",
        "Nguyễn Văn A",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}

#[test]
fn a_city_named_after_a_person_keeps_its_kind_in_the_date_line() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2021",
        "--province",
        "ho-chi-minh",
        "--profile",
        "bao-cao",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.path().join("2021/ho-chi-minh.pdf"));
    // Decree 30, App. I, II.4.a: the place name of a unit named after a person keeps its kind;
    // App. II: it keeps its capital inside a sentence too.
    assert!(text.contains("Thành phố Hồ Chí Minh, ngày"), "{text}");
    assert!(
        text.contains("Kính gửi: Ủy ban nhân dân Thành phố Hồ Chí Minh."),
        "{text}"
    );
    assert!(!text.contains("của Hồ Chí Minh"), "{text}");
    assert!(!text.contains("thành phố Hồ Chí Minh"), "{text}");
}

#[test]
fn a_broken_issuer_file_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("issuer.yaml");
    fs::write(&file, "agency: SỞ NỘI VỤ\nagnecy_code: X\n").expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--issuer",
        path_arg(&file),
        "--out",
        path_arg(out.path()),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("error[issuer-invalid]: unknown field `agnecy_code`"),
        "{}",
        stderr(&run)
    );
    assert_eq!(crate::support::files_under(out.path()).len(), 0);
}

/// A text run on a line: start x, end of ink, stretched by justification.
type Run = (f32, f32, bool);

/// Lays out every 2020 briefing with the real font, in both profiles.
/// Every briefing of `year` in `lang`, both profiles, laid out, with its province's bare name.
fn pages_named(year: i32, lang: parbrief::model::Lang) -> Vec<(String, Vec<layout::Page>)> {
    let prepared = crate::support::prepared();
    let (dataset, rankings, fonts) = (&prepared.dataset, &prepared.rankings, &prepared.fonts);
    let wording = parbrief::wording::Wording::builtin(lang).expect("templates");
    let issuer = parbrief::app::issuer_of(None, fonts).expect("default issuer");
    let data = dataset.year(year).expect("year");
    let mut all = Vec::new();
    for profile in [Profile::PhuLuc, Profile::BaoCao] {
        let issue = Issue {
            profile,
            issuer: &issuer,
            date: data.announced,
            printed_only: false,
        };
        for p in data.provinces.iter().filter(|p| p.has_any_figure()) {
            let b =
                briefing::build(dataset, rankings, year, &p.id, &wording, &issue).expect("builds");
            let pages = layout::layout(&b, fonts, Geometry::A4);
            all.push((b.province_name.clone(), pages));
        }
    }
    all
}

fn all_pages() -> Vec<Vec<layout::Page>> {
    pages_named(2020, parbrief::model::Lang::Vi)
        .into_iter()
        .map(|(_, pages)| pages)
        .collect()
}

#[test]
fn all_text_stays_inside_the_margins_and_justified_lines_reach_the_right_margin() {
    let fonts = parbrief::pdf::Fonts::load().expect("fonts");
    let g = Geometry::A4;
    let right = g.width - g.right;
    let mut justified = 0;
    for pages in all_pages() {
        for (n, page) in pages.iter().enumerate() {
            // Text runs grouped into lines by baseline: (y, [(x, end of ink, stretched)]).
            let mut lines: Vec<(f32, Vec<Run>)> = Vec::new();
            for item in &page.items {
                let Item::Text {
                    x,
                    y,
                    style,
                    size,
                    text,
                    word_spacing,
                    ..
                } = item
                else {
                    continue;
                };
                let ink = text.trim_end();
                let end = x
                    + fonts.width(ink, *style, *size)
                    + ink.matches(' ').count() as f32 * word_spacing;
                assert!(
                    *x >= g.left - 0.01,
                    "page {}: {text:?} starts at {x}, left of the margin",
                    n + 1
                );
                assert!(
                    end <= right + 0.5,
                    "page {}: {text:?} ends at {end}, right of the margin {right}",
                    n + 1
                );
                let is_page_number = n > 0 && *y < g.top;
                assert!(
                    is_page_number || (*y > g.top && *y <= g.height - g.bottom + 0.01),
                    "page {}: {text:?} at y {y} outside the margins",
                    n + 1
                );
                match lines.iter_mut().find(|(ly, _)| (ly - y).abs() < 0.01) {
                    Some((_, runs)) => runs.push((*x, end, *word_spacing > 0.0)),
                    None => lines.push((*y, vec![(*x, end, *word_spacing > 0.0)])),
                }
            }
            for (_, runs) in &lines {
                if runs.iter().any(|r| r.2) {
                    let line_end = runs.iter().map(|r| r.1).fold(f32::MIN, f32::max);
                    justified += 1;
                    assert!(
                        (line_end - right).abs() <= 1.0,
                        "page {}: a justified line ends at {line_end}, not at {right}",
                        n + 1
                    );
                }
            }
        }
    }
    assert!(
        justified > 100,
        "expected many justified lines, measured {justified}"
    );
}

#[test]
fn page_numbers_are_centred_in_the_top_margin_from_page_two() {
    let fonts = parbrief::pdf::Fonts::load().expect("fonts");
    let g = Geometry::A4;
    for pages in all_pages() {
        for (n, page) in pages.iter().enumerate() {
            let numbers: Vec<_> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text {
                        x,
                        y,
                        style,
                        size,
                        text,
                        ..
                    } if *y < g.top => {
                        Some((*x + fonts.width(text, *style, *size) / 2.0, text.clone()))
                    }
                    _ => None,
                })
                .collect();
            // A report's appendix of sources numbers its own pages, from its second.
            match crate::support::expected_page_number(&pages, n) {
                None => assert!(
                    numbers.is_empty(),
                    "page {} shows a number: {numbers:?}",
                    n + 1
                ),
                Some(expected) => {
                    assert_eq!(numbers.len(), 1);
                    let (centre, text) = &numbers[0];
                    assert_eq!(text, &expected);
                    assert!(
                        (centre - (g.left + g.text_width() / 2.0)).abs() < 0.5,
                        "page number centred on the text block"
                    );
                }
            }
        }
    }
}

#[test]
fn a_report_ends_with_its_signature_and_lists_its_sources_in_an_appendix_after_it() {
    use parbrief::model::Lang;
    let prepared = crate::support::prepared();
    for (lang, label, title, reference, closing_mark) in [
        (
            Lang::Vi,
            "Phụ lục",
            "NGUỒN SỐ LIỆU",
            "(Kèm theo Báo cáo số …/BC-SNV ngày 28 tháng 11 năm 2026 của Sở Nội vụ Thành phố Hồ Chí Minh)",
            "Nơi nhận:",
        ),
        (
            Lang::En,
            "Appendix",
            "SOURCES",
            "(Attached to Report No. …/BC-SNV dated 28 November 2026 of the Department of Home Affairs of Hồ Chí Minh City)",
            "Recipients:",
        ),
    ] {
        let b = crate::support::briefing(&prepared, 2021, "ho-chi-minh", lang, Profile::BaoCao);
        let n = b.blocks.len();
        // The body ends: closing sentence ("./."), recipients and signer; then the appendix.
        assert!(
            matches!(&b.blocks[n - 4], briefing::Block::Paragraph(_)),
            "{:?}",
            b.blocks[n - 4]
        );
        assert!(matches!(&b.blocks[n - 3], briefing::Block::Closing(_)));
        // (The date is kept on one line: its spaces are no-break spaces in the text.)
        assert_eq!(
            crate::support::block_text(&b.blocks[n - 2]).replace('\u{a0}', " "),
            format!("{label} {title} {reference}")
        );
        let sources = crate::support::block_text(&b.blocks[n - 1]);
        assert!(sources.contains("(1) "), "{sources}");
        assert!(
            !b.blocks.iter().any(|b| matches!(b, briefing::Block::Heading(h) if h == "Nguồn số liệu" || h == "Sources")),
            "a report has no sources section in its body"
        );
        // Laid out: the appendix opens a page of its own, after the signer's page.
        let pages = layout::layout(&b, &prepared.fonts, Geometry::A4);
        let text = |p: &layout::Page| {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let at = pages
            .iter()
            .position(|p| text(p).contains(title))
            .expect("the appendix is laid out");
        assert!(text(&pages[at]).starts_with(label), "{}", text(&pages[at]));
        assert!(text(&pages[at - 1]).contains(closing_mark));
        assert_eq!(crate::support::expected_page_number(&pages, at), None);
    }
}

#[test]
fn an_appendix_briefing_keeps_its_sources_section_and_has_no_second_appendix() {
    let (_out, text) = build(&[]);
    assert!(
        text.contains(
            "Nguồn số liệu Số liệu trong Phụ lục được tổng hợp từ các nguồn đã công bố dưới đây"
        ),
        "{text}"
    );
    assert!(!text.contains("NGUỒN SỐ LIỆU"), "{text}");
    assert!(!text.contains("Kèm theo Báo cáo"), "{text}");
}

#[test]
fn a_chart_caption_never_splits_the_province_name_across_lines() {
    use parbrief::model::Lang;
    let mut captions = 0;
    for year in 2018..=2024 {
        for (lang, first, last) in [
            (Lang::Vi, "Hình ", "qua các năm"),
            (Lang::En, "Figure ", "over the years"),
        ] {
            for (name, pages) in pages_named(year, lang) {
                for page in &pages {
                    captions += check_captions(&name, page, first, last);
                }
            }
        }
    }
    assert!(
        captions > 150,
        "expected every history caption, found {captions}"
    );
}

/// Checks each history caption on `page` ("Hình N. Chỉ số … của <name> qua các năm (…)",
/// "Figure N. … over the years: <name> (…)"): no line break inside the name, no no-break
/// space drawn. Returns how many captions it checked.
fn check_captions(name: &str, page: &layout::Page, first: &str, history: &str) -> usize {
    let lines: Vec<&str> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let mut checked = 0;
    for (i, pair) in lines.windows(2).enumerate() {
        let (line, next) = (pair[0].trim_end(), pair[1]);
        let opens_history =
            line.starts_with(first) && (line.contains(history) || next.contains(history));
        checked += usize::from(opens_history);
        assert!(
            !line.contains('\u{a0}'),
            "{name}: a no-break space is drawn: {line:?}"
        );
        if !(line.starts_with(first) || line.contains(history)) {
            continue;
        }
        for (k, _) in name.match_indices(' ') {
            assert!(
                !(line.ends_with(&name[..k]) && next.starts_with(&name[k + 1..])),
                "{name}: the caption breaks the name after line {i}: {line:?} / {next:?}"
            );
        }
    }
    checked
}
