//! The layout's invariant: nothing is drawn outside the page's margins — no glyph, rule, bar
//! or chart mark — on every briefing of the shipped data and on SYNTHETIC extremes (names of
//! 50 and 80 characters — the most validation allows — and of one 78-character word, a
//! 5 000-character direction, sixty recipients and sixty lines of signer's authority).

use std::fs;

use parbrief::briefing::{self, Issue, Profile};
use parbrief::layout::{self, Geometry, Item, Measure as _, Page};
use parbrief::model::Lang;
use parbrief::wording::Wording;

/// Every item of `pages` inside the margins (the page number alone in the top margin).
fn assert_inside(pages: &[Page], name: &str, fonts: &parbrief::pdf::Fonts) {
    let g = Geometry::A4;
    let (left, right) = (g.left - 0.01, g.width - g.right + 0.5);
    let (top, bottom) = (g.top - 0.01, g.height - g.bottom + 0.01);
    for (n, page) in pages.iter().enumerate() {
        let at = |what: String| format!("{name}, page {}: {what}", n + 1);
        for item in &page.items {
            match item {
                Item::Text {
                    x,
                    y,
                    style,
                    size,
                    text,
                    word_spacing,
                    ..
                } => {
                    let ink = text.trim_end();
                    let end = x
                        + fonts.width(ink, *style, *size)
                        + ink.matches(' ').count() as f32 * word_spacing;
                    let page_number = *y < g.top
                        && crate::support::expected_page_number(pages, n).as_ref() == Some(text);
                    assert!(
                        *x >= left && end <= right,
                        "{}",
                        at(format!("{text:.40?} spans x {x}..{end}"))
                    );
                    assert!(
                        page_number || (*y - size * 0.8 >= top && *y <= bottom),
                        "{}",
                        at(format!("{text:.40?} at y {y}"))
                    );
                }
                Item::Line { x1, y1, x2, y2, .. } => {
                    for (x, y) in [(x1, y1), (x2, y2)] {
                        assert!(
                            (left..=right).contains(x) && (top..=bottom).contains(y),
                            "{}",
                            at(format!("a rule reaches ({x}, {y})"))
                        );
                    }
                }
                Item::Rect {
                    x,
                    y,
                    width,
                    height,
                    ..
                } => {
                    assert!(
                        *x >= left && x + width <= right && *y >= top && y + height <= bottom,
                        "{}",
                        at(format!("a box at ({x}, {y}) {width}×{height}"))
                    );
                }
            }
        }
    }
}

#[test]
fn nothing_of_any_shipped_overview_is_drawn_outside_the_margins() {
    let prepared = crate::support::prepared();
    let issuer = parbrief::app::issuer_of(None, &prepared.fonts).expect("issuer");
    let mut checked = 0;
    for lang in [Lang::Vi, Lang::En] {
        let wording = Wording::builtin_overview(lang).expect("templates");
        for profile in [Profile::PhuLuc, Profile::BaoCao] {
            let issue = Issue {
                profile,
                issuer: &issuer,
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
                printed_only: false,
            };
            for year in &prepared.dataset.years {
                let b = briefing::overview::build(
                    &prepared.dataset,
                    &prepared.rankings,
                    year.year,
                    &wording,
                    &issue,
                )
                .expect("builds");
                let pages = layout::layout(&b, &prepared.fonts, Geometry::A4);
                let name = format!("{} overview {lang:?} {profile:?}", year.year);
                assert_inside(&pages, &name, &prepared.fonts);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, prepared.dataset.years.len() * 4);
}

#[test]
fn nothing_of_any_shipped_briefing_is_drawn_outside_the_margins() {
    let fonts = parbrief::pdf::Fonts::load().expect("fonts");
    let all = crate::content::every_briefing();
    for b in all {
        assert_inside(&b.pages, &b.name, &fonts);
    }
}

/// A SYNTHETIC two-year dataset pushed to extremes, in a temporary folder.
pub fn extreme_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let long_word = "Dài".repeat(26);
    let eighty = "Tỉnh có tên rất dài ".repeat(4);
    let eighty = eighty.trim_end();
    let direction = "Nội dung mô phỏng rất dài để kiểm tra bố cục. ".repeat(110);
    for (year, text) in parbrief::synthetic::generate(8, 2, 7, 2030) {
        let text = text
            .replace(
                "name: \"Tỉnh mô phỏng 00001\", full_name: \"Tỉnh mô phỏng 00001\"",
                "name: \"Tỉnh mô phỏng có tên dài năm mươi ký tự 00001\", full_name: \"Tỉnh mô phỏng có tên dài năm mươi ký tự 00001\"",
            )
            .replace(
                "name: \"Tỉnh mô phỏng 00002\", full_name: \"Tỉnh mô phỏng 00002\"",
                &format!("name: \"{eighty}\", full_name: \"{eighty}\""),
            )
            .replace(
                "name: \"Tỉnh mô phỏng 00003\", full_name: \"Tỉnh mô phỏng 00003\"",
                &format!("name: \"{long_word}\", full_name: \"{long_word}\""),
            )
            .replacen(
                "summary: \"Nội dung mô phỏng",
                &format!("summary: \"{direction} Nội dung mô phỏng"),
                1,
            );
        fs::write(dir.path().join(format!("{year}.yaml")), text).expect("write");
    }
    dir
}

/// The shipped issuer file with sixty recipients and sixty lines of authority.
pub fn extreme_issuer(dir: &std::path::Path) -> std::path::PathBuf {
    let shipped =
        fs::read_to_string(crate::support::repo().join("config/issuer.yaml")).expect("issuer");
    let recipients: String = (1..=60)
        .map(|i| format!("  - \"Sở, ban, ngành mô phỏng số {i} của {{full_name}}\"\n"))
        .collect();
    let authority: Vec<String> = (1..=60).map(|i| format!("\"CHỨC VỤ {i}\"")).collect();
    let text = shipped
        .replace(
            "  - \"Ban Chỉ đạo cải cách hành chính {full_name}\"\n",
            &recipients,
        )
        .replace(
            "authority: [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]",
            &format!("authority: [{}]", authority.join(", ")),
        );
    let path = dir.join("issuer.yaml");
    fs::write(&path, format!("# SYNTHETIC issuer for a test.\n{text}")).expect("write");
    path
}

#[test]
fn nothing_is_drawn_outside_the_margins_even_at_synthetic_extremes() {
    let data = extreme_data();
    let prepared = parbrief::app::prepare(&parbrief::app::DataConfig {
        dir: data.path().to_path_buf(),
        strict: true,
    })
    .expect("fonts");
    assert!(!prepared.has_errors(), "{}", prepared.render_report());
    let issuer_path = extreme_issuer(data.path());
    let issuer =
        parbrief::app::issuer_of(Some(&issuer_path), &prepared.fonts).expect("the issuer file");
    let mut laid_out = 0;
    let mut longest = 0;
    for lang in [Lang::Vi, Lang::En] {
        let wording = Wording::builtin(lang).expect("templates");
        let overview = Wording::builtin_overview(lang).expect("templates");
        for profile in [Profile::PhuLuc, Profile::BaoCao] {
            let issue = Issue {
                profile,
                issuer: &issuer,
                date: chrono::NaiveDate::from_ymd_opt(2031, 6, 1),
                printed_only: false,
            };
            for year in &prepared.dataset.years {
                for p in &year.provinces {
                    let b = briefing::build(
                        &prepared.dataset,
                        &prepared.rankings,
                        year.year,
                        &p.id,
                        &wording,
                        &issue,
                    )
                    .expect("builds");
                    let pages = layout::layout(&b, &prepared.fonts, Geometry::A4);
                    longest = longest.max(pages.len());
                    let name = format!("{} {} {lang:?} {profile:?}", year.year, p.id);
                    assert_inside(&pages, &name, &prepared.fonts);
                    laid_out += 1;
                }
                let b = briefing::overview::build(
                    &prepared.dataset,
                    &prepared.rankings,
                    year.year,
                    &overview,
                    &issue,
                )
                .expect("builds");
                let pages = layout::layout(&b, &prepared.fonts, Geometry::A4);
                let name = format!("{} overview {lang:?} {profile:?}", year.year);
                assert_inside(&pages, &name, &prepared.fonts);
                laid_out += 1;
            }
        }
    }
    // 8 briefings and the overview, per year, language and form.
    assert_eq!(laid_out, 2 * (8 + 1) * 4);
    assert!(
        longest >= 4,
        "the extremes should span pages, longest {longest}"
    );
}
