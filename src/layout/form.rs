//! The page and type of the document, in one place: Decree 30/2020/NĐ-CP, Appendix I sets the
//! page (A4, margins 20/15/20/30 mm), the sizes of every part of the form and the body's
//! spacing; the rest (chart and table type) is ours, chosen to sit with it.

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Top margin.
    pub top: f32,
    /// Right margin.
    pub right: f32,
    /// Bottom margin.
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
}

impl Geometry {
    /// A4 portrait with the Decree 30 margins (App. I, I.3).
    pub const A4: Geometry = Geometry {
        width: 210.0 * MM,
        height: 297.0 * MM,
        top: 20.0 * MM,
        right: 15.0 * MM,
        bottom: 20.0 * MM,
        left: 30.0 * MM,
    };

    /// The width between the margins.
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    /// The height between the margins.
    pub fn text_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

/// Type sizes and spacing of the body. Leading 1.15 em is "single" line spacing for
/// Times New Roman metrics (ascent + descent + line gap), the minimum Decree 30 allows.
#[derive(Debug, Clone, Copy)]
pub struct Typography {
    /// Body size (13 pt; App. I, II.6.e: 13–14).
    pub body: f32,
    /// Body line spacing.
    pub leading: f32,
    /// Space between paragraphs (at least 6 pt).
    pub paragraph_gap: f32,
    /// First-line indent (1,27 cm).
    pub indent: f32,
    /// Notes and sources.
    pub small: f32,
    /// The document type ("BÁO CÁO"; 13–14).
    pub title: f32,
}

impl Typography {
    /// The document's type.
    pub const DEFAULT: Typography = Typography {
        body: 13.0,
        leading: 13.0 * 1.15,
        paragraph_gap: 6.0,
        indent: 12.7 * MM,
        small: 9.5,
        title: 14.0,
    };
}

/// The sizes of the form's parts (Decree 30, App. I, II), and of our charts.
pub mod sizes {
    use super::MM;

    /// Agency names and the national title (12–13 pt).
    pub const AGENCY: f32 = 12.0;
    /// The motto, the number line and the place-and-date line (13 pt).
    pub const MOTTO: f32 = 13.0;
    /// "Nơi nhận:" (12 pt bold italic), and its line spacing.
    pub const RECIPIENTS_LABEL: f32 = 12.0;
    /// Line spacing of "Nơi nhận:".
    pub const RECIPIENTS_LABEL_LEADING: f32 = 14.0;
    /// The recipient list (11 pt).
    pub const RECIPIENTS: f32 = 11.0;
    /// Line spacing of the recipient list.
    pub const RECIPIENTS_LEADING: f32 = 12.5;
    /// The signer's authority and name (13–14 pt).
    pub const SIGNER: f32 = 13.0;
    /// Room left for the digital signature and seal images, which are never drawn here.
    pub const SIGNATURE_ROOM: f32 = 30.0 * MM;
    /// Chart captions.
    pub const CHART_CAPTION: f32 = 11.0;
    /// Chart labels and values.
    pub const CHART_LABEL: f32 = 10.0;
    /// Chart axis numbers.
    pub const CHART_AXIS: f32 = 9.0;
    /// The column kept right of the bars for their values.
    pub const CHART_VALUE_COLUMN: f32 = 34.0;
}
