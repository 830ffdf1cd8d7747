//! Opening, upgrading and downgrading the store a URL names: the one place that knows every
//! backend, so that the trait module depends on none of them.

use std::sync::Arc;

use chrono::{DateTime, Utc};

#[cfg(feature = "mongodb")]
use super::MongoStore;
#[cfg(not(feature = "mongodb"))]
use super::redact;
use super::{
    DowngradeReport, OriginalClasses, SqliteStore, Store, StoreUrl, UpgradeReport, parse_url,
};
use crate::Result;

/// Opens the store a URL names, creating or migrating its schema.
///
/// A plain path or a `sqlite:` URL opens the embedded backend; `mongodb://` and
/// `mongodb+srv://` name a MongoDB server.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    match parse_url(url)? {
        StoreUrl::Sqlite(path) => Ok(Arc::new(SqliteStore::open(&path).await?)),
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => Ok(Arc::new(MongoStore::open(&url).await?)),
        #[cfg(not(feature = "mongodb"))]
        StoreUrl::Mongo(url) => Err(no_mongo_backend(&url)),
    }
}

#[cfg(not(feature = "mongodb"))]
fn no_mongo_backend(url: &str) -> crate::Error {
    crate::Error::invalid(format!(
        "{}: this build has no MongoDB backend; build it with `--features mongodb`",
        redact(url)
    ))
}

/// Moves the database a URL names to this version's layout (`vulyk db upgrade`): an original
/// Vulyk database is changed, one already ours (any SQLite file) is left as it is.
pub async fn upgrade(url: &str) -> Result<UpgradeReport> {
    match parse_url(url)? {
        StoreUrl::Sqlite(path) => {
            SqliteStore::open(&path).await?;
            Ok(UpgradeReport {
                already_current: true,
                ..UpgradeReport::default()
            })
        }
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => MongoStore::upgrade(&url).await,
        #[cfg(not(feature = "mongodb"))]
        StoreUrl::Mongo(url) => Err(no_mongo_backend(&url)),
    }
}

/// Returns a MongoDB database in our layout to the original Vulyk's shape (`vulyk db
/// downgrade`), with the model classes `declared` in plugin.toml for the task types the
/// original never had. SQLite stores have no original shape.
pub async fn downgrade(
    url: &str,
    declared: &OriginalClasses,
    now: DateTime<Utc>,
) -> Result<DowngradeReport> {
    match parse_url(url)? {
        StoreUrl::Sqlite(path) => Err(crate::Error::invalid(format!(
            "{}: only a MongoDB database goes back to the original Vulyk; this is a SQLite file",
            path.display()
        ))),
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => MongoStore::downgrade(&url, declared, now).await,
        #[cfg(not(feature = "mongodb"))]
        StoreUrl::Mongo(url) => {
            let _ = (declared, now);
            Err(no_mongo_backend(&url))
        }
    }
}
