//! `vulyk db downgrade`: a database in our layout returned to the shape the original Vulyk's
//! strict models read (`fixtures/original-models.toml` lists it; the test checks every
//! document against it). Each document is rewritten by a pure, repeatable change, and the
//! layout record goes last, so an interrupted downgrade is run again to its end.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use mongodb::bson::spec::BinarySubtype;
use mongodb::bson::{Binary, Bson, Document, doc, oid::ObjectId};

use super::MongoStore;
use super::audit::AUDIT_LOG;
use super::cursors::EXPORT_CURSORS;
use super::export::CLOSED_AT_INDEX;
use super::funds::FUNDS;
use super::gold::{GOLD_ANSWERS, GOLD_LEASES, GOLD_TASKS};
use super::layout::{self, META, Stored};
use super::rewards::{EVENTS, STATES};
use super::rewrite::rewrite_each;
use super::rules::RULES;
use super::support::{
    ANSWER_COUNTS, API_TOKENS, ATTEMPTS, HISTOGRAM, IDENTITIES, PENDING, WEB_SESSIONS, bson_time,
    chrono_time, is_duplicate_key, mongo_err,
};
use super::webhooks::DELIVERIES;
use crate::gamification::Amount;
use crate::store::{DowngradeReport, OriginalClasses as Classes};
use crate::{Error, Result};

/// Fields of ours the original's models do not declare, per collection.
const OURS: [(&str, &[&str]); 5] = [
    ("user", &["countedAnswers"]),
    (
        "batches",
        &["loading", "answersCount", HISTOGRAM, "countedAnswers"],
    ),
    (
        "tasks",
        &[
            "loadRun",
            "leases",
            "closedBy",
            "closedAt",
            "pendingAnswers",
            "countedAnswers",
        ],
    ),
    (
        STATES,
        &["version", "outbox", "batchCoins", "coinsMadeReal"],
    ),
    (FUNDS, &["logoType"]),
];

/// Indexes of ours on the original's collections; the original makes its own when it runs.
const OUR_INDEXES: [(&str, &[&str]); 6] = [
    ("user", &["username_1", "email_1_when_set", "email_1"]),
    ("batches", &["taskType_1"]),
    (
        "tasks",
        &[
            "batch_1_closed_1__id_1",
            "taskType_1",
            "leases.user_1",
            "leases.until_1",
            "pendingAnswers.at_1",
            CLOSED_AT_INDEX,
        ],
    ),
    (
        "reports",
        &["createdBy_1_task_1", "task_1", "taskType_1_createdAt_1"],
    ),
    (
        "work_sessions",
        &["task_1", "taskType_1_end_time_1", "user_1_end_time_1"],
    ),
    (STATES, &["points_-1", "batchCoins.batch_1"]),
];

const OUR_EVENT_INDEXES: [&str; 3] = ["user_1_viewed_1", "timestamp_-1", "acceptorFund_1"];

/// GridFS's usual chunk size; a logo is one chunk or a few.
const CHUNK_BYTES: usize = 255 * 1024;

pub(super) async fn downgrade(
    store: &MongoStore,
    declared: &Classes,
    now: DateTime<Utc>,
) -> Result<DowngradeReport> {
    match layout::stored(store).await? {
        Stored::Nothing => {
            return Ok(DowngradeReport {
                already_original: true,
                ..DowngradeReport::default()
            });
        }
        // Run again: each change below leaves what it already did as it is.
        Stored::Downgrading => {}
        Stored::Version(_) => {
            // A newer layout is refused; an older one of ours is migrated first.
            layout::open(store).await?;
            refuse_while_unsettled(store).await?;
        }
    }
    let mut report = DowngradeReport::default();
    let classes = classes(store, declared, &mut report.warnings).await?;
    // From here on the database is neither ours nor the original's: it is only read, and
    // vulyk-server does not start on it, until this ends.
    layout::mark_downgrading(store).await?;
    let rewritten = [
        ("user", rewrite_each(store, "user", user).await?),
        ("batches", rewrite_each(store, "batches", batch).await?),
        (
            "tasks",
            rewrite_each(store, "tasks", |d| task(d, &classes)).await?,
        ),
        (
            "reports",
            rewrite_each(store, "reports", |d| answer(d, &classes)).await?,
        ),
        (
            "work_sessions",
            rewrite_each(store, "work_sessions", work_session).await?,
        ),
        (RULES, rewrite_each(store, RULES, rule).await?),
        (STATES, rewrite_each(store, STATES, state).await?),
        (EVENTS, rewrite_events(store, &mut report.warnings).await?),
        (FUNDS, rewrite_funds(store, now).await?),
    ];
    report.rewritten = rewritten
        .iter()
        .map(|(collection, count)| (collection.to_string(), *count))
        .collect();
    let without_logo = store
        .coll(FUNDS)
        .count_documents(doc! { "logo": { "$exists": false } })
        .await
        .map_err(mongo_err)?;
    if without_logo > 1 {
        report.warnings.push(format!(
            "{without_logo} funds have no logo: the original keeps logos unique, so it takes one fund without a logo at most"
        ));
    }
    for (collection, names) in OUR_INDEXES
        .iter()
        .copied()
        .chain([(EVENTS, &OUR_EVENT_INDEXES[..])])
    {
        for name in names {
            layout::drop_index(store, collection, name).await?;
        }
    }
    for (collection, what) in [
        (API_TOKENS, "API tokens"),
        (IDENTITIES, "sign-in identities"),
        (WEB_SESSIONS, "signed-in sessions"),
        // The original has no gold tasks: they and the answers judged on them go.
        (GOLD_TASKS, "gold tasks"),
        (GOLD_ANSWERS, "answers to gold tasks"),
        (EXPORT_CURSORS, "export cursors"),
        (AUDIT_LOG, "audit log entries"),
        (DELIVERIES, "webhook deliveries"),
    ] {
        let count = store
            .coll(collection)
            .count_documents(doc! {})
            .await
            .map_err(mongo_err)?;
        if count > 0 {
            report.dropped.push(format!("{count} {what}"));
        }
    }
    // The layout record last: until it goes, the database is ours and this can run again.
    for collection in [
        ANSWER_COUNTS,
        API_TOKENS,
        IDENTITIES,
        WEB_SESSIONS,
        ATTEMPTS,
        GOLD_TASKS,
        GOLD_ANSWERS,
        GOLD_LEASES,
        EXPORT_CURSORS,
        AUDIT_LOG,
        DELIVERIES,
        super::copy::COPY_MARKS,
        super::pause::WRITERS,
        super::pause::PAUSE,
        META,
    ] {
        store.coll(collection).drop().await.map_err(mongo_err)?;
    }
    Ok(report)
}

/// What the original cannot finish: answers half recorded, loads half done, rewards not yet
/// written as events.
async fn refuse_while_unsettled(store: &MongoStore) -> Result<()> {
    let count = |collection: &'static str, filter: Document| async move {
        store
            .coll(collection)
            .count_documents(filter)
            .await
            .map_err(mongo_err)
    };
    let settling = count("tasks", doc! { PENDING: { "$exists": true, "$ne": [] } }).await?;
    let loading = count("batches", doc! { "loading": true }).await?;
    let rewarding = count(STATES, doc! { "outbox": { "$exists": true, "$ne": [] } }).await?;
    let unsettled = [
        (settling, "tasks have answers still being recorded"),
        (
            loading,
            "batches are being loaded (or a load was stopped; run it again)",
        ),
        (rewarding, "volunteers have rewards still being written"),
    ];
    let reasons: Vec<String> = unsettled
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if reasons.is_empty() {
        return Ok(());
    }
    Err(Error::conflict(format!(
        "not yet: {}; vulyk-server settles answers and rewards within a minute of starting, then stop it and downgrade",
        reasons.join(", ")
    )))
}

/// The classes learned at the upgrade, with those declared in plugin.toml for the types the
/// original never had; every task type stored must have them.
async fn classes(
    store: &MongoStore,
    declared: &Classes,
    warnings: &mut Vec<String>,
) -> Result<Classes> {
    let mut classes = declared.clone();
    // The classes the original's own documents carry come first: they are what it reads.
    let tasks = layout::classes_on_documents(store, "tasks", warnings).await?;
    let answers = layout::classes_on_documents(store, "reports", warnings).await?;
    for (task_type, class) in tasks {
        classes.entry(task_type).or_default().0 = class;
    }
    for (task_type, class) in answers {
        classes.entry(task_type).or_default().1 = class;
    }
    if let Some(learned) = store
        .coll(META)
        .find_one(doc! { "_id": "original" })
        .await
        .map_err(mongo_err)?
    {
        let names = |key: &str| -> BTreeMap<String, String> {
            learned
                .get_document(key)
                .map(|d| {
                    d.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default()
        };
        let answers = names("answerClasses");
        for (task_type, task_class) in names("taskClasses") {
            let entry = classes.entry(task_type).or_default();
            if entry.0.is_empty() {
                entry.0 = task_class;
            }
        }
        for (task_type, answer_class) in answers {
            let entry = classes.entry(task_type).or_default();
            if entry.1.is_empty() {
                entry.1 = answer_class;
            }
        }
    }
    let mut missing = Vec::new();
    for collection in ["tasks", "reports"] {
        let types = store
            .coll(collection)
            .distinct("taskType", doc! {})
            .await
            .map_err(mongo_err)?;
        for task_type in types.iter().filter_map(Bson::as_str) {
            let known = classes
                .get(task_type)
                .is_some_and(|(task, answer)| !task.is_empty() && !answer.is_empty());
            if !known && !missing.contains(&task_type.to_string()) {
                missing.push(task_type.to_string());
            }
        }
    }
    if !missing.is_empty() {
        return Err(Error::invalid(format!(
            "the original's model classes of {} are not known (the database never had them): declare them in the plugin's plugin.toml, [original] task_class = \"AbstractTask.…\", answer_class = \"AbstractAnswer.…\"",
            missing.join(", ")
        )));
    }
    Ok(classes)
}

fn remove_ours(d: &mut Document, collection: &str) {
    for (name, fields) in OURS {
        if name == collection {
            for field in fields {
                d.remove(field);
            }
        }
    }
}

/// An integer the width the original (a Python int through pymongo) stores it: 32 bits when
/// it fits.
fn narrow(value: &mut Bson) {
    match value {
        Bson::Int64(n) => {
            if let Ok(small) = i32::try_from(*n) {
                *value = Bson::Int32(small);
            }
        }
        Bson::Document(d) => d.iter_mut().for_each(|(_, v)| narrow(v)),
        Bson::Array(items) => items.iter_mut().for_each(narrow),
        _ => {}
    }
}

fn narrow_fields(d: &mut Document, fields: &[&str]) {
    for field in fields {
        if let Some(value) = d.get_mut(*field) {
            narrow(value);
        }
    }
}

fn user(d: &mut Document) -> Result<()> {
    remove_ours(d, "user");
    narrow_fields(d, &["processed"]);
    Ok(())
}

fn batch(d: &mut Document) -> Result<()> {
    remove_ours(d, "batches");
    narrow_fields(d, &["tasksCount", "tasksProcessed", "batchMeta"]);
    d.insert("_cls", "Batch");
    Ok(())
}

fn class_of(d: &Document, classes: &Classes, answer: bool) -> Result<String> {
    let task_type = d.get_str("taskType").unwrap_or_default();
    classes
        .get(task_type)
        .map(|(task, reply)| if answer { reply.clone() } else { task.clone() })
        .ok_or_else(|| Error::invalid(format!("no model class for task type `{task_type}`")))
}

fn task(d: &mut Document, classes: &Classes) -> Result<()> {
    remove_ours(d, "tasks");
    narrow_fields(d, &["usersCount", "task_data"]);
    d.insert("_cls", class_of(d, classes, false)?);
    Ok(())
}

fn answer(d: &mut Document, classes: &Classes) -> Result<()> {
    narrow_fields(d, &["result"]);
    d.insert("_cls", class_of(d, classes, true)?);
    Ok(())
}

fn work_session(d: &mut Document) -> Result<()> {
    // The original leaves an unfinished session's end out; ours stores it as null.
    if d.get("end_time") == Some(&Bson::Null) {
        d.remove("end_time");
    }
    narrow_fields(d, &["activity"]);
    d.insert("_cls", "WorkSession");
    Ok(())
}

fn rule(d: &mut Document) -> Result<()> {
    narrow_fields(d, &["bonus", "tasksNumber", "daysNumber"]);
    d.insert("_cls", "RuleModel");
    Ok(())
}

/// An amount as the original's DecimalField stores it: a double of two decimals, half up.
fn double_amount(d: &mut Document, field: &str) {
    let units = match d.get(field) {
        Some(Bson::Int64(n)) => *n,
        Some(Bson::Int32(n)) => i64::from(*n),
        _ => return,
    };
    d.insert(field, Amount::from_units(units).original_double());
}

/// A time as the original's UTCComplexDateTimeField stores it.
fn string_time(d: &mut Document, field: &str) {
    if let Some(Bson::DateTime(time)) = d.get(field) {
        let time: DateTime<Utc> = chrono_time(*time);
        d.insert(field, time.format("%Y,%m,%d,%H,%M,%S,%6f,UTC").to_string());
    }
}

fn state(d: &mut Document) -> Result<()> {
    remove_ours(d, STATES);
    for field in ["points", "actualCoins", "potentialCoins"] {
        double_amount(d, field);
    }
    string_time(d, "lastChanged");
    narrow_fields(d, &["level"]);
    d.insert("_cls", "UserStateModel");
    Ok(())
}

fn event(d: &mut Document) {
    for field in ["points", "coins"] {
        double_amount(d, field);
    }
    string_time(d, "timestamp");
    narrow_fields(d, &["level"]);
    d.insert("_cls", "EventModel");
}

/// Events get the original's shape; an id of ours (a string) becomes the ObjectId it spells,
/// which takes a new document: the new one is written before the old one goes.
async fn rewrite_events(store: &MongoStore, warnings: &mut Vec<String>) -> Result<u64> {
    let events = store.coll(EVENTS);
    let mut rewritten = rewrite_each(store, EVENTS, |d| {
        event(d);
        Ok(())
    })
    .await?;
    let mut cursor = events
        .find(doc! { "_id": { "$type": "string" } })
        .await
        .map_err(mongo_err)?;
    while cursor.advance().await.map_err(mongo_err)? {
        let old = cursor.deserialize_current().map_err(mongo_err)?;
        let id = old.get_str("_id").unwrap_or_default().to_string();
        let Ok(object_id) = ObjectId::parse_str(&id) else {
            warnings.push(format!(
                "event `{id}` keeps its id, which is no ObjectId: the original cannot read it"
            ));
            continue;
        };
        let mut new = old.clone();
        new.insert("_id", object_id);
        match events.insert_one(new).await {
            Ok(_) => {}
            Err(e) if is_duplicate_key(&e) => {} // written by a run that stopped here
            Err(e) => return Err(mongo_err(e)),
        }
        events
            .delete_one(doc! { "_id": &id })
            .await
            .map_err(mongo_err)?;
        rewritten += 1;
    }
    Ok(rewritten)
}

/// Funds: a logo of ours (bytes in the fund) goes into the GridFS bucket `images` where the
/// original's ImageField keeps it, the image and its thumbnail (the same bytes: we have no
/// image scaler; the original only shows it smaller).
/// Funds get their logos back in GridFS, uploaded `now`.
async fn rewrite_funds(store: &MongoStore, now: DateTime<Utc>) -> Result<u64> {
    let funds = store.coll(FUNDS);
    let mut cursor = funds.find(doc! {}).await.map_err(mongo_err)?;
    let mut rewritten = 0;
    while cursor.advance().await.map_err(mongo_err)? {
        let before = cursor.deserialize_current().map_err(mongo_err)?;
        let mut after = before.clone();
        let format = after
            .get_str("logoType")
            .ok()
            .and_then(|t| t.strip_prefix("image/"))
            .map(|subtype| subtype.trim_end_matches("+xml").to_ascii_uppercase());
        if let Ok(bytes) = after.get_binary_generic("logo").cloned() {
            let format = format.unwrap_or_else(|| "PNG".to_string());
            let thumbnail = write_image(store, &bytes, &format, None, now).await?;
            let image = write_image(store, &bytes, &format, Some(thumbnail), now).await?;
            after.insert("logo", image);
        }
        remove_ours(&mut after, FUNDS);
        for optional in ["site", "email"] {
            if after.get(optional) == Some(&Bson::Null) {
                after.remove(optional);
            }
        }
        after.insert("_cls", "FundModel");
        if after != before {
            let id = before.get("_id").cloned().unwrap_or(Bson::Null);
            funds
                .replace_one(doc! { "_id": id }, after)
                .await
                .map_err(mongo_err)?;
            rewritten += 1;
        }
    }
    Ok(rewritten)
}

async fn write_image(
    store: &MongoStore,
    bytes: &[u8],
    format: &str,
    thumbnail: Option<ObjectId>,
    now: DateTime<Utc>,
) -> Result<ObjectId> {
    let id = ObjectId::new();
    for (n, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        store
            .coll("images.chunks")
            .insert_one(doc! {
                "files_id": id,
                "n": i32::try_from(n).unwrap_or(i32::MAX),
                "data": Binary { subtype: BinarySubtype::Generic, bytes: chunk.to_vec() },
            })
            .await
            .map_err(mongo_err)?;
    }
    let mut file = doc! {
        "_id": id,
        "length": i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        "chunkSize": CHUNK_BYTES as i32,
        "uploadDate": bson_time(now),
        "format": format,
    };
    if let Some(thumbnail) = thumbnail {
        file.insert("thumbnail_id", thumbnail);
    }
    narrow_fields(&mut file, &["length"]);
    store
        .coll("images.files")
        .insert_one(file)
        .await
        .map_err(mongo_err)?;
    Ok(id)
}
