//! Drawing a line chart of scores over the years: grid lines and their values on the left,
//! the years below, one line per series (a gap where a year has no figure), each series with
//! its own mark so a black-and-white print still tells them apart, the national average as a
//! thin grey line, and a legend under the chart. Each chart with its caption is one figure,
//! whose alternative text names every value its lines draw.

use super::compose::{Composer, plain};
use super::form::sizes;
use super::labels;
use super::{Align, Element, Item, Style, retag};
use crate::briefing::{LineChart, LineSeries};
use crate::structure::{Role, Tag};

/// Height of the plotting area.
const PLOT_HEIGHT: f32 = 96.0;
/// Room left of the plot for the values of the grid lines.
const AXIS_LABELS: f32 = 24.0;
/// Side of a point's square mark.
const MARK: f32 = 3.6;
/// How each province's series is drawn, the first (the briefed unit) black with filled squares.
const SERIES_STYLES: [(f32, Marker); 4] = [
    (0.0, Marker::Square),
    (0.4, Marker::Cross),
    (0.4, Marker::Triangle),
    (0.4, Marker::Hollow),
];
const AVERAGE_GRAY: f32 = 0.6;

/// The mark on each point of a series.
#[derive(Debug, Clone, Copy)]
enum Marker {
    Square,
    Cross,
    Triangle,
    Hollow,
}

fn style_of(series: usize) -> (f32, Marker) {
    SERIES_STYLES[series % SERIES_STYLES.len()]
}

/// Maps years and scores to the page.
struct Plot {
    left: f32,
    width: f32,
    top: f32,
    years: usize,
    from: f32,
    to: f32,
}

impl Plot {
    fn x(&self, i: usize) -> f32 {
        let step = self.width / self.years.max(1) as f32;
        self.left + step * (i as f32 + 0.5)
    }

    fn y(&self, points: f32) -> f32 {
        let share = ((points - self.from) / (self.to - self.from)).clamp(0.0, 1.0);
        self.top + PLOT_HEIGHT * (1.0 - share)
    }
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32, width: f32, gray: f32) -> Item {
    Item::Line {
        x1,
        y1,
        x2,
        y2,
        width,
        gray,
        tag: Tag::LAYOUT,
    }
}

fn text(x: f32, y: f32, style: Style, size: f32, text: &str) -> Item {
    Item::Text {
        x,
        y,
        style,
        size,
        text: text.to_string(),
        word_spacing: 0.0,
        tag: Tag::LAYOUT,
    }
}

/// Space between charts set side by side.
const GUTTER: f32 = 16.0;

impl Composer<'_> {
    /// Charts side by side across the text width, each with its caption, plot and legend;
    /// the note of the first under them all.
    pub(super) fn line_charts(&self, charts: &[LineChart]) -> Vec<Element> {
        let (x, width) = (self.geometry.left, self.geometry.text_width());
        let count = charts.len().max(1) as f32;
        let each = (width - GUTTER * (count - 1.0)) / count;
        let mut items = Vec::new();
        let mut height: f32 = 0.0;
        for (i, chart) in charts.iter().enumerate() {
            let (chart_items, chart_height) =
                self.line_chart(chart, x + i as f32 * (each + GUTTER), each);
            items.extend(chart_items);
            height = height.max(chart_height);
        }
        let note = charts.first().map(|c| c.note.as_str()).unwrap_or_default();
        let mut out = vec![
            super::chart::figure_lead(),
            Element {
                height: height + 4.0,
                items,
                keep_with_next: !note.is_empty(),
                is_gap: false,
                repeat: None,
            },
        ];
        if !note.is_empty() {
            out.extend(self.lines(
                &plain(note, Style::Italic, self.top(Role::P)),
                self.type_.small,
                self.type_.small * 1.2,
                Align::Center,
                x,
                width,
                0.0,
            ));
        }
        out.push(Element::gap(6.0));
        out
    }

    /// One chart in the column at `x`, `width` wide: the caption, the plot with its axes and
    /// the legend. Returns the items and the height used.
    fn line_chart(&self, chart: &LineChart, x: f32, width: f32) -> (Vec<Item>, f32) {
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
        let plot = Plot {
            left: x + AXIS_LABELS,
            width: width - AXIS_LABELS,
            top: caption_end + 12.0,
            years: chart.years.len(),
            from: chart.from as f32,
            to: chart.to as f32,
        };
        let mut items = self.grid(chart, &plot);
        items.extend(series_items(
            &chart.average,
            &plot,
            (AVERAGE_GRAY, Marker::Square),
            0.7,
            false,
        ));
        for (i, series) in chart.series.iter().enumerate() {
            items.extend(series_items(series, &plot, style_of(i), 1.3, true));
        }
        items.extend(self.value_labels(chart, &plot));
        let legend_top = plot.top + PLOT_HEIGHT + 26.0;
        let (legend, legend_end) =
            self.legend(chart, x + AXIS_LABELS, width - AXIS_LABELS, legend_top);
        items.extend(legend);
        let mut all = caption;
        all.extend(retag(items, figure));
        (all, legend_end)
    }

    /// Grid lines every `step` points with their values, the base line, and the years.
    fn grid(&self, chart: &LineChart, plot: &Plot) -> Vec<Item> {
        let mut items = Vec::new();
        let right = plot.left + plot.width;
        let mut value = chart.from;
        while value <= chart.to {
            let y = plot.y(value as f32);
            let base = value == chart.from;
            items.push(line(
                plot.left,
                y,
                right,
                y,
                if base { 0.6 } else { 0.3 },
                if base { 0.0 } else { 0.8 },
            ));
            let label = value.to_string();
            let w = self
                .measure
                .width(&label, Style::Regular, sizes::CHART_AXIS);
            items.push(text(
                plot.left - 4.0 - w,
                y + 3.0,
                Style::Regular,
                sizes::CHART_AXIS,
                &label,
            ));
            value += chart.step.max(1);
        }
        let below = plot.top + PLOT_HEIGHT;
        for (i, year) in chart.years.iter().enumerate() {
            let label = year.to_string();
            let w = self
                .measure
                .width(&label, Style::Regular, sizes::CHART_AXIS);
            items.push(line(plot.x(i), below, plot.x(i), below + 3.0, 0.5, 0.0));
            items.push(text(
                plot.x(i) - w / 2.0,
                below + 12.0,
                Style::Regular,
                sizes::CHART_AXIS,
                &label,
            ));
        }
        items
    }

    /// The briefed unit's values beside its points, each on the side away from the lines
    /// (of every series, the average's too) that meet its year: see [`labels`].
    fn value_labels(&self, chart: &LineChart, plot: &Plot) -> Vec<Item> {
        let Some(series) = chart.series.first() else {
            return Vec::new();
        };
        let size = sizes::CHART_AXIS - 1.0;
        let all: Vec<Vec<Option<(f32, f32)>>> = chart
            .series
            .iter()
            .chain(std::iter::once(&chart.average))
            .map(|s| points(s, plot))
            .collect();
        // Above the plot there is the room under the caption; below it, the base line.
        let area = labels::Rect {
            left: plot.left,
            top: plot.top - 10.0,
            right: plot.left + plot.width,
            bottom: plot.top + PLOT_HEIGHT - 0.5,
        };
        let own = &all[0];
        own.iter()
            .zip(&series.value_texts)
            .enumerate()
            .filter_map(|(i, (point, label))| {
                let point = (*point)?;
                let lines: Vec<labels::Segment> = all
                    .iter()
                    .flat_map(|p| [i.checked_sub(1).and_then(|j| segment(p, j)), segment(p, i)])
                    .flatten()
                    .collect();
                let width = self.measure.width(label, Style::Regular, size);
                let r = labels::place(point, (width, size), MARK / 2.0, &lines, area);
                let baseline = r.bottom - labels::DESCENT * size;
                Some(text(r.left, baseline, Style::Regular, size, label))
            })
            .collect()
    }

    /// One swatch and label per series, in rows across the text width; returns the items and
    /// the y under the last row.
    fn legend(&self, chart: &LineChart, left: f32, width: f32, top: f32) -> (Vec<Item>, f32) {
        let size = sizes::CHART_AXIS;
        let entries = chart
            .series
            .iter()
            .enumerate()
            // A province with no figure in this chart is drawn nowhere: not in the legend either.
            .filter(|(_, s)| s.values.iter().any(Option::is_some))
            .map(|(i, s)| (s.label.as_str(), style_of(i), 1.3, true))
            // A year of the average without a neighbour is drawn as a lone square: the legend
            // shows that square, so it is not read as a province's figure.
            .chain(std::iter::once((
                chart.average.label.as_str(),
                (AVERAGE_GRAY, Marker::Square),
                0.7,
                has_a_lone_point(&chart.average.values),
            )));
        let mut items = Vec::new();
        let (mut x, mut y) = (left, top);
        for (label, (gray, marker), stroke, marked) in entries {
            let label = self.fit(label, Style::Regular, size, width - 22.0);
            let entry = 22.0 + self.measure.width(&label, Style::Regular, size) + 14.0;
            if x > left && x + entry > left + width {
                x = left;
                y += size * 1.5;
            }
            items.push(line(x, y - 3.0, x + 18.0, y - 3.0, stroke, gray));
            if marked {
                items.extend(mark(x + 9.0, y - 3.0, gray, marker));
            }
            items.push(text(x + 22.0, y, Style::Regular, size, &label));
            x += entry;
        }
        (items, y + 4.0)
    }
}

/// Whether some value of `values` has no value beside it, so it is drawn as a lone mark.
fn has_a_lone_point<T>(values: &[Option<T>]) -> bool {
    (0..values.len()).any(|i| values[i].is_some() && is_alone(values, i))
}

/// Whether no value stands beside `values[i]`: no line reaches it.
fn is_alone<T>(values: &[Option<T>], i: usize) -> bool {
    (i == 0 || values[i - 1].is_none()) && values.get(i + 1).is_none_or(Option::is_none)
}

/// A mark of kind `marker` centred on (x, y).
fn mark(x: f32, y: f32, gray: f32, marker: Marker) -> Vec<Item> {
    let h = MARK / 2.0;
    let stroke = |x1, y1, x2, y2| line(x1, y1, x2, y2, 0.8, gray);
    match marker {
        Marker::Square => vec![Item::Rect {
            x: x - h,
            y: y - h,
            width: MARK,
            height: MARK,
            gray,
            tag: Tag::LAYOUT,
        }],
        Marker::Cross => vec![
            stroke(x - h, y - h, x + h, y + h),
            stroke(x - h, y + h, x + h, y - h),
        ],
        Marker::Triangle => {
            let (top, bottom) = (y - h * 1.2, y + h);
            vec![
                stroke(x - h * 1.2, bottom, x + h * 1.2, bottom),
                stroke(x + h * 1.2, bottom, x, top),
                stroke(x, top, x - h * 1.2, bottom),
            ]
        }
        Marker::Hollow => vec![
            stroke(x - h, y - h, x + h, y - h),
            stroke(x + h, y - h, x + h, y + h),
            stroke(x + h, y + h, x - h, y + h),
            stroke(x - h, y + h, x - h, y - h),
        ],
    }
}

/// Where each year's value of a series is drawn; `None` where it has none.
fn points(series: &LineSeries, plot: &Plot) -> Vec<Option<(f32, f32)>> {
    series
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|v| (plot.x(i), plot.y(v.hundredths() as f32 / 100.0))))
        .collect()
}

/// The segment drawn from year `i` to year `i + 1`, when both have a value.
fn segment(points: &[Option<(f32, f32)>], i: usize) -> Option<labels::Segment> {
    Some((points.get(i).copied()??, points.get(i + 1).copied()??))
}

/// A series' line: a segment between consecutive years that both have a figure, and a mark on
/// every figure when `marked` (otherwise only on a lone one, so it still shows).
fn series_items(
    series: &LineSeries,
    plot: &Plot,
    (gray, marker): (f32, Marker),
    width: f32,
    marked: bool,
) -> Vec<Item> {
    let points = points(series, plot);
    let mut items = Vec::new();
    for pair in points.windows(2) {
        if let [Some((x1, y1)), Some((x2, y2))] = pair {
            items.push(line(*x1, *y1, *x2, *y2, width, gray));
        }
    }
    for (i, point) in points.iter().enumerate() {
        let Some((x, y)) = point else { continue };
        if marked || is_alone(&points, i) {
            items.extend(mark(*x, *y, gray, marker));
        }
    }
    items
}

/// What a reader hears instead of the chart: its caption, then each drawn line — every
/// province with a figure, then the national average — with its value in every year ("–"
/// where the line has a gap, as in the table). The score axis's grid values are its scale, not
/// values, and are left out.
fn alt(chart: &LineChart) -> String {
    let lines: Vec<String> = chart
        .series
        .iter()
        .chain(std::iter::once(&chart.average))
        .filter(|s| s.values.iter().any(Option::is_some))
        .map(|s| {
            let values: Vec<String> = chart
                .years
                .iter()
                .zip(&s.values)
                .enumerate()
                .map(|(i, (year, value))| {
                    let text = s.value_texts.get(i).map_or("", String::as_str);
                    match value {
                        Some(_) if !text.is_empty() => format!("{year} {text}"),
                        _ => format!("{year} –"),
                    }
                })
                .collect();
            format!("{}: {}", s.label, values.join(", "))
        })
        .collect();
    format!(
        "{}: {}.",
        chart.caption.replace('\u{a0}', " "),
        lines.join("; ")
    )
}
