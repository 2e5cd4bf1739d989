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
        "2018 – 5/63 3/11(**) – 9/63",
        "2019 84,35 4/63 3/11(**) – 2/63",
        "2020 90,51 2/63 2/11(**) 93,57 2/63",
        "2021 91,80 1/63 1/11(**) – 2/63",
        "2023 91,87 2/63 2/11(**) 88,09 5/63",
        "2024 96,17 1/63 1/11(**) – 1/63",
        "Chỉ số CCHC của thành phố Hải Phòng qua các năm (điểm)",
        "Chỉ số SIPAS của thành phố Hải Phòng qua các năm (%)",
        // No conference directions in 2024: said in words, no empty section.
        "là một nội dung trong chương trình phiên họp",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(!text.contains("Nhiệm vụ được đề nghị"), "{text}");
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
    assert_eq!(pdfs.len(), 34);
    let text = pdf_text(&out.path().join("2025/an-giang-2025.pdf"));
    for expected in [
        "Tỉnh An Giang được thành lập từ ngày 01/7/2025 theo Nghị quyết số 202/2025/QH15",
        "trên cơ sở sắp xếp tỉnh An Giang và tỉnh Kiên Giang",
        // Year by year, each predecessor on its own row, never added together.
        "2020 An Giang (cũ) 84,67 26/63 4/13 83,25 45/63 2020 Kiên Giang – 61/63 13/13(**) – –",
        "2021 An Giang (cũ) – – – – – 2021 Kiên Giang 79,97 63/63 13/13(**) – –",
        "Tỉnh An Giang (sau sắp xếp)",
        "Tỉnh An Giang (trước sắp xếp)",
        "Tỉnh Kiên Giang (trước sắp xếp)",
        "SYNTHETIC",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // A three-way merger names all three.
    let text = pdf_text(&out.path().join("2025/ho-chi-minh-2025.pdf"));
    for name in ["Hồ Chí Minh (cũ)", "Bình Dương", "Bà Rịa - Vũng Tàu"] {
        assert!(text.contains(name), "missing {name:?} in {text}");
    }
}
