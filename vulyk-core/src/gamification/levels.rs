//! Levels from points (spec 8.4): a table of thresholds, replaceable in `vulyk.toml`.

use std::collections::BTreeMap;

use super::Amount;
use crate::{Error, Result};

/// Level → the points needed to reach it, ascending in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelTable(Vec<(u32, Amount)>);

impl Default for LevelTable {
    /// The original's table: level 1 at 1 point, level k at (k − 1)·25 points up to 50.
    fn default() -> Self {
        let mut levels = vec![(1, Amount::whole(1))];
        levels.extend((2..=50).map(|k| (k, Amount::whole(i64::from(k - 1) * 25))));
        LevelTable(levels)
    }
}

impl LevelTable {
    /// A table from `level = points` pairs: levels from 1, thresholds rising with the level.
    pub fn new(levels: BTreeMap<u32, Amount>) -> Result<LevelTable> {
        if levels.is_empty() {
            return Err(Error::invalid("levels: the table is empty"));
        }
        let mut previous: Option<(u32, Amount)> = None;
        for (&level, &points) in &levels {
            if level == 0 {
                return Err(Error::invalid(
                    "levels: level 0 is where everyone starts; list levels from 1",
                ));
            }
            if !points.is_positive() {
                return Err(Error::invalid(format!(
                    "levels.{level}: needs more than 0 points"
                )));
            }
            if let Some((below, below_points)) = previous
                && points <= below_points
            {
                return Err(Error::invalid(format!(
                    "levels.{level}: {points} points is not more than level {below}'s {below_points}"
                )));
            }
            previous = Some((level, points));
        }
        Ok(LevelTable(levels.into_iter().collect()))
    }

    /// The highest level whose threshold the points reach; 0 below the first.
    pub fn level(&self, points: Amount) -> u32 {
        self.0
            .iter()
            .take_while(|(_, needed)| *needed <= points)
            .last()
            .map_or(0, |(level, _)| *level)
    }

    pub fn thresholds(&self) -> &[(u32, Amount)] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(points: i64) -> u32 {
        LevelTable::default().level(Amount::whole(points))
    }

    #[test]
    fn default_table_matches_the_original() {
        assert_eq!(level(0), 0);
        assert_eq!(level(1), 1);
        assert_eq!(level(24), 1);
        assert_eq!(level(25), 2);
        assert_eq!(level(49), 2);
        assert_eq!(level(50), 3);
        assert_eq!(level(1224), 49);
        assert_eq!(level(1225), 50);
        assert_eq!(level(1_000_000), 50);
        assert_eq!(
            LevelTable::default().level(Amount::parse("0.5", "x").unwrap()),
            0
        );
    }

    #[test]
    fn a_table_must_rise() {
        let table = |pairs: &[(u32, i64)]| {
            LevelTable::new(pairs.iter().map(|&(l, p)| (l, Amount::whole(p))).collect())
        };
        assert!(table(&[(1, 10), (2, 20)]).is_ok());
        assert!(table(&[]).is_err());
        assert!(table(&[(0, 1)]).is_err());
        let err = table(&[(1, 10), (2, 10)]).unwrap_err().to_string();
        assert!(err.contains("levels.2"), "{err}");
    }
}
