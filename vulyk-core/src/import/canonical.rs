//! The fast path of [`super::parse_line`]: JSON text → its compact, key-order-preserving form,
//! written straight from the tokens without building a value tree (about a third less work
//! per line than parse + serialise).
//!
//! The one case it does not reproduce is an object with a repeated key, where the original
//! (a Python dict) keeps the last value at the first key's place; it reports such input as
//! `Ok(None)` and the caller takes the slow path.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Objects with more keys than this are left to the slow path rather than checked pairwise.
const MAX_CHECKED_KEYS: usize = 64;

/// The compact form of the JSON object in `line`, `Ok(None)` if it repeats a key.
pub(super) fn compact_object(line: &[u8]) -> Result<Option<Vec<u8>>, serde_json::Error> {
    let mut out = Vec::with_capacity(line.len());
    let mut repeated_key = false;
    let mut de = serde_json::Deserializer::from_slice(line);
    Compact {
        out: &mut out,
        repeated_key: &mut repeated_key,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((!repeated_key).then_some(out))
}

/// Why an integer above `i64::MAX` is refused: MongoDB (and so the original) stores integers in
/// 64 signed bits, and turning it into a float would change the task's id.
pub(super) fn beyond_stored_range(v: u64) -> String {
    format!("the integer {v} is above the largest a store keeps (9223372036854775807)")
}

struct Compact<'a> {
    out: &'a mut Vec<u8>,
    repeated_key: &'a mut bool,
}

impl Compact<'_> {
    fn reborrow(&mut self) -> Compact<'_> {
        Compact {
            out: self.out,
            repeated_key: self.repeated_key,
        }
    }

    fn write<T: serde::Serialize + ?Sized, E: serde::de::Error>(
        &mut self,
        value: &T,
    ) -> Result<(), E> {
        crate::json_text::write(self.out, value).map_err(E::custom)
    }
}

impl<'de> DeserializeSeed<'de> for Compact<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Compact<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn visit_i64<E: serde::de::Error>(mut self, v: i64) -> Result<(), E> {
        self.write(&v)
    }

    fn visit_u64<E: serde::de::Error>(mut self, v: u64) -> Result<(), E> {
        if i64::try_from(v).is_err() {
            return Err(E::custom(beyond_stored_range(v)));
        }
        self.write(&v)
    }

    fn visit_f64<E: serde::de::Error>(mut self, v: f64) -> Result<(), E> {
        self.write(&v)
    }

    fn visit_str<E: serde::de::Error>(mut self, v: &str) -> Result<(), E> {
        self.write(v)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.out.push(b'[');
        let mut first = true;
        loop {
            let before = self.out.len();
            if !first {
                self.out.push(b',');
            }
            if seq.next_element_seed(self.reborrow())?.is_none() {
                self.out.truncate(before);
                break;
            }
            first = false;
        }
        self.out.push(b']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.out.push(b'{');
        let mut keys: Vec<(usize, usize)> = Vec::new();
        loop {
            let before = self.out.len();
            if !keys.is_empty() {
                self.out.push(b',');
            }
            let start = self.out.len();
            if map.next_key_seed(self.reborrow())?.is_none() {
                self.out.truncate(before);
                break;
            }
            let end = self.out.len();
            let key = &self.out[start..end];
            if keys.len() >= MAX_CHECKED_KEYS || keys.iter().any(|&(s, e)| &self.out[s..e] == key) {
                *self.repeated_key = true;
            }
            keys.push((start, end));
            self.out.push(b':');
            map.next_value_seed(self.reborrow())?;
        }
        self.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(text: &str) -> Option<String> {
        compact_object(text.as_bytes())
            .unwrap()
            .map(|bytes| String::from_utf8(bytes).unwrap())
    }

    /// The fast path must give exactly the bytes of parse + serialise.
    #[test]
    fn agrees_with_the_value_round_trip() {
        for text in [
            r#"{"b": 1, "a": [1.0, 2.5e3, -0.0, 1e16, 9223372036854775807, 12345678901234567890123, -5, "Кіт"]}"#,
            r#"{ "x" : "\u041a\n\"\\/\u0001", "nested": {"z": [], "y": {}, "w": [[null, true, false]]}}"#,
            r#"{"f": 0.1, "g": 1.7976931348623157e308, "h": 5e-324, "i": 1E2}"#,
            "{}",
        ] {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let slow = crate::json_text::to_string(&value).unwrap();
            assert_eq!(compact(text), Some(slow), "{text}");
        }
    }

    #[test]
    fn a_repeated_key_is_left_to_the_slow_path() {
        assert_eq!(compact(r#"{"a": 1, "b": {"a": 2}, "a": 3}"#), None);
        assert_eq!(compact(r#"{"a": 1, "b": {"c": 2, "c": 3}}"#), None);
        assert!(compact(r#"{"a": {"a": {"a": 1}}}"#).is_some());
    }

    #[test]
    fn syntax_errors_are_reported() {
        assert!(compact_object(br#"{"a": 1,, }"#).is_err());
        assert!(compact_object(br#"{"a": 1} trailing"#).is_err());
        assert!(compact_object(b"{\"a\": \"\xff\"}").is_err());
    }
}
