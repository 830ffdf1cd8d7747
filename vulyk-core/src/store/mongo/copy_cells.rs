//! A copy's row read column by column as this backend stores values: ms times as dates,
//! 24 hex digits as ObjectIds, JSON text as BSON; a value it cannot hold is an error that
//! names the area, the column and the row.

use mongodb::bson::oid::ObjectId;
use mongodb::bson::{self, Bson};
use serde_json::Value;

use super::support::bson_of;
use crate::store::{Area, Cell, Row};
use crate::{Error, Result};

/// A row's cells by column name, converted as the backend stores them.
pub(super) struct Cells<'a> {
    pub(super) area: &'a Area,
    pub(super) row: &'a Row,
}

impl<'a> Cells<'a> {
    pub(super) fn cell(&self, column: &str) -> Result<&'a Cell> {
        self.area
            .columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.row.get(i))
            .ok_or_else(|| {
                Error::store_msg(format!(
                    "copy: `{}` has no column `{column}`",
                    self.area.name
                ))
            })
    }

    pub(super) fn bad(&self, column: &str, what: &str) -> Error {
        Error::invalid(format!(
            "`{}`.{column}: {what} (in the row {})",
            self.area.name,
            shown(self.row)
        ))
    }

    pub(super) fn opt_text(&self, column: &str) -> Result<Option<&'a str>> {
        match self.cell(column)? {
            Cell::Null => Ok(None),
            Cell::Text(text) => Ok(Some(text)),
            _ => Err(self.bad(column, "not a text")),
        }
    }

    pub(super) fn text(&self, column: &str) -> Result<&'a str> {
        self.opt_text(column)?
            .ok_or_else(|| self.bad(column, "empty"))
    }

    pub(super) fn opt_int(&self, column: &str) -> Result<Option<i64>> {
        match self.cell(column)? {
            Cell::Null => Ok(None),
            Cell::Int(n) => Ok(Some(*n)),
            _ => Err(self.bad(column, "not an integer")),
        }
    }

    pub(super) fn int(&self, column: &str) -> Result<i64> {
        self.opt_int(column)?
            .ok_or_else(|| self.bad(column, "empty"))
    }

    pub(super) fn flag(&self, column: &str) -> Result<bool> {
        Ok(self.int(column)? != 0)
    }

    /// A time kept as Unix milliseconds.
    pub(super) fn time(&self, column: &str) -> Result<bson::DateTime> {
        self.int(column).map(bson::DateTime::from_millis)
    }

    pub(super) fn opt_time(&self, column: &str) -> Result<Bson> {
        Ok(self
            .opt_int(column)?
            .map_or(Bson::Null, |ms| bson::DateTime::from_millis(ms).into()))
    }

    /// A user's or an answer's id: 24 hex digits here, an ObjectId there.
    pub(super) fn oid(&self, column: &str) -> Result<ObjectId> {
        let text = self.text(column)?;
        ObjectId::parse_str(text).map_err(|_| self.bad(column, "not an ObjectId's 24 hex digits"))
    }

    /// JSON kept as text, stored as the BSON it reads as. A key that begins with `$` would
    /// be read back as something else (`{"$oid": …}` as an ObjectId): refused, named.
    pub(super) fn json(&self, column: &str) -> Result<Bson> {
        let value: Value = serde_json::from_str(self.text(column)?)
            .map_err(|e| self.bad(column, &format!("not JSON ({e})")))?;
        if let Some(key) = dollar_key(&value) {
            return Err(self.bad(
                column,
                &format!("its key `{key}` begins with `$`, which MongoDB reads as its own"),
            ));
        }
        bson_of(&value).map_err(|e| self.bad(column, &e.to_string()))
    }

    pub(super) fn nullable_text(&self, column: &str) -> Result<Bson> {
        Ok(self.opt_text(column)?.map_or(Bson::Null, Bson::from))
    }
}

/// The first object key in `value` that begins with `$`.
fn dollar_key(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) => map.iter().find_map(|(key, inner)| {
            if key.starts_with('$') {
                Some(key.as_str())
            } else {
                dollar_key(inner)
            }
        }),
        Value::Array(items) => items.iter().find_map(dollar_key),
        _ => None,
    }
}

fn shown(row: &Row) -> String {
    let cells: Vec<String> = row
        .iter()
        .map(|cell| match cell {
            Cell::Text(text) if text.chars().count() > 40 => {
                format!("{:?}…", text.chars().take(40).collect::<String>())
            }
            Cell::Blob(bytes) => format!("<{} bytes>", bytes.len()),
            other => format!("{other:?}"),
        })
        .collect();
    format!("[{}]", cells.join(", "))
}

/// An id for a row that has none here: the row's time in seconds (as an ObjectId begins)
/// and its number in the source.
pub(super) fn made_id(ms: i64, number: i64) -> ObjectId {
    let mut bytes = [0u8; 12];
    bytes[..4]
        .copy_from_slice(&((ms.div_euclid(1000)).clamp(0, u32::MAX.into()) as u32).to_be_bytes());
    bytes[4..].copy_from_slice(&number.to_be_bytes());
    ObjectId::from_bytes(bytes)
}
