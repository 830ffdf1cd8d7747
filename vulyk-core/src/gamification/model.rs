//! Funds, user states and events (spec 2.8–2.10, 8.8–8.11).

use chrono::{DateTime, Utc};

use super::Amount;
use crate::domain::UserId;
use crate::{Error, Result};

/// The largest fund logo accepted.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// A cause volunteers may give their coins to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    pub id: String,
    pub name: String,
    /// HTML allowed, as in the original.
    pub description: String,
    pub site: Option<String>,
    pub email: Option<String>,
    pub donatable: bool,
    /// Whether a logo is stored (its bytes come from `fund_logo`).
    pub has_logo: bool,
}

impl Fund {
    pub fn validate(&self) -> Result<()> {
        if self.id.is_empty()
            || self.id.chars().count() > 50
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(Error::invalid(format!(
                "id: `{}` must be 1–50 letters, digits, `_` or `-`",
                self.id
            )));
        }
        if self.name.trim().is_empty() {
            return Err(Error::invalid("name: must not be empty"));
        }
        if self.description.trim().is_empty() {
            return Err(Error::invalid("description: must not be empty"));
        }
        if let Some(email) = &self.email {
            let (local, domain) = email.rsplit_once('@').unwrap_or(("", ""));
            if local.is_empty() || domain.is_empty() || email.chars().any(char::is_whitespace) {
                return Err(Error::invalid(format!(
                    "email: `{email}` is not an e-mail address"
                )));
            }
        }
        if let Some(site) = &self.site
            && !(site.starts_with("https://") || site.starts_with("http://"))
        {
            return Err(Error::invalid(format!(
                "site: `{site}` must be an http(s) URL"
            )));
        }
        Ok(())
    }
}

/// A fund's logo: the bytes of a PNG, JPEG or WebP image.
#[derive(Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    /// `image/png`, `image/jpeg` or `image/webp`, from the bytes themselves.
    pub content_type: &'static str,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logo")
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Logo {
    /// Checks the size and the image's signature; `source` names the file in errors.
    pub fn from_bytes(bytes: Vec<u8>, source: &str) -> Result<Logo> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(Error::TooLarge(format!(
                "logo {source}: {} bytes, more than the {MAX_LOGO_BYTES} allowed",
                bytes.len()
            )));
        }
        let content_type = sniff_image(&bytes).ok_or_else(|| {
            Error::invalid(format!("logo {source}: not a PNG, JPEG or WebP image"))
        })?;
        Ok(Logo {
            bytes,
            content_type,
        })
    }

    pub fn content_type_of_stored(name: &str) -> &'static str {
        match name {
            "image/jpeg" => "image/jpeg",
            "image/webp" => "image/webp",
            _ => "image/png",
        }
    }
}

/// The image type by its signature, and only when the file is long enough to be one.
fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG) && bytes.get(12..16) == Some(b"IHDR") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9]) {
        Some("image/jpeg")
    } else if bytes.len() > 16 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// What to do with a fund's logo when the fund is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogoChange {
    Keep,
    Set(Logo),
    Remove,
}

/// A volunteer's standing (spec 2.10). `version` rises with every change, so that an update
/// computed from one reading applies only if nothing changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserState {
    pub user: UserId,
    pub level: u32,
    pub points: Amount,
    pub actual_coins: Amount,
    pub potential_coins: Amount,
    /// Ids of the rules earned, in the order earned.
    pub achievements: Vec<String>,
    pub last_changed: Option<DateTime<Utc>>,
    pub version: u64,
}

impl UserState {
    /// The state of someone with nothing yet.
    pub fn empty(user: UserId) -> UserState {
        UserState {
            user,
            level: 0,
            points: Amount::ZERO,
            actual_coins: Amount::ZERO,
            potential_coins: Amount::ZERO,
            achievements: Vec::new(),
            last_changed: None,
            version: 0,
        }
    }
}

/// Something that changed a volunteer's state: an accepted answer or a donation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub timestamp: DateTime<Utc>,
    pub user: UserId,
    /// The answer that earned it; `None` for a donation.
    pub answer: Option<String>,
    pub points: Amount,
    /// Negative for a donation.
    pub coins: Amount,
    /// Rule ids earned with this event.
    pub achievements: Vec<String>,
    /// The fund a donation went to.
    pub fund: Option<String>,
    /// The level reached, when this event raised it.
    pub level: Option<u32>,
    pub viewed: bool,
}

/// The original's event classes (spec 8.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Donation,
    NoAchievements,
    Level,
    Achievements,
    AchievementsLevel,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Donation => "donation",
            EventKind::NoAchievements => "task",
            EventKind::Level => "level",
            EventKind::Achievements => "achievements",
            EventKind::AchievementsLevel => "achievements_level",
        }
    }
}

impl Event {
    pub fn kind(&self) -> EventKind {
        match (
            self.fund.is_some(),
            self.level.is_some(),
            self.achievements.is_empty(),
        ) {
            (true, _, _) => EventKind::Donation,
            (false, false, true) => EventKind::NoAchievements,
            (false, true, true) => EventKind::Level,
            (false, false, false) => EventKind::Achievements,
            (false, true, false) => EventKind::AchievementsLevel,
        }
    }
}

/// What an accepted answer pays; applied only if the state is still at `expected_version`.
/// Its coins are potential, kept in the volunteer's bucket for `batch` until the batch's
/// coins are made real — or actual at once when they already were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    pub event: Event,
    pub batch: String,
    /// The level after the award (kept as it was when the points reach no new level).
    pub level: u32,
    pub expected_version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwardOutcome {
    Paid,
    /// This answer was paid before; nothing changed.
    AlreadyPaid,
    /// The state changed since it was read; read it again and recompute.
    Stale,
}

/// The five outcomes of a donation (spec 8.9), with the original's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DonationResult {
    Success,
    /// Not a positive amount.
    Stingy,
    /// Not enough actual coins.
    Beggar,
    /// No such fund, or one that takes no donations.
    Liar,
    Error,
}

impl DonationResult {
    pub fn code(self) -> u32 {
        match self {
            DonationResult::Success => 0,
            DonationResult::Stingy => 1,
            DonationResult::Beggar => 2,
            DonationResult::Liar => 3,
            DonationResult::Error => 666,
        }
    }

    /// The original's message for a refused donation.
    pub fn message(self) -> &'static str {
        match self {
            DonationResult::Success => "",
            DonationResult::Stingy => "Wrong amount passed",
            DonationResult::Beggar => "Not enough money on your active account",
            DonationResult::Liar => "Wrong fund ID passed",
            DonationResult::Error => "Something wrong happened",
        }
    }
}

/// What top lists order by (spec 8.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateOrder {
    Points,
    ActualCoins,
    PotentialCoins,
    Level,
}

impl std::str::FromStr for StateOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<StateOrder> {
        match s {
            "points" => Ok(StateOrder::Points),
            "actual_coins" | "coins" => Ok(StateOrder::ActualCoins),
            "potential_coins" => Ok(StateOrder::PotentialCoins),
            "level" => Ok(StateOrder::Level),
            other => Err(Error::invalid(format!(
                "order: `{other}` is not one of points, actual_coins, potential_coins, level"
            ))),
        }
    }
}

/// Sums over events, for everyone or one volunteer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventTotals {
    /// Events paid for answers.
    pub task_events: u64,
    /// Coins earned (the sum of positive coins).
    pub earned: Amount,
    /// Coins given to funds.
    pub donated: Amount,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_recognised_by_their_bytes() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend([0; 20]);
        assert_eq!(
            Logo::from_bytes(png, "a.png").unwrap().content_type,
            "image/png"
        );
        let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xD9];
        assert_eq!(
            Logo::from_bytes(jpeg, "a.jpg").unwrap().content_type,
            "image/jpeg"
        );
        let mut webp = b"RIFF\0\0\0\0WEBPVP8 ".to_vec();
        webp.extend([0; 8]);
        assert_eq!(
            Logo::from_bytes(webp, "a.webp").unwrap().content_type,
            "image/webp"
        );
        let err = Logo::from_bytes(b"GIF89a......".to_vec(), "a.gif").unwrap_err();
        assert!(err.to_string().contains("a.gif"), "{err}");
        let big = Logo::from_bytes(vec![0; MAX_LOGO_BYTES + 1], "big.png").unwrap_err();
        assert!(matches!(big, Error::TooLarge(_)));
    }

    #[test]
    fn event_kinds_follow_the_original() {
        let mut e = Event {
            id: "e".into(),
            timestamp: Utc::now(),
            user: UserId::from_stored("u".into()),
            answer: Some("a".into()),
            points: Amount::whole(1),
            coins: Amount::whole(1),
            achievements: vec![],
            fund: None,
            level: None,
            viewed: false,
        };
        assert_eq!(e.kind(), EventKind::NoAchievements);
        e.level = Some(2);
        assert_eq!(e.kind(), EventKind::Level);
        e.achievements = vec!["r".into()];
        assert_eq!(e.kind(), EventKind::AchievementsLevel);
        e.level = None;
        assert_eq!(e.kind(), EventKind::Achievements);
        e.fund = Some("f".into());
        assert_eq!(e.kind(), EventKind::Donation);
    }

    #[test]
    fn funds_check_their_fields() {
        let fund = Fund {
            id: "red_cross".into(),
            name: "Red Cross".into(),
            description: "Helps".into(),
            site: Some("https://redcross.example".into()),
            email: Some("кошти@redcross.example".into()),
            donatable: true,
            has_logo: false,
        };
        assert!(fund.validate().is_ok());
        let bad = |f: Fund| f.validate().unwrap_err().to_string();
        assert!(
            bad(Fund {
                id: "a b".into(),
                ..fund.clone()
            })
            .starts_with("id:")
        );
        assert!(
            bad(Fund {
                email: Some("nope".into()),
                ..fund.clone()
            })
            .starts_with("email:")
        );
        assert!(
            bad(Fund {
                site: Some("ftp://x".into()),
                ..fund.clone()
            })
            .starts_with("site:")
        );
        assert!(
            bad(Fund {
                name: " ".into(),
                ..fund
            })
            .starts_with("name:")
        );
    }
}
