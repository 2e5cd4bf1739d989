//! What the briefings say, checked on every briefing the shipped data gives — every year,
//! province, language and document form — laid out with the real font: sentences that must
//! never appear, the forms of each language, and pages a reader would accept.

use std::sync::OnceLock;

use parbrief::briefing::{self, Issue, Profile};
use parbrief::layout::{self, Geometry, Item, Measure, Page};
use parbrief::model::Lang;
use parbrief::pdf::Fonts;
use parbrief::wording::Wording;

use crate::support::{parbrief, path_arg, pdf_text, stderr};

/// One laid-out briefing and its text, whitespace folded, pages joined.
pub struct Laid {
    pub name: String,
    pub year: i32,
    pub id: String,
    pub lang: Lang,
    pub profile: Profile,
    pub pages: Vec<Page>,
    pub text: String,
}

fn page_text(page: &Page, fonts: &Fonts) -> String {
    // Runs that touch on one baseline are one piece of text (a bold figure and the comma
    // after it, a title in another language and its quotation marks), as a PDF reader
    // extracts them; anything else is separated by a space.
    let mut text = String::new();
    let mut end: Option<(f32, f32)> = None;
    for item in &page.items {
        let Item::Text {
            x,
            y,
            style,
            size,
            text: run,
            word_spacing,
            ..
        } = item
        else {
            continue;
        };
        let touches = end.is_some_and(|(ex, ey)| (ey - y).abs() < 0.01 && (ex - x).abs() < 0.5);
        if !text.is_empty() && !touches {
            text.push(' ');
        }
        text.push_str(run);
        let width =
            fonts.width(run, *style, *size) + run.matches(' ').count() as f32 * word_spacing;
        end = Some((x + width, *y));
    }
    text
}

/// Every briefing of the shipped data, in both languages and both forms, dated 28/11/2026.
pub fn every_briefing() -> &'static [Laid] {
    static ALL: OnceLock<Vec<Laid>> = OnceLock::new();
    ALL.get_or_init(|| {
        let prepared = crate::support::prepared();
        let (dataset, rankings, fonts) = (&prepared.dataset, &prepared.rankings, &prepared.fonts);
        let issuer = parbrief::app::issuer_of(None, fonts).expect("default issuer");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 28);
        let mut all = Vec::new();
        for lang in [Lang::Vi, Lang::En] {
            let wording = Wording::builtin(lang).expect("built-in templates");
            for profile in [Profile::PhuLuc, Profile::BaoCao] {
                let issue = Issue {
                    profile,
                    issuer: &issuer,
                    date,
                    printed_only: false,
                };
                for year in &dataset.years {
                    for p in year.provinces.iter().filter(|p| p.has_any_figure()) {
                        let b =
                            briefing::build(dataset, rankings, year.year, &p.id, &wording, &issue)
                                .expect("builds");
                        let pages = layout::layout(&b, fonts, Geometry::A4);
                        let text = pages
                            .iter()
                            .map(|p| page_text(p, fonts))
                            .collect::<Vec<_>>()
                            .join(" ");
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        all.push(Laid {
                            name: format!("{} {} {lang:?} {profile:?}", year.year, p.id),
                            year: year.year,
                            id: p.id.clone(),
                            lang,
                            profile,
                            pages,
                            text,
                        });
                    }
                }
            }
        }
        assert!(
            all.len() > 300,
            "expected every briefing, laid out {}",
            all.len()
        );
        all
    })
}

#[test]
fn no_sentence_says_a_figure_is_missing_without_saying_it_is_the_sources_gap() {
    // The Ministry publishes every province's figures; when ours lack one, a sentence must
    // say that the sources used do not give it, never that no figure exists, and never that
    // the department's own document is missing something ("Tài liệu này chưa có …").
    for b in every_briefing() {
        match b.lang {
            Lang::Vi => {
                for (at, _) in b.text.match_indices("chưa nêu") {
                    let mut from = at.saturating_sub(40);
                    while !b.text.is_char_boundary(from) {
                        from -= 1;
                    }
                    let before = &b.text[from..at];
                    assert!(
                        before.ends_with("Các nguồn được sử dụng ")
                            || before.ends_with("các nguồn được sử dụng ")
                            || before.ends_with("các nguồn này "),
                        "{}: “chưa nêu” without the sources after {before:?}",
                        b.name,
                    );
                }
                for phrase in [
                    "chưa có số liệu",
                    "chưa được công bố",
                    "Chưa thu thập",
                    "chưa thu thập",
                    "ài liệu",
                    "sử dụng trong",
                ] {
                    assert!(!b.text.contains(phrase), "{}: {phrase:?}", b.name);
                }
            }
            Lang::En => {
                for phrase in [
                    "not been published",
                    "not published",
                    "not available",
                    "This document has no",
                    "for this document",
                ] {
                    assert!(!b.text.contains(phrase), "{}: {phrase:?}", b.name);
                }
            }
        }
    }
}

#[test]
fn a_note_speaks_of_a_chart_only_when_the_briefing_draws_one() {
    for b in every_briefing() {
        let (lines, axis, caption) = match b.lang {
            Lang::Vi => ("đường nối chỉ được vẽ", "trục tung", "qua các năm ("),
            Lang::En => (
                "a line joins two consecutive years",
                "vertical ax",
                "over the years:",
            ),
        };
        for said in [lines, axis] {
            assert!(
                !b.text.contains(said) || b.text.contains(caption),
                "{}: {said:?} but no history chart is drawn",
                b.name
            );
        }
    }
    // Bắc Giang 2020 has no chart, and no history table: only 2020 has figures, which the
    // summary table shows; one sentence names the years without any.
    let b = every_briefing()
        .iter()
        .find(|b| b.year == 2020 && b.id == "bac-giang" && b.lang == Lang::Vi)
        .expect("Bắc Giang 2020");
    assert!(
        b.text.contains(
            "4. Kết quả qua các năm Các nguồn được sử dụng chưa nêu kết quả của tỉnh Bắc Giang các năm 2018 và 2019; kết quả năm 2020 được nêu tại các Mục 1, 2 và 3. 5. Kết quả chung"
        ),
        "{}",
        b.text
    );
    assert!(!b.text.contains("biểu đồ"), "{}", b.text);
}

#[test]
fn the_sources_note_excepts_quoted_changes_only_where_there_are_some() {
    let clause = |b: &Laid| match b.lang {
        Lang::Vi => b
            .text
            .contains("trừ trường hợp nguồn nêu trực tiếp mức tăng, giảm"),
        Lang::En => b
            .text
            .contains("except where a source states a change itself"),
    };
    // The two languages say the same.
    for b in every_briefing().iter().filter(|b| b.lang == Lang::Vi) {
        let en = every_briefing()
            .iter()
            .find(|e| {
                e.lang == Lang::En && e.year == b.year && e.id == b.id && e.profile == b.profile
            })
            .expect("English twin");
        assert_eq!(clause(b), clause(en), "{}", b.name);
    }
    let name = |year: i32, id: &str| {
        every_briefing()
            .iter()
            .find(|b| b.year == year && b.id == id && b.lang == Lang::Vi)
            .expect("briefing")
    };
    // Tây Ninh 2019: "up 4 places" is S11's, the 2018 rank not being in the data; Quảng Ninh
    // 2019: "+4,11" is S10's. Neither can be worked out from the figures shown.
    for (year, id, change) in [
        (2019, "tay-ninh", "(tăng 4 bậc so với năm 2018)"),
        (
            2019,
            "quang-ninh",
            "tăng 4,11 điểm phần trăm so với năm 2018;",
        ),
    ] {
        let b = name(year, id);
        assert!(b.text.contains(change), "{}", b.text);
        assert!(clause(b), "{}", b.text);
        assert!(!b.text.contains("theo nguồn đã công bố"), "{}", b.text);
    }
    // An Giang 2020: every change worked out from both years. An Giang 2019 (SIPAS) and HCMC
    // 2021: the sources' changes agree with both years' figures, the earlier one deduced.
    for (year, id) in [
        (2020, "an-giang"),
        (2019, "an-giang"),
        (2021, "ho-chi-minh"),
    ] {
        assert!(!clause(name(year, id)), "{year} {id}");
    }
}

#[test]
fn a_regional_rank_derived_from_national_ranks_says_they_come_from_the_sources_used() {
    let note = |year: i32, id: &str| {
        every_briefing()
            .iter()
            .find(|b| {
                b.year == year && b.id == id && b.lang == Lang::Vi && b.profile == Profile::PhuLuc
            })
            .expect("briefing")
            .text
            .clone()
    };
    // Bắc Giang's 2020 SIPAS 1/14 follows from its 3/63(*) and from Quảng Ninh's and Hải
    // Phòng's national ranks, which the table does not show: the note must not point at the
    // table, nor call a rank read from a listing "published".
    let derived =
        "xác định từ thứ hạng cả nước của các tỉnh, thành phố theo các nguồn được sử dụng.";
    for (year, id) in [(2020, "bac-giang"), (2024, "cao-bang")] {
        let text = note(year, id);
        assert!(text.contains(derived), "{year} {id}: {text}");
        assert!(!text.contains("nêu tại Bảng"), "{text}");
        assert!(!text.contains("thứ hạng cả nước đã công bố"), "{text}");
    }
    // A region without a centrally run city has provinces only (review 4, C1).
    let cao_bang = note(2024, "cao-bang");
    for expected in [
        "14/14(*) tỉnh vùng Trung du và miền núi phía Bắc",
        "thứ hạng trong số 14 tỉnh vùng Trung du và miền núi phía Bắc",
    ] {
        assert!(
            cao_bang.contains(expected),
            "missing {expected:?} in {cao_bang}"
        );
    }
}

#[test]
fn the_region_chart_note_says_what_the_sources_give_not_what_was_published() {
    let an_giang = |lang: Lang| {
        every_briefing()
            .iter()
            .find(|b| b.year == 2020 && b.id == "an-giang" && b.lang == lang)
            .expect("An Giang 2020")
            .text
            .clone()
    };
    let text = an_giang(Lang::Vi);
    assert!(
        // A count, not a rank: "3 trong số 13", never "3/13" (An Giang's own 2019 regional rank).
        text.contains("Biểu đồ chỉ thể hiện 3 trong số 13 tỉnh, thành phố của vùng có điểm số trong các nguồn được sử dụng; các tỉnh, thành phố được sắp xếp theo điểm số, thứ tự này không phải là thứ hạng trong vùng."),
        "{text}"
    );
    assert!(!text.contains("có số liệu đã được công bố"), "{text}");
    let text = an_giang(Lang::En);
    assert!(
        text.contains("Only the 3 of the region's 13 provinces whose scores appear in the sources used are shown; the bars are in order of score, which is not the regional rank."),
        "{text}"
    );
}

#[test]
fn the_merger_is_cited_to_official_and_state_media_sources_only() {
    // A personal repository, a real-estate, a travel or an unidentified site cannot be the
    // source of which provinces merged.
    for b in every_briefing() {
        for site in [
            "github.com",
            "realtier.net",
            "vietaustralia.com",
            "diaoctot.com",
            "sbm.vn",
        ] {
            assert!(!b.text.contains(site), "{}: cites {site}", b.name);
        }
    }
    let b = every_briefing()
        .iter()
        .find(|b| b.year == 2020 && b.id == "an-giang" && b.lang == Lang::Vi)
        .expect("An Giang 2020");
    for source in [
        "Sở Tư pháp tỉnh Kon Tum, “Quốc hội thông qua Nghị quyết về sắp xếp đơn vị hành chính cấp tỉnh”",
        "Báo Việt Nam News (Thông tấn xã Việt Nam), “Việt Nam sets two-tier local government system”",
    ] {
        assert!(b.text.contains(source), "missing {source:?} in {}", b.text);
    }
}

#[test]
fn a_source_in_another_language_says_which() {
    let an_giang = |lang: Lang| {
        every_briefing()
            .iter()
            .find(|b| b.year == 2020 && b.id == "an-giang" && b.lang == lang)
            .expect("An Giang 2020")
            .text
            .clone()
    };
    // The Việt-Jo item of 2019 had lost its tag when the tags were typed into titles.
    let text = an_giang(Lang::Vi);
    assert!(
        text.contains("Việt-Jo, [Chỉ số cải cách hành chính năm 2019] (tiếng Nhật), https://viet-jo.com/news/social/200520075850-pic1.html"),
        "{text}"
    );
    assert!(
        text.contains("] (tiếng Trung), http://211.88.39.63/"),
        "{text}"
    );
    let text = an_giang(Lang::En);
    assert!(
        text.contains("Viet-Jo, [PAR INDEX 2019] (in Japanese), https://viet-jo.com/news/social/200520075850-pic1.html"),
        "{text}"
    );
    for b in every_briefing() {
        let tags = b.text.matches("(tiếng Nhật)").count() + b.text.matches("(in Japanese)").count();
        assert_eq!(
            tags,
            b.text.matches("viet-jo.com").count()
                + b.text.matches("investinquangninh.vn/ja").count()
                + b.text
                    .matches("quang-nam-tang-diem-thang-hang-par-index")
                    .count(),
            "{}: every Japanese source tagged once",
            b.name
        );
    }
}

#[test]
fn english_briefings_hold_no_vietnamese_form_and_no_doubled_article() {
    let vietnamese = [
        "CỘNG HÒA",
        "Độc lập",
        "Kính gửi",
        "Nơi nhận",
        "GIÁM ĐỐC",
        "SỞ NỘI VỤ",
        "Phụ lục",
        "ngày … tháng",
        "Như trên",
    ];
    let english = every_briefing().iter().filter(|b| b.lang == Lang::En);
    let mut checked = 0;
    for b in english {
        checked += 1;
        assert!(!b.text.contains("the 63 the"), "{}", b.name);
        for word in vietnamese {
            assert!(!b.text.contains(word), "{}: {word:?} in {}", b.name, b.text);
        }
    }
    assert!(checked > 100, "checked {checked}");
}

/// The baselines of a page's text, page number left out.
fn body_lines(page: &Page, number: bool) -> usize {
    let top = Geometry::A4.top;
    let mut baselines: Vec<f32> = Vec::new();
    for item in &page.items {
        if let Item::Text { y, .. } = item
            && !(number && *y < top)
            && baselines.iter().all(|b| (b - y).abs() > 0.5)
        {
            baselines.push(*y);
        }
    }
    baselines.len()
}

#[test]
fn no_page_holds_only_its_number_and_no_last_page_is_a_scrap() {
    for b in every_briefing() {
        for (n, page) in b.pages.iter().enumerate() {
            assert!(
                body_lines(page, n > 0) > 0,
                "{}: page {} holds only its number",
                b.name,
                n + 1
            );
        }
        let last = b.pages.len() - 1;
        if last == 0 {
            continue;
        }
        let page = &b.pages[last];
        let signer = ["GIÁM ĐỐC", "DIRECTOR"]
            .iter()
            .any(|s| page_text(page, &crate::support::prepared().fonts).contains(s));
        assert!(
            body_lines(page, true) >= 6 || (b.profile == Profile::BaoCao && signer),
            "{}: the last page (of {}) has {} lines: {}",
            b.name,
            b.pages.len(),
            body_lines(page, true),
            page_text(page, &crate::support::prepared().fonts)
        );
    }
}

#[test]
fn figures_are_numbered_from_one_in_order() {
    for b in every_briefing() {
        let word = match b.lang {
            Lang::Vi => "Hình ",
            Lang::En => "Figure ",
        };
        let numbers: Vec<u32> = b
            .text
            .match_indices(word)
            .filter_map(|(at, _)| {
                let rest = &b.text[at + word.len()..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                rest[digits.len()..]
                    .starts_with('.')
                    .then(|| digits.parse().ok())
                    .flatten()
            })
            .collect();
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(numbers, expected, "{}", b.name);
    }
}

fn build_one(year: &str, province: &str, extra: &[&str]) -> String {
    build_pdf(year, province, extra, "")
}

/// The text of the English briefing of `province` for `year`.
fn build_one_en(year: &str, province: &str) -> String {
    build_pdf(year, province, &["--lang", "en"], "en/")
}

/// Builds one briefing and reads the text of OUT/<year>/<folder><province>.pdf.
fn build_pdf(year: &str, province: &str, extra: &[&str], folder: &str) -> String {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args = vec![
        "build",
        "--year",
        year,
        "--province",
        province,
        "--out",
        path_arg(out.path()),
    ];
    args.extend(extra);
    let run = parbrief(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    pdf_text(&out.path().join(format!("{year}/{folder}{province}.pdf")))
}

#[test]
fn a_last_national_rank_makes_the_province_last_in_its_region() {
    let text = build_one("2023", "an-giang", &[]);
    assert!(
        text.contains("xếp hạng 63/63 tỉnh, thành phố trực thuộc Trung ương và 13/13(*) tỉnh, thành phố vùng Đồng bằng sông Cửu Long"),
        "{text}"
    );
}

#[test]
fn changes_a_source_prints_are_stated() {
    // S07 prints 2019 An Giang's changes: +2,55 points, down 3 places nationally, up one in
    // the region; SIPAS up 2 places.
    let text = build_one("2019", "an-giang", &[]);
    for expected in [
        "đạt 83,32 điểm, tăng 2,55 điểm so với năm 2018 (80,77 điểm); xếp hạng 11/63 tỉnh, thành phố trực thuộc Trung ương (giảm 3 bậc so với năm 2018) và 3/13 tỉnh, thành phố vùng Đồng bằng sông Cửu Long (tăng 1 bậc so với năm 2018; năm 2018 xếp thứ 4/13)",
        // The 2018 SIPAS ranks are deduced from S07's changes: they are given, marked, beside
        // the changes, which are S07's own and carry no mark.
        "xếp hạng 8/63 tỉnh, thành phố trực thuộc Trung ương (tăng 2 bậc so với năm 2018; năm 2018 xếp thứ 10/63(*)) và 3/13 tỉnh, thành phố vùng Đồng bằng sông Cửu Long (tăng 1 bậc so với năm 2018; năm 2018 xếp thứ 4/13(*))",
        "(*) Số liệu được xác định gián tiếp từ các thông tin đã công bố; nguồn không nêu trực tiếp.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}

#[test]
fn a_rank_read_from_a_listing_is_marked_or_left_out_on_request() {
    // Bắc Giang's 2020 SIPAS place comes from the order of a news listing, not a number.
    let text = build_one("2020", "bac-giang", &[]);
    assert!(text.contains("xếp hạng 3/63(*) tỉnh"), "{text}");
    assert!(!text.contains("3/63 "), "a bare 3/63: {text}");
    assert!(
        text.contains("(*) Thứ hạng được xác định theo thứ tự liệt kê"),
        "{text}"
    );
    let printed = build_one("2020", "bac-giang", &["--printed-only"]);
    assert!(!printed.contains("3/63"), "{printed}");
    assert!(!printed.contains("(*)"), "{printed}");
}

/// "ngày 28 tháng 11 năm 2026" for `date`: Decree 30 pads days under 10 and months 1 and 2.
fn date_line(date: chrono::NaiveDate) -> String {
    use chrono::Datelike as _;
    let month = if date.month() < 3 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

#[test]
fn an_undated_build_is_dated_today_in_vietnam() {
    let today = || {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_secs();
        let vietnam = i64::try_from(now).expect("fits") + 7 * 3600;
        chrono::DateTime::from_timestamp(vietnam, 0)
            .expect("a date")
            .date_naive()
    };
    let before = today();
    let text = build_one("2020", "an-giang", &["--profile", "bao-cao"]);
    let after = today();
    assert!(
        text.contains(&date_line(before)) || text.contains(&date_line(after)),
        "expected today's date ({before}) in {text}"
    );
}

#[test]
fn two_files_may_give_one_id_to_different_sources_and_both_are_cited() {
    // Source ids belong to their year's file: 2019's S09 (Việt-Jo) is not 2025's S09.
    let data = crate::support::data_copy();
    let file = data.path().join("2025.yaml");
    crate::support::edit(
        &file,
        "sources:   # publisher",
        "sources:\n  S09:\n    publisher: \"SYNTHETIC test source\"\n    title: \"[Another source with the id S09]\"\n    date: null\n    address: \"https://example.org/second-copy-for-a-test\"\n  # publisher",
    );
    crate::support::edit(&file, "  sources: [S61, S57]", "  sources: [S61, S57, S09]");
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--data",
        path_arg(data.path()),
        "--year",
        "2020",
        "--province",
        "an-giang",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.path().join("2020/an-giang.pdf"));
    assert!(
        text.contains("https://viet-jo.com/news/social/200520075850-pic1.html"),
        "{text}"
    );
    assert!(
        text.contains("https://example.org/second-copy-for-a-test"),
        "{text}"
    );
}

#[test]
fn the_summary_tables_change_column_says_it_is_the_change_in_score() {
    // The column holds the change in points only: a heading "compared with 2020" next to a
    // "–" read as if the text's "giảm 20 bậc" had no figure behind it.
    for b in every_briefing()
        .iter()
        .filter(|b| b.year == 2021 && b.id == "ho-chi-minh")
    {
        let heading = match b.lang {
            Lang::Vi => "Thay đổi điểm số so với năm 2020",
            Lang::En => "Score change from 2020",
        };
        assert!(
            b.text.contains(heading),
            "{} {:?}: {}",
            b.name,
            b.lang,
            b.text
        );
    }
}

#[test]
fn a_rank_the_sources_disagree_on_is_said_to_be_disputed_not_missing() {
    // Long An 2023: one source lists it 8th on the PAR Index, two others print 7th.
    let text = build_one("2023", "long-an", &[]);
    for expected in [
        "Năm 2023, Chỉ số CCHC của tỉnh Long An xếp hạng 1/13(*) tỉnh, thành phố vùng Đồng bằng sông Cửu Long. Các nguồn được sử dụng nêu thứ hạng cả nước khác nhau (7/63 và 8/63) nên Phụ lục không sử dụng các thứ hạng này; các nguồn này chưa nêu điểm số.",
        // The regional rank is deduced (1st of 13: no province of the region is above 8th).
        "Chỉ số CCHC – – –(**) 1/13(*)",
        // Years without any figure are named, not drawn as rows of dashes.
        "Các nguồn được sử dụng chưa nêu số liệu của các năm 2018, 2021 và 2022.",
        "(**) Các nguồn được sử dụng nêu số liệu không thống nhất, chưa xác định được số liệu chính xác nên Phụ lục không sử dụng: thứ hạng Chỉ số CCHC cả nước (7/63 và 8/63).",
        // The history's note says which year's figure it is.
        "(**) Các nguồn được sử dụng nêu số liệu không thống nhất, chưa xác định được số liệu chính xác nên Phụ lục không sử dụng: năm 2023, thứ hạng Chỉ số CCHC cả nước (7/63 và 8/63).",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(
        !text.contains("Các nguồn được sử dụng chưa nêu kết quả Chỉ số CCHC"),
        "{text}"
    );
    let english = build_one_en("2023", "long-an");
    assert!(
        english.contains("In 2023, Long An Province ranked first(*) on the PAR INDEX out of the 13 provinces and cities of the Mekong River Delta. The sources used give conflicting national ranks (7th and 8th), so this appendix uses neither. They do not give its score."),
        "{english}"
    );
}

#[test]
fn a_trend_chart_needs_two_points() {
    // Long An's SIPAS has one score in the data (2023): the table shows it, no chart does.
    let text = build_one("2023", "long-an", &[]);
    assert!(
        text.contains("Chỉ số CCHC của tỉnh Long An qua các năm (điểm)"),
        "{text}"
    );
    assert!(
        !text.contains("Chỉ số SIPAS của tỉnh Long An qua"),
        "{text}"
    );
}

#[test]
fn no_briefing_cites_a_blog_or_a_sports_site_and_a_translation_says_it_is_one() {
    for b in every_briefing() {
        for weak in ["shipbolt.vn", "tothethao.com"] {
            assert!(!b.text.contains(weak), "{}: cites {weak}", b.name);
        }
        // vietnam.vn serves machine translations of provincial papers: the citation says so,
        // never names the paper as if it were the publisher.
        let host = match b.lang {
            Lang::Vi => "Vietnam.vn (bản dịch",
            Lang::En => "Vietnam.vn (translation",
        };
        // The host, as an address breaks after a slash if at all ("vietnam.vnanet.vn" and
        // "vietnamnews.vn" do not match).
        let cited = b.text.matches("vietnam.vn/").count();
        assert_eq!(b.text.matches(host).count(), cited, "{}", b.name);
    }
}

#[test]
fn a_score_its_own_source_contradicts_is_said_to_be_printed_and_not_used() {
    // Hà Nội 2024: The Hanoi Times prints 92.57% with "+1.32" on 2023's 91.43 (so 92.75).
    let text = build_one("2024", "ha-noi", &[]);
    assert!(
        text.contains("Nguồn được sử dụng nêu điểm số 92,57 điểm, không thống nhất với mức thay đổi so với năm 2023 (+1,32 điểm) do chính nguồn này nêu, nên Phụ lục không sử dụng điểm số này."),
        "{text}"
    );
    assert!(!text.contains("chưa nêu điểm số"), "{text}");
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2024",
        "--lang",
        "en",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let english = pdf_text(&out.path().join("2024/en/ha-noi.pdf"));
    assert!(
        english.contains("The source used gives a score of 92.57 points, which disagrees with the change from 2023 that it prints itself (+1.32 points), so this appendix does not use it."),
        "{english}"
    );
    // The overview marks the cell as disputed, not as missing.
    let overview = pdf_text(&out.path().join("2024/en/tong-hop.pdf"));
    // Hải Phòng's SIPAS score and Hà Nội's PAR score, in the national and the regional table;
    // the first mark a reader meets there, so (*).
    assert_eq!(overview.matches("–(*)").count(), 4, "{overview}");
    // The national table shows no derived figure, so its notes leave that mark to the
    // regional tables that show one.
    let regions = overview.find("3. Results by region").expect("regions");
    let derived = overview.find("(**) Derived").expect("derived note");
    assert!(regions < derived, "{overview}");
    assert!(
        overview.contains("(*) The sources used give figures that disagree; the correct figure could not be established, so the appendix does not use them: Hải Phòng (SIPAS scores: 90.59% and 91.10%); Hà Nội (PAR INDEX score: the source gives 92.57 points, which does not match the change of +1.32 points on 2023 that the same source reports)."),
        "{overview}"
    );
}

#[test]
fn a_score_the_sources_give_only_rounded_is_said_and_marked_not_used() {
    // 2020.yaml: Đà Nẵng's SIPAS "47/63 or 83%" (X17), `rounded_score: 83`; no 2019 score.
    let text = build_one("2020", "da-nang", &[]);
    for expected in [
        "Năm 2020, Chỉ số SIPAS của thành phố Đà Nẵng xếp hạng 47/63 tỉnh, thành phố trực thuộc Trung ương. Về điểm số, các nguồn được sử dụng chỉ nêu mức đã làm tròn (83%).",
        // The change is missing for want of 2019's score, not because of the rounding.
        "Chỉ số SIPAS –(**) – 47/63 –",
        "(**) Các nguồn được sử dụng chỉ nêu điểm số đã làm tròn đến hàng đơn vị (83%) nên Phụ lục không sử dụng.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(!text.contains("83,00"), "{text}");
    let text = build_one_en("2020", "da-nang");
    assert!(
        text.contains("In 2020, Đà Nẵng City ranked 47th on the SIPAS out of the 63 provinces and centrally run cities. The sources used give its score only rounded to a whole number (83%)."),
        "{text}"
    );
}
