//! Rewriting every document of a collection by a pure change, for the moves between the
//! original's layout and ours. A change is repeatable (it leaves a document already in the
//! new shape as it is), so an interrupted move is run again to its end.

use mongodb::bson::{Bson, Document, doc};

use super::MongoStore;
use super::support::mongo_err;
use crate::Result;

/// Rewrites each document of `collection` that `change` changes; returns how many.
pub(super) async fn rewrite_each(
    store: &MongoStore,
    collection: &str,
    change: impl Fn(&mut Document) -> Result<()>,
) -> Result<u64> {
    let documents = store.coll(collection);
    let mut cursor = documents.find(doc! {}).await.map_err(mongo_err)?;
    let mut rewritten = 0;
    while cursor.advance().await.map_err(mongo_err)? {
        let before = cursor.deserialize_current().map_err(mongo_err)?;
        let mut after = before.clone();
        change(&mut after)?;
        if after != before {
            let id = before.get("_id").cloned().unwrap_or(Bson::Null);
            documents
                .replace_one(doc! { "_id": id }, after)
                .await
                .map_err(mongo_err)?;
            rewritten += 1;
        }
    }
    Ok(rewritten)
}
