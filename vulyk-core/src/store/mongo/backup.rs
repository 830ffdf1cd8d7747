//! A MongoDB store is not backed up into one file yet: that takes a copy of every area into
//! SQLite (`db copy`), which is not built. `mongodump` backs it up meanwhile.

use std::path::Path;

use async_trait::async_trait;

use super::MongoStore;
use crate::store::{BackupStore, Snapshot};
use crate::{Error, Result};

#[async_trait]
impl BackupStore for MongoStore {
    async fn snapshot_into(&self, _file: &Path) -> Result<Snapshot> {
        Err(Error::forbidden(
            "a MongoDB store cannot be backed up into one file yet (that needs `db copy`, not \
             built yet); use mongodump, e.g. `mongodump --uri URL --archive=FILE --gzip`",
        ))
    }
}
