//! How densely an area's task chips are drawn, so that any number of tasks fits one look.
//!
//! Why: with one chip size, 2,000 tasks are a column of chips a few thousand pixels tall that
//! a class can only see by scrolling. Instead each area (the pending lane, an instance box, a
//! Fargate area) draws its chips at the largest of a few sizes whose rows stay under a height
//! cap, and as a count by state when even the smallest would not. The layout lowers one cap
//! for all areas until the whole drawing fits its box, so an area with few tasks keeps large
//! chips while a full one gets small ones: the density follows how full each area is.

/// Chip sizes, largest first: (side of the chip, distance between chip corners).
pub const LEVELS: [(u32, u32); 5] = [(14, 18), (10, 13), (7, 9), (5, 6), (3, 4)];

/// The height caps the layout tries, loosest first (the first is no cap at all).
pub const CAPS: [u32; 15] = [
    u32::MAX,
    640,
    480,
    360,
    270,
    200,
    150,
    112,
    84,
    64,
    48,
    36,
    27,
    20,
    14,
];

/// The height of an area drawn as counts: a bar with the counts under it.
pub const PACKED_HEIGHT: u32 = 26;

/// How an area draws its chips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    /// The side of a chip and the distance from one chip to the next (0 when packed).
    pub chip: u32,
    pub pitch: u32,
    pub per_row: u32,
    pub rows: u32,
    /// Too many to draw one by one under the cap: drawn as counts by state.
    pub packed: bool,
}

impl Grid {
    /// The grid for `slots` chip places in `width` pixels whose rows stay under `cap` (at
    /// least one row, so an empty area still shows its room).
    pub fn fit(slots: u32, width: u32, cap: u32) -> Grid {
        for (chip, pitch) in LEVELS {
            let per_row = (width / pitch).max(1);
            let rows = slots.div_ceil(per_row).max(1);
            if rows.saturating_mul(pitch) <= cap {
                return Grid {
                    chip,
                    pitch,
                    per_row,
                    rows,
                    packed: false,
                };
            }
        }
        Grid {
            chip: 0,
            pitch: 0,
            per_row: 1,
            rows: 0,
            packed: true,
        }
    }

    /// The height the chips (or the counts) take.
    pub fn height(&self) -> u32 {
        if self.packed {
            PACKED_HEIGHT
        } else {
            self.rows * self.pitch
        }
    }

    /// Where slot `k` is, from the grid's top-left corner.
    pub fn slot(&self, k: u32) -> (u32, u32) {
        let per_row = self.per_row.max(1);
        ((k % per_row) * self.pitch, (k / per_row) * self.pitch)
    }
}

/// Tasks of an area by phase, for an area drawn as counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub starting: u32,
    pub running: u32,
    pub stopping: u32,
}

impl Counts {
    pub fn total(&self) -> u32 {
        self.starting + self.running + self.stopping
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fuller_area_gets_smaller_chips_then_counts() {
        let few = Grid::fit(5, 200, 100);
        assert_eq!((few.chip, few.rows), (14, 1));
        let many = Grid::fit(600, 200, 100);
        assert!(
            many.chip < 14 && !many.packed && many.height() <= 100,
            "{many:?}"
        );
        let too_many = Grid::fit(100_000, 200, 100);
        assert!(too_many.packed);
        assert_eq!(too_many.height(), PACKED_HEIGHT);
        // Nothing divides by zero on a degenerate width.
        let narrow = Grid::fit(10, 0, u32::MAX);
        assert_eq!(narrow.per_row, 1);
        assert_eq!(narrow.slot(3), (0, 3 * narrow.pitch));
    }
}
