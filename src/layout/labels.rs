//! Where a line chart prints a point's value. Printed always above, a label is struck through
//! by a line that reaches its point from above ("83,25" at the end of a fall) or leaves it
//! upwards ("84,35" at the start of a rise). So each label goes on the side away from the lines
//! that meet its point: above a peak, below a trough and below the end of a fall; where the
//! line passes through (one neighbour higher, one lower), on the side with more room; beside
//! the point, diagonally, when a steep line leaves no room straight above or below; higher
//! above a trough that sits too near the base line for a label below it. Pure
//! geometry, so a test can check that no line crosses a label.

/// A rectangle on the page, in points from the top-left corner (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) left: f32,
    pub(super) top: f32,
    pub(super) right: f32,
    pub(super) bottom: f32,
}

/// A straight line from one point to another.
pub(super) type Segment = ((f32, f32), (f32, f32));

/// Height of the label's figures above its baseline, and of the comma below it, as shares of
/// the type size (Liberation Serif's digits and comma).
pub(super) const ASCENT: f32 = 0.72;
pub(super) const DESCENT: f32 = 0.2;
/// Room kept between a label and any line.
const CLEARANCE: f32 = 1.0;

/// The box of a label `width` wide at type size `size` for the point at `point`, whose mark
/// reaches `reach` from its centre: straight above or below it, or else beside it, where the
/// `lines` leave the most room, or higher above it; inside `area`. The text's baseline is `bottom - DESCENT * size`.
pub(super) fn place(
    point: (f32, f32),
    (width, size): (f32, f32),
    reach: f32,
    lines: &[Segment],
    area: Rect,
) -> Rect {
    let (x, y) = point;
    let height = (ASCENT + DESCENT) * size;
    let gap = reach + 2.0;
    let side = reach + 1.5;
    let at = |left: f32, top: f32| Rect {
        left,
        top,
        right: left + width,
        bottom: top + height,
    };
    let centred = [
        at(x - width / 2.0, y - gap - height),
        at(x - width / 2.0, y + gap),
    ];
    let beside = [
        at(x + side, y - side - height),
        at(x - side - width, y - side - height),
        at(x + side, y + side),
        at(x - side - width, y + side),
    ];
    let room = |r: &Rect| {
        lines
            .iter()
            .map(|s| distance(r, *s))
            .fold(f32::MAX, f32::min)
    };
    // The roomiest of `boxes` that fits in the area, the first of equals.
    let best = |boxes: &[Rect]| {
        boxes
            .iter()
            .filter(|r| inside(r, &area))
            .map(|r| (room(r), *r))
            .fold(None, |best: Option<(f32, Rect)>, (c, r)| match best {
                Some((b, _)) if b >= c => best,
                _ => Some((c, r)),
            })
    };
    // Higher above the point, where the lines of a trough too near the base line for a
    // label below have spread apart.
    let raised = [1.0, 2.0, 3.0].map(|k| at(x - width / 2.0, y - gap - height * (1.0 + k)));
    let choices = [best(&centred), best(&beside), best(&raised)];
    choices
        .iter()
        .flatten()
        .find(|(c, _)| *c >= CLEARANCE)
        .or_else(|| {
            choices
                .iter()
                .flatten()
                .fold(None, |best: Option<&(f32, Rect)>, next| match best {
                    Some(b) if b.0 >= next.0 => best,
                    _ => Some(next),
                })
        })
        .map_or(centred[0], |&(_, r)| r)
}

fn inside(r: &Rect, area: &Rect) -> bool {
    r.left >= area.left && r.right <= area.right && r.top >= area.top && r.bottom <= area.bottom
}

/// The shortest distance between a rectangle and a segment; 0 when the segment touches it.
pub(super) fn distance(r: &Rect, segment: Segment) -> f32 {
    if crosses(r, segment) {
        return 0.0;
    }
    let (a, b) = segment;
    let corners = [
        (r.left, r.top),
        (r.right, r.top),
        (r.left, r.bottom),
        (r.right, r.bottom),
    ];
    // Apart, a segment and a rectangle are nearest at an end of one or a corner of the other.
    corners
        .iter()
        .map(|&c| to_segment(c, segment))
        .chain([to_rect(a, r), to_rect(b, r)])
        .fold(f32::MAX, f32::min)
}

/// Whether the segment passes through the rectangle (Liang–Barsky clipping).
fn crosses(r: &Rect, ((x1, y1), (x2, y2)): Segment) -> bool {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let (mut from, mut to) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-dx, x1 - r.left),
        (dx, r.right - x1),
        (-dy, y1 - r.top),
        (dy, r.bottom - y1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            from = from.max(q / p);
        } else {
            to = to.min(q / p);
        }
        if from > to {
            return false;
        }
    }
    true
}

fn to_segment((px, py): (f32, f32), ((x1, y1), (x2, y2)): Segment) -> f32 {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((px - x1) * dx + (py - y1) * dy) / length).clamp(0.0, 1.0)
    };
    (px - (x1 + t * dx)).hypot(py - (y1 + t * dy))
}

fn to_rect((px, py): (f32, f32), r: &Rect) -> f32 {
    let dx = (r.left - px).max(0.0).max(px - r.right);
    let dy = (r.top - py).max(0.0).max(py - r.bottom);
    dx.hypot(dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect {
        left: 0.0,
        top: 0.0,
        right: 300.0,
        bottom: 300.0,
    };
    const POINT: (f32, f32) = (150.0, 150.0);
    const LABEL: (f32, f32) = (18.0, 8.0);

    /// The label of a point whose neighbours, 30 points to either side, stand `left` and
    /// `right` points higher (negative: lower) on the page; `None` where there is none.
    fn label(left: Option<f32>, right: Option<f32>) -> (Rect, Vec<Segment>) {
        let (x, y) = POINT;
        let lines: Vec<Segment> = [
            left.map(|d| (x - 30.0, y - d)),
            right.map(|d| (x + 30.0, y - d)),
        ]
        .into_iter()
        .flatten()
        .map(|n| (n, POINT))
        .collect();
        (place(POINT, LABEL, 1.8, &lines, AREA), lines)
    }

    fn assert_clear(r: &Rect, lines: &[Segment]) {
        for &s in lines {
            assert!(distance(r, s) >= CLEARANCE, "{r:?} touches {s:?}");
        }
    }

    #[test]
    fn a_label_keeps_clear_of_the_lines_that_meet_its_point() {
        let above = |r: &Rect| r.bottom < POINT.1;
        for (left, right, expect_above, what) in [
            (Some(40.0), Some(-40.0), None, "falling through"),
            (Some(-40.0), Some(40.0), None, "rising through"),
            (Some(-40.0), Some(-40.0), Some(true), "a peak"),
            (Some(40.0), Some(40.0), Some(false), "a trough"),
            (Some(40.0), None, Some(false), "the end of a fall"),
            (None, Some(40.0), Some(false), "the start of a rise"),
            (Some(-40.0), None, Some(true), "the end of a rise"),
            (Some(0.0), Some(0.0), Some(true), "a level line"),
            (None, None, Some(true), "a lone point"),
            (Some(90.0), Some(-90.0), None, "a steep fall"),
        ] {
            let (r, lines) = label(left, right);
            assert_clear(&r, &lines);
            if let Some(up) = expect_above {
                assert_eq!(above(&r), up, "{what}: {r:?}");
            }
        }
    }

    #[test]
    fn a_label_stays_inside_the_plot() {
        // A trough just above the base line: no room below, so beside or above it.
        let area = Rect {
            bottom: POINT.1 + 4.0,
            ..AREA
        };
        let lines = [((120.0, 110.0), POINT), (POINT, (180.0, 110.0))];
        let r = place(POINT, LABEL, 1.8, &lines, area);
        assert!(r.bottom <= area.bottom, "{r:?}");
        assert_clear(&r, &lines);
    }

    #[test]
    fn distance_is_zero_for_a_crossing_line_and_exact_for_a_clear_one() {
        let r = Rect {
            left: 0.0,
            top: 0.0,
            right: 10.0,
            bottom: 10.0,
        };
        assert_eq!(distance(&r, ((-5.0, 5.0), (15.0, 5.0))), 0.0);
        assert_eq!(distance(&r, ((2.0, 2.0), (3.0, 3.0))), 0.0);
        assert!((distance(&r, ((0.0, 13.0), (10.0, 13.0))) - 3.0).abs() < 1e-4);
        assert!((distance(&r, ((13.0, 14.0), (20.0, 20.0))) - 5.0).abs() < 1e-4);
    }
}
