//! Points and coins: exact decimals with at most four places, never floats.
//!
//! Stores keep an amount as a whole number of ten-thousandths (`i64`), which both SQLite and
//! MongoDB's `$inc` add exactly; the wire carries it as a JSON number written from the
//! decimal's own digits.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Serialize, Serializer};

use crate::{Error, Result};

/// Decimal places an amount may have.
pub const AMOUNT_SCALE: u32 = 4;
const UNITS_PER_ONE: i64 = 10_000;

/// An exact amount of points or coins (may be negative: a donation event spends coins).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// The amount of `units` ten-thousandths, as stores keep it.
    pub fn from_units(units: i64) -> Amount {
        Amount(units)
    }

    pub fn units(self) -> i64 {
        self.0
    }

    /// An amount as the original Vulyk stored it: a double of two decimals. `None` for a
    /// value no amount is (not finite).
    pub fn from_original_double(value: f64) -> Option<Amount> {
        value
            .is_finite()
            .then(|| Amount((value * UNITS_PER_ONE as f64).round() as i64))
    }

    /// The double the original Vulyk stores for this amount: rounded half up to two decimals.
    pub fn original_double(self) -> f64 {
        self.decimal()
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .to_f64()
            .unwrap_or_default()
    }

    pub fn whole(n: i64) -> Amount {
        Amount(n.saturating_mul(UNITS_PER_ONE))
    }

    /// `Invalid` for more than four decimal places or a value out of range; `what` names the
    /// field in the message.
    pub fn from_decimal(value: Decimal, what: &str) -> Result<Amount> {
        let normalized = value.normalize();
        if normalized.scale() > AMOUNT_SCALE {
            return Err(Error::invalid(format!(
                "{what}: {value} has more than {AMOUNT_SCALE} decimal places"
            )));
        }
        let out_of_range = || Error::invalid(format!("{what}: {value} is out of range"));
        // Checked: a decimal near its own limit (~7.9e28) overflows when scaled.
        let units = normalized
            .checked_mul(Decimal::from(UNITS_PER_ONE))
            .ok_or_else(out_of_range)?
            .trunc();
        // i64::MIN has no negation: out of range, so that every amount can be spent back.
        match i64::try_from(units) {
            Ok(units) if units != i64::MIN => Ok(Amount(units)),
            _ => Err(out_of_range()),
        }
    }

    /// Parses decimal text (`"2.5"`, `"10"`); the message names `what`.
    pub fn parse(text: &str, what: &str) -> Result<Amount> {
        let value = Decimal::from_str(text.trim())
            .map_err(|_| Error::invalid(format!("{what}: `{text}` is not a decimal number")))?;
        Amount::from_decimal(value, what)
    }

    /// An amount from a JSON number (batch meta). JSON numbers arrive as text that serde_json
    /// reads into an `f64`; its shortest round-trip form gives back the digits written, for
    /// every number of up to 15 significant digits.
    pub fn from_json(value: &serde_json::Value, what: &str) -> Result<Amount> {
        match value {
            serde_json::Value::Number(n) => Amount::parse(&n.to_string(), what),
            other => Err(Error::invalid(format!(
                "{what}: expected a number, found {other}"
            ))),
        }
    }

    pub fn decimal(self) -> Decimal {
        Decimal::new(self.0, AMOUNT_SCALE).normalize()
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    pub fn checked_mul(self, n: u64) -> Option<Amount> {
        i64::try_from(n)
            .ok()
            .and_then(|n| self.0.checked_mul(n))
            .map(Amount)
    }
}

impl std::ops::Neg for Amount {
    type Output = Amount;
    fn neg(self) -> Amount {
        // i64::MIN has no negation; the amount one unit less is the nearest there is.
        Amount(self.0.saturating_neg())
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.decimal(), f)
    }
}

/// A JSON number with the decimal's digits: whole amounts as integers; others through the
/// `f64` whose shortest form is those digits (exact up to 15 significant digits, which is
/// more than 10¹¹ coins at four places).
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        if self.0 % UNITS_PER_ONE == 0 {
            serializer.serialize_i64(self.0 / UNITS_PER_ONE)
        } else {
            let text = self.decimal().to_string();
            serializer.serialize_f64(text.parse().unwrap_or_default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_originals_two_decimal_doubles_round_trip() {
        assert_eq!(
            Amount::from_original_double(2.1),
            Some(Amount::from_units(21_000))
        );
        assert_eq!(
            Amount::from_original_double(0.1 + 0.2),
            Some(Amount::from_units(3_000))
        );
        assert_eq!(Amount::from_original_double(f64::NAN), None);
        assert_eq!(Amount::from_units(1_250).original_double(), 0.13);
        assert_eq!(Amount::from_units(-1_250).original_double(), -0.13);
        assert_eq!(Amount::from_units(21_000).original_double(), 2.1);
    }

    #[test]
    fn parses_and_prints_exactly() {
        for text in ["0", "1", "2.5", "0.1", "0.0001", "-3.25", "123456789.1234"] {
            let amount = Amount::parse(text, "amount").unwrap();
            assert_eq!(amount.to_string(), text);
            let json = serde_json::to_string(&amount).unwrap();
            assert_eq!(json, text, "JSON of {text}");
        }
        assert_eq!(
            Amount::parse("2.50", "x").unwrap(),
            Amount::parse("2.5", "x").unwrap()
        );
    }

    #[test]
    fn refuses_what_it_cannot_keep_exactly() {
        let err = Amount::parse("0.00001", "coins_per_task").unwrap_err();
        assert!(err.to_string().contains("coins_per_task"), "{err}");
        assert!(Amount::parse("1e400", "x").is_err());
        assert!(
            Amount::parse("ten", "amount")
                .unwrap_err()
                .to_string()
                .contains("amount")
        );
        assert!(Amount::parse("99999999999999999999", "x").is_err());
    }

    #[test]
    fn huge_numbers_are_out_of_range_not_a_panic() {
        let huge = [
            "1e25",
            "7.9e24",
            "123456789012345678901234567",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "-922337203685477.5809",
            "-922337203685477.5808",
        ];
        for text in huge {
            let err = Amount::parse(text, "amount").unwrap_err();
            assert!(matches!(err, Error::Invalid(_)), "{text}: {err:?}");
        }
        for json in [
            "1e25",
            "1e300",
            "-1.7976931348623157e308",
            "123456789012345678901234567",
        ] {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let err = Amount::from_json(&value, "amount").unwrap_err();
            assert!(matches!(err, Error::Invalid(_)), "{json}: {err:?}");
        }
        let lowest = Amount::parse("-922337203685477.5807", "x").unwrap();
        assert_eq!(-lowest, Amount::from_units(i64::MAX));
    }

    #[test]
    fn reads_json_numbers_with_their_digits() {
        let meta: serde_json::Value = serde_json::from_str(r#"[0.1, 2.5, 1.0, 3]"#).unwrap();
        let read: Vec<String> = meta
            .as_array()
            .unwrap()
            .iter()
            .map(|v| Amount::from_json(v, "x").unwrap().to_string())
            .collect();
        assert_eq!(read, ["0.1", "2.5", "1", "3"]);
        // Ten tasks of 0.1 coins are exactly one coin.
        let tenth = Amount::parse("0.1", "x").unwrap();
        assert_eq!(tenth.checked_mul(10), Some(Amount::whole(1)));
    }
}
