//! Volunteers' states (`gamification.userState`) and events (`gamification.events`).
//!
//! Without multi-document transactions a change of state and its event cannot be written
//! together, so the event rides in the state document's `outbox` in the same atomic update,
//! and is copied into the events collection right after (insert by id, so twice is once) and
//! pulled from the outbox. If the process dies in between, the next call that touches the
//! volunteer's state copies it: an event is never lost and never doubled. Every change bumps
//! `version`, so an award computed from one reading of the state applies only to that state.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::{Bson, Document, doc, oid::ObjectId};

use super::support::{bson_time, chrono_time, count, is_duplicate_key, mongo_err, user_oid};
use super::{MongoStore, webhooks};
use crate::domain::UserId;
use crate::gamification::{Amount, Award, AwardOutcome, Event, EventTotals, StateOrder, UserState};
use crate::store::check_donation;
use crate::store::{Notice, RewardStore};
use crate::{Error, Result};

pub(super) const STATES: &str = "gamification.userState";
pub(super) const EVENTS: &str = "gamification.events";
/// A waiting event's webhook notice (a donation's), taken off before the event is stored.
const NOTICE: &str = "webhookNotice";

#[async_trait]
impl RewardStore for MongoStore {
    async fn user_state(&self, user: &UserId) -> Result<Option<UserState>> {
        get(self, user).await
    }

    async fn apply_award(&self, award: &Award) -> Result<AwardOutcome> {
        let _write = self.writable().await?;
        apply_award(self, award).await
    }

    async fn make_coins_real(
        &self,
        batch: &str,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(UserId, Amount)>> {
        let _write = self.writable().await?;
        make_coins_real(self, batch, user, now).await
    }

    async fn donate(&self, event: &Event, notice: Option<&Notice>) -> Result<bool> {
        let _write = self.writable().await?;
        donate(self, event, notice).await
    }

    async fn events(&self, user: &UserId, unviewed_only: bool) -> Result<Vec<Event>> {
        events(self, user, unviewed_only).await
    }

    async fn donations(&self, user: &UserId) -> Result<Vec<Event>> {
        donations(self, user).await
    }

    async fn mark_events_viewed(&self, user: &UserId) -> Result<u64> {
        let _write = self.writable().await?;
        mark_viewed(self, user).await
    }

    async fn top_states(&self, order: StateOrder, limit: usize) -> Result<Vec<UserState>> {
        top(self, order, limit).await
    }

    async fn event_totals(&self, user: Option<&UserId>) -> Result<EventTotals> {
        totals(self, user).await
    }

    async fn batches_worked_on(&self, user: &UserId) -> Result<u64> {
        batches_worked_on(self, user).await
    }

    async fn session_seconds(&self, user: &UserId) -> Result<u64> {
        session_seconds(self, user).await
    }

    async fn recent_events(&self, limit: usize) -> Result<Vec<Event>> {
        recent_events(self, limit).await
    }

    async fn active_users(&self) -> Result<u64> {
        active_users(self).await
    }
}

/// An amount: ours in units (ten-thousandths); the original's a double of two decimals.
fn units(document: &Document, key: &str) -> Amount {
    match document.get(key) {
        Some(Bson::Int64(n)) => Amount::from_units(*n),
        Some(Bson::Int32(n)) => Amount::from_units(i64::from(*n)),
        Some(Bson::Double(n)) => Amount::from_original_double(*n).unwrap_or(Amount::ZERO),
        _ => Amount::ZERO,
    }
}

/// A time: ours a BSON date; the original's the string `YYYY,MM,DD,HH,MM,SS,ffffff[,ZONE]`
/// (spec 2), its parts in the zone named last (UTC when there is none).
fn stored_time(document: &Document, key: &str) -> Option<DateTime<Utc>> {
    match document.get(key)? {
        Bson::DateTime(time) => Some(chrono_time(*time)),
        Bson::String(text) => original_time(text),
        _ => None,
    }
}

pub(super) fn original_time(text: &str) -> Option<DateTime<Utc>> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [year, month, day, hour, minute, second, micros, zone @ ..] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str| part.parse::<u32>().ok();
    let naive = chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, number(month)?, number(day)?)?
        .and_hms_micro_opt(
            number(hour)?,
            number(minute)?,
            number(second)?,
            number(micros)?,
        )?;
    match zone.first().map(|name| name.parse::<chrono_tz::Tz>()) {
        None => Some(naive.and_utc()),
        Some(Ok(tz)) => naive
            .and_local_timezone(tz)
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
        // An abbreviation that is not a zone name: the original stored UTC times.
        Some(Err(_)) => Some(naive.and_utc()),
    }
}

/// An event's id: ours a string, the original's an ObjectId.
fn event_id(document: &Document) -> String {
    match document.get("_id") {
        Some(Bson::String(id)) => id.clone(),
        Some(Bson::ObjectId(id)) => id.to_hex(),
        _ => String::new(),
    }
}

fn ids(document: &Document, key: &str) -> Vec<String> {
    document
        .get_array(key)
        .map(|a| {
            a.iter()
                .filter_map(|b| b.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn decode_state(d: &Document) -> UserState {
    UserState {
        user: UserId::from_stored(
            d.get_object_id("user")
                .map(|o| o.to_hex())
                .unwrap_or_default(),
        ),
        level: u32::try_from(count(d, "level")).unwrap_or(u32::MAX),
        points: units(d, "points"),
        actual_coins: units(d, "actualCoins"),
        potential_coins: units(d, "potentialCoins"),
        achievements: ids(d, "achievements"),
        last_changed: stored_time(d, "lastChanged"),
        version: count(d, "version"),
    }
}

fn encode_event(e: &Event) -> Result<Document> {
    let mut d = doc! {
        "_id": &e.id,
        "timestamp": bson_time(e.timestamp),
        "user": user_oid(&e.user)?,
        "points": e.points.units(),
        "coins": e.coins.units(),
        "achievements": &e.achievements,
        "viewed": e.viewed,
    };
    if let Some(answer) = &e.answer {
        let answer = ObjectId::parse_str(answer)
            .map_err(|err| Error::store("answer id is not an ObjectId", err))?;
        d.insert("answer", answer);
    }
    if let Some(fund) = &e.fund {
        d.insert("acceptorFund", fund);
    }
    if let Some(level) = e.level {
        d.insert("level", i64::from(level));
    }
    Ok(d)
}

fn decode_event(d: &Document) -> Event {
    Event {
        id: event_id(d),
        timestamp: stored_time(d, "timestamp").unwrap_or_default(),
        user: UserId::from_stored(
            d.get_object_id("user")
                .map(|o| o.to_hex())
                .unwrap_or_default(),
        ),
        answer: d.get_object_id("answer").ok().map(|o| o.to_hex()),
        points: units(d, "points"),
        coins: units(d, "coins"),
        achievements: ids(d, "achievements"),
        fund: d.get_str("acceptorFund").ok().map(str::to_string),
        level: d
            .get("level")
            .map(|_| u32::try_from(count(d, "level")).unwrap_or(u32::MAX)),
        viewed: d.get_bool("viewed").unwrap_or(false),
    }
}

/// Copies the events waiting in the state's outbox into the events collection, then pulls
/// them, when the caller `may_write` (it holds a permit to write); returns the state as read.
async fn flush(store: &MongoStore, oid: ObjectId, may_write: bool) -> Result<Option<Document>> {
    let Some(state) = store
        .coll(STATES)
        .find_one(doc! { "user": oid })
        .await
        .map_err(mongo_err)?
    else {
        return Ok(None);
    };
    if !may_write {
        // A database only read is not finished off either, nor one paused for a backup.
        return Ok(Some(state));
    }
    let waiting = state.get_array("outbox").cloned().unwrap_or_default();
    let mut flushed = Vec::new();
    for event in waiting {
        let Bson::Document(mut event) = event else {
            continue;
        };
        // A notice that cannot be read (none this version writes) is dropped rather than
        // keep the volunteer's events from ever being stored.
        if let Some(Bson::Document(notice)) = event.remove(NOTICE)
            && let Ok(notice) = webhooks::decode_notice(&notice)
        {
            webhooks::queue(store, &notice.event, &notice.hooks).await?;
        }
        match store.coll(EVENTS).insert_one(&event).await {
            Ok(_) => {}
            Err(e) if is_duplicate_key(&e) => {}
            Err(e) => return Err(mongo_err(e)),
        }
        flushed.push(event.get("_id").cloned().unwrap_or(Bson::Null));
    }
    if !flushed.is_empty() {
        store
            .coll(STATES)
            .update_one(
                doc! { "user": oid },
                doc! { "$pull": { "outbox": { "_id": { "$in": flushed } } } },
            )
            .await
            .map_err(mongo_err)?;
    }
    Ok(Some(state))
}

pub(super) async fn get(store: &MongoStore, user: &UserId) -> Result<Option<UserState>> {
    let Ok(oid) = user_oid(user) else {
        return Ok(None);
    };
    // Finished off only when no backup holds the writes; the state is right meanwhile.
    let permit = store.writable_if_free().await;
    Ok(flush(store, oid, permit.is_some())
        .await?
        .as_ref()
        .map(decode_state))
}

pub(super) async fn apply_award(store: &MongoStore, award: &Award) -> Result<AwardOutcome> {
    let e = &award.event;
    let oid = user_oid(&e.user)?;
    let state = flush(store, oid, true).await?;
    let answer = e
        .answer
        .as_deref()
        .and_then(|a| ObjectId::parse_str(a).ok())
        .ok_or_else(|| Error::store_msg("an award needs its answer's ObjectId"))?;
    if store
        .coll(EVENTS)
        .find_one(doc! { "answer": answer })
        .await
        .map_err(mongo_err)?
        .is_some()
    {
        return Ok(AwardOutcome::AlreadyPaid);
    }
    let version = state.as_ref().map_or(0, |d| count(d, "version"));
    if version != award.expected_version {
        return Ok(AwardOutcome::Stale);
    }
    let made_real = state
        .as_ref()
        .is_some_and(|d| ids(d, "coinsMadeReal").contains(&award.batch));
    let mut inc = doc! { "points": e.points.units(), "version": 1_i64 };
    let mut set = doc! { "level": i64::from(award.level), "lastChanged": bson_time(e.timestamp) };
    if made_real {
        inc.insert("actualCoins", e.coins.units());
    } else {
        inc.insert("potentialCoins", e.coins.units());
        let buckets = with_bucket(state.as_ref(), &award.batch, e.coins.units());
        set.insert("batchCoins", buckets);
    }
    let update = doc! {
        "$inc": inc,
        "$set": set,
        "$addToSet": { "achievements": { "$each": &e.achievements } },
        "$push": { "outbox": encode_event(e)? },
    };
    // The version filter makes this a compare-and-set on the state just read. A first award
    // creates the state; if another call created it meanwhile, the unique index on `user`
    // refuses the second document, and the award is stale.
    let filter = if version == 0 {
        doc! { "user": oid, "version": { "$in": [0_i64, Bson::Null] } }
    } else {
        doc! { "user": oid, "version": version as i64 }
    };
    let result = store
        .coll(STATES)
        .update_one(filter, update)
        .upsert(version == 0)
        .await;
    match result {
        Ok(r) if r.modified_count == 0 && r.upserted_id.is_none() => {
            return Ok(AwardOutcome::Stale);
        }
        Ok(_) => {}
        Err(err) if is_duplicate_key(&err) => return Ok(AwardOutcome::Stale),
        Err(err) => return Err(mongo_err(err)),
    }
    flush(store, oid, true).await?;
    Ok(AwardOutcome::Paid)
}

/// The state's per-batch buckets of potential coins with `coins` added to `batch`'s.
fn with_bucket(state: Option<&Document>, batch: &str, coins: i64) -> Vec<Document> {
    let mut buckets: Vec<Document> = state
        .and_then(|d| d.get_array("batchCoins").ok())
        .map(|a| a.iter().filter_map(|b| b.as_document().cloned()).collect())
        .unwrap_or_default();
    match buckets.iter_mut().find(|b| b.get_str("batch") == Ok(batch)) {
        Some(bucket) => {
            let sum = units(bucket, "coins").units() + coins;
            bucket.insert("coins", sum);
        }
        None => buckets.push(doc! { "batch": batch, "coins": coins }),
    }
    buckets
}

/// Each state with a bucket for the batch: a compare-and-set that moves the bucket to the
/// actual coins and remembers the batch, retried while the state changes under it.
pub(super) async fn make_coins_real(
    store: &MongoStore,
    batch: &str,
    user: Option<&UserId>,
    now: DateTime<Utc>,
) -> Result<Vec<(UserId, Amount)>> {
    let mut filter = doc! { "batchCoins.batch": batch };
    if let Some(user) = user {
        filter.insert("user", user_oid(user)?);
    }
    let cursor = store.coll(STATES).find(filter).await.map_err(mongo_err)?;
    let states = store.collect(cursor, Ok).await?;
    let mut moved = Vec::new();
    for mut state in states {
        for _ in 0..16 {
            let buckets: Vec<Document> = state
                .get_array("batchCoins")
                .map(|a| a.iter().filter_map(|b| b.as_document().cloned()).collect())
                .unwrap_or_default();
            let (mine, others): (Vec<Document>, Vec<Document>) = buckets
                .into_iter()
                .partition(|b| b.get_str("batch") == Ok(batch));
            let Some(bucket) = mine.first() else { break };
            let coins = units(bucket, "coins").units();
            let id = state.get("_id").cloned().unwrap_or(Bson::Null);
            let result = store
                .coll(STATES)
                .update_one(
                    doc! { "_id": id.clone(), "version": count(&state, "version") as i64 },
                    doc! {
                        "$inc": { "potentialCoins": -coins, "actualCoins": coins, "version": 1_i64 },
                        "$set": { "batchCoins": others, "lastChanged": bson_time(now) },
                        "$addToSet": { "coinsMadeReal": batch },
                    },
                )
                .await
                .map_err(mongo_err)?;
            if result.modified_count > 0 {
                moved.push((decode_state(&state).user, Amount::from_units(coins)));
                break;
            }
            match store
                .coll(STATES)
                .find_one(doc! { "_id": id })
                .await
                .map_err(mongo_err)?
            {
                Some(fresh) => state = fresh,
                None => break,
            }
        }
    }
    Ok(moved)
}

pub(super) async fn donate(store: &MongoStore, e: &Event, notice: Option<&Notice>) -> Result<bool> {
    check_donation(e)?;
    let oid = user_oid(&e.user)?;
    let amount = -e.coins.units();
    // The notice waits with the event in the state's outbox, written in the same update as
    // the coins; `flush` queues it before it moves the event (both are safe to repeat).
    let mut waiting = encode_event(e)?;
    if let Some(notice) = notice {
        waiting.insert(NOTICE, webhooks::encode_notice(notice));
    }
    let result = store
        .coll(STATES)
        .update_one(
            doc! { "user": oid, "actualCoins": { "$gte": amount } },
            doc! {
                "$inc": { "actualCoins": -amount, "version": 1_i64 },
                "$set": { "lastChanged": bson_time(e.timestamp) },
                "$push": { "outbox": waiting },
            },
        )
        .await
        .map_err(mongo_err)?;
    if result.modified_count == 0 {
        return Ok(false);
    }
    // The donation is made: the coins are taken and it is noted in the state. Writing its
    // record out of the state can fail and is done again by the next read of the state;
    // reporting an error here would have the volunteer give a second time.
    let _ = flush(store, oid, true).await;
    Ok(true)
}

pub(super) async fn events(
    store: &MongoStore,
    user: &UserId,
    unviewed_only: bool,
) -> Result<Vec<Event>> {
    let oid = user_oid(user)?;
    // Finished off only when no backup holds the writes; the state is right meanwhile.
    let permit = store.writable_if_free().await;
    flush(store, oid, permit.is_some()).await?;
    let mut filter = doc! { "user": oid };
    if unviewed_only {
        filter.insert("viewed", false);
    }
    let cursor = store
        .coll(EVENTS)
        .find(filter)
        .sort(doc! { "timestamp": 1, "_id": 1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, |d| Ok(decode_event(&d))).await
}

pub(super) async fn donations(store: &MongoStore, user: &UserId) -> Result<Vec<Event>> {
    let oid = user_oid(user)?;
    // Finished off only when no backup holds the writes; the state is right meanwhile.
    let permit = store.writable_if_free().await;
    flush(store, oid, permit.is_some()).await?;
    let cursor = store
        .coll(EVENTS)
        .find(doc! { "user": oid, "acceptorFund": { "$exists": true } })
        .sort(doc! { "timestamp": -1, "_id": -1 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, |d| Ok(decode_event(&d))).await
}

pub(super) async fn mark_viewed(store: &MongoStore, user: &UserId) -> Result<u64> {
    let oid = user_oid(user)?;
    flush(store, oid, true).await?;
    let result = store
        .coll(EVENTS)
        .update_many(
            doc! { "user": oid, "viewed": false },
            doc! { "$set": { "viewed": true } },
        )
        .await
        .map_err(mongo_err)?;
    Ok(result.modified_count)
}

pub(super) async fn top(
    store: &MongoStore,
    order: StateOrder,
    limit: usize,
) -> Result<Vec<UserState>> {
    let field = match order {
        StateOrder::Points => "points",
        StateOrder::ActualCoins => "actualCoins",
        StateOrder::PotentialCoins => "potentialCoins",
        StateOrder::Level => "level",
    };
    let cursor = store
        .coll(STATES)
        .find(doc! {})
        .sort(doc! { field: -1, "user": 1 })
        .limit(i64::try_from(limit).unwrap_or(i64::MAX))
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, |d| Ok(decode_state(&d))).await
}

async fn sum(store: &MongoStore, filter: Document) -> Result<Amount> {
    let mut cursor = store
        .coll(EVENTS)
        .aggregate([
            doc! { "$match": filter },
            doc! { "$group": { "_id": Bson::Null, "total": { "$sum": "$coins" } } },
        ])
        .await
        .map_err(mongo_err)?;
    if cursor.advance().await.map_err(mongo_err)? {
        let d = cursor.deserialize_current().map_err(mongo_err)?;
        return Ok(units(&d, "total"));
    }
    Ok(Amount::ZERO)
}

pub(super) async fn totals(store: &MongoStore, user: Option<&UserId>) -> Result<EventTotals> {
    let base = match user {
        Some(user) => doc! { "user": user_oid(user)? },
        None => Document::new(),
    };
    let with = |extra: Document| {
        let mut filter = base.clone();
        filter.extend(extra);
        filter
    };
    let task_events = store
        .coll(EVENTS)
        .count_documents(with(doc! { "answer": { "$ne": Bson::Null } }))
        .await
        .map_err(mongo_err)?;
    Ok(EventTotals {
        task_events,
        earned: sum(store, with(doc! { "coins": { "$gt": 0_i64 } })).await?,
        donated: -sum(store, with(doc! { "acceptorFund": { "$ne": Bson::Null } })).await?,
    })
}

/// Through the volunteer's answers (indexed by `createdBy`) to their tasks' batches.
pub(super) async fn batches_worked_on(store: &MongoStore, user: &UserId) -> Result<u64> {
    let cursor = store
        .coll("reports")
        .find(doc! { "createdBy": user_oid(user)? })
        .projection(doc! { "task": 1, "_id": 0 })
        .await
        .map_err(mongo_err)?;
    let tasks: Vec<String> = store
        .collect(cursor, |d| {
            Ok(d.get_str("task").unwrap_or_default().to_string())
        })
        .await?;
    let mut batches = std::collections::BTreeSet::new();
    for chunk in tasks.chunks(1000) {
        let cursor = store
            .coll("tasks")
            .find(doc! { "_id": { "$in": chunk }, "batch": { "$ne": Bson::Null } })
            .projection(doc! { "batch": 1 })
            .await
            .map_err(mongo_err)?;
        let found: Vec<String> = store
            .collect(cursor, |d| {
                Ok(d.get_str("batch").unwrap_or_default().to_string())
            })
            .await?;
        batches.extend(found);
    }
    Ok(batches.len() as u64)
}

pub(super) async fn session_seconds(store: &MongoStore, user: &UserId) -> Result<u64> {
    let mut cursor = store
        .coll("work_sessions")
        .aggregate([
            doc! { "$match": {
                "user": user_oid(user)?,
                "answer": { "$ne": Bson::Null },
                "end_time": { "$type": "date" },
            } },
            doc! { "$group": {
                "_id": Bson::Null,
                "ms": { "$sum": { "$subtract": ["$end_time", "$start_time"] } },
            } },
        ])
        .await
        .map_err(mongo_err)?;
    if cursor.advance().await.map_err(mongo_err)? {
        let d = cursor.deserialize_current().map_err(mongo_err)?;
        return Ok(count(&d, "ms") / 1000);
    }
    Ok(0)
}

/// Users are active unless `active` says otherwise (the original's default).
pub(super) async fn active_users(store: &MongoStore) -> Result<u64> {
    store
        .coll("user")
        .count_documents(doc! { "active": { "$ne": false } })
        .await
        .map_err(mongo_err)
}

/// The newest events in the collection (an event still in a state's outbox shows once it is
/// copied, at that volunteer's next call).
pub(super) async fn recent_events(store: &MongoStore, limit: usize) -> Result<Vec<Event>> {
    let cursor = store
        .coll(EVENTS)
        .find(doc! {})
        .sort(doc! { "timestamp": -1, "_id": -1 })
        .limit(i64::try_from(limit).unwrap_or(i64::MAX))
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, |d| Ok(decode_event(&d))).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gamification::Award;

    /// A fresh database on the test server.
    async fn store() -> MongoStore {
        crate::store::mongo::test_store("vulyk_outbox").await
    }

    fn event(user: &UserId, answer: &str) -> Event {
        Event {
            id: crate::domain::new_object_id(),
            timestamp: chrono::DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default(),
            user: user.clone(),
            answer: Some(answer.to_string()),
            points: Amount::whole(1),
            coins: Amount::whole(1),
            achievements: Vec::new(),
            fund: None,
            level: Some(1),
            viewed: false,
        }
    }

    /// What a crash between the state's update and the event's copy leaves behind: the
    /// state paid, the event only in its outbox. The next call that touches the state copies
    /// it, once; the answer counts as paid.
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn an_event_left_in_the_outbox_is_copied_once() {
        let store = store().await;
        let user = UserId::generate();
        let answer = crate::domain::new_object_id();
        let left = event(&user, &answer);
        store
            .coll(STATES)
            .insert_one(doc! {
                "user": user_oid(&user).unwrap(),
                "level": 1_i64,
                "points": Amount::whole(1).units(),
                "potentialCoins": Amount::whole(1).units(),
                "version": 1_i64,
                "outbox": [encode_event(&left).unwrap()],
            })
            .await
            .unwrap();
        assert_eq!(
            store.coll(EVENTS).count_documents(doc! {}).await.unwrap(),
            0
        );
        let state = get(&store, &user).await.unwrap().unwrap();
        assert_eq!((state.points, state.version), (Amount::whole(1), 1));
        let copied = events(&store, &user, false).await.unwrap();
        assert_eq!(copied, std::slice::from_ref(&left));
        let doc = store.coll(STATES).find_one(doc! {}).await.unwrap().unwrap();
        assert!(doc.get_array("outbox").unwrap().is_empty(), "{doc}");
        // Again: nothing more is copied, and paying the same answer pays nothing.
        get(&store, &user).await.unwrap();
        assert_eq!(events(&store, &user, false).await.unwrap().len(), 1);
        let replay = Award {
            event: event(&user, &answer),
            batch: "b".into(),
            level: 1,
            expected_version: 1,
        };
        assert_eq!(
            apply_award(&store, &replay).await.unwrap(),
            AwardOutcome::AlreadyPaid
        );
        let state = get(&store, &user).await.unwrap().unwrap();
        assert_eq!(state.points, Amount::whole(1), "paid once");
        store.db.drop().await.unwrap();
    }

    /// A donation whose call stopped before the copy: its webhook notice waits in the outbox
    /// with the event, and the next read of the state queues it before copying the event
    /// (without the notice).
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn a_donations_notice_left_in_the_outbox_is_queued_once() {
        use crate::domain::{EventKind, WebhookEvent};
        use crate::store::{DeliveryQuery, Notice, WebhookStore};
        let store = store().await;
        let user = UserId::generate();
        let mut gift = event(&user, "unused");
        (gift.answer, gift.points, gift.level, gift.viewed) = (None, Amount::ZERO, None, true);
        gift.coins = -Amount::whole(2);
        gift.fund = Some("open".into());
        let notice = Notice {
            event: WebhookEvent {
                id: format!("donation.made:{}", gift.id),
                kind: EventKind::DonationMade,
                at: gift.timestamp,
                payload: serde_json::json!({"donation": gift.id}),
            },
            hooks: vec!["gifts".into()],
        };
        let mut waiting = encode_event(&gift).unwrap();
        waiting.insert(NOTICE, webhooks::encode_notice(&notice));
        store
            .coll(STATES)
            .insert_one(doc! {
                "user": user_oid(&user).unwrap(),
                "level": 1_i64,
                "actualCoins": Amount::whole(3).units(),
                "version": 1_i64,
                "outbox": [waiting],
            })
            .await
            .unwrap();
        let everything = DeliveryQuery {
            failed: false,
            limit: 100,
        };
        assert!(store.deliveries(&everything).await.unwrap().is_empty());
        for _ in 0..2 {
            let copied = events(&store, &user, false).await.unwrap();
            assert_eq!(copied, std::slice::from_ref(&gift));
        }
        let queued = store.deliveries(&everything).await.unwrap();
        assert_eq!(queued.len(), 1);
        assert_eq!(
            (queued[0].hook.as_str(), &queued[0].event),
            ("gifts", &notice.event)
        );
        let stored = store.coll(EVENTS).find_one(doc! {}).await.unwrap().unwrap();
        assert!(!stored.contains_key(NOTICE), "{stored}");
        store.db.drop().await.unwrap();
    }

    /// A notice that cannot be read does not keep the event from being stored.
    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn an_unreadable_notice_does_not_hold_up_the_events() {
        let store = store().await;
        let user = UserId::generate();
        let left = event(&user, &crate::domain::new_object_id());
        let mut waiting = encode_event(&left).unwrap();
        waiting.insert(NOTICE, doc! { "kind": "no.such.kind" });
        store
            .coll(STATES)
            .insert_one(doc! {
                "user": user_oid(&user).unwrap(),
                "level": 1_i64,
                "version": 1_i64,
                "outbox": [waiting],
            })
            .await
            .unwrap();
        let copied = events(&store, &user, false).await.unwrap();
        assert_eq!(copied, std::slice::from_ref(&left));
        store.db.drop().await.unwrap();
    }
}

/// The original's forms of amounts, times and ids (spec 2), read without a server.
#[cfg(test)]
mod original_form_tests {
    use super::*;

    #[test]
    fn the_originals_amounts_times_and_event_ids_are_read() {
        let d = doc! {
            "_id": ObjectId::parse_str("65a1b2c3d4e5f60718293a4b").unwrap(),
            "points": 2.1, "coins": -0.3, "level": 1_i32,
            "timestamp": "2023,12,31,23,59,59,999999,UTC",
            "kyiv": "2024,06,01,12,00,00,000000,Europe/Kyiv",
            "short": "2024,06,01,12,00,00,5",
            "bad": "2024,13,01,12,00,00,0,UTC",
        };
        assert_eq!(units(&d, "points"), Amount::from_units(21_000));
        assert_eq!(units(&d, "coins"), Amount::from_units(-3_000));
        assert_eq!(event_id(&d), "65a1b2c3d4e5f60718293a4b");
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().to_utc();
        assert_eq!(
            stored_time(&d, "timestamp"),
            Some(at("2023-12-31T23:59:59.999999Z"))
        );
        assert_eq!(stored_time(&d, "kyiv"), Some(at("2024-06-01T09:00:00Z")));
        assert_eq!(
            stored_time(&d, "short"),
            Some(at("2024-06-01T12:00:00.000005Z"))
        );
        assert_eq!(stored_time(&d, "bad"), None);
    }
}
