//! This backend's documents as a copy's rows (the embedded schema's, `store/copy.rs`): the
//! reverse of `copy_documents.rs`, field for field. A row's position in SQLite (`seq`, a
//! delivery's number) is left empty: the target numbers rows in the order they are read,
//! which is the order this backend reads them in itself (`copy.rs` says which).

use mongodb::bson::{Bson, Document};

use super::support::json_of;
use crate::store::{Area, Cell, Row};
use crate::{Error, Result};

/// A document's fields as a row's cells.
struct Fields<'a>(&'a Document);

impl Fields<'_> {
    fn get(&self, path: &str) -> Option<&Bson> {
        let mut parts = path.split('.');
        let mut value = self.0.get(parts.next()?)?;
        for part in parts {
            value = value.as_document()?.get(part)?;
        }
        Some(value)
    }

    fn text(&self, path: &str) -> Cell {
        match self.get(path) {
            Some(Bson::String(text)) => Cell::Text(text.clone()),
            Some(Bson::ObjectId(id)) => Cell::Text(id.to_hex()),
            _ => Cell::Null,
        }
    }

    /// A text where this backend writes `""` for none.
    fn text_or_none(&self, path: &str) -> Cell {
        match self.text(path) {
            Cell::Text(text) if text.is_empty() => Cell::Null,
            cell => cell,
        }
    }

    /// An integer however it was written (int32, int64, or a whole double).
    fn int(&self, path: &str) -> Cell {
        match self.get(path) {
            Some(Bson::Int32(n)) => Cell::Int(i64::from(*n)),
            Some(Bson::Int64(n)) => Cell::Int(*n),
            Some(Bson::Double(x)) if x.fract() == 0.0 => Cell::Int(*x as i64),
            _ => Cell::Null,
        }
    }

    fn int_or(&self, path: &str, default: i64) -> Cell {
        match self.int(path) {
            Cell::Null => Cell::Int(default),
            cell => cell,
        }
    }

    fn flag(&self, path: &str, default: bool) -> Cell {
        Cell::Int(i64::from(
            self.get(path).and_then(Bson::as_bool).unwrap_or(default),
        ))
    }

    /// A date as Unix milliseconds.
    fn time(&self, path: &str) -> Cell {
        match self.get(path) {
            Some(Bson::DateTime(at)) => Cell::Int(at.timestamp_millis()),
            _ => Cell::Null,
        }
    }

    /// A value kept as BSON, as JSON text in the original's format.
    fn json(&self, path: &str) -> Result<Cell> {
        let value = json_of(self.get(path).cloned().unwrap_or(Bson::Null));
        crate::json_text::to_string(&value)
            .map(Cell::Text)
            .map_err(|e| Error::store("writing JSON", e))
    }
}

/// The row of a document that is one row (of the areas kept as whole documents).
pub(super) fn row_of(area: &Area, document: &Document) -> Result<Row> {
    let d = Fields(document);
    let cells = match area.name {
        "groups" => vec![d.text("_id"), d.text("description")],
        "users" => vec![
            d.text("_id"),
            d.text("username"),
            d.text("email"),
            text_or_empty(d.text("name")),
            d.flag("active", true),
            d.flag("admin", false),
            d.text_or_none("password"),
            d.int_or("processed", 0),
            joined(document),
        ],
        "batches" => vec![
            d.text("_id"),
            d.text("taskType"),
            d.int_or("tasksCount", 0),
            d.int_or("tasksProcessed", 0),
            d.flag("closed", false),
            d.flag("loading", false),
            meta(&d)?,
            d.int_or("answersCount", 0),
        ],
        "answers" => vec![
            Cell::Null,
            d.text("_id"),
            d.text("task"),
            d.text("taskType"),
            d.text("createdBy"),
            d.time("createdAt"),
            d.json("result")?,
        ],
        "tasks" => vec![
            Cell::Null,
            d.text("_id"),
            d.text("taskType"),
            d.text("batch"),
            d.int_or("usersCount", 0),
            d.flag("closed", false),
            d.int("loadRun"),
            d.json("task_data")?,
            d.time("closedAt"),
        ],
        "work_sessions" => vec![
            Cell::Null,
            d.text("user"),
            d.text("task"),
            d.text("taskType"),
            d.text("answer"),
            d.time("start_time"),
            d.time("end_time"),
            d.int_or("activity", 0),
        ],
        "answer_counts" => vec![d.text("taskType"), d.text("user"), d.int_or("answers", 0)],
        "web_sessions" => vec![
            d.text("_id"),
            d.text("user"),
            d.time("created"),
            d.time("expires"),
        ],
        "api_tokens" => vec![
            d.text("_id"),
            d.text("user"),
            d.text("name"),
            d.text("hash"),
            d.time("created"),
        ],
        "attempts" => vec![d.text("key"), d.time("window"), d.int_or("count", 0)],
        "identities" => vec![
            d.text("_id.provider"),
            d.text("_id.subject"),
            d.text("user"),
        ],
        "rules" => vec![
            d.text("_id"),
            d.text_or_none("task_type_name"),
            d.text("badge"),
            d.text("name"),
            d.text("description"),
            d.int_or("bonus", 0),
            d.int_or("tasksNumber", 0),
            d.int_or("daysNumber", 0),
            d.flag("isWeekend", false),
            d.flag("isAdjacent", false),
        ],
        "funds" => {
            let logo = match d.get("logo") {
                Some(Bson::Binary(binary)) => Cell::Blob(binary.bytes.clone()),
                _ => Cell::Null,
            };
            let logo_type = if logo == Cell::Null {
                Cell::Null
            } else {
                d.text("logoType")
            };
            vec![
                d.text("_id"),
                d.text("name"),
                d.text("description"),
                d.text("site"),
                d.text("email"),
                d.flag("donatable", false),
                logo,
                logo_type,
            ]
        }
        "user_states" => vec![
            d.text("user"),
            d.int_or("level", 0),
            d.int_or("points", 0),
            d.int_or("actualCoins", 0),
            d.int_or("potentialCoins", 0),
            d.time("lastChanged"),
            d.int_or("version", 0),
        ],
        "events" => {
            let achievements: Vec<&str> = document
                .get_array("achievements")
                .map(|a| a.iter().filter_map(Bson::as_str).collect())
                .unwrap_or_default();
            vec![
                Cell::Null,
                d.text("_id"),
                d.text("user"),
                d.time("timestamp"),
                d.text("answer"),
                d.int_or("points", 0),
                d.int_or("coins", 0),
                Cell::Text(serde_json::to_string(&achievements).unwrap_or_default()),
                d.text("acceptorFund"),
                d.int("level"),
                d.flag("viewed", false),
            ]
        }
        "gold_tasks" => vec![
            Cell::Null,
            d.text("_id"),
            d.text("taskType"),
            d.text("batch"),
            d.text("data"),
            d.text("answer"),
            d.time("createdAt"),
        ],
        "gold_answers" => vec![
            d.text("user"),
            d.text("gold"),
            d.text("taskType"),
            d.text("result"),
            d.int_or("judged", 0),
            d.int_or("correct", 0),
            d.time("createdAt"),
        ],
        "gold_leases" => vec![
            d.text("_id.user"),
            d.text("_id.taskType"),
            d.text("gold"),
            d.time("until"),
            d.time("handedAt"),
            d.int_or("activity", 0),
        ],
        "export_cursors" => vec![
            d.text("_id"),
            d.text("taskType"),
            d.text("batch"),
            d.time("position"),
            d.time("advancedAt"),
            d.flag("includeOpen", false),
        ],
        "audit_log" => vec![
            Cell::Null,
            d.time("at"),
            d.text("via"),
            d.text("user"),
            d.text("host"),
            d.text("action"),
            d.text("target"),
            d.text("change"),
        ],
        "webhook_deliveries" => vec![
            Cell::Null,
            d.text("hook"),
            d.text("eventId"),
            d.text("kind"),
            d.time("eventAt"),
            d.text("payload"),
            d.text("status"),
            d.int_or("attempts", 0),
            d.time("nextAttemptAt"),
            d.text("lastError"),
            d.text("claim"),
            d.time("deliveredAt"),
        ],
        other => {
            return Err(Error::store_msg(format!(
                "MongoDB: the copy cannot read rows of `{other}` from whole documents"
            )));
        }
    };
    debug_assert_eq!(cells.len(), area.columns.len(), "{}", area.name);
    Ok(cells)
}

/// The rows a parent document holds in one of its arrays (or, for the histogram, fields).
pub(super) fn rows_in(area: &Area, parent: &Document) -> Result<Vec<Row>> {
    let d = Fields(parent);
    let id = d.text("_id");
    let array = |field: &str| parent.get_array(field).map(Vec::as_slice).unwrap_or(&[]);
    let text_of = |value: &Bson| match value {
        Bson::String(text) => Cell::Text(text.clone()),
        Bson::ObjectId(oid) => Cell::Text(oid.to_hex()),
        _ => Cell::Null,
    };
    let element = |value: &Bson| value.as_document().cloned().unwrap_or_default();
    Ok(match area.name {
        "group_types" => array("allowed_types")
            .iter()
            .map(|t| vec![id.clone(), text_of(t)])
            .collect(),
        "user_groups" => array("groups")
            .iter()
            .map(|g| vec![id.clone(), text_of(g)])
            .collect(),
        "batch_histogram" => {
            let histogram = parent
                .get_document(super::support::HISTOGRAM)
                .cloned()
                .unwrap_or_default();
            let mut rows = Vec::new();
            for (count, _) in &histogram {
                let Ok(users) = count.parse::<i64>() else {
                    continue;
                };
                let tasks = Fields(&histogram).int(count);
                rows.push(vec![id.clone(), Cell::Int(users), tasks]);
            }
            rows
        }
        "leases" => array("leases")
            .iter()
            .map(|lease| {
                let lease = element(lease);
                let l = Fields(&lease);
                let free = l.get("free").and_then(Bson::as_bool).unwrap_or(false);
                vec![
                    id.clone(),
                    l.text("user"),
                    d.text("taskType"),
                    l.time("until"),
                    Cell::Int(i64::from(!free)),
                ]
            })
            .collect(),
        "skips" => array("usersSkipped")
            .iter()
            .map(|user| vec![text_of(user), id.clone()])
            .collect(),
        // Settled notes of answers whose follow-ups (payment, webhooks) are still to come.
        "unpaid_answers" => array(super::support::PENDING)
            .iter()
            .map(element)
            .filter(|note| {
                note.get_bool("settled").unwrap_or(false) && note.get_bool("pays").unwrap_or(false)
            })
            .map(|note| {
                let n = Fields(&note);
                let earns = note
                    .get_bool("earns")
                    .or_else(|_| note.get_bool("counted"))
                    .unwrap_or(true);
                vec![
                    n.text("user"),
                    id.clone(),
                    n.text("answer"),
                    d.text("taskType"),
                    d.text("batch"),
                    n.time("at"),
                    Cell::Int(i64::from(earns)),
                ]
            })
            .collect(),
        "user_achievements" => {
            let user = d.text("user");
            array("achievements")
                .iter()
                .map(|rule| vec![user.clone(), text_of(rule)])
                .collect()
        }
        "batch_coins" => {
            let user = d.text("user");
            let open = array("batchCoins").iter().map(|bucket| {
                let bucket = element(bucket);
                let b = Fields(&bucket);
                vec![
                    user.clone(),
                    b.text("batch"),
                    b.int_or("coins", 0),
                    Cell::Int(0),
                ]
            });
            // Made real, a batch's coins are in the state's and no longer kept apart.
            let real = array("coinsMadeReal")
                .iter()
                .map(|batch| vec![user.clone(), text_of(batch), Cell::Int(0), Cell::Int(1)]);
            open.chain(real).collect()
        }
        other => {
            return Err(Error::store_msg(format!(
                "MongoDB: the copy cannot read rows of `{other}` from documents' arrays"
            )));
        }
    })
}

/// A name this backend may lack (the original's users): SQLite's is never empty of a value.
fn text_or_empty(cell: Cell) -> Cell {
    match cell {
        Cell::Null => Cell::Text(String::new()),
        cell => cell,
    }
}

/// When a user joined: this backend keeps it as the first "last sign-in"; a user without
/// one joined when their id was made.
fn joined(user: &Document) -> Cell {
    let at = match user.get("last_login") {
        Some(Bson::DateTime(at)) => super::support::chrono_time(*at),
        _ => match user.get_object_id("_id") {
            Ok(id) => super::support::chrono_time(id.timestamp()),
            Err(_) => return Cell::Null,
        },
    };
    Cell::Text(at.to_rfc3339())
}

/// A batch's defaults, as SQLite keeps them (the standard writer, not the original's).
fn meta(d: &Fields<'_>) -> Result<Cell> {
    let value = json_of(
        d.get("batchMeta")
            .cloned()
            .unwrap_or(Bson::Document(Document::new())),
    );
    serde_json::to_string(&value)
        .map(Cell::Text)
        .map_err(|e| Error::store("writing JSON", e))
}
