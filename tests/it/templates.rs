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
        "It ranked 26th of the 63 provinces and centrally run cities (down 15 places from 2019) and 4th of the 13 provinces and cities of the Mekong River Delta (down one place).",
        "83.25%",
        "On 24 June 2021",
        "Standing Deputy Prime Minister Trương Hòa Bình set out six groups of tasks:",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
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
    let needle = "{{ name }} của {{ province.in_sentence }} đạt";
    let line = source[..source.find(needle).expect("sentence in template")]
        .matches('\n')
        .count()
        + 1;
    fs::write(
        &template,
        source.replacen(needle, "{{ name }} của {{ province.in_sentnce }} đạt", 1),
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
