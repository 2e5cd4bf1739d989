//! Wording in editable templates: English briefings, a user's template folder, template errors.

use std::fs;

use crate::support::{files_under, parbrief, path_arg, pdf_text, stderr};

fn build(extra: &[&str]) -> tempfile::TempDir {
    crate::support::build_an_giang_2020(extra)
}

#[test]
fn english_briefings_use_english_words_numbers_and_directions() {
    let out = build(&["--lang", "en"]);
    let text = pdf_text(&out.path().join("2020/en/an-giang.pdf"));
    for expected in [
        "In 2020, An Giang Province scored 84.67 points on the PAR INDEX, up 1.35 points from 2019 (83.32 points).",
        "It ranked 26th out of the 63 provinces and centrally run cities (down 15 places from 2019) and 4th out of the 13 provinces and cities of the Mekong River Delta (down one place, from third in 2019).",
        "83.25%",
        "On 24 June 2021",
        "Permanent Deputy Prime Minister Trương Hòa Bình set out six groups of tasks:",
        "6. Key tasks set at the conference announcing the 2020 results",
        "At the online conference announcing the 2020 SIPAS and the 2020 PAR INDEX",
        "Drawing on the 2020 SIPAS and PAR INDEX results,",
        "f) New methods and content for assessing the SIPAS and the PAR INDEX.",
        "Note: the vertical axes do not start at zero.",
        "Note: “–” means the figure is not given in the sources used. In the charts, a line joins two consecutive years only when both have a figure.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // "PAR INDEX" as the index is officially written, in the text and in the descriptions the
    // dataset supplies for sources (a title as published is left as it is).
    assert!(!text.contains("PAR Index"), "{text}");
    for absent in ["at its foot", "“–”:", "2025 of the National Assembly"] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    let prepared = crate::support::prepared();
    let directions = prepared
        .dataset
        .year(2020)
        .and_then(|y| y.directions.clone())
        .expect("2020 directions");
    for (label, d) in ["a)", "b)", "c)", "d)", "e)", "f)"]
        .iter()
        .zip(&directions.items)
    {
        assert!(
            text.contains(&format!("{label} {}.", d.title_en)),
            "missing English direction {label}"
        );
    }
    // Source titles stay in their own language; the briefing's own wording must not.
    for vietnamese in [
        "84,67 điểm",
        "Kết quả chung",
        "chưa",
        "Phụ lục",
        "Kèm theo",
        "Sở Nội vụ",
        "Nhiệm vụ",
    ] {
        assert!(
            !text.contains(vietnamese),
            "Vietnamese {vietnamese:?} in the English briefing"
        );
    }
}

#[test]
fn both_languages_in_one_run_leave_the_vietnamese_briefing_unchanged() {
    let vi_only = build(&[]);
    let both = build(&["--lang", "vi", "--lang", "en"]);
    let file = "2020/an-giang.pdf";
    assert_eq!(
        fs::read(vi_only.path().join(file)).expect("vi"),
        fs::read(both.path().join(file)).expect("vi in both")
    );
    assert!(both.path().join("2020/en/an-giang.pdf").exists());
}

fn init_templates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let templates = dir.path().join("t");
    let run = parbrief(&["templates", "init", path_arg(&templates)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let run = parbrief(&["templates", "init", path_arg(&templates)]);
    assert_eq!(run.status.code(), Some(1), "init never overwrites");
    dir
}

#[test]
fn an_edited_sentence_changes_exactly_that_sentence() {
    let dir = init_templates();
    let template = dir.path().join("t/vi/briefing.j2");
    let source = fs::read_to_string(&template).expect("template");
    let (before, after) = ("5. Kết quả chung của cả nước", "5. Kết quả chung cả nước");
    assert!(source.contains(before));
    fs::write(&template, source.replace(before, after)).expect("edit");

    let default = pdf_text(&build(&[]).path().join("2020/an-giang.pdf"));
    let edited = pdf_text(
        &build(&["--templates", path_arg(&dir.path().join("t"))])
            .path()
            .join("2020/an-giang.pdf"),
    );
    assert_ne!(default, edited);
    assert_eq!(default.replace(before, after), edited);
}

#[test]
fn a_misspelt_variable_is_reported_with_file_and_line_and_nothing_is_written() {
    let dir = init_templates();
    let template = dir.path().join("t/vi/briefing.j2");
    let source = fs::read_to_string(&template).expect("template");
    let needle = "{{ province.in_sentence }}{% if province.former and profile";
    let line = source[..source.find(needle).expect("sentence in template")]
        .matches('\n')
        .count()
        + 1;
    fs::write(
        &template,
        source.replacen(
            needle,
            "{{ province.in_sentnce }}{% if province.former and profile",
            1,
        ),
    )
    .expect("edit");

    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--templates",
        path_arg(&dir.path().join("t")),
        "--out",
        path_arg(out.path()),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("error[template-invalid]: undefined value"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:{line}", template.display())),
        "expected {}:{line} in {err}",
        template.display()
    );
    assert!(
        err.contains("hint: a variable or field that does not exist"),
        "{err}"
    );
    assert!(files_under(out.path()).is_empty(), "nothing may be written");
}

#[test]
fn a_template_syntax_error_stops_the_run_before_any_briefing() {
    let dir = init_templates();
    let template = dir.path().join("t/en/briefing.j2");
    let source = fs::read_to_string(&template).expect("template");
    fs::write(
        &template,
        source.replacen("{% endblock %}", "{% endblok %}", 1),
    )
    .expect("edit");
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--lang",
        "en",
        "--templates",
        path_arg(&dir.path().join("t")),
        "--out",
        path_arg(out.path()),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("error[template-invalid]: syntax error") && err.contains("en/briefing.j2:"),
        "{err}"
    );
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn english_2024_reads_as_english_and_names_publishers_with_their_diacritics() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2024",
        "--province",
        "hai-phong",
        "--lang",
        "en",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.path().join("2024/en/hai-phong.pdf"));
    for expected in [
        "On 6 April 2025, at the Government's regular meeting for March 2025, held together with an online conference with localities, the Ministry of Home Affairs announced the 2024 Public Administration Reform Index (PAR INDEX)",
        "With effect from 1 July 2025, Hải Phòng City and Hải Dương Province were merged into a new Hải Phòng City under the National Assembly's Resolution No. 202/2025/QH15 of 12 June 2025 on the arrangement of provincial-level administrative units. The figures below are those of Hải Phòng City as it was before the merger.",
        "It ranked first out of the 63 provinces and centrally run cities (up one place from 2023) and first(*) out of the 11 provinces and cities of the Red River Delta (up one place(*), from second(*) in 2023).",
        "In 2024, Hải Phòng City ranked first on the SIPAS out of the 63 provinces and centrally run cities (up four places from 2023) and first(*) out of the 11 provinces and cities of the Red River Delta (up two places(*), from third(*) in 2023). The sources used give conflicting scores (90.59% and 91.10%), so this appendix uses neither.",
        "Lao Động Newspaper",
        "baomoi.net.vn (news aggregator)",
        "Tin Tức Newspaper",
        // (The page break may fall inside this item, so the check stops short of its end.)
        "ninhbinhinvest.vn (republishing a Ninh Bình Newspaper",
        "Vietnam.vn (translation),",
        "[Quảng Nam gains points and places in the PAR INDEX and SIPAS] (in Japanese)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    for absent in [
        "On the SIPAS",
        "the 11 in the",
        "sources used for this document",
        "its agenda",
        "one item on the meeting",
        "Lao Dong",
        "Bao Moi",
        "Tin Tuc",
        "Ninh Binh",
        "Quang Ngai Department",
    ] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
}

#[test]
fn an_english_report_after_the_merger_says_the_former_city_once_titled_and_submits_it() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2024",
        "--province",
        "hai-phong",
        "--lang",
        "en",
        "--profile",
        "bao-cao",
        "--date",
        "2026-11-28",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.path().join("2024/en/hai-phong.pdf"));
    for expected in [
        "REPORT 2024 PAR INDEX and SIPAS results of Hải Phòng City (before the 2025 merger)",
        "The figures below are those of Hải Phòng City as it was before the merger (the former Hải Phòng City). The Department of Home Affairs reports them as follows (the sources are listed in the Appendix):",
        "In 2024, the former Hải Phòng City scored 96.17 points on the PAR INDEX",
        "In 2024, the former Hải Phòng City ranked first on the SIPAS out of the 63 provinces and centrally run cities",
        "The PAR INDEX of the former Hải Phòng City was 7.80 points above the national average.",
        "The Department of Home Affairs respectfully submits this report on the 2024 PAR INDEX and SIPAS results of the former Hải Phòng City to the People's Committee of Hải Phòng City.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // The title says which Hải Phòng; the body says "the former", never the bracket again.
    assert_eq!(
        text.matches("(before the 2025 merger)").count(),
        1,
        "{text}"
    );
    for absent in ["ranked 1st", "This concludes", "reports the results of"] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
}

#[test]
fn every_language_a_source_may_be_in_is_named_in_both_templates() {
    for (lang, dir) in [
        ("vi", "templates/vi/briefing.j2"),
        ("en", "templates/en/briefing.j2"),
    ] {
        let text = fs::read_to_string(crate::support::repo().join(dir)).expect("template");
        let names = text
            .lines()
            .find(|l| l.contains("{%- set names = {"))
            .unwrap_or_else(|| panic!("{lang}: no table of language names"));
        for code in parbrief::model::LANGUAGES {
            if code == "vi" || code == "en" {
                continue;
            }
            assert!(
                names.contains(&format!("\"{code}\": \"")),
                "{lang}: no name for `{code}`"
            );
        }
    }
}
