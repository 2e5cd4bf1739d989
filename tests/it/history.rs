//! Today's Vietnam: the 2024 results, the 34 units of July 2025 and each briefing's history
//! over the years — on the real data and, for 2025, on a copy given SYNTHETIC figures.

use std::collections::BTreeMap;

use crate::support::{parbrief, path_arg, pdf_text, stderr, stdout, synthetic_2025};

fn build(args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut all = vec!["build", "--out", path_arg(out.path())];
    all.extend(args);
    let run = parbrief(&all);
    assert!(run.status.success(), "{}", stderr(&run));
    out
}

#[test]
fn hai_phong_2024_states_its_result_the_printed_change_and_its_history() {
    let out = build(&["--year", "2024", "--province", "hai-phong"]);
    let text = pdf_text(&out.path().join("2024/hai-phong.pdf"));
    for expected in [
        "Năm 2024, Chỉ số CCHC của thành phố Hải Phòng đạt 96,17 điểm, tăng 4,30 điểm so với năm 2023 (91,87 điểm); xếp hạng 1/63 tỉnh, thành phố trực thuộc Trung ương (tăng 1 bậc so với năm 2023)",
        "4. Kết quả qua các năm",
        // The history table, 2018 to 2024, as the datasets give it.
        "2018 – 5/63 3/11(*) – 9/63",
        "2019 84,35 4/63 3/11(*) – 2/63",
        "2020 90,51 2/63 2/11(*) 93,57 2/63",
        "2021 91,80 1/63 1/11(*) – 2/63",
        // 2022's SIPAS figures are deduced from 2023's and the changes S24 and X04 print.
        "2022 90,09 2/63 2/11(*) 83,88(*) 10/63(*)",
        "2023 91,87 2/63 2/11(*) 88,09 5/63",
        // The sources disagree on the 2024 SIPAS score: its dash has a mark of its own.
        "2024 96,17 1/63 1/11(*) –(**) 1/63",
        // Its change is unknown for the same reason, and marked so.
        "Chỉ số SIPAS –(**) –(**) 1/63 1/11(*)",
        "Chỉ số CCHC của thành phố Hải Phòng qua các năm (điểm)",
        "Chỉ số SIPAS của thành phố Hải Phòng qua các năm (%)",
        // Not "not given": two cited sources give a score, and they differ.
        "(tăng 2 bậc(*) so với năm 2023; năm 2023 xếp thứ 3/11(*)). Các nguồn được sử dụng nêu điểm số khác nhau (90,59% và 91,10%) nên Phụ lục không sử dụng các điểm số này.",
        "(*) Số liệu được xác định gián tiếp từ các thông tin đã công bố; nguồn không nêu trực tiếp.",
        "(**) Các nguồn được sử dụng nêu số liệu không thống nhất, chưa xác định được số liệu chính xác nên Phụ lục không sử dụng: điểm số Chỉ số SIPAS (90,59% và 91,10%).",
        // A cited source that prints 2023's score otherwise says so, and which figure is used.
        "(nguồn này nêu Chỉ số CCHC năm 2023 của thành phố Hải Phòng là 91,81 điểm; số liệu được sử dụng là 91,87 điểm theo Báo Điện tử Chính phủ)",
        // The opening names the meeting where the results were announced, once.
        "Ngày 06/4/2025, tại Phiên họp Chính phủ thường kỳ tháng 3 năm 2025 và Hội nghị trực tuyến Chính phủ với địa phương, Bộ Nội vụ công bố Chỉ số cải cách hành chính (PAR INDEX) năm 2024",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // No conference directions in 2024: no section 6, and no sentence explaining its absence.
    for absent in [
        "6. Nhiệm vụ",
        "chương trình phiên họp",
        "hội nghị chuyên đề",
        "báo cáo, công bố tại",
    ] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    assert_eq!(
        text.matches("Phiên họp Chính phủ thường kỳ").count(),
        1,
        "{text}"
    );
}

#[test]
fn every_briefing_of_a_merged_province_names_its_new_unit_and_the_resolution() {
    let prepared = crate::support::prepared();
    let units = &prepared.dataset.year(2025).expect("2025").provinces;
    let successor: BTreeMap<&str, &str> = units
        .iter()
        .flat_map(|u| u.predecessors.iter().map(|p| (p.as_str(), u.name.as_str())))
        .collect();
    let mut checked = 0;
    for b in crate::content::every_briefing() {
        let Some(unit) = successor.get(b.id.as_str()) else {
            continue;
        };
        if b.year > 2024 {
            continue;
        }
        checked += 1;
        let (act, became) = match b.lang {
            parbrief::model::Lang::Vi => ("Nghị quyết số 202/2025/QH15", "được sắp xếp thành"),
            parbrief::model::Lang::En => ("Resolution No. 202/2025/QH15", "were merged into"),
        };
        for expected in [act, became, unit] {
            assert!(b.text.contains(expected), "{}: no {expected:?}", b.name);
        }
    }
    assert!(checked > 50, "checked {checked}");
}

#[test]
fn list_2025_shows_the_34_units_and_each_old_province_once() {
    let run = parbrief(&["list", "--year", "2025", "--format", "json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(rows.len(), 34);
    let mut links: Vec<String> = rows
        .iter()
        .flat_map(|r| r["predecessors"].as_array().expect("a list").clone())
        .map(|p| p.as_str().expect("an id").to_string())
        .collect();
    links.sort();
    let mut old: Vec<String> = crate::support::prepared()
        .dataset
        .year(2024)
        .expect("2024")
        .provinces
        .iter()
        .map(|p| p.id.clone())
        .collect();
    old.sort();
    assert_eq!(links, old, "every 2024 province exactly once");
    let an_giang = rows
        .iter()
        .find(|r| r["id"] == "an-giang-2025")
        .expect("the new An Giang");
    assert_eq!(
        an_giang["predecessors"],
        serde_json::json!(["an-giang", "kien-giang"])
    );
}

#[test]
fn list_province_prints_its_history_across_the_merger() {
    let run = parbrief(&["list", "--province", "an-giang-2025", "--format", "csv"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains("\n2020,an-giang,An Giang,Đồng bằng sông Cửu Long,84.67,26/63*,4/13*,83.25,45/63*,10/13*,\n"),
        "{text}"
    );
    assert!(text.contains("\n2021,kien-giang,Kiên Giang,"), "{text}");
    assert!(text.contains("\n2025,an-giang-2025,An Giang,"), "{text}");
    assert_eq!(text.lines().count(), 1 + 2 * 7 + 1, "{text}");

    // From an old province: its own years and the unit it became, not its partner.
    let run = parbrief(&["list", "--province", "kien-giang", "--format", "csv"]);
    let text = stdout(&run);
    assert!(text.contains("\n2025,an-giang-2025,"), "{text}");
    assert!(!text.contains(",an-giang,"), "{text}");
}

#[test]
fn an_old_id_asked_for_after_the_merger_points_to_its_new_unit() {
    let run = parbrief(&[
        "build",
        "--year",
        "2025",
        "--province",
        "kien-giang",
        "--out",
        "/nonexistent-parbrief-test",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("`kien-giang` is in the data for 2018–2024; from 2025 it is part of `an-giang-2025` (An Giang)"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn the_skipped_list_is_one_line_a_year() {
    let prepared = crate::support::prepared();
    let y2024 = prepared.dataset.year(2024).expect("2024");
    let without = y2024
        .provinces
        .iter()
        .filter(|p| !p.has_any_figure())
        .count();
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2024",
        "--year",
        "2025",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains(&format!(
            "\n  2024: {without} of 63 provinces (`parbrief list --year 2024` shows which)\n  2025: all 34 provinces\n"
        )),
        "{text}"
    );
}

#[test]
fn a_synthetic_2025_builds_34_briefings_with_each_predecessor_named() {
    let data = synthetic_2025();
    let out = build(&[
        "--data",
        path_arg(data.path()),
        "--year",
        "2025",
        "--date",
        "2026-06-01",
    ]);
    let pdfs = crate::support::pdfs_under(&out.path().join("2025"));
    // The 34 briefings and the year's national overview.
    assert_eq!(pdfs.len(), 35);
    assert!(out.path().join("2025/tong-hop.pdf").exists());
    let text = pdf_text(&out.path().join("2025/an-giang-2025.pdf"));
    for expected in [
        // A unit that keeps a merged province's name is formed ("hình thành"), not founded,
        // and is told apart from the old one as "(mới)"/"(cũ)" in text, table and legends.
        "Tỉnh An Giang (mới) được hình thành từ ngày 01/7/2025 trên cơ sở sắp xếp tỉnh An Giang (cũ) và tỉnh Kiên Giang theo Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh.",
        "Kết quả các năm trước năm 2025 được nêu riêng cho từng tỉnh trước sắp xếp, không tính gộp.",
        // Year by year, each predecessor on its own row, never added together.
        "2020 An Giang (cũ) 84,67 26/63 4/13 83,25 45/63 2020 Kiên Giang – 61/63 13/13(*) – –",
        "2021 An Giang (cũ) – – – – – 2021 Kiên Giang 79,97 63/63 13/13(*) – –",
        "2025 An Giang (mới) 81,56 34/34 5/5 88,52 1/34",
        "Tỉnh An Giang (mới)",
        "Tỉnh An Giang (cũ)",
        "Tỉnh Kiên Giang",
        // Nothing of 2024 compares with a unit formed in 2025: "x", and the note says why.
        "Chỉ số CCHC 81,56 điểm x 34/34 5/5",
        "Chỉ số SIPAS 88,52% x 1/34 1/5",
        "Dấu “x”: không so sánh với năm 2024 do tỉnh được hình thành từ ngày 01/7/2025 trên cơ sở sắp xếp đơn vị hành chính cấp tỉnh.",
        // The region was re-drawn: its ranks of different years do not compare.
        "Từ năm 2025, vùng Đồng bằng sông Cửu Long gồm 5 tỉnh, thành phố (các năm trước: 13 tỉnh, thành phố); thứ hạng trong vùng từ năm 2025 không so sánh được với thứ hạng trong vùng các năm trước.",
        // Both national averages missing: one sentence, in the sources' terms.
        "Các nguồn được sử dụng chưa nêu Chỉ số CCHC và Chỉ số SIPAS trung bình của cả nước năm 2025.",
        "SYNTHETIC",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    for absent in [
        "thành lập",
        "cộng gộp",
        "sau sắp xếp)",
        "trước sắp xếp)",
        "An Giang và tỉnh An Giang",
        "Tài liệu này",
    ] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    assert!(
        !text.contains("Dấu “–”: các nguồn được sử dụng chưa nêu số liệu. Dấu “x”"),
        "the 2024 column is not a gap of the sources: {text}"
    );
    // A three-way merger into a city named after a person: the city's full name everywhere.
    let text = pdf_text(&out.path().join("2025/ho-chi-minh-2025.pdf"));
    for expected in [
        "Thành phố Hồ Chí Minh (mới) được hình thành từ ngày 01/7/2025 trên cơ sở sắp xếp Thành phố Hồ Chí Minh (cũ), tỉnh Bình Dương và tỉnh Bà Rịa - Vũng Tàu theo Nghị quyết số 202/2025/QH15",
        "Kết quả các năm trước năm 2025 được nêu riêng cho từng tỉnh, thành phố trước sắp xếp, không tính gộp.",
        "do Thành phố được hình thành từ ngày 01/7/2025",
        "Từ năm 2025, vùng Đông Nam Bộ gồm 3 tỉnh, thành phố (các năm trước: 6 tỉnh, thành phố)",
        "Bình Dương",
        "Bà Rịa - Vũng Tàu",
        "Tỉnh Bình Dương",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    for (at, _) in text.match_indices("Hồ Chí Minh (") {
        assert!(
            text[..at].ends_with("Thành phố "),
            "a bare “Hồ Chí Minh” near {:?}",
            &text[at.saturating_sub(40)..at + 30]
        );
    }
    let prepared = crate::support::prepared_from(data.path());
    let b = crate::support::briefing(
        &prepared,
        2025,
        "ho-chi-minh-2025",
        parbrief::model::Lang::Vi,
        parbrief::briefing::Profile::PhuLuc,
    );
    let history = b
        .blocks
        .iter()
        .find_map(|b| match b {
            parbrief::briefing::Block::Table(t) if t.header.len() == 7 => Some(t),
            _ => None,
        })
        .expect("the history table");
    let names: std::collections::BTreeSet<&str> =
        history.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        [
            "Bà Rịa - Vũng Tàu",
            "Bình Dương",
            "Thành phố Hồ Chí Minh (cũ)",
            "Thành phố Hồ Chí Minh (mới)"
        ]
    );
    let legends: Vec<String> = b
        .blocks
        .iter()
        .filter_map(|b| match b {
            parbrief::briefing::Block::LineCharts(charts) => Some(charts),
            _ => None,
        })
        .flatten()
        .next()
        .expect("the PAR line chart")
        .series
        .iter()
        .map(|s| s.label.clone())
        .collect();
    assert_eq!(
        legends,
        [
            "Thành phố Hồ Chí Minh (mới)",
            "Thành phố Hồ Chí Minh (cũ)",
            "Tỉnh Bình Dương",
            "Tỉnh Bà Rịa - Vũng Tàu"
        ]
    );
}

#[test]
fn a_synthetic_2025_in_english_says_the_unit_took_its_form_and_names_it_new_and_former() {
    let data = synthetic_2025();
    let out = build(&[
        "--data",
        path_arg(data.path()),
        "--year",
        "2025",
        "--province",
        "an-giang-2025",
        "--province",
        "ho-chi-minh-2025",
        "--lang",
        "en",
        "--date",
        "2026-06-01",
    ]);
    let text = pdf_text(&out.path().join("2025/en/an-giang-2025.pdf"));
    for expected in [
        "The present An Giang Province took its current form on 1 July 2025, when the former An Giang Province and Kiên Giang Province were merged under the National Assembly's Resolution No. 202/2025/QH15 of 12 June 2025 on the arrangement of provincial-level administrative units; results before 2025 are shown separately for each former province and are not added together.",
        "“x”: no comparison with 2024, as the province took its current form on 1 July 2025, when provincial-level units were reorganised.",
        "2025 An Giang (new) 81.56 34/34 5/5 88.52 1/34",
        "From 2025, the Mekong River Delta region has 5 provinces and cities (earlier years: 13), so regional ranks from 2025 cannot be compared with those of earlier years.",
        "The sources used do not give the national average PAR INDEX or SIPAS for 2025.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(!text.contains("was formed on"), "{text}");
    let text = pdf_text(&out.path().join("2025/en/ho-chi-minh-2025.pdf"));
    for expected in [
        "when the former Hồ Chí Minh City, Bình Dương Province and Bà Rịa - Vũng Tàu Province were merged",
        "Hồ Chí Minh City (new)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(
        !text.contains("Thành phố"),
        "Vietnamese in an English briefing: {text}"
    );
}

#[test]
fn a_former_provinces_briefing_says_what_it_became_right_after_the_opening() {
    use parbrief::briefing::{Block, Profile};
    use parbrief::model::Lang;
    let prepared = crate::support::prepared();
    for (year, id, lang, profile, became, whose) in [
        (
            2020,
            "an-giang",
            Lang::Vi,
            Profile::PhuLuc,
            "Từ ngày 01/7/2025, theo Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh, tỉnh An Giang và tỉnh Kiên Giang được sắp xếp thành tỉnh An Giang (mới).",
            "Số liệu trong Phụ lục này là số liệu của tỉnh An Giang trước khi sắp xếp.",
        ),
        (
            // The subject first, and "(mới)" although the new unit keeps its partner's name.
            2020,
            "bac-giang",
            Lang::Vi,
            Profile::PhuLuc,
            "tỉnh Bắc Giang và tỉnh Bắc Ninh được sắp xếp thành tỉnh Bắc Ninh (mới).",
            "Số liệu trong Phụ lục này là số liệu của tỉnh Bắc Giang trước khi sắp xếp.",
        ),
        (
            2024,
            "hai-phong",
            Lang::Vi,
            Profile::BaoCao,
            "thành phố Hải Phòng và tỉnh Hải Dương được sắp xếp thành thành phố Hải Phòng (mới).",
            "Số liệu trong Báo cáo này là số liệu của thành phố Hải Phòng trước khi sắp xếp, sau đây gọi là thành phố Hải Phòng (cũ).",
        ),
        (
            2020,
            "an-giang",
            Lang::En,
            Profile::PhuLuc,
            "With effect from 1 July 2025, An Giang Province and Kiên Giang Province were merged into a new An Giang Province under the National Assembly's Resolution No. 202/2025/QH15 of 12 June 2025 on the arrangement of provincial-level administrative units.",
            "The figures below are those of An Giang Province as it was before the merger.",
        ),
    ] {
        let b = crate::support::briefing(&prepared, year, id, lang, profile);
        let paragraphs: Vec<(usize, String)> = b
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, Block::Paragraph(_)))
            .map(|(i, b)| (i, crate::support::block_text(b)))
            .collect();
        let first_heading = b
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(_)))
            .expect("section 1");
        // The second paragraph of the document, before section 1, is the merger's own.
        let (at, second) = &paragraphs[1];
        assert!(*at < first_heading, "{id} {lang:?}: {second}");
        assert!(second.contains(became), "{id} {lang:?}: {second}");
        assert!(second.contains(whose), "{id} {lang:?}: {second}");
        assert!(
            !paragraphs[0].1.contains(became),
            "{id}: not its own paragraph"
        );
        // Said once, not again at the end of the history.
        let all: String = b.blocks.iter().map(crate::support::block_text).collect();
        assert_eq!(all.matches(became).count(), 1, "{id} {lang:?}");
    }
    // A report names the old unit "(cũ)" at its first mention in sections 1 and 2.
    let b = crate::support::briefing(&prepared, 2024, "hai-phong", Lang::Vi, Profile::BaoCao);
    let all: String = b.blocks.iter().map(crate::support::block_text).collect();
    for expected in [
        "Năm 2024, Chỉ số CCHC của thành phố Hải Phòng (cũ) đạt 96,17 điểm",
        "Năm 2024, Chỉ số SIPAS của thành phố Hải Phòng (cũ) xếp hạng 1/63",
        "Sở Nội vụ thành phố Hải Phòng báo cáo kết quả của thành phố Hải Phòng (cũ) như sau (nguồn số liệu tại Phụ lục kèm theo):",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
}

#[test]
fn hcmc_2021_report_gives_the_2020_rank_its_fall_in_rank_was_deduced_from() {
    // The 2021 rank 43 and the fall of 20 places are S14's; the 2020 rank, 23rd, is deduced
    // from them: it is given beside the change and in the history, marked, with its note.
    let out = build(&[
        "--year",
        "2021",
        "--province",
        "ho-chi-minh",
        "--profile",
        "bao-cao",
        "--lang",
        "vi",
        "--lang",
        "en",
        "--date",
        "2026-11-28",
    ]);
    let text = pdf_text(&out.path().join("2021/ho-chi-minh.pdf"));
    for expected in [
        "Năm 2021, Chỉ số CCHC của Thành phố Hồ Chí Minh (cũ) xếp hạng 43/63 tỉnh, thành phố trực thuộc Trung ương (giảm 20 bậc so với năm 2020; năm 2020 xếp thứ 23/63(*)); các nguồn được sử dụng chưa nêu điểm số.",
        // The 2020 SIPAS score is printed only rounded ("43/63 or 84%"): left out, and said so.
        "2020 – 23/63(*) – –(**) 43/63",
        "(*) Số liệu được xác định gián tiếp từ các thông tin đã công bố; nguồn không nêu trực tiếp.",
        "(**) Các nguồn được sử dụng chỉ nêu điểm số đã làm tròn đến hàng đơn vị (năm 2020: 84%) nên Báo cáo không sử dụng.",
        "Các nguồn được sử dụng chưa nêu kết quả Chỉ số SIPAS năm 2021 của Thành phố Hồ Chí Minh (cũ).",
        "Các nguồn được sử dụng chưa nêu Chỉ số SIPAS trung bình của cả nước năm 2021.",
        // Nothing is worked out from two figures here (the fall of 20 places is S14's own):
        // the sources note does not claim a calculation.
        "Số liệu trong Báo cáo được tổng hợp từ các nguồn đã công bố dưới đây. Số liệu mà các nguồn này chưa nêu",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(!text.contains("được tính từ các số liệu đó"), "{text}");
    assert!(!text.to_lowercase().contains("tài liệu"), "{text}");
    assert!(!text.contains("theo nguồn đã công bố"), "{text}");
    // Only sources of printed figures are cited: the report prints the 2020 PAR average (from
    // the 2020 file), not the 2019 one that file restates, and no SIPAS average at all.
    for uncited in ["news.gov.vn", "moitruong.net.vn", "thoibaonganhang.vn"] {
        assert!(!text.contains(uncited), "{uncited} cited in {text}");
    }
    assert!(text.contains("baoangiang.com.vn"), "{text}");
    let text = pdf_text(&out.path().join("2021/en/ho-chi-minh.pdf"));
    for expected in [
        "In 2021, the former Hồ Chí Minh City ranked 43rd on the PAR INDEX out of the 63 provinces and centrally run cities (down 20 places, from 23rd(*) in 2020). The sources used do not give its score.",
        "2020 – 23/63(*) – –(**) 43/63",
        "(*) Derived from published information; not stated directly in the sources.",
        "(**) The sources used give the score only rounded to a whole number (2020: 84%), so this report does not use it.",
        "Figures are taken from the published sources below. Figures these sources do not give",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}

#[test]
fn the_first_year_of_the_data_says_where_the_history_starts_not_an_empty_year_list() {
    // 2018 is the first yearly dataset: the history has only 2018's own row. The sentence
    // once named the years without figures, of which there are none: "… năm ; kết quả …".
    for (lang, expected) in [
        (
            "vi",
            "4. Kết quả qua các năm Số liệu qua các năm trong Phụ lục này được tổng hợp từ năm 2018; kết quả năm 2018 được nêu tại các Mục 1, 2 và 3.",
        ),
        (
            "en",
            "4. Results over the years The results over the years in this appendix start in 2018; the 2018 results are given in sections 1 to 3.",
        ),
    ] {
        let out = build(&["--year", "2018", "--province", "an-giang", "--lang", lang]);
        let file = if lang == "vi" {
            "2018/an-giang.pdf"
        } else {
            "2018/en/an-giang.pdf"
        };
        let text = pdf_text(&out.path().join(file));
        assert!(text.contains(expected), "missing {expected:?} in {text}");
        assert!(!text.contains("năm ;") && !text.contains("for ;"), "{text}");
    }
}
