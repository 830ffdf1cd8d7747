//! A MongoDB store is not backed up while it serves: with no transactions across documents,
//! a copy made meanwhile (`db copy`) is no snapshot of one moment. Stopped, `db copy` writes
//! it into one SQLite file; `mongodump` backs up a live one.

use std::path::Path;

use async_trait::async_trait;

use super::MongoStore;
use crate::store::{BackupStore, Snapshot};
use crate::{Error, Result};

#[async_trait]
impl BackupStore for MongoStore {
    async fn snapshot_into(&self, _file: &Path) -> Result<Snapshot> {
        Err(Error::forbidden(
            "a MongoDB store is not backed up while it serves (a copy is no snapshot of one \
             moment without transactions across documents); with vulyk-server stopped, \
             `vulyk db copy --from URL --to FILE` writes it into one SQLite file, or use \
             mongodump: `mongodump --uri URL --archive=FILE --gzip`",
        ))
    }
}
