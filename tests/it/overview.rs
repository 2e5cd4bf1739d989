//! The national overview, `OUT/<year>/tong-hop.pdf` (`OUT/<year>/en/tong-hop.pdf` in
//! English): written for every year a whole-year build covers that has a figure, listed in
//! the manifest, not written for a build of chosen provinces or with `--no-overview`, the
//! same bytes whatever the number of jobs, and its tables say what `parbrief list` says.
//! (Its PDF/A and PDF/UA conformance is checked with the briefings' in `conformance`, its
//! margins in `bounds`.)

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use parbrief::briefing::{self, Block, Issue, Profile};
use parbrief::model::Lang;
use parbrief::wording::Wording;

use crate::support::{files_under, parbrief, path_arg, pdf_text, stderr, stdout};

fn build(args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut all = vec!["build", "--out", path_arg(out.path())];
    all.extend(args);
    let run = parbrief(&all);
    assert!(run.status.success(), "{}", stderr(&run));
    out
}

#[test]
fn every_year_with_a_figure_gets_an_overview_in_each_language_listed_in_the_manifest() {
    let out = build(&["--lang", "vi", "--lang", "en", "-q"]);
    let manifest: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).expect("manifest"))
            .expect("JSON");
    for year in 2018..=2024 {
        for file in [
            format!("{year}/tong-hop.pdf"),
            format!("{year}/en/tong-hop.pdf"),
        ] {
            let bytes = fs::read(out.path().join(&file)).unwrap_or_else(|_| panic!("{file}"));
            let entry = manifest
                .iter()
                .find(|e| e["file"] == file.as_str())
                .unwrap_or_else(|| panic!("{file} is not in the manifest"));
            assert_eq!(entry["document"], "overview", "{entry}");
            assert!(entry.get("province").is_none(), "{entry}");
            assert_eq!(entry["year"], year);
            assert_eq!(entry["bytes"], bytes.len());
            assert!(entry["pages"].as_u64().is_some_and(|p| p >= 2), "{entry}");
        }
    }
    // 2025 has no figure yet: no briefing, so nothing to sum up either.
    assert!(!out.path().join("2025").exists());
    // A briefing's entry is as it was: a province, no document kind.
    let an_giang = manifest
        .iter()
        .find(|e| e["file"] == "2020/an-giang.pdf")
        .expect("An Giang");
    assert_eq!(an_giang["province"], "an-giang");
    assert!(an_giang.get("document").is_none());
}

#[test]
fn a_build_of_chosen_provinces_or_with_no_overview_writes_none() {
    let one = build(&["--year", "2020", "--province", "an-giang"]);
    assert!(!one.path().join("2020/tong-hop.pdf").exists());
    let none = build(&["--year", "2020", "--no-overview"]);
    assert!(!none.path().join("2020/tong-hop.pdf").exists());
    assert!(none.path().join("2020/an-giang.pdf").exists());
    let whole = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&["build", "--year", "2020", "--out", path_arg(whole.path())]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).starts_with(
            "Wrote 21 briefing(s), 1 national overview(s) (tong-hop.pdf) and manifest.json"
        ),
        "{}",
        stdout(&run)
    );
}

#[test]
fn the_overview_has_the_same_bytes_for_any_number_of_jobs_and_on_every_run() {
    let read = |out: &Path| {
        ["2020/tong-hop.pdf", "2020/en/tong-hop.pdf"].map(|f| fs::read(out.join(f)).expect(f))
    };
    let args = |jobs: &'static str| {
        [
            "--year", "2020", "--lang", "vi", "--lang", "en", "--jobs", jobs,
        ]
    };
    let serial = build(&args("1"));
    let parallel = build(&args("3"));
    let again = build(&args("1"));
    assert_eq!(read(serial.path()), read(parallel.path()));
    assert_eq!(read(serial.path()), read(again.path()));
    // A build of the whole year writes no file beyond its briefings, overview and manifest.
    let pdfs = files_under(serial.path())
        .iter()
        .filter(|p| p.ends_with("tong-hop.pdf"))
        .count();
    assert_eq!(pdfs, 2);
}

/// `parbrief list --year YEAR --format csv`, as rows of column → value.
fn listed(year: i32) -> Vec<HashMap<String, String>> {
    let run = parbrief(&["list", "--year", &year.to_string(), "--format", "csv"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut reader = csv::Reader::from_reader(run.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// A figure of `list` as the overview prints it: "86.07" → "86,07", "8/63*" → "8/63", none → "–".
fn as_printed(value: &str, lang: Lang) -> String {
    let bare = value.trim_end_matches(['*', '^', '?', '~']);
    match (bare, lang) {
        ("", _) => "–".to_string(),
        (v, Lang::Vi) => v.replace('.', ","),
        (v, Lang::En) => v.to_string(),
    }
}

/// A cell without its marks: "95,76(**)" → "95,76".
fn unmarked(cell: &str) -> &str {
    cell.split('(').next().unwrap_or(cell)
}

/// The overview of `year` in `lang`, as the command line builds it.
fn overview(year: i32, lang: Lang) -> briefing::Briefing {
    let prepared = crate::support::prepared();
    let issuer = parbrief::app::issuer_of(None, &prepared.fonts).expect("issuer");
    let issue = Issue {
        profile: Profile::PhuLuc,
        issuer: &issuer,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
        printed_only: false,
    };
    let wording = Wording::builtin_overview(lang).expect("template");
    briefing::overview::build(
        &prepared.dataset,
        &prepared.rankings,
        year,
        &wording,
        &issue,
    )
    .expect("builds")
}

/// The text of the overview's notes, one after another.
fn notes(b: &briefing::Briefing) -> String {
    b.blocks
        .iter()
        .filter(|block| matches!(block, Block::Note(_)))
        .map(crate::support::block_text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each table of the overview as name → row, the national table first.
fn tables(b: &briefing::Briefing) -> Vec<HashMap<String, Vec<String>>> {
    b.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(t) => Some(
                t.rows
                    .iter()
                    .map(|r| {
                        (
                            r[0].clone(),
                            r[1..].iter().map(|c| unmarked(c).to_string()).collect(),
                        )
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn every_row_of_the_overview_says_what_parbrief_list_says_in_every_year() {
    let prepared = crate::support::prepared();
    for year in 2018..=2024 {
        let data = prepared.dataset.year(year).expect("year");
        for lang in Lang::ALL {
            let b = overview(year, lang);
            let tables = tables(&b);
            // The national table, then the regions' (a region without a figure has none).
            let (national_table, regions) = tables.split_first().expect("national table");
            let regional_table: HashMap<&String, &Vec<String>> =
                regions.iter().flat_map(|t| t.iter()).collect();
            let notes = notes(&b);
            for row in listed(year) {
                let province = &data.provinces[data.province_index(&row["id"]).expect("id")];
                let name = match lang {
                    Lang::Vi => province.place_name.clone(),
                    Lang::En if province.place_name == province.name => province.name.clone(),
                    Lang::En => format!("{} City", province.name),
                };
                let cells = |columns: [&str; 4]| -> Vec<String> {
                    columns.iter().map(|c| as_printed(&row[*c], lang)).collect()
                };
                // A row is listed with what `list` says, or, when there is nothing to show,
                // left out and named in the note.
                let national = cells(["par", "par_rank", "sipas", "sipas_rank"]);
                match national_table.get(&name) {
                    Some(shown) => assert_eq!(shown, &national, "{year} {lang:?} {name}"),
                    None => {
                        assert!(national.iter().all(|c| c == "–"), "{year} {lang:?} {name}");
                        assert!(
                            notes.contains(&format!(" {name},"))
                                || notes.contains(&format!(" {name}.")),
                            "{year} {lang:?} {name} unnamed"
                        );
                    }
                }
                let regional = cells(["par", "par_region_rank", "sipas", "sipas_region_rank"]);
                match regional_table.get(&name) {
                    Some(shown) => {
                        assert_eq!(*shown, &regional, "{year} {lang:?} {name} in its region")
                    }
                    None => assert!(
                        regional.iter().all(|c| c == "–"),
                        "{year} {lang:?} {name} left out of its region"
                    ),
                }
            }
        }
    }
}

#[test]
fn the_rows_of_the_2020_pdf_read_in_order_as_parbrief_list_gives_them() {
    let out = build(&["--year", "2020", "-q"]);
    let text = pdf_text(&out.path().join("2020/tong-hop.pdf"));
    // Marks are not figures: "95,76(**)" reads as "95,76".
    let text = text
        .replace("(*)", "")
        .replace("(**)", "")
        .replace("(***)", "");
    let prepared = crate::support::prepared();
    let data = prepared.dataset.year(2020).expect("2020");
    let mut national = Vec::new();
    for row in listed(2020) {
        let province = &data.provinces[data.province_index(&row["id"]).expect("id")];
        let line = |columns: [&str; 4]| {
            let cells: Vec<String> = columns
                .iter()
                .map(|c| as_printed(&row[*c], Lang::Vi))
                .collect();
            format!("{} {}", province.place_name, cells.join(" "))
        };
        let expected = line(["par", "par_rank", "sipas", "sipas_rank"]);
        // A province with nothing to show has no row: the note names it.
        if expected.ends_with(" – – – –") {
            assert!(!text.contains(&format!(" {expected} ")), "{expected:?}");
            continue;
        }
        let at = text
            .find(&format!(" {expected} "))
            .unwrap_or_else(|| panic!("{expected:?} is not a row of the overview"));
        national.push((row["par_rank"].clone(), at));
        let regional = line(["par", "par_region_rank", "sipas", "sipas_region_rank"]);
        if !regional.ends_with(" – – – –") {
            assert!(text.contains(&format!(" {regional} ")), "{regional:?}");
        }
    }
    // Ranked provinces read in the order of their national PAR Index rank.
    let mut ranked: Vec<(u32, usize)> = national
        .iter()
        .filter_map(|(rank, at)| Some((rank.split('/').next()?.parse().ok()?, *at)))
        .collect();
    ranked.sort_unstable();
    assert!(ranked.len() >= 10, "{ranked:?}");
    assert!(ranked.windows(2).all(|w| w[0].1 < w[1].1), "{ranked:?}");
    let unranked = national
        .iter()
        .filter(|(r, _)| r.is_empty())
        .map(|(_, at)| *at);
    let last_ranked = ranked.last().map_or(0, |r| r.1);
    assert!(unranked.clone().all(|at| at > last_ranked));
}

#[test]
fn the_overview_states_the_averages_against_the_previous_year_and_the_directions() {
    let out = build(&["--year", "2020", "--lang", "vi", "--lang", "en", "-q"]);
    let vi = pdf_text(&out.path().join("2020/tong-hop.pdf"));
    for needle in [
        "TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH VÀ CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH NĂM 2020 CỦA CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        "Chỉ số CCHC trung bình của 63 tỉnh, thành phố trực thuộc Trung ương là 83,72 điểm, tăng 2,57 điểm so với năm 2019 (81,15 điểm)",
        "Chỉ số SIPAS trung bình của cả nước năm 2020 là 85,48%, tăng 1,03 điểm phần trăm so với năm 2019 (84,45%)",
        "Dấu “–”: các nguồn được sử dụng chưa nêu số liệu.",
        "đề nghị tập trung thực hiện 06 nhóm nhiệm vụ sau:",
        "Nguồn số liệu",
        "3.6. Vùng Đồng bằng sông Cửu Long (13 tỉnh, thành phố)",
        // The short names are introduced, and counts are not written like ranks ("12/63").
        "Chỉ số cải cách hành chính (PAR INDEX, sau đây gọi là Chỉ số CCHC) năm 2020",
        // What the sources give, as the document counts it: marked figures included, figures
        // left out not counted.
        "Từ các nguồn đã công bố được sử dụng (danh mục tại cuối Phụ lục), Phụ lục tổng hợp được: điểm số Chỉ số CCHC của 12 tỉnh, thành phố; thứ hạng Chỉ số CCHC của 15 tỉnh, thành phố; điểm số Chỉ số SIPAS của 4 tỉnh, thành phố; thứ hạng Chỉ số SIPAS của 12 tỉnh, thành phố (kể cả các số liệu xác định gián tiếp hoặc theo thứ tự liệt kê, có đánh dấu; không kể các điểm số chỉ được nêu ở dạng đã làm tròn, xem ghi chú tại Mục 2). Các nguồn này chưa nêu số liệu của các tỉnh, thành phố còn lại.",
        // A chart of a few known scores does not pass for the distribution of all 63.
        "Hình 1. Chỉ số CCHC năm 2020 của 12 tỉnh, thành phố có điểm số trong các nguồn được sử dụng (điểm)",
        "(12 trong số 63 tỉnh, thành phố)",
        "Biểu đồ không thể hiện sự phân bố điểm số của cả 63 tỉnh, thành phố.",
        // No region has every score: said once, not under each of the six tables.
        "63 tỉnh, thành phố trực thuộc Trung ương được chia thành 6 vùng kinh tế - xã hội. Các nguồn được sử dụng chưa nêu điểm trung bình của các vùng và chưa nêu đủ điểm số của các tỉnh, thành phố trong mỗi vùng để tính điểm trung bình.",
    ] {
        assert!(vi.contains(needle), "{needle:?} not in {vi}");
    }
    assert!(!vi.contains("chưa công bố") && !vi.contains("not published"));
    assert!(!vi.contains("chưa nêu điểm trung bình của vùng"), "{vi}");
    // Marks are numbered as a reader meets them: Quảng Ninh's deduced SIPAS score in the first
    // row before the listing-order ranks further down; the notes follow that order.
    // Đà Nẵng's SIPAS score, printed only rounded ("47/63 or 83%"), is left out with its own
    // mark, met in its row (6th) before the listing-order ranks.
    assert!(vi.contains("95,76(*)"), "{vi}");
    assert!(vi.contains("Đà Nẵng 86,56 6/63 –(**) 47/63"), "{vi}");
    assert!(vi.contains("3/63(***)"), "{vi}");
    let deduced = vi
        .find("(*) Số liệu được xác định gián tiếp")
        .expect("deduced note");
    let rounded = vi
        .find("(**) Các nguồn được sử dụng chỉ nêu điểm số đã làm tròn đến hàng đơn vị nên Phụ lục không sử dụng: Đà Nẵng (Chỉ số SIPAS: 83%); Thành phố Hồ Chí Minh (Chỉ số SIPAS: 84%); Cần Thơ (Chỉ số SIPAS: 84%).")
        .expect("rounded note");
    let listing = vi
        .find("(***) Thứ hạng được xác định theo thứ tự liệt kê")
        .expect("listing note");
    assert!(deduced < rounded && rounded < listing, "{vi}");
    // The tables list the provinces with a figure; one sentence names the rest, and a region
    // without a figure gets a sentence instead of a table of dashes.
    assert!(
        vi.contains("Các nguồn được sử dụng chưa nêu điểm số và thứ hạng cả nước của 42 tỉnh, thành phố còn lại: Bạc Liêu, Bắc Kạn, Bắc Ninh,"),
        "{vi}"
    );
    // A published regional rank (An Giang 4/13) is not said to be derived: only the marked ones.
    assert!(
        vi.contains("Xếp hạng trong vùng là thứ hạng trong số 13 tỉnh, thành phố của vùng; thứ hạng có dấu (*) được xác định từ thứ hạng cả nước"),
        "{vi}"
    );
    assert!(!vi.contains("Đắk Lắk – – – –"), "{vi}");
    assert!(
        vi.contains("3.4. Vùng Tây Nguyên (5 tỉnh) Các nguồn được sử dụng chưa nêu điểm số, thứ hạng trong vùng của tỉnh nào thuộc vùng này."),
        "{vi}"
    );
    // Each region's table repeats the notes of the marks it shows.
    assert!(
        vi.matches("(*) Số liệu được xác định gián tiếp").count() >= 3,
        "{vi}"
    );
    let en = pdf_text(&out.path().join("2020/en/tong-hop.pdf"));
    for needle in [
        "the average PAR INDEX of the 63 provinces and centrally run cities was 83.72 points, up 2.57 points from 2019 (81.15 points)",
        "“–” means the figure is not given in the sources used.",
        "Sources",
        "From the published sources used (listed at the end), the appendix brings together: PAR INDEX scores for 12 provinces and cities; PAR INDEX ranks for 15; SIPAS scores for 4; SIPAS ranks for 12 (including figures deduced from what the sources give and ranks read from the order of a listing, which are marked; not counting scores they give only rounded: see the notes to section 2). The sources give no figures for the other provinces and cities.",
        "Figure 1. 2020 PAR INDEX of the 12 provinces and cities whose scores appear in the sources used (points)",
        "were grouped into six socio-economic regions. The sources used give no regional averages, and too few scores to calculate them.",
    ] {
        assert!(en.contains(needle), "{needle:?} not in {en}");
    }
}

#[test]
fn every_font_of_the_overview_is_embedded() {
    let out = build(&["--year", "2020", "-q"]);
    let doc = lopdf::Document::load(out.path().join("2020/tong-hop.pdf")).expect("PDF parses");
    let embedded = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"FontFile2").is_ok())
        .count();
    assert_eq!(embedded, 3, "regular, bold and italic, embedded");
}

#[test]
fn the_2024_overview_names_the_figures_it_leaves_out_and_why() {
    let vi = pdf_text(
        &build(&["--year", "2024", "-q"])
            .path()
            .join("2024/tong-hop.pdf"),
    );
    for needle in [
        // The note under the table names each left-out figure with what the sources print.
        "Các nguồn được sử dụng nêu số liệu không thống nhất, chưa xác định được số liệu chính xác nên Phụ lục không sử dụng: Hải Phòng (điểm số Chỉ số SIPAS: 90,59% và 91,10%); Hà Nội (điểm số Chỉ số CCHC: nguồn nêu 92,57 điểm, không thống nhất với mức thay đổi +1,32 điểm so với năm 2023 do chính nguồn này nêu).",
        // The lead-in says where the provinces without a figure are.
        "54 tỉnh, thành phố còn lại được nêu tên tại ghi chú dưới bảng.",
        // A region without a figure: its sentence says what is known of it elsewhere.
        "Các nguồn được sử dụng chưa nêu điểm số, thứ hạng trong vùng của tỉnh, thành phố nào thuộc vùng này. Quảng Ngãi xếp hạng 43/63 về Chỉ số CCHC và 59/63 về Chỉ số SIPAS (Mục 2); từ các thứ hạng này chưa xác định được thứ hạng trong vùng.",
        "(không kể các điểm số không thống nhất giữa các nguồn, xem ghi chú tại Mục 2). Các nguồn này chưa nêu số liệu",
    ] {
        assert!(vi.contains(needle), "{needle:?} not in {vi}");
    }
    assert!(!vi.contains("còn lại xếp theo thứ tự chữ cái"), "{vi}");
}
