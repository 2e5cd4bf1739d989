//! The pieces of text a template must define, one per `{% block %}`, as a typed struct: a
//! misspelt piece in the code does not compile, and the block names asked of the template
//! come from the same list. The overview's template has pieces of its own
//! (`overview::OverviewPieces`, made by the same macro) and shares the form's with the
//! briefing's.

/// Defines a struct of pieces and its list of block names from one list of fields.
macro_rules! pieces {
    ($(#[doc = $sdoc:literal])* $struct:ident; $($(#[doc = $doc:literal])* $name:ident,)*) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $struct {
            $($(#[doc = $doc])* pub $name: String,)*
        }

        impl $struct {
            /// The template blocks, in field order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// Takes the rendered blocks in the order of `NAMES`.
            pub fn from_rendered(texts: Vec<String>) -> $struct {
                let mut texts = texts.into_iter().map(|t| t.trim().to_string());
                $struct {
                    $($name: texts.next().unwrap_or_default(),)*
                }
            }

            /// Takes the rendered blocks `names` (in the order of `texts`); a field not named
            /// stays empty.
            #[allow(dead_code)]
            pub fn from_named(names: &[&str], texts: Vec<String>) -> $struct {
                let mut pieces = $struct::default();
                for (name, text) in names.iter().zip(texts) {
                    match *name {
                        $(stringify!($name) => pieces.$name = text.trim().to_string(),)*
                        _ => {}
                    }
                }
                pieces
            }
        }
    };
}
pub(super) use pieces;

pieces! {
    /// The rendered text of every block of a briefing template, trimmed.
    Pieces;
    /// The PDF title.
    meta_title,
    /// The PDF subject.
    meta_subject,
    /// The PDF keywords, comma-separated.
    meta_keywords,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    national_title,
    /// "Độc lập - Tự do - Hạnh phúc".
    motto,
    /// "Số: …/BC-SNV".
    number_line,
    /// "An Giang, ngày … tháng … năm …".
    place_date,
    /// "BÁO CÁO".
    document_type,
    /// The summary line (trích yếu).
    document_summary,
    /// "Kính gửi:".
    addressee_label,
    /// "Phụ lục": an appendix's label (the whole document in the appendix form; the sources'
    /// appendix in a report).
    appendix_label,
    /// The appendix's title, in capitals.
    appendix_title,
    /// "(Kèm theo Công văn số …)".
    appendix_reference,
    /// The opening: the announcement and, for a province a later reorganisation merged, what
    /// it became and whose figures these are; a report's "… báo cáo … như sau:" ends it.
    intro,
    /// Section 1's heading.
    heading_par,
    /// Section 1's text.
    par_text,
    /// Section 2's heading.
    heading_sipas,
    /// Section 2's text.
    sipas_text,
    /// Section 3's heading.
    heading_table,
    /// The table's column headings, separated by `|`.
    table_head,
    /// The PAR row: label, result, change, national rank, regional rank, separated by `|`.
    row_par,
    /// The SIPAS row, likewise.
    row_sipas,
    /// The notes under the table (one paragraph per line).
    table_note,
    /// The PAR chart's caption.
    chart_caption_par,
    /// The SIPAS chart's caption.
    chart_caption_sipas,
    /// What the PAR chart leaves out, if anything.
    chart_note_par,
    /// What the SIPAS chart leaves out, if anything.
    chart_note_sipas,
    /// The history section's heading.
    heading_history,
    /// The history's text, before its table: what the unit was formed from.
    history_text,
    /// The history table's column headings, separated by `|`.
    history_head,
    /// The history table's rows, one a line, cells separated by `|`.
    history_rows,
    /// The note under the history table: its dashes and marks.
    history_table_note,
    /// The PAR line chart's caption.
    history_caption_par,
    /// The SIPAS line chart's caption.
    history_caption_sipas,
    /// The note under the line charts.
    history_note,
    /// The legend label of the national average.
    history_average,
    /// The legend label of each series, one a line, in the order of `history.series`.
    history_labels,
    /// The context section's heading.
    heading_context,
    /// The national results section's text.
    context_text,
    /// Section 5's heading.
    heading_directions,
    /// The sentence before the directions.
    directions_intro,
    /// The sources' heading.
    heading_sources,
    /// In a report, the title of the appendix that lists the sources ("NGUỒN SỐ LIỆU").
    sources_appendix_title,
    /// In a report, that appendix's reference to the report ("(Kèm theo Báo cáo số …)").
    sources_appendix_reference,
    /// The sentence before the sources.
    sources_intro,
    /// The sources as cited, one line each, in the order of `sources`.
    sources_list,
    /// The last paragraph of a report, ending with "./.".
    closing_text,
    /// "Nơi nhận:".
    recipients_label,
    /// "Như trên" (the addressees, first of the recipients).
    as_above,
    /// "Lưu: VT, CCHC.".
    archive_line,
}
