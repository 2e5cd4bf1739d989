//! Drawing a horizontal bar chart: the caption, one row per bar (name right-aligned, the bar
//! from the axis start, the value after it), the axis with its ticks, and the note under it.
//! Caption and chart are one figure, whose alternative text names every bar and its value.

use super::compose::{Composer, plain};
use super::form::sizes;
use super::{Align, Element, Item, Style, retag};
use crate::briefing::Chart;
use crate::structure::{Role, Structure, Tag};

/// Height of one bar's row, and of the bar in it.
const ROW: f32 = 12.0;
const BAR_HEIGHT: f32 = 8.5;

/// Where the bars go across the text block, and how points map to x.
struct Scale {
    /// Room for the bars' labels, left of `bar_x`.
    label_width: f32,
    bar_x: f32,
    bar_span: f32,
    from: f32,
    to: f32,
}

impl Scale {
    fn x(&self, points: f32) -> f32 {
        self.bar_x + ((points - self.from) / (self.to - self.from)).clamp(0.0, 1.0) * self.bar_span
    }
}

impl Composer<'_> {
    /// A horizontal bar chart: names right-aligned, bars from the axis start, values after.
    pub(super) fn chart(&self, chart: &Chart) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let label_width = chart
            .bars
            .iter()
            .map(|b| {
                self.measure
                    .width(&b.label, Style::Bold, sizes::CHART_LABEL)
            })
            .fold(0.0, f32::max)
            .min(width * 0.3);
        let bar_x = x + label_width + 6.0;
        let scale = Scale {
            label_width,
            bar_x,
            bar_span: width - label_width - 6.0 - sizes::CHART_VALUE_COLUMN,
            from: chart.from as f32,
            to: chart.to as f32,
        };

        let mut out = vec![figure_lead()];
        let figure = self.figure(alt(chart));
        let (caption, caption_end) = self.centred(
            &chart.caption,
            Style::Bold,
            sizes::CHART_CAPTION,
            figure,
            x,
            width,
            0.0,
        );
        out.push(Element {
            height: caption_end + 2.0,
            items: caption,
            keep_with_next: true,
            is_gap: false,
            repeat: None,
        });
        let (mut items, y) = self.bars(chart, &scale);
        items.extend(self.axis(chart, &scale, y));
        out.push(Element {
            height: y + 16.0,
            items: retag(items, figure),
            keep_with_next: !chart.note.is_empty(),
            is_gap: false,
            repeat: None,
        });
        if !chart.note.is_empty() {
            let spans = plain(&chart.note, Style::Italic, self.top(Role::P));
            out.extend(self.lines(
                &spans,
                self.type_.small,
                self.type_.small * 1.2,
                Align::Center,
                x,
                width,
                0.0,
            ));
        }
        out.push(Element::gap(4.0));
        out
    }

    /// One row per bar; returns the items and the y under the last row.
    fn bars(&self, chart: &Chart, scale: &Scale) -> (Vec<Item>, f32) {
        let size = sizes::CHART_LABEL;
        let mut items = Vec::new();
        let mut y = 0.0;
        for bar in &chart.bars {
            let style = if bar.highlight {
                Style::Bold
            } else {
                Style::Regular
            };
            let baseline = y + BAR_HEIGHT - 1.5;
            // The label column is at most 30 % of the width: a longer name is shortened.
            let label = self.fit(&bar.label, style, size, scale.label_width);
            let label_w = self.measure.width(&label, style, size);
            items.push(Item::Text {
                x: scale.bar_x - 6.0 - label_w,
                y: baseline,
                style,
                size,
                text: label,
                word_spacing: 0.0,
                tag: Tag::LAYOUT,
            });
            let end = scale.x(bar.value.hundredths() as f32 / 100.0);
            items.push(Item::Rect {
                x: scale.bar_x,
                y,
                width: (end - scale.bar_x).max(0.5),
                height: BAR_HEIGHT,
                gray: if bar.highlight { 0.25 } else { 0.72 },
                tag: Tag::LAYOUT,
            });
            items.push(Item::Text {
                x: end + 3.0,
                y: baseline,
                style,
                size,
                text: bar.value_text.clone(),
                word_spacing: 0.0,
                tag: Tag::LAYOUT,
            });
            y += ROW;
        }
        (items, y)
    }

    /// The axis at `y`, with a tick and a label every `step` points.
    fn axis(&self, chart: &Chart, scale: &Scale, y: f32) -> Vec<Item> {
        let mut items = vec![Item::Line {
            x1: scale.bar_x,
            y1: y,
            x2: scale.bar_x + scale.bar_span,
            y2: y,
            width: 0.5,
            gray: 0.0,
            tag: Tag::LAYOUT,
        }];
        let mut tick = chart.from;
        while tick <= chart.to {
            let tx = scale.x(tick as f32);
            items.push(Item::Line {
                x1: tx,
                y1: y,
                x2: tx,
                y2: y + 3.0,
                width: 0.5,
                gray: 0.0,
                tag: Tag::LAYOUT,
            });
            let label = tick.to_string();
            let lw = self
                .measure
                .width(&label, Style::Regular, sizes::CHART_AXIS);
            items.push(Item::Text {
                x: tx - lw / 2.0,
                y: y + 12.0,
                style: Style::Regular,
                size: sizes::CHART_AXIS,
                text: label,
                word_spacing: 0.0,
                tag: Tag::LAYOUT,
            });
            tick += chart.step.max(1);
        }
        items
    }
}

impl Composer<'_> {
    /// A new figure under the document, read as `alt`; the tag of what it draws.
    pub(super) fn figure(&self, alt: String) -> Tag {
        let id = self.node(Structure::ROOT, Role::Figure);
        self.structure.borrow_mut().node_mut(id).alt = Some(alt);
        Tag::Node(id)
    }
}

/// What a reader hears instead of the chart: its caption, then every bar's full name and
/// value as drawn, best first ("…: Đồng Tháp 86,77; Long An 86,25; An Giang 84,67."). The
/// axis's ticks are its scale, not values, and are left out.
fn alt(chart: &Chart) -> String {
    let bars: Vec<String> = chart
        .bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.value_text))
        .collect();
    format!(
        "{}: {}.",
        chart.caption.replace('\u{a0}', " "),
        bars.join("; ")
    )
}

/// The space above a figure, so its caption does not run into a note above it; kept with the
/// figure so a page never starts or ends with it alone.
pub(super) fn figure_lead() -> Element {
    Element {
        keep_with_next: true,
        ..Element::gap(6.0)
    }
}
