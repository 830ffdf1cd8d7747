//! Reading an area page by page for a copy from this backend, in the order it reads the
//! area itself, so that the target numbers the rows as this backend orders them: tasks in
//! the order they were stored (an export's), answers, events and the audit log by time,
//! the rest by id. A position is JSON of the last row's key, ids in extended JSON.

use std::sync::Arc;

use mongodb::bson::{Bson, Document, doc};
use tokio::sync::Mutex;

use super::MongoStore;
use super::copy_rows::{row_of, rows_in};
use super::support::mongo_err;
use crate::store::{Area, Page, PageLimit};
use crate::{Error, Result};

/// How an area's documents are ordered.
pub(super) enum Order {
    Id,
    /// By a date, then by id.
    TimeThenId(&'static str),
    /// As stored (`$natural`), which no index gives: one cursor goes on from page to page.
    Stored,
}

pub(super) fn order_of(area: &Area) -> Order {
    match area.name {
        "tasks" => Order::Stored,
        "answers" => Order::TimeThenId("createdAt"),
        "events" => Order::TimeThenId("timestamp"),
        "audit_log" => Order::TimeThenId("at"),
        _ => Order::Id,
    }
}

/// A cursor over the tasks in stored order, and how many it has read.
type Reading = (u64, mongodb::Cursor<Document>);

/// The cursor the last page of tasks left, for the next page to go on with.
#[derive(Clone, Default)]
pub(super) struct StoredCursor(Arc<Mutex<Option<Reading>>>);

impl std::fmt::Debug for StoredCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoredCursor")
    }
}

fn bad_position(text: &str) -> Error {
    Error::invalid(format!(
        "a copy's position `{text}` is not one MongoDB wrote"
    ))
}

fn bson_at(text: &str) -> Result<Bson> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| Bson::try_from(v).ok())
        .ok_or_else(|| bad_position(text))
}

fn extjson(value: Option<&Bson>) -> String {
    value
        .cloned()
        .unwrap_or(Bson::Null)
        .into_relaxed_extjson()
        .to_string()
}

/// Up to a page of rows of an area kept as whole documents.
pub(super) async fn documents(
    store: &MongoStore,
    area: &Area,
    collection: &str,
    mut filter: Document,
    after: Option<String>,
    limit: PageLimit,
) -> Result<Page> {
    let order = order_of(area);
    if let Order::Stored = order {
        return stored(store, area, collection, filter, after, limit).await;
    }
    let sort = match order {
        Order::TimeThenId(field) => {
            if let Some(text) = &after {
                let Bson::Array(key) = bson_at(text)? else {
                    return Err(bad_position(text));
                };
                let [time, id] = key.as_slice() else {
                    return Err(bad_position(text));
                };
                let later = vec![
                    doc! { field: { "$gt": time.clone() } },
                    doc! { field: time.clone(), "_id": { "$gt": id.clone() } },
                ];
                filter.insert("$or", later);
            }
            doc! { field: 1, "_id": 1 }
        }
        _ => {
            if let Some(text) = &after {
                filter.insert("_id", doc! { "$gt": bson_at(text)? });
            }
            doc! { "_id": 1 }
        }
    };
    let mut cursor = store
        .coll(collection)
        .find(filter)
        .sort(sort)
        .limit(limit.rows as i64)
        .await
        .map_err(mongo_err)?;
    let (mut rows, mut bytes, mut last) = (Vec::new(), 0, None);
    while cursor.advance().await.map_err(mongo_err)? {
        let document: Document = cursor.deserialize_current().map_err(mongo_err)?;
        let row = row_of(area, &document)?;
        last = Some(match order {
            Order::TimeThenId(field) => format!(
                "[{},{}]",
                extjson(document.get(field)),
                extjson(document.get("_id"))
            ),
            _ => extjson(document.get("_id")),
        });
        if limit.add(&mut rows, &mut bytes, row) {
            break;
        }
    }
    Ok(Page { rows, last })
}

/// Tasks in stored order: the cursor of the page before goes on; a copy resumed by another
/// process skips what it read (once).
async fn stored(
    store: &MongoStore,
    area: &Area,
    collection: &str,
    filter: Document,
    after: Option<String>,
    limit: PageLimit,
) -> Result<Page> {
    let read: u64 = match &after {
        None => 0,
        Some(text) => text.parse().map_err(|_| bad_position(text))?,
    };
    let mut held = store.copy_cursor.0.lock().await;
    let mut cursor = match held.take() {
        Some((at, cursor)) if at == read => cursor,
        _ => store
            .coll(collection)
            .find(filter)
            .skip(read)
            .batch_size(limit.rows.clamp(1, 10_000) as u32)
            .await
            .map_err(mongo_err)?,
    };
    let (mut rows, mut bytes) = (Vec::new(), 0);
    while rows.len() < limit.rows && cursor.advance().await.map_err(mongo_err)? {
        let document: Document = cursor.deserialize_current().map_err(mongo_err)?;
        if limit.add(&mut rows, &mut bytes, row_of(area, &document)?) {
            break;
        }
    }
    let now_read = read + rows.len() as u64;
    if !rows.is_empty() {
        *held = Some((now_read, cursor));
    }
    let last = (!rows.is_empty()).then(|| now_read.to_string());
    Ok(Page { rows, last })
}

/// Up to a page of rows kept in the arrays of `collection`'s documents, a parent at a time
/// (a parent's rows are never split between pages).
pub(super) async fn elements(
    store: &MongoStore,
    area: &Area,
    collection: &str,
    holding: Document,
    after: Option<String>,
    limit: PageLimit,
) -> Result<Page> {
    let mut after = match &after {
        None => None,
        Some(text) => Some(bson_at(text)?),
    };
    let (mut rows, mut bytes, mut last) = (Vec::new(), 0, None);
    loop {
        let mut filter = holding.clone();
        if let Some(id) = &after {
            filter.insert("_id", doc! { "$gt": id.clone() });
        }
        let mut cursor = store
            .coll(collection)
            .find(filter)
            .sort(doc! { "_id": 1 })
            .limit(limit.rows as i64)
            .await
            .map_err(mongo_err)?;
        let mut parents = 0;
        while cursor.advance().await.map_err(mongo_err)? {
            let parent: Document = cursor.deserialize_current().map_err(mongo_err)?;
            parents += 1;
            after = parent.get("_id").cloned();
            last = Some(extjson(after.as_ref()));
            let mut page_full = false;
            for row in rows_in(area, &parent)? {
                page_full = limit.add(&mut rows, &mut bytes, row) || page_full;
            }
            if page_full || rows.len() >= limit.rows {
                return Ok(Page { rows, last });
            }
        }
        // Parents whose arrays held nothing of the area's: look further, unless none is left.
        if parents == 0 || !rows.is_empty() {
            let last = if rows.is_empty() { None } else { last };
            return Ok(Page { rows, last });
        }
    }
}
