//! Archival and accessible: every briefing is PDF/A-2a (which includes 2b and 2u) and PDF/UA-1
//! as checked by an independent validator, page_validation (veraPDF's rules re-implemented in
//! Rust), with no failed rule — on every briefing of the shipped data in both languages and
//! both forms, and on the SYNTHETIC extremes of `bounds`. Breaking a file on purpose must make
//! the validator fail, so the check is known to bite. Beyond the validator: the files say they
//! are tagged, every chart's alternative text names each value it draws, and the structure
//! tree, read in order as a screen reader does, holds every paragraph of the briefing once.

use std::collections::HashMap;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object, ObjectId};
use page_validation::{ValidationOptions, ValidationProfile, validate_pdf_bytes};
use rayon::prelude::*;

use parbrief::briefing::{self, Block, Briefing, Issue, Profile};
use parbrief::layout::{self, Geometry, Item};
use parbrief::model::Lang;
use parbrief::structure::{Role, Tag};
use parbrief::wording::Wording;

/// The PDFs' creation time: any fixed instant (28/11/2026).
const TIMESTAMP: i64 = 1_795_824_000;

/// One rendered briefing.
struct Rendered {
    name: String,
    briefing: Briefing,
    bytes: Vec<u8>,
}

/// How a test renders a briefing.
type Render = fn(&Briefing, &parbrief::pdf::Fonts) -> Vec<u8>;

/// As the command line does, with its checks that the briefing names its province.
fn as_built(b: &Briefing, fonts: &parbrief::pdf::Fonts) -> Vec<u8> {
    match parbrief::batch::render(b, fonts, TIMESTAMP) {
        Ok((bytes, _)) => bytes,
        Err(e) => panic!("{} {}: {e}", b.year, b.province_id),
    }
}

/// Layout and PDF alone: the synthetic extremes include a name too long for any line, which
/// the command line's check refuses to write.
fn unchecked(b: &Briefing, fonts: &parbrief::pdf::Fonts) -> Vec<u8> {
    let (pages, structure) = layout::layout_tagged(b, fonts, Geometry::A4);
    parbrief::pdf::render(
        &pages,
        &structure,
        &b.metadata,
        fonts,
        &Geometry::A4,
        TIMESTAMP,
    )
}

/// Builds every briefing `prepared` gives, in both languages and both forms, and renders
/// them in parallel.
fn render_all(
    prepared: &parbrief::app::Prepared,
    issuer: &parbrief::issuer::Issuer,
    render: Render,
) -> Vec<Rendered> {
    let date = parbrief::app::day_in_vietnam(TIMESTAMP);
    let mut briefings = Vec::new();
    for lang in Lang::ALL {
        let wording = Wording::builtin(lang).expect("built-in templates");
        let overview = Wording::builtin_overview(lang).expect("built-in templates");
        for profile in [Profile::PhuLuc, Profile::BaoCao] {
            let issue = Issue {
                profile,
                issuer,
                date,
                printed_only: false,
            };
            for year in &prepared.dataset.years {
                for p in year.provinces.iter().filter(|p| p.has_any_figure()) {
                    let b = briefing::build(
                        &prepared.dataset,
                        &prepared.rankings,
                        year.year,
                        &p.id,
                        &wording,
                        &issue,
                    )
                    .expect("builds");
                    let name = format!("{} {} {lang:?} {profile:?}", year.year, p.id);
                    briefings.push((name, b));
                }
                // The year's national overview, as the command line writes it.
                if year.provinces.iter().any(|p| p.has_any_figure()) {
                    let b = briefing::overview::build(
                        &prepared.dataset,
                        &prepared.rankings,
                        year.year,
                        &overview,
                        &issue,
                    )
                    .expect("builds");
                    let name = format!("{} overview {lang:?} {profile:?}", year.year);
                    briefings.push((name, b));
                }
            }
        }
    }
    briefings
        .into_par_iter()
        .map(|(name, briefing)| {
            let bytes = render(&briefing, &prepared.fonts);
            Rendered {
                name,
                briefing,
                bytes,
            }
        })
        .collect()
}

/// Every briefing of the shipped data, rendered once for all the tests here.
fn shipped() -> &'static [Rendered] {
    static ALL: OnceLock<Vec<Rendered>> = OnceLock::new();
    ALL.get_or_init(|| {
        let prepared = crate::support::prepared();
        let issuer = parbrief::app::issuer_of(None, &prepared.fonts).expect("default issuer");
        let all = render_all(&prepared, &issuer, as_built);
        assert!(
            all.len() > 300,
            "expected every briefing, got {}",
            all.len()
        );
        all
    })
}

/// The rules `profile` finds broken in `bytes`, one line each.
fn failures(bytes: &[u8], profile: ValidationProfile) -> Vec<String> {
    let options = ValidationOptions::default().profile(profile);
    match validate_pdf_bytes(bytes, &options) {
        Ok(report) => {
            let mut failed: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
            if !report.is_compliant && failed.is_empty() {
                failed.push("not compliant, no rule named".to_string());
            }
            failed
        }
        Err(e) => vec![format!("not validated: {e}")],
    }
}

/// The identification rule: a file that declares conformance level A is reported by the 2b
/// and 2u profiles for not declaring B or U; every other rule of theirs must pass.
const IDENTIFICATION: &str = "[ISO 19005-2:2011:6.6.4:3]";

/// Every failed rule of PDF/A-2a and PDF/UA-1 (and, with `all_levels`, of 2b and 2u but their
/// identification rule) in `rendered`, named by file and profile.
fn broken(rendered: &[&Rendered], all_levels: bool) -> Vec<String> {
    rendered
        .par_iter()
        .flat_map_iter(|r| {
            let mut profiles = vec![ValidationProfile::PdfA2a, ValidationProfile::PdfUa1];
            if all_levels {
                profiles.extend([ValidationProfile::PdfA2b, ValidationProfile::PdfA2u]);
            }
            profiles.into_iter().flat_map(move |profile| {
                failures(&r.bytes, profile)
                    .into_iter()
                    .filter(|f| !f.starts_with(IDENTIFICATION))
                    .map(move |f| format!("{} {profile}: {f}", r.name))
            })
        })
        .collect()
}

#[test]
fn every_shipped_briefing_is_pdf_a_2a_and_pdf_ua_1_with_no_failed_rule() {
    let all: Vec<&Rendered> = shipped().iter().collect();
    let failed = broken(&all, false);
    assert!(
        failed.is_empty(),
        "{} failed rule(s):\n{}",
        failed.len(),
        failed.join("\n")
    );
    // 2b and 2u are contained in 2a; checked on their own on one province's four files.
    let an_giang: Vec<&Rendered> = all
        .into_iter()
        .filter(|r| r.name.starts_with("2020 an-giang "))
        .collect();
    assert_eq!(an_giang.len(), 4);
    let failed = broken(&an_giang, true);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_synthetic_extremes_are_pdf_a_2a_and_pdf_ua_1_too() {
    let data = crate::bounds::extreme_data();
    let prepared = parbrief::app::prepare(&parbrief::app::DataConfig {
        dir: data.path().to_path_buf(),
        strict: true,
    })
    .expect("fonts");
    assert!(!prepared.has_errors(), "{}", prepared.render_report());
    let issuer_path = crate::bounds::extreme_issuer(data.path());
    let issuer =
        parbrief::app::issuer_of(Some(&issuer_path), &prepared.fonts).expect("the issuer file");
    let all = render_all(&prepared, &issuer, unchecked);
    // 2 years of 8 briefings and an overview, in 2 languages and 2 forms.
    assert_eq!(all.len(), 2 * (8 + 1) * 4);
    let failed = broken(&all.iter().collect::<Vec<_>>(), false);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// An Giang 2020, the English report: it has every kind of block.
fn an_giang_report() -> &'static Rendered {
    shipped()
        .iter()
        .find(|r| r.name == "2020 an-giang En BaoCao")
        .expect("An Giang 2020")
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("catalog")
}

fn saved(mut doc: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

#[test]
fn the_validator_fails_a_file_broken_on_purpose() {
    let good = &an_giang_report().bytes;
    assert!(failures(good, ValidationProfile::PdfA2a).is_empty());

    // Without its XMP packet the file no longer says what it is.
    let mut doc = Document::load_mem(good).expect("parses");
    doc.catalog_mut().expect("catalog").remove(b"Metadata");
    let failed = failures(&saved(doc), ValidationProfile::PdfA2a);
    assert!(
        failed.iter().any(|f| f.contains("6.6.2.1")),
        "no metadata rule failed: {failed:?}"
    );

    // A chart without its alternative text is a picture a screen reader cannot read.
    let mut doc = Document::load_mem(good).expect("parses");
    let figure = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
        })
        .map(|(id, _)| *id)
        .expect("a Figure element");
    doc.get_dictionary_mut(figure)
        .expect("figure")
        .remove(b"Alt");
    let failed = failures(&saved(doc), ValidationProfile::PdfUa1);
    assert!(
        failed.iter().any(|f| f.contains("Figure")),
        "no figure rule failed: {failed:?}"
    );
}

#[test]
fn every_file_is_tagged_in_its_language_and_shows_its_title() {
    for r in shipped() {
        let doc = Document::load_mem(&r.bytes).expect("parses");
        let catalog = catalog(&doc);
        // What pdfinfo reads for "Tagged: yes".
        let marked = catalog
            .get(b"MarkInfo")
            .and_then(Object::as_dict)
            .and_then(|m| m.get(b"Marked"))
            .and_then(Object::as_bool);
        assert_eq!(marked.ok(), Some(true), "{}: not marked", r.name);
        assert!(catalog.has(b"StructTreeRoot"), "{}", r.name);
        let lang = catalog.get(b"Lang").and_then(Object::as_str).expect("Lang");
        assert_eq!(
            lang,
            r.briefing.metadata.lang.code().as_bytes(),
            "{}",
            r.name
        );
        let display_title = catalog
            .get(b"ViewerPreferences")
            .and_then(Object::as_dict)
            .and_then(|v| v.get(b"DisplayDocTitle"))
            .and_then(Object::as_bool);
        assert_eq!(display_title.ok(), Some(true), "{}", r.name);
    }
}

/// A figure's alternative text names every value the figure draws: each text drawn inside
/// it (a bar's name, shortened or not, and value; a point's value label; a legend entry), but
/// the axis's scale (whole points from its start to its end).
#[test]
fn every_chart_names_each_value_it_draws_in_its_alternative_text() {
    let prepared = crate::support::prepared();
    let mut figures = 0;
    for r in shipped() {
        let (pages, structure) = layout::layout_tagged(&r.briefing, &prepared.fonts, Geometry::A4);
        let scales = scales(&r.briefing);
        for item in pages.iter().flat_map(|p| &p.items) {
            let (Item::Text { text, tag, .. }, Tag::Node(id)) = (item, item.tag()) else {
                continue;
            };
            let node = structure.node(id);
            if node.role != Role::Figure {
                continue;
            }
            let alt = node.alt.as_deref().expect("a figure has alternative text");
            let text = text.trim();
            let scale = text
                .parse::<u32>()
                .is_ok_and(|t| scales.iter().any(|(from, to)| (*from..=*to).contains(&t)));
            let named = match text.strip_suffix('…') {
                Some(shortened) => alt.contains(shortened.trim_end()),
                None => alt.contains(text),
            };
            assert!(
                scale || named,
                "{}: {tag:?} draws {text:?}, which its alternative text does not name: {alt}",
                r.name
            );
        }
        // And from the data: every value of every chart, drawn or not, in the alternative
        // text that starts with the chart's caption.
        let alts: Vec<&str> = structure
            .nodes
            .iter()
            .filter_map(|n| n.alt.as_deref())
            .collect();
        for block in &r.briefing.blocks {
            let (captions, values) = chart_values(block);
            let alts: Vec<&str> = captions
                .iter()
                .map(|c| {
                    // A name kept on one line by no-break spaces is read with plain ones.
                    let c = c.replace('\u{a0}', " ");
                    alts.iter()
                        .find(|a| a.starts_with(c.as_str()))
                        .copied()
                        .unwrap_or_else(|| panic!("{}: no figure reads {c:?}", r.name))
                })
                .collect();
            for value in values {
                assert!(
                    alts.iter().any(|a| a.contains(&value)),
                    "{}: {value:?} not in {alts:?}",
                    r.name
                );
            }
        }
        let charts: usize = r
            .briefing
            .blocks
            .iter()
            .map(|b| match b {
                Block::Chart(_) | Block::Distribution(_) => 1,
                Block::LineCharts(cs) => cs.len(),
                _ => 0,
            })
            .sum();
        let drawn = structure
            .nodes
            .iter()
            .filter(|n| n.role == Role::Figure)
            .count();
        assert_eq!(drawn, charts, "{}: one figure per chart", r.name);
        figures += drawn;
    }
    // A trend of one point is not drawn, so some briefings have no line chart.
    assert!(figures > 400, "only {figures} figures checked");
}

/// The range of each chart's axis in `briefing`.
fn scales(briefing: &Briefing) -> Vec<(u32, u32)> {
    briefing
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Chart(c) => vec![(c.from, c.to)],
            Block::Distribution(c) => vec![(c.from, c.to)],
            Block::LineCharts(cs) => cs.iter().map(|c| (c.from, c.to)).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// A chart block's captions (each starts its alternative text) and every "name value" or
/// "year value" it shows.
fn chart_values(block: &Block) -> (Vec<String>, Vec<String>) {
    match block {
        Block::Chart(c) => (
            vec![format!("{}: ", c.caption)],
            c.bars
                .iter()
                .map(|b| format!("{} {}", b.label, b.value_text))
                .collect(),
        ),
        Block::Distribution(c) => (
            vec![format!("{}: ", c.caption)],
            c.marks
                .iter()
                .map(|m| format!("{} {}", m.label, m.value_text))
                .chain(c.average.iter().map(|(_, label)| label.clone()))
                .collect(),
        ),
        Block::LineCharts(charts) => {
            let mut values = Vec::new();
            for c in charts {
                for s in c.series.iter().chain([&c.average]) {
                    for ((year, value), text) in c.years.iter().zip(&s.values).zip(&s.value_texts) {
                        if value.is_some() {
                            values.push(format!("{year} {text}"));
                        }
                    }
                }
            }
            (
                charts.iter().map(|c| format!("{}: ", c.caption)).collect(),
                values,
            )
        }
        _ => (Vec::new(), Vec::new()),
    }
}

/// Text as read: whitespace runs folded to one space.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the briefing says, in reading order, as pieces of text: every paragraph, heading,
/// note, list item, table cell, form piece, and each chart as its caption (the rest of a
/// chart is read from its alternative text, which starts with the caption). `true` marks
/// prose, which must be read exactly as often as it is written.
fn said(b: &Briefing) -> Vec<(String, bool)> {
    let joined =
        |spans: &[briefing::Span]| spans.iter().map(|s| s.text.as_str()).collect::<String>();
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |text: &str, prose: bool| {
        let text = folded(text);
        if !text.is_empty() {
            out.push((text, prose));
        }
    };
    for block in &b.blocks {
        match block {
            Block::Header(h) => {
                let left = [&h.parent_agency, &Some(h.agency.clone()), &h.number_line];
                for piece in left.into_iter().flatten() {
                    push(piece, false);
                }
                for piece in [&h.national_title, &h.motto, &h.place_date] {
                    push(piece, false);
                }
            }
            Block::Title { kind, summary } => push(&format!("{kind} {summary}"), true),
            Block::Addressees { label, names } => {
                push(label, false);
                names.iter().for_each(|n| push(n, false));
            }
            Block::AppendixTitle {
                label,
                title,
                reference,
            } => {
                push(&format!("{label} {title}"), true);
                push(reference, true);
            }
            Block::Chart(c) => {
                push(&c.caption, true);
                push(&c.note, true);
            }
            Block::Distribution(c) => {
                push(&c.caption, true);
                push(&c.note, true);
            }
            Block::LineCharts(charts) => {
                charts.iter().for_each(|c| push(&c.caption, true));
                if let Some(c) = charts.first() {
                    push(&c.note, true);
                }
            }
            Block::Closing(c) => {
                push(&c.recipients_label, false);
                c.recipients.iter().for_each(|r| push(r, false));
                c.authority.iter().for_each(|a| push(a, false));
                if let Some(s) = &c.signer {
                    push(s, false);
                }
            }
            Block::Heading(text) => push(text, true),
            Block::Paragraph(spans) | Block::Note(spans) => push(&joined(spans), true),
            Block::Numbered { label, title, body } => {
                push(&format!("{label} {title}. {body}"), true);
            }
            Block::Table(t) => {
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    push(cell, false);
                }
            }
        }
    }
    out
}

#[test]
fn the_structure_tree_reads_every_paragraph_once_in_reading_order() {
    let checked: usize = shipped()
        .par_iter()
        .map(|r| {
            let read = folded(&structure_text(&r.bytes));
            let said = said(&r.briefing);
            let mut from = 0;
            for (text, prose) in &said {
                let Some(at) = read[from..].find(text.as_str()) else {
                    panic!("{}: {}", r.name, first_difference(&read[from..], text));
                };
                from += at + text.len();
                if *prose {
                    let written = said
                        .iter()
                        .filter(|(t, _)| t.contains(text.as_str()))
                        .count();
                    let read_times = read.matches(text.as_str()).count();
                    assert_eq!(
                        read_times, written,
                        "{}: {text:?} read {read_times} times",
                        r.name
                    );
                }
            }
            said.len()
        })
        .sum();
    assert!(checked > 10_000, "only {checked} pieces checked");
}

/// Where `text` stops being read in `read`: the longest start of it that is, and what follows.
fn first_difference(read: &str, text: &str) -> String {
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let (mut found, mut missing) = (0, ends.len() - 1);
    while found + 1 < missing {
        let mid = (found + missing) / 2;
        if read.contains(&text[..ends[mid]]) {
            found = mid;
        } else {
            missing = mid;
        }
    }
    let head = &text[..ends[found]];
    let at = read.find(head).map_or(0, |a| a + head.len());
    let read_on: String = read[at..].chars().take(80).collect();
    let said_on: String = text[ends[found]..].chars().take(80).collect();
    format!(
        "after {:?}\nit says  {said_on:?}\nbut reads {read_on:?}",
        &head[head.len().saturating_sub(120)..]
            .chars()
            .collect::<String>()
    )
}

/// Per page, the text of each marked-content id; the page's object id as key.
type PageText = HashMap<ObjectId, HashMap<i64, String>>;

/// The text of a tagged PDF as a screen reader reads it: the structure tree from its root,
/// depth first, each element's marked content in its order, a figure by its alternative
/// text; elements separated by line breaks.
fn structure_text(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).expect("parses");
    let mut pages: PageText = HashMap::new();
    for (_, page) in doc.get_pages() {
        pages.insert(page, marked_text(&doc, page));
    }
    let root = catalog(&doc)
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .expect("StructTreeRoot");
    let mut out = String::new();
    let kids = doc
        .get_dictionary(root)
        .expect("root")
        .get(b"K")
        .expect("K")
        .clone();
    read_kid(&doc, &pages, &kids, None, &mut out);
    out
}

fn read_kid(
    doc: &Document,
    pages: &PageText,
    kid: &Object,
    page: Option<ObjectId>,
    out: &mut String,
) {
    match kid {
        Object::Array(kids) => {
            for k in kids {
                read_kid(doc, pages, k, page, out);
            }
        }
        Object::Integer(mcid) => {
            let page = page.expect("an MCID on an element with a page");
            out.push_str(pages[&page].get(mcid).map_or("", String::as_str));
        }
        Object::Dictionary(mcr) => {
            let page = mcr
                .get(b"Pg")
                .and_then(Object::as_reference)
                .expect("MCR page");
            let mcid = mcr.get(b"MCID").and_then(Object::as_i64).expect("MCR id");
            out.push_str(pages[&page].get(&mcid).map_or("", String::as_str));
        }
        Object::Reference(id) => {
            let element = doc.get_dictionary(*id).expect("element");
            // A span is read inline; every other element is a block of its own.
            let inline = element.get(b"S").and_then(Object::as_name).ok() == Some(b"Span");
            let brk = if inline { "" } else { "\n" };
            out.push_str(brk);
            if let Ok(alt) = element.get(b"Alt") {
                out.push_str(&lopdf::decode_text_string(alt).expect("Alt text"));
            } else if let Ok(kids) = element.get(b"K") {
                let page = element.get(b"Pg").and_then(Object::as_reference).ok();
                read_kid(doc, pages, kids, page, out);
            }
            out.push_str(brk);
        }
        other => panic!("unexpected kid {other:?}"),
    }
}

/// The text shown inside each marked-content sequence of `page`, by MCID, through the fonts'
/// ToUnicode maps.
fn marked_text(doc: &Document, page: ObjectId) -> HashMap<i64, String> {
    let fonts: HashMap<Vec<u8>, (usize, HashMap<u16, String>)> = doc
        .get_page_fonts(page)
        .expect("fonts")
        .into_iter()
        .map(|(name, font)| (name, to_unicode(doc, font)))
        .collect();
    let content = doc.get_page_content(page);
    let content = lopdf::content::Content::decode(&content).expect("content decodes");
    let mut out: HashMap<i64, String> = HashMap::new();
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut font: Option<&(usize, HashMap<u16, String>)> = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => open.push(
                op.operands
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|p| p.get(b"MCID").and_then(Object::as_i64).ok()),
            ),
            "BMC" => open.push(None),
            "EMC" => {
                open.pop();
            }
            "Tf" => {
                let name = op.operands[0].as_name().expect("font name");
                font = fonts.get(name);
            }
            "Tj" | "TJ" => {
                let Some(Some(mcid)) = open.last() else {
                    continue;
                };
                let strings: Vec<&Object> = match &op.operands[0] {
                    Object::Array(items) => items.iter().collect(),
                    one => vec![one],
                };
                let text = out.entry(*mcid).or_default();
                for s in strings {
                    if let Object::String(bytes, _) = s {
                        let (width, map) = font.expect("a font is set");
                        for code in bytes.chunks(*width) {
                            let code = code.iter().fold(0, |n, &b| n << 8 | u16::from(b));
                            text.push_str(map.get(&code).map_or("\u{FFFD}", String::as_str));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A font's code width in bytes (one in a simple TrueType font, two in a Type0 font) and its
/// ToUnicode map: its `bfchar` lines ("<code> <unicode>") and `bfrange` lines ("<first>
/// <last> <unicode of first>").
fn to_unicode(doc: &Document, font: &Dictionary) -> (usize, HashMap<u16, String>) {
    let width = match font.get(b"Subtype").and_then(Object::as_name) {
        Ok(b"Type0") => 2,
        Ok(b"TrueType") => 1,
        other => panic!("unexpected font subtype {other:?}"),
    };
    let stream = font
        .get(b"ToUnicode")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .expect("ToUnicode");
    let cmap = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let cmap = String::from_utf8_lossy(&cmap);
    let hex = |h: &str| -> Vec<u16> {
        (0..h.len() / 4)
            .map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).expect("hex"))
            .collect()
    };
    let code = |h: &str| u16::from_str_radix(h, 16).expect("hex code");
    let mut map = HashMap::new();
    for line in cmap.lines() {
        let Some(inner) = line.strip_prefix('<').and_then(|l| l.strip_suffix('>')) else {
            continue;
        };
        let fields: Vec<&str> = inner.split("> <").collect();
        match fields[..] {
            [one, unicode] if !one.contains(' ') => {
                map.insert(code(one), String::from_utf16_lossy(&hex(unicode)));
            }
            [first, last, unicode] => {
                let (first, last, start) = (code(first), code(last), hex(unicode));
                for code in first..=last {
                    let mut units = start.clone();
                    if let Some(low) = units.last_mut() {
                        *low += code - first;
                    }
                    map.insert(code, String::from_utf16_lossy(&units));
                }
            }
            _ => {}
        }
    }
    (width, map)
}

#[test]
fn a_title_in_the_other_language_is_marked_with_its_language() {
    let r = an_giang_report();
    let prepared = crate::support::prepared();
    let (_, structure) = layout::layout_tagged(&r.briefing, &prepared.fonts, Geometry::A4);
    let spans: Vec<&str> = structure
        .nodes
        .iter()
        .filter(|n| n.role == Role::Span)
        .filter_map(|n| n.lang.as_deref())
        .collect();
    assert!(
        spans.contains(&"vi"),
        "the English briefing cites Vietnamese titles: {spans:?}"
    );
    assert!(!spans.contains(&"en"), "{spans:?}");
    let doc = Document::load_mem(&r.bytes).expect("parses");
    let langs = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Span"))
        .filter_map(|d| d.get(b"Lang").and_then(Object::as_str).ok())
        .count();
    assert_eq!(langs, spans.len(), "every marked span is in the file");
}

#[test]
fn a_face_drawing_more_than_255_glyphs_keeps_two_byte_codes_and_conforms() {
    // SYNTHETIC: An Giang's report with a paragraph of every letter of Latin Extended-A and
    // of the Vietnamese block, ten to a word: its regular face draws over 255 glyphs, more
    // than one-byte codes can name.
    let fonts = parbrief::pdf::Fonts::load().expect("fonts");
    let letters: Vec<char> = ('\u{100}'..='\u{17f}')
        .chain('\u{1ea0}'..='\u{1ef9}')
        .chain('A'..='Z')
        .chain('a'..='z')
        .filter(|&c| fonts.covers(c))
        .collect();
    assert!(letters.len() > 255, "{} letters", letters.len());
    let many: Vec<String> = letters.chunks(10).map(|w| w.iter().collect()).collect();
    let many = many.join(" ");
    let mut briefing = an_giang_report().briefing.clone();
    briefing
        .blocks
        .push(Block::Paragraph(vec![parbrief::briefing::Span {
            text: many.clone(),
            strong: false,
            lang: None,
        }]));
    let bytes = unchecked(&briefing, &fonts);
    let doc = Document::load_mem(&bytes).expect("parses");
    let subtypes: Vec<&[u8]> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Font")
        })
        .filter_map(|d| d.get(b"Subtype").and_then(Object::as_name).ok())
        .filter(|&n| n != b"CIDFontType2")
        .collect();
    let two_byte = subtypes.iter().filter(|&&n| n == b"Type0").count();
    let one_byte = subtypes.iter().filter(|&&n| n == b"TrueType").count();
    assert_eq!(
        (two_byte, one_byte, subtypes.len()),
        (1, 3, 4),
        "the regular face two-byte; bold, italic and bold italic one-byte"
    );
    let read = folded(&structure_text(&bytes));
    assert!(read.contains(&many), "the letters are not read back");
    let rendered = Rendered {
        name: "An Giang 2020 report with 270 letters".into(),
        briefing,
        bytes,
    };
    let failed = broken(&[&rendered], false);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
