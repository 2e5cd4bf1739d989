//! Drawing the distribution of one index's scores (the overview's charts): a score axis, one
//! square mark per province stacked where marks would overlap, and the national average as a
//! black line across the marks with its value above it. The caption and the chart are one
//! figure, whose alternative text names every province and its score, and the average.

use super::compose::{Composer, plain};
use super::form::sizes;
use super::{Align, Element, Item, Style, retag};
use crate::briefing::Distribution;
use crate::structure::{Role, Tag};

/// Side of a mark, and the room between two marks.
const MARK: f32 = 5.0;
const GAP: f32 = 1.0;
/// The tallest stack of marks: a crowded chart gets thinner marks rather than a taller plot.
const MAX_STACK: f32 = 150.0;
/// The plot is at least this many marks tall, so a few scores do not make a sliver of a chart.
const MIN_LEVELS: usize = 4;
/// Room above the marks for the average's label.
const LABEL_ROOM: f32 = 14.0;
/// Room under the axis for its labels.
const AXIS_ROOM: f32 = 16.0;
const MARK_GRAY: f32 = 0.35;

impl Composer<'_> {
    /// The chart of `chart`: caption, marks, average line, axis, note.
    pub(super) fn distribution(&self, chart: &Distribution) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let mut out = vec![super::chart::figure_lead()];
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
        let axis = Axis {
            left: x + 12.0,
            span: width - 24.0,
            from: chart.from as f32,
            to: chart.to as f32,
        };
        let (mut items, axis_y) = self.marks(chart, &axis);
        items.extend(self.score_axis(chart, &axis, axis_y));
        out.push(Element {
            height: axis_y + AXIS_ROOM,
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
        out.push(super::Element::gap(4.0));
        out
    }

    /// The marks, stacked, and the average's line and label; returns them and the axis's y.
    fn marks(&self, chart: &Distribution, axis: &Axis) -> (Vec<Item>, f32) {
        let xs: Vec<f32> = chart
            .marks
            .iter()
            .map(|m| axis.x(m.value.hundredths() as f32 / 100.0))
            .collect();
        let levels = stack(&xs);
        let tallest = levels
            .iter()
            .copied()
            .max()
            .map_or(0, |l| l + 1)
            .max(MIN_LEVELS) as f32;
        let pitch = (MAX_STACK / tallest.max(1.0)).min(MARK + GAP);
        let axis_y = LABEL_ROOM + tallest * pitch + 2.0;
        let mut items: Vec<Item> = xs
            .iter()
            .zip(&levels)
            .map(|(&cx, &level)| Item::Rect {
                x: cx - MARK / 2.0,
                y: axis_y - 1.0 - (level as f32 + 1.0) * pitch,
                width: MARK,
                height: (pitch - GAP * pitch / (MARK + GAP)).max(0.3),
                gray: MARK_GRAY,
                tag: Tag::LAYOUT,
            })
            .collect();
        if let Some((value, label)) = &chart.average {
            let ax = axis.x(value.hundredths() as f32 / 100.0);
            items.push(Item::Line {
                x1: ax,
                y1: LABEL_ROOM - 2.0,
                x2: ax,
                y2: axis_y,
                width: 1.2,
                gray: 0.0,
                tag: Tag::LAYOUT,
            });
            let size = sizes::CHART_LABEL;
            let w = self.measure.width(label, Style::Bold, size);
            let lx = (ax - w / 2.0)
                .max(self.geometry.left)
                .min(self.geometry.left + self.geometry.text_width() - w);
            items.push(Item::Text {
                x: lx,
                y: LABEL_ROOM - 5.0,
                style: Style::Bold,
                size,
                text: label.clone(),
                word_spacing: 0.0,
                tag: Tag::LAYOUT,
            });
        }
        (items, axis_y)
    }

    /// The score axis at `y`, a tick and a label every `step` points.
    fn score_axis(&self, chart: &Distribution, axis: &Axis, y: f32) -> Vec<Item> {
        let rule = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
            gray: 0.0,
            tag: Tag::LAYOUT,
        };
        let mut items = vec![rule(axis.left, y, axis.left + axis.span, y)];
        let mut tick = chart.from;
        while tick <= chart.to {
            let tx = axis.x(tick as f32);
            items.push(rule(tx, y, tx, y + 3.0));
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

/// How scores map to x.
struct Axis {
    left: f32,
    span: f32,
    from: f32,
    to: f32,
}

impl Axis {
    fn x(&self, points: f32) -> f32 {
        let share = ((points - self.from) / (self.to - self.from).max(1.0)).clamp(0.0, 1.0);
        self.left + share * self.span
    }
}

/// The level of each mark at `xs` (0 on the axis): from left to right, each goes to the lowest
/// level whose last mark it does not touch.
fn stack(xs: &[f32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
    let mut last: Vec<f32> = Vec::new();
    let mut levels = vec![0; xs.len()];
    for i in order {
        let level = last
            .iter()
            .position(|&l| xs[i] - l >= MARK + GAP)
            .unwrap_or(last.len());
        if level == last.len() {
            last.push(xs[i]);
        } else {
            last[level] = xs[i];
        }
        levels[i] = level;
    }
    levels
}

/// What a reader hears instead of the chart: the caption, every province's score as drawn,
/// best first, and the average's label.
fn alt(chart: &Distribution) -> String {
    let marks: Vec<String> = chart
        .marks
        .iter()
        .map(|m| format!("{} {}", m.label, m.value_text))
        .collect();
    let average = chart
        .average
        .as_ref()
        .map(|(_, label)| format!(" {label}."))
        .unwrap_or_default();
    format!("{}: {}.{average}", chart.caption, marks.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_that_would_touch_stack_and_the_others_stay_on_the_axis() {
        assert_eq!(stack(&[10.0, 12.0, 30.0, 13.0, 40.0]), [0, 1, 0, 2, 0]);
        // Far enough apart from the mark below: back on the axis.
        assert_eq!(stack(&[10.0, 16.0]), [0, 0]);
    }
}
