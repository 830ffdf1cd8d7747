//! Achievement rules in `gamification.rules` (the original's fields) and the aggregation that
//! counts a rule's progress over `work_sessions`.

use async_trait::async_trait;
use mongodb::bson::{self, Bson, Document, doc};

use super::MongoStore;
use super::support::{bson_time, count, is_duplicate_key, mongo_err, user_oid};
use crate::domain::UserId;
use crate::gamification::{DAY_MS, Rule, Tally};
use crate::store::ProgressQuery;
use crate::store::RuleStore;
use crate::store::found;
use crate::{Error, Result};

pub(super) const RULES: &str = "gamification.rules";

#[async_trait]
impl RuleStore for MongoStore {
    async fn rules(&self) -> Result<Vec<Rule>> {
        all(self).await
    }

    async fn rule(&self, id: &str) -> Result<Option<Rule>> {
        get(self, id).await
    }

    async fn insert_rule(&self, rule: &Rule) -> Result<()> {
        let _write = self.writable().await?;
        insert(self, rule).await
    }

    async fn replace_rule(&self, rule: &Rule) -> Result<()> {
        let missing = Error::not_found("rule", rule.id.as_str());
        let _write = self.writable().await?;
        found(replace(self, rule).await?, missing)
    }

    async fn delete_rule(&self, id: &str) -> Result<()> {
        let missing = Error::not_found("rule", id);
        let _write = self.writable().await?;
        found(delete(self, id).await?, missing)
    }

    async fn rule_progress(&self, query: &ProgressQuery) -> Result<Vec<(UserId, u64)>> {
        progress(self, query).await
    }
}

fn int(document: &Document, key: &str) -> u32 {
    u32::try_from(count(document, key)).unwrap_or(u32::MAX)
}

fn text(document: &Document, key: &str) -> String {
    document.get_str(key).unwrap_or_default().to_string()
}

fn decode(document: Document) -> Rule {
    Rule {
        id: text(&document, "_id"),
        task_type: document
            .get_str("task_type_name")
            .ok()
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        badge: text(&document, "badge"),
        name: text(&document, "name"),
        description: text(&document, "description"),
        bonus: int(&document, "bonus"),
        tasks_number: int(&document, "tasksNumber"),
        days_number: int(&document, "daysNumber"),
        is_weekend: document.get_bool("isWeekend").unwrap_or(false),
        is_adjacent: document.get_bool("isAdjacent").unwrap_or(false),
    }
}

fn encode(rule: &Rule) -> Document {
    doc! {
        "_id": &rule.id,
        "task_type_name": rule.task_type.as_deref().unwrap_or(""),
        "badge": &rule.badge,
        "name": &rule.name,
        "description": &rule.description,
        "bonus": i64::from(rule.bonus),
        "tasksNumber": i64::from(rule.tasks_number),
        "daysNumber": i64::from(rule.days_number),
        "isWeekend": rule.is_weekend,
        "isAdjacent": rule.is_adjacent,
    }
}

pub(super) async fn all(store: &MongoStore) -> Result<Vec<Rule>> {
    let cursor = store
        .coll(RULES)
        .find(doc! {})
        .sort(doc! { "name": 1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, |d| Ok(decode(d))).await
}

pub(super) async fn get(store: &MongoStore, id: &str) -> Result<Option<Rule>> {
    Ok(store
        .coll(RULES)
        .find_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?
        .map(decode))
}

async fn name_taken(store: &MongoStore, rule: &Rule) -> Result<bool> {
    Ok(store
        .coll(RULES)
        .find_one(doc! { "name": &rule.name, "_id": { "$ne": &rule.id } })
        .await
        .map_err(mongo_err)?
        .is_some())
}

fn name_conflict(name: &str) -> Error {
    Error::conflict(format!("name: a rule named `{name}` exists"))
}

pub(super) async fn insert(store: &MongoStore, rule: &Rule) -> Result<()> {
    if get(store, &rule.id).await?.is_some() {
        return Err(Error::conflict(format!(
            "id: a rule with id `{}` exists",
            rule.id
        )));
    }
    // The unique index on `name` settles a race; the read gives the clearer message.
    if name_taken(store, rule).await? {
        return Err(name_conflict(&rule.name));
    }
    match store.coll(RULES).insert_one(encode(rule)).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Err(Error::conflict(format!(
            "id, name: a rule with id `{}` or named `{}` exists",
            rule.id, rule.name
        ))),
        Err(e) => Err(mongo_err(e)),
    }
}

pub(super) async fn replace(store: &MongoStore, rule: &Rule) -> Result<bool> {
    if name_taken(store, rule).await? {
        return Err(name_conflict(&rule.name));
    }
    match store
        .coll(RULES)
        .replace_one(doc! { "_id": &rule.id }, encode(rule))
        .await
    {
        Ok(result) => Ok(result.matched_count > 0),
        Err(e) if is_duplicate_key(&e) => Err(name_conflict(&rule.name)),
        Err(e) => Err(mongo_err(e)),
    }
}

pub(super) async fn delete(store: &MongoStore, id: &str) -> Result<bool> {
    let result = store
        .coll(RULES)
        .delete_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    Ok(result.deleted_count > 0)
}

/// The pipeline: finished sessions that qualify, each with its local day number (end time
/// in ms plus the offset in force then, over a day), the weekend filter, and a count per user
/// of sessions, distinct days or distinct Monday-to-Sunday weeks.
pub(super) fn pipeline(q: &ProgressQuery) -> Result<Vec<Document>> {
    let mut matched = doc! { "answer": { "$ne": Bson::Null }, "end_time": { "$type": "date" } };
    if let Some(user) = &q.user {
        matched.insert("user", user_oid(user)?);
    }
    if let Some(task_type) = &q.progress.task_type {
        matched.insert("taskType", task_type);
    }
    if let Some(since) = q.progress.since {
        matched.insert(
            "end_time",
            doc! { "$type": "date", "$gte": bson_time(since) },
        );
    }
    let epoch = bson::DateTime::from_millis(0);
    let local_ms = doc! { "$add": [{ "$subtract": ["$end_time", epoch] }, offset_expr(q)] };
    let mut stages = vec![
        doc! { "$match": matched },
        doc! { "$project": {
            "user": 1,
            "day": { "$floor": { "$divide": [local_ms, DAY_MS] } },
        } },
    ];
    if q.progress.weekend_only {
        stages.push(doc! { "$match": { "$expr": {
            "$gte": [{ "$mod": [{ "$add": ["$day", 3] }, 7] }, 5]
        } } });
    }
    let distinct = match q.progress.tally {
        Tally::Sessions => None,
        Tally::Days => Some(Bson::String("$day".into())),
        Tally::Weekends => Some(Bson::Document(
            doc! { "$floor": { "$divide": [{ "$add": ["$day", 3] }, 7] } },
        )),
    };
    if let Some(key) = distinct {
        stages.push(doc! { "$group": { "_id": { "u": "$user", "k": key } } });
        stages.push(doc! { "$group": { "_id": "$_id.u", "n": { "$sum": 1 } } });
    } else {
        stages.push(doc! { "$group": { "_id": "$user", "n": { "$sum": 1 } } });
    }
    stages.push(doc! { "$sort": { "_id": 1 } });
    Ok(stages)
}

/// The offset in force at `end_time`: the newest transition not after it.
fn offset_expr(q: &ProgressQuery) -> Bson {
    match q.offsets.as_slice() {
        [] => Bson::Int64(0),
        [only] => Bson::Int64(only.offset_ms),
        [newer @ .., oldest] => {
            let branches: Vec<Bson> = newer
                .iter()
                .map(|t| {
                    Bson::Document(doc! {
                        "case": { "$gte": ["$end_time", bson::DateTime::from_millis(t.since)] },
                        "then": t.offset_ms,
                    })
                })
                .collect();
            Bson::Document(
                doc! { "$switch": { "branches": branches, "default": oldest.offset_ms } },
            )
        }
    }
}

pub(super) async fn progress(store: &MongoStore, q: &ProgressQuery) -> Result<Vec<(UserId, u64)>> {
    let cursor = store
        .coll("work_sessions")
        .aggregate(pipeline(q)?)
        .await
        .map_err(mongo_err)?;
    store
        .collect(cursor, |d| {
            let user = d
                .get_object_id("_id")
                .map(|id| id.to_hex())
                .map_err(|e| Error::store("work session without a user ObjectId", e))?;
            Ok((UserId::from_stored(user), count(&d, "n")))
        })
        .await
}
