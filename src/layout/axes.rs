//! The two axes the layout works in, along the layers and across them, turned into x and y for
//! a direction; and where a routed edge is across the layers, which counting crossings reads.

use super::{Direction, Point, Rect, Size};

/// Turns the main/cross coordinates the algorithm works in into x/y for a direction.
#[derive(Clone, Copy)]
pub(super) struct Axes(pub(super) Direction);

impl Axes {
    pub(super) fn main(self, s: Size) -> f32 {
        match self.0 {
            Direction::LeftToRight => s.w,
            Direction::TopToBottom => s.h,
        }
    }

    pub(super) fn cross(self, s: Size) -> f32 {
        match self.0 {
            Direction::LeftToRight => s.h,
            Direction::TopToBottom => s.w,
        }
    }

    pub(super) fn along(self, p: Point) -> f32 {
        match self.0 {
            Direction::LeftToRight => p.x,
            Direction::TopToBottom => p.y,
        }
    }

    pub(super) fn across(self, p: Point) -> f32 {
        match self.0 {
            Direction::LeftToRight => p.y,
            Direction::TopToBottom => p.x,
        }
    }

    pub(super) fn main_min(self, r: &Rect) -> f32 {
        self.along(r.min)
    }

    pub(super) fn main_max(self, r: &Rect) -> f32 {
        self.along(r.max)
    }

    pub(super) fn point(self, main: f32, cross: f32) -> Point {
        match self.0 {
            Direction::LeftToRight => Point { x: main, y: cross },
            Direction::TopToBottom => Point { x: cross, y: main },
        }
    }

    pub(super) fn rect(self, main: f32, cross: f32, s: Size) -> Rect {
        let corner = self.point(main, cross);
        Rect {
            min: corner,
            max: Point {
                x: corner.x + s.w,
                y: corner.y + s.h,
            },
        }
    }

    pub(super) fn band(self, m0: f32, m1: f32, cross_end: f32) -> Rect {
        Rect {
            min: self.point(m0, 0.0),
            max: self.point(m1, cross_end),
        }
    }
}

/// Where a route is across the main axis at `main`, which must not lie before the point the
/// cursor is on; the cursor moves along so that a walk down the gaps stays linear.
pub(super) fn cross_at(route: &[Point], axes: Axes, main: f32, cursor: &mut usize) -> f32 {
    while *cursor + 1 < route.len() && axes.along(route[*cursor + 1]) < main {
        *cursor += 1;
    }
    let p0 = route[*cursor];
    let Some(&p1) = route.get(*cursor + 1) else {
        return axes.across(p0);
    };
    let (a0, a1) = (axes.along(p0), axes.along(p1));
    // Exact ends, not interpolated ones, so edges that share a point tie instead of crossing.
    if main <= a0 {
        axes.across(p0)
    } else if main >= a1 {
        axes.across(p1)
    } else {
        let (c0, c1) = (axes.across(p0), axes.across(p1));
        c0 + (c1 - c0) * ((main - a0) / (a1 - a0))
    }
}
