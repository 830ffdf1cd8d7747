//! Gamification (spec 8): points, coins and levels for accepted answers, achievement rules,
//! funds and donations. Plain data and rules here; the services in `service::game*` and the
//! stores' `game` modules do the work.

mod amount;
mod levels;
mod model;
mod rule;
mod rule_json;
mod zone;

pub use amount::{AMOUNT_SCALE, Amount};
pub use levels::LevelTable;
pub use model::{
    Award, AwardOutcome, DonationResult, Event, EventKind, EventTotals, Fund, Logo, LogoChange,
    MAX_LOGO_BYTES, StateOrder, UserState,
};
pub use rule::{MAX_RULE_NAME_CHARS, Progress, Rule, Tally};
pub use rule_json::{parse_rules, rule_from_value, rule_to_value};
pub use zone::{DAY_MS, Transition, Zone, local_day, week_of_day, weekday_of_day};
