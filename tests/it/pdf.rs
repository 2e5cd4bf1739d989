//! The briefings themselves: the figures and words inside the PDF, fonts, determinism.

use std::fs;

use crate::support::{parbrief, path_arg, pdf_text};

/// Builds the real 2020 data into a scratch folder and returns it.
fn build_2020(provinces: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["build", "--year", "2020", "--out", path_arg(out.path())];
    for p in provinces {
        args.extend(["--province", p]);
    }
    let run = parbrief(&args);
    assert!(
        run.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

#[test]
fn an_giang_2020_states_its_published_figures_ranks_and_changes() {
    let out = build_2020(&["an-giang"]);
    let text = pdf_text(&out.path().join("2020/an-giang.pdf"));
    for expected in [
        "Chỉ số CCHC của tỉnh An Giang đạt 84,67 điểm, tăng 1,35 điểm so với năm 2019 (83,32 điểm)",
        "xếp hạng 26/63 tỉnh, thành phố trực thuộc Trung ương (giảm 15 bậc so với năm 2019) và 4/13 tỉnh, thành phố vùng Đồng bằng sông Cửu Long (giảm 1 bậc so với năm 2019; năm 2019 xếp thứ 3/13)",
        "Chỉ số SIPAS của tỉnh An Giang đạt 83,25%",
        "xếp hạng 45/63",
        "10/13",
        "83,72 điểm",
        "có 38/63 tỉnh, thành phố đạt trên mức trung bình",
        "Chỉ số CCHC của tỉnh An Giang cao hơn mức trung bình cả nước 0,95 điểm",
        "Ngày 24/6/2021, Bộ Nội vụ công bố",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn the_six_directions_of_2020_are_all_in_the_briefing() {
    let prepared = crate::support::prepared();
    let year = prepared.dataset.year(2020).expect("2020 dataset");
    let directions = year.directions.as_ref().expect("2020 has directions");
    assert_eq!(directions.items.len(), 6);

    let out = build_2020(&["an-giang"]);
    let text = pdf_text(&out.path().join("2020/an-giang.pdf"));
    assert!(
        text.contains(
            "Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình đề nghị tập trung thực hiện 06 nhóm nhiệm vụ sau:"
        ),
        "{text}"
    );
    for (label, direction) in ["a)", "b)", "c)", "d)", "đ)", "e)"]
        .iter()
        .zip(&directions.items)
    {
        let item = format!("{label} {}.", direction.title);
        assert!(text.contains(&item), "missing {item:?}");
    }
}

#[test]
fn a_year_without_directions_leaves_the_section_out_instead_of_inventing_it() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2019",
        "--province",
        "an-giang",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success());
    let text = pdf_text(&out.path().join("2019/an-giang.pdf"));
    // The Sở would not sign a paper saying it lacks the conference's directions:
    // with none in the dataset the section is left out, and nothing stands in for it.
    assert!(!text.contains("6. Nhiệm vụ"), "{text}");
    assert!(!text.contains("nhóm nhiệm vụ"), "{text}");
    assert!(!text.contains("Chưa thu thập"), "{text}");
    assert!(text.contains("5. Kết quả chung của cả nước"), "{text}");
}

#[test]
fn a_regional_rank_the_national_rank_determines_is_stated() {
    // Quảng Ninh 2020: 1/63 nationally and no published regional rank, so 1/11 in its region.
    let out = build_2020(&["quang-ninh"]);
    let text = pdf_text(&out.path().join("2020/quang-ninh.pdf"));
    assert!(
        text.contains("xếp hạng 1/63 tỉnh, thành phố trực thuộc Trung ương (giữ nguyên thứ hạng so với năm 2019) và 1/11(*) tỉnh, thành phố vùng Đồng bằng sông Hồng"),
        "{text}"
    );
}

#[test]
fn the_document_has_title_metadata_and_a4_pages() {
    let out = build_2020(&["an-giang"]);
    let doc = lopdf::Document::load(out.path().join("2020/an-giang.pdf")).expect("PDF parses");
    assert_eq!(doc.get_pages().len(), 4);
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .expect("Info dictionary");
    let info = doc.get_dictionary(info).expect("Info is a dictionary");
    let title = info
        .get(b"Title")
        .expect("Title")
        .as_str()
        .expect("Title is a string");
    let title = lopdf::decode_text_string(&lopdf::Object::String(
        title.to_vec(),
        lopdf::StringFormat::Literal,
    ))
    .expect("Title decodes");
    assert_eq!(
        title,
        "Kết quả Chỉ số CCHC và Chỉ số SIPAS năm 2020 của tỉnh An Giang (cũ)"
    );
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).expect("page dictionary");
        let media_box = page
            .get(b"MediaBox")
            .and_then(|m| m.as_array())
            .expect("MediaBox");
        let size: Vec<f32> = media_box
            .iter()
            .map(|v| v.as_float().expect("number"))
            .collect();
        assert!(
            (size[2] - 595.28).abs() < 0.1 && (size[3] - 841.89).abs() < 0.1,
            "not A4: {size:?}"
        );
    }
}

#[test]
fn every_font_is_embedded_subset_and_maps_to_unicode() {
    let out = build_2020(&["an-giang"]);
    let doc = lopdf::Document::load(out.path().join("2020/an-giang.pdf")).expect("PDF parses");
    let fonts: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"Font")
        })
        .filter(|d| {
            // The fonts pages use (not a Type0 font's descendant).
            d.get(b"Subtype")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"Type0" || n == b"TrueType")
        })
        .collect();
    assert_eq!(fonts.len(), 3, "regular, bold and italic");
    for font in fonts {
        let name = font
            .get(b"BaseFont")
            .and_then(|n| n.as_name())
            .expect("BaseFont");
        let name = String::from_utf8_lossy(name);
        let (tag, family) = name
            .split_once('+')
            .expect("subset fonts are named TAG+Family");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "subset tag {tag:?}"
        );
        assert!(family.starts_with("LiberationSerif"), "{family}");
        assert!(
            font.get(b"ToUnicode").is_ok(),
            "{name} has no ToUnicode map"
        );
    }
    let embedded = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"FontFile2").is_ok())
        .count();
    assert_eq!(embedded, 3, "every font program is embedded");
}

#[test]
fn the_same_input_gives_the_same_bytes_alone_or_in_a_batch() {
    let first = build_2020(&[]);
    let second = build_2020(&[]);
    assert_eq!(
        crate::support::read_all(first.path()),
        crate::support::read_all(second.path()),
        "two runs differ"
    );
    let alone = build_2020(&["an-giang"]);
    let file = "2020/an-giang.pdf";
    assert_eq!(
        fs::read(alone.path().join(file)).expect("alone"),
        fs::read(first.path().join(file)).expect("batch"),
        "a briefing rendered alone differs from the same one in the batch"
    );
}
