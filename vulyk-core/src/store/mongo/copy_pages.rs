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
    /// As stored (`$natural`), which no index gives: a position is how many were read.
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

/// The cursor a page of an area left, where it left it: the area and the page's position.
struct Reading {
    area: &'static str,
    at: String,
    cursor: mongodb::Cursor<Document>,
}

/// The cursor the last page left, for the next page to go on with: one query, and one sort,
/// for a whole area. A page that started its own query (sorted, with a limit) scanned the
/// whole collection again each time, as no index holds the answers' order: reading 30,000
/// answers back took 16 s on the test server, growing with the square of their number.
#[derive(Clone, Default)]
pub(super) struct HeldCursor(Arc<Mutex<Option<Reading>>>);

impl HeldCursor {
    /// Lets go of the cursor held, if any.
    pub(super) async fn forget(&self) {
        *self.0.lock().await = None;
    }
}

impl std::fmt::Debug for HeldCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HeldCursor")
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

/// Up to a page of rows of an area kept as whole documents, read on from the cursor the page
/// before left when this page starts where that one ended (a copy resumed by another process
/// starts a new one, once).
pub(super) async fn documents(
    store: &MongoStore,
    area: &'static Area,
    collection: &str,
    filter: Document,
    after: Option<String>,
    limit: PageLimit,
) -> Result<Page> {
    let order = order_of(area);
    let at = after.as_deref().unwrap_or_default();
    let mut held = store.copy_cursor.0.lock().await;
    let mut cursor = match held.take() {
        Some(reading) if reading.area == area.name && reading.at == at => reading.cursor,
        _ => query(store, &order, collection, filter, after.as_deref(), limit).await?,
    };
    let (mut rows, mut bytes, mut last) = (Vec::new(), 0, None);
    // Checked before advancing: a row advanced past would be lost to the next page, which
    // goes on from this cursor.
    while rows.len() < limit.rows && cursor.advance().await.map_err(mongo_err)? {
        let document: Document = cursor.deserialize_current().map_err(mongo_err)?;
        let row = row_of(area, &document)?;
        last = match order {
            Order::Stored => None,
            Order::TimeThenId(field) => Some(format!(
                "[{},{}]",
                extjson(document.get(field)),
                extjson(document.get("_id"))
            )),
            Order::Id => Some(extjson(document.get("_id"))),
        };
        if limit.add(&mut rows, &mut bytes, row) {
            break;
        }
    }
    if let Order::Stored = order
        && !rows.is_empty()
    {
        // Tasks have no key to seek past: their position is how many were read.
        let read: u64 = if at.is_empty() { 0 } else { parse_count(at)? };
        last = Some((read + rows.len() as u64).to_string());
    }
    if let Some(at) = &last {
        *held = Some(Reading {
            area: area.name,
            at: at.clone(),
            cursor,
        });
    }
    Ok(Page { rows, last })
}

fn parse_count(text: &str) -> Result<u64> {
    text.parse().map_err(|_| bad_position(text))
}

/// The area's documents from `after` on, in its order: tasks as stored (`$natural`, which no
/// index gives, so a resumed copy skips what it read), the rest by their key.
async fn query(
    store: &MongoStore,
    order: &Order,
    collection: &str,
    mut filter: Document,
    after: Option<&str>,
    limit: PageLimit,
) -> Result<mongodb::Cursor<Document>> {
    let (sort, skip) = match order {
        Order::Stored => (None, after.map(parse_count).transpose()?.unwrap_or(0)),
        // By a time no index holds: the server sorts once, on disk when large.
        Order::TimeThenId(field) => {
            if let Some(text) = after {
                let Bson::Array(key) = bson_at(text)? else {
                    return Err(bad_position(text));
                };
                let [time, id] = key.as_slice() else {
                    return Err(bad_position(text));
                };
                let later = vec![
                    doc! { *field: { "$gt": time.clone() } },
                    doc! { *field: time.clone(), "_id": { "$gt": id.clone() } },
                ];
                filter.insert("$or", later);
            }
            (Some(doc! { *field: 1, "_id": 1 }), 0)
        }
        Order::Id => {
            if let Some(text) = after {
                filter.insert("_id", doc! { "$gt": bson_at(text)? });
            }
            (Some(doc! { "_id": 1 }), 0)
        }
    };
    let documents = store.coll(collection);
    let mut find = documents
        .find(filter)
        .skip(skip)
        .batch_size(limit.rows.clamp(1, 10_000) as u32);
    if let Some(sort) = sort {
        find = find.sort(sort).allow_disk_use(true);
    }
    find.await.map_err(mongo_err)
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

#[cfg(test)]
mod tests {
    use mongodb::bson::DateTime;

    use super::*;
    use crate::store::{CopySide, CopyStore};

    /// Answers whose times tie in pairs, stored out of their order.
    async fn answers(store: &MongoStore, n: i64) {
        let documents = (0..n).rev().map(|i| {
            doc! {
                "_id": format!("a{i:03}"),
                "task": "t", "taskType": "tagging", "createdBy": format!("u{i}"),
                "createdAt": DateTime::from_millis(1_764_547_200_000 + i / 2 * 1000),
                "result": { "tag": i },
            }
        });
        store.coll("reports").insert_many(documents).await.unwrap();
    }

    /// Where the cursor a store keeps for the next page is.
    async fn held(store: &MongoStore) -> Option<(&'static str, String)> {
        let held = store.copy_cursor.0.lock().await;
        held.as_ref()
            .map(|reading| (reading.area, reading.at.clone()))
    }

    fn ids(pages: &[Page]) -> Vec<String> {
        pages
            .iter()
            .flat_map(|page| &page.rows)
            .map(|row| match &row[1] {
                crate::store::Cell::Text(id) => id.clone(),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[tokio::test]
    #[ignore = "needs the MongoDB test server"]
    async fn an_areas_pages_go_on_from_one_query_and_start_a_new_one_where_they_must() {
        let url = vulyk_testkit::mongo_database("vulyk_copy_pages");
        let store = MongoStore::open(&url).await.unwrap();
        answers(&store, 9).await;
        let area = Area::named("answers").unwrap();
        let limit = PageLimit {
            rows: 2,
            ..PageLimit::default()
        };
        let mut pages = vec![store.copy_out(area, None, limit).await.unwrap()];
        assert_eq!(
            held(&store).await,
            Some(("answers", pages[0].last.clone().unwrap())),
            "the page's cursor is kept where it ended"
        );
        // Another area read in between: its own query; the next page of answers starts
        // a new one from its position.
        let users = Area::named("users").unwrap();
        store.copy_out(users, None, limit).await.unwrap();
        assert_eq!(held(&store).await, None, "no user: nothing to go on from");
        loop {
            let after = pages.last().unwrap().last.clone();
            let page = store.copy_out(area, after, limit).await.unwrap();
            if page.rows.is_empty() {
                break;
            }
            pages.push(page);
        }
        let expected: Vec<String> = (0..9).map(|i| format!("a{i:03}")).collect();
        assert_eq!(ids(&pages), expected, "by time, then id, each once");
        // Another process goes on from a position: the same rows follow.
        let other = MongoStore::open(&url).await.unwrap();
        let page = other
            .copy_out(area, pages[1].last.clone(), limit)
            .await
            .unwrap();
        assert_eq!(ids(&[page]), ["a004", "a005"]);
        // A copy that begins lets go of what an earlier one (one that failed) left.
        assert!(held(&other).await.is_some());
        other.begin_copy(CopySide::Source).await.unwrap();
        assert_eq!(held(&other).await, None);
    }
}
