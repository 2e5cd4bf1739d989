use super::*;
use crate::import::table::Value;

fn sheet(rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: Some("Sheet1".into()),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| Value::Text((*c).into())).collect())
            .collect(),
        csv: None,
        sheets: vec!["Sheet1".into()],
    }
}

#[test]
fn labels_are_classified_by_their_words() {
    let role = |l| classify(l);
    assert_eq!(role("Tỉnh, thành phố"), Role::Name);
    assert_eq!(role("TINH, THANH PHO"), Role::Name);
    assert_eq!(role("STT"), Role::Other);
    assert_eq!(
        role("Chỉ số CCHC Điểm"),
        Role::Figure(Some(Index::Par), Kind::Score)
    );
    assert_eq!(
        role("Chỉ số SIPAS (%)"),
        Role::Figure(Some(Index::Sipas), Kind::Score)
    );
    assert_eq!(role("Xếp hạng"), Role::Figure(None, Kind::Rank));
    assert_eq!(
        role("Chi so CCHC Xep hang trong vung"),
        Role::Figure(Some(Index::Par), Kind::RegionRank)
    );
    assert_eq!(role("Tăng/giảm điểm so với 2023"), Role::Other);
    assert_eq!(role("Điểm tối đa"), Role::Other);
}

#[test]
fn merged_headers_are_read_with_their_parents() {
    let table = sheet(&[
        &["BẢNG KẾT QUẢ NĂM 2030 (SYNTHETIC)"],
        &[
            "STT",
            "Tỉnh, thành phố",
            "Chỉ số CCHC",
            "",
            "Chỉ số SIPAS (%)",
            "",
        ],
        &["", "", "Điểm", "Xếp hạng", "Điểm", "Xếp hạng"],
        &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        &["1", "An Giang", "84,67", "26", "83,25", "45"],
    ]);
    let (layout, problems) = find(&table, Path::new("t.xlsx"), Choice::Any, None);
    let layout = layout.expect("found");
    assert!(problems.is_empty());
    assert_eq!(layout.header, Some((1, 3)));
    assert_eq!(layout.data_from, 4);
    assert_eq!(
        layout.describe(),
        "B province, C PAR Index score, D PAR Index rank, E SIPAS score, F SIPAS rank"
    );
}

#[test]
fn an_unnamed_index_comes_from_the_title_or_the_option() {
    let table = sheet(&[
        &["Chỉ số SIPAS năm 2030"],
        &["STT", "Địa phương", "Điểm", "Xếp hạng"],
        &["1", "An Giang", "84,67", "26"],
    ]);
    let layout = find(&table, Path::new("t.xlsx"), Choice::Any, None)
        .0
        .expect("found");
    assert_eq!(layout.describe(), "B province, C SIPAS score, D SIPAS rank");
    let untitled = sheet(&[
        &["STT", "Địa phương", "Điểm", "Xếp hạng"],
        &["1", "An Giang", "84,67", "26"],
    ]);
    let (_, problems) = find(&untitled, Path::new("t.xlsx"), Choice::Any, None);
    assert_eq!(problems.len(), 2);
    assert!(
        problems[0]
            .message
            .starts_with("Sheet1!C1: the column \"Điểm\"")
    );
    let layout = find(&untitled, Path::new("t.xlsx"), Choice::Par, None)
        .0
        .expect("found");
    assert_eq!(
        layout.describe(),
        "B province, C PAR Index score, D PAR Index rank"
    );
}

#[test]
fn both_indices_can_be_required() {
    let table = sheet(&[&["STT", "Tỉnh", "Chỉ số CCHC"], &["1", "An Giang", "84,67"]]);
    let (_, problems) = find(&table, Path::new("t.xlsx"), Choice::Both, None);
    assert_eq!(problems[0].code, Code::ColumnMissing);
    assert_eq!(
        problems[0].message,
        "Sheet1!1:1: no column of a SIPAS score or rank; the header's columns are A \"STT\", B \"Tỉnh\", C \"Chỉ số CCHC\""
    );
}
