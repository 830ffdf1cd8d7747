//! A copy's rows as this backend's documents (see `copy.rs`): field names, types and ids as
//! the area files write them, so that a copied store is read as if it had been made here.
//!
//! Rows with no id of their own here (work sessions, the audit log, states, deliveries) get
//! one made from the row (its time and number), so that a page stored twice is refused the
//! second time by `_id`.

use std::collections::HashMap;

use mongodb::bson::{self, Binary, Bson, Document, doc, spec::BinarySubtype};

use super::MongoStore;
use super::copy_cells::{Cells, made_id};
use super::support::{
    ANSWER_COUNTS, API_TOKENS, ATTEMPTS, HISTOGRAM, IDENTITIES, PENDING, WEB_SESSIONS, mongo_err,
};
use super::{gold, rewards, rules};
use crate::store::{Area, Cell, Row};
use crate::{Error, Result};

/// One write a row becomes.
pub(super) enum Write {
    Insert(&'static str, Document),
    /// `value` added to the array `field` of the document `filter` finds, which must be there;
    /// a page's values for one document go in one update.
    AddTo {
        collection: &'static str,
        filter: Document,
        field: &'static str,
        value: Bson,
    },
    /// A change to the document `filter` finds, which must be there unless `upsert`.
    Update {
        collection: &'static str,
        filter: Document,
        change: Document,
        upsert: bool,
    },
}

fn add_to(collection: &'static str, filter: Document, field: &'static str, value: Bson) -> Write {
    Write::AddTo {
        collection,
        filter,
        field,
        value,
    }
}

/// The writes `rows` of `area` become.
pub(super) async fn write_of(store: &MongoStore, area: &Area, rows: &[Row]) -> Result<Vec<Write>> {
    let answered = if area.name == "tasks" {
        answered_by(store, area, rows).await?
    } else {
        HashMap::new()
    };
    let mut writes = Vec::with_capacity(rows.len());
    for row in rows {
        let r = Cells { area, row };
        writes.push(write(&r, &answered)?);
    }
    if area.name == "tasks" {
        // A later load must not take a run number a copied task carries: aborting it would
        // take those tasks with its own.
        let mut highest = None;
        for row in rows {
            highest = highest.max(Cells { area, row }.opt_int("load_run")?);
        }
        if let Some(run) = highest {
            writes.push(Write::Update {
                collection: "vulyk_meta",
                filter: doc! { "_id": "load_runs" },
                change: doc! { "$max": { "seq": run } },
                upsert: true,
            });
        }
    }
    Ok(writes)
}

/// Who answered each of the tasks in `rows`, in the order of their answers (copied before
/// the tasks): a task here lists them (`usersProcessed`), so that none is handed it again.
async fn answered_by(
    store: &MongoStore,
    area: &Area,
    rows: &[Row],
) -> Result<HashMap<String, Vec<Bson>>> {
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        ids.push(Cells { area, row }.text("id")?.to_string());
    }
    let mut cursor = store
        .coll("reports")
        .find(doc! { "task": { "$in": &ids } })
        .projection(doc! { "task": 1, "createdBy": 1 })
        .sort(doc! { "createdAt": 1, "_id": 1 })
        .await
        .map_err(mongo_err)?;
    let mut answered: HashMap<String, Vec<Bson>> = HashMap::new();
    while cursor.advance().await.map_err(mongo_err)? {
        let answer: Document = cursor.deserialize_current().map_err(mongo_err)?;
        if let (Ok(task), Some(user)) = (answer.get_str("task"), answer.get("createdBy")) {
            answered
                .entry(task.to_string())
                .or_default()
                .push(user.clone());
        }
    }
    Ok(answered)
}

fn write(r: &Cells<'_>, answered: &HashMap<String, Vec<Bson>>) -> Result<Write> {
    Ok(match r.area.name {
        "groups" => Write::Insert(
            "groups",
            doc! {
                "_id": r.text("id")?,
                "description": r.text("description")?,
                "allowed_types": [],
            },
        ),
        "group_types" => add_to(
            "groups",
            doc! { "_id": r.text("group_id")? },
            "allowed_types",
            r.text("task_type")?.into(),
        ),
        "users" => {
            let created = r.text("created_at")?;
            let created = chrono::DateTime::parse_from_rfc3339(created)
                .map_err(|_| r.bad("created_at", "not an RFC 3339 time"))?;
            Write::Insert(
                "user",
                doc! {
                    "_id": r.oid("id")?,
                    "username": r.text("username")?,
                    "password": r.opt_text("password_hash")?.unwrap_or_default(),
                    "name": r.text("name")?,
                    "email": r.text("email")?,
                    "active": r.flag("active")?,
                    "admin": r.flag("admin")?,
                    "groups": [],
                    // The original's model sets its last sign-in to the time the user is made.
                    "last_login": bson::DateTime::from_millis(created.timestamp_millis()),
                    "processed": r.int("processed")?,
                },
            )
        }
        "user_groups" => add_to(
            "user",
            doc! { "_id": r.oid("user_id")? },
            "groups",
            r.text("group_id")?.into(),
        ),
        "batches" => Write::Insert(
            "batches",
            doc! {
                "_id": r.text("id")?,
                "_cls": "Batch",
                "taskType": r.text("task_type")?,
                "tasksCount": r.int("tasks_count")?,
                "tasksProcessed": r.int("tasks_processed")?,
                "closed": r.flag("closed")?,
                "batchMeta": r.json("meta")?,
                "loading": r.flag("loading")?,
                "answersCount": r.int("answers")?,
            },
        ),
        "batch_histogram" => Write::Update {
            collection: "batches",
            filter: doc! { "_id": r.text("batch")? },
            change: doc! { "$set": {
                format!("{HISTOGRAM}.{}", r.int("users_count")?): r.int("tasks")?,
            } },
            upsert: false,
        },
        "answers" => Write::Insert(
            "reports",
            doc! {
                "_id": r.oid("id")?,
                "task": r.text("task_id")?,
                "createdBy": r.oid("user_id")?,
                "createdAt": r.time("created_at")?,
                "taskType": r.text("task_type")?,
                "result": r.json("result")?,
            },
        ),
        "tasks" => {
            let id = r.text("id")?;
            let mut task = doc! {
                "_id": id,
                "taskType": r.text("task_type")?,
                "batch": r.nullable_text("batch")?,
                "usersCount": r.int("users_count")?,
                "usersProcessed": answered.get(id).cloned().unwrap_or_default(),
                "usersSkipped": [],
                "closed": r.flag("closed")?,
                "task_data": r.json("task_data")?,
            };
            if let Some(run) = r.opt_int("load_run")? {
                task.insert("loadRun", run);
            }
            if let Some(closed_at) = r.opt_int("closed_at")? {
                task.insert("closedAt", bson::DateTime::from_millis(closed_at));
            }
            Write::Insert("tasks", task)
        }
        "leases" => {
            let mut lease = doc! { "user": r.oid("user_id")?, "until": r.time("expires_at")? };
            if !r.flag("counts")? {
                lease.insert("free", true);
            }
            add_to(
                "tasks",
                doc! { "_id": r.text("task_id")? },
                "leases",
                lease.into(),
            )
        }
        "skips" => add_to(
            "tasks",
            doc! { "_id": r.text("task_id")? },
            "usersSkipped",
            r.oid("user_id")?.into(),
        ),
        // A stored answer not yet paid for (or told of): a settled note, as the answer leaves
        // it once its other writes are done. What only settling reads is not needed again.
        "unpaid_answers" => add_to(
            "tasks",
            doc! { "_id": r.text("task_id")? },
            PENDING,
            doc! {
                "user": r.oid("user_id")?,
                "answer": r.oid("answer_id")?,
                "old": 0_i64,
                "closes": false,
                "at": r.time("at")?,
                "pays": true,
                "earns": r.flag("pays")?,
                "counted": true,
                "settled": true,
            }
            .into(),
        ),
        "work_sessions" => {
            let mut session = doc! {
                "_id": made_id(r.int("start_time")?, r.int("id")?),
                "_cls": "WorkSession",
                "user": r.oid("user_id")?,
                "task": r.text("task_id")?,
                "taskType": r.text("task_type")?,
                "end_time": r.opt_time("end_time")?,
                "start_time": r.time("start_time")?,
                "activity": r.int("activity")?,
            };
            if r.opt_text("answer_id")?.is_some() {
                session.insert("answer", r.oid("answer_id")?);
            }
            Write::Insert("work_sessions", session)
        }
        "answer_counts" => {
            let (task_type, user) = (r.text("task_type")?, r.oid("user_id")?);
            Write::Insert(
                ANSWER_COUNTS,
                doc! {
                    "_id": { "taskType": task_type, "user": user },
                    "taskType": task_type,
                    "user": user,
                    "answers": r.int("answers")?,
                },
            )
        }
        "web_sessions" => Write::Insert(
            WEB_SESSIONS,
            doc! {
                "_id": r.text("key_hash")?,
                "user": r.oid("user_id")?,
                "created": r.time("created_ms")?,
                "expires": r.time("expires_ms")?,
            },
        ),
        "api_tokens" => Write::Insert(
            API_TOKENS,
            doc! {
                "_id": r.text("id")?,
                "user": r.oid("user_id")?,
                "name": r.text("name")?,
                "hash": r.text("hash")?,
                "created": r.time("created_ms")?,
            },
        ),
        "attempts" => {
            let (key, window) = (r.text("key")?, r.int("window_ms")?);
            Write::Insert(
                ATTEMPTS,
                doc! {
                    "_id": format!("{key}@{window}"),
                    "key": key,
                    "window": bson::DateTime::from_millis(window),
                    "count": r.int("count")?,
                },
            )
        }
        "identities" => Write::Insert(
            IDENTITIES,
            doc! {
                "_id": { "provider": r.text("provider")?, "subject": r.text("subject")? },
                "user": r.oid("user_id")?,
            },
        ),
        "rules" => Write::Insert(
            rules::RULES,
            doc! {
                "_id": r.text("id")?,
                "task_type_name": r.opt_text("task_type")?.unwrap_or(""),
                "badge": r.text("badge")?,
                "name": r.text("name")?,
                "description": r.text("description")?,
                "bonus": r.int("bonus")?,
                "tasksNumber": r.int("tasks_number")?,
                "daysNumber": r.int("days_number")?,
                "isWeekend": r.flag("is_weekend")?,
                "isAdjacent": r.flag("is_adjacent")?,
            },
        ),
        "funds" => {
            let mut fund = doc! {
                "_id": r.text("id")?,
                "name": r.text("name")?,
                "description": r.text("description")?,
                "site": r.nullable_text("site")?,
                "email": r.nullable_text("email")?,
                "donatable": r.flag("donatable")?,
            };
            if let (Cell::Blob(logo), Some(kind)) = (r.cell("logo")?, r.opt_text("logo_type")?) {
                let bytes = logo.clone();
                fund.insert(
                    "logo",
                    Binary {
                        subtype: BinarySubtype::Generic,
                        bytes,
                    },
                );
                fund.insert("logoType", kind);
            }
            Write::Insert(super::funds::FUNDS, fund)
        }
        "user_states" => {
            let user = r.oid("user_id")?;
            Write::Insert(
                rewards::STATES,
                doc! {
                    "_id": user,
                    "user": user,
                    "level": r.int("level")?,
                    "points": r.int("points")?,
                    "actualCoins": r.int("actual_coins")?,
                    "potentialCoins": r.int("potential_coins")?,
                    "lastChanged": r.opt_time("last_changed")?,
                    "version": r.int("version")?,
                },
            )
        }
        "user_achievements" => add_to(
            rewards::STATES,
            doc! { "user": r.oid("user_id")? },
            "achievements",
            r.text("rule_id")?.into(),
        ),
        // Coins made real are only a batch's name here: the amount is in the state's coins.
        "batch_coins" if r.flag("made_real")? => add_to(
            rewards::STATES,
            doc! { "user": r.oid("user_id")? },
            "coinsMadeReal",
            r.text("batch")?.into(),
        ),
        "batch_coins" => add_to(
            rewards::STATES,
            doc! { "user": r.oid("user_id")? },
            "batchCoins",
            doc! { "batch": r.text("batch")?, "coins": r.int("coins")? }.into(),
        ),
        "events" => {
            let achievements: Vec<String> = serde_json::from_str(r.text("achievements")?)
                .map_err(|_| r.bad("achievements", "not a JSON list of texts"))?;
            let mut event = doc! {
                "_id": r.text("id")?,
                "timestamp": r.time("at")?,
                "user": r.oid("user_id")?,
                "points": r.int("points")?,
                "coins": r.int("coins")?,
                "achievements": achievements,
                "viewed": r.flag("viewed")?,
            };
            if r.opt_text("answer_id")?.is_some() {
                event.insert("answer", r.oid("answer_id")?);
            }
            if let Some(fund) = r.opt_text("fund")? {
                event.insert("acceptorFund", fund);
            }
            if let Some(level) = r.opt_int("level")? {
                event.insert("level", level);
            }
            Write::Insert(rewards::EVENTS, event)
        }
        "gold_tasks" => Write::Insert(
            gold::GOLD_TASKS,
            doc! {
                "_id": r.text("id")?,
                "taskType": r.text("task_type")?,
                "batch": r.text("batch")?,
                "data": r.text("data")?,
                "answer": r.text("answer")?,
                "createdAt": r.time("created_at")?,
            },
        ),
        "gold_answers" => Write::Insert(
            gold::GOLD_ANSWERS,
            doc! {
                "user": r.oid("user_id")?,
                "gold": r.text("gold_id")?,
                "taskType": r.text("task_type")?,
                "result": r.text("result")?,
                "judged": r.int("judged")?,
                "correct": r.int("correct")?,
                "createdAt": r.time("created_at")?,
            },
        ),
        "gold_leases" => {
            let task_type = r.text("task_type")?;
            Write::Insert(
                gold::GOLD_LEASES,
                doc! {
                    "_id": { "user": r.oid("user_id")?, "taskType": task_type },
                    "gold": r.text("gold_id")?,
                    "taskType": task_type,
                    "until": r.time("expires_at")?,
                    "handedAt": r.time("handed_at")?,
                    "activity": r.int("activity")?,
                },
            )
        }
        "export_cursors" => Write::Insert(
            super::cursors::EXPORT_CURSORS,
            doc! {
                "_id": r.text("name")?,
                "taskType": r.text("task_type")?,
                "batch": r.nullable_text("batch")?,
                "includeOpen": r.flag("include_open")?,
                "position": r.time("position")?,
                "advancedAt": r.time("advanced_at")?,
            },
        ),
        "audit_log" => Write::Insert(
            super::audit::AUDIT_LOG,
            doc! {
                "_id": made_id(r.int("at")?, r.int("seq")?),
                "at": r.time("at")?,
                "via": r.text("via")?,
                "user": r.text("user")?,
                "host": r.text("host")?,
                "action": r.text("action")?,
                "target": r.text("target")?,
                "change": r.text("change")?,
            },
        ),
        "webhook_deliveries" => {
            let mut delivery = doc! {
                "_id": made_id(r.int("event_at")?, r.int("id")?),
                "hook": r.text("hook")?,
                "eventId": r.text("event_id")?,
                "kind": r.text("kind")?,
                "eventAt": r.time("event_at")?,
                "payload": r.text("payload")?,
                "status": r.text("status")?,
                "attempts": r.int("attempts")?,
                "nextAttemptAt": r.time("next_attempt_at")?,
            };
            for (column, field) in [("last_error", "lastError"), ("claim", "claim")] {
                if let Some(text) = r.opt_text(column)? {
                    delivery.insert(field, text);
                }
            }
            if let Some(ms) = r.opt_int("delivered_at")? {
                delivery.insert("deliveredAt", bson::DateTime::from_millis(ms));
            }
            Write::Insert(super::webhooks::DELIVERIES, delivery)
        }
        other => {
            return Err(Error::store_msg(format!(
                "MongoDB: the copy cannot store rows of `{other}`"
            )));
        }
    })
}
