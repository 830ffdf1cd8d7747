//! Opening, upgrading and downgrading the store a URL names: the one place that knows every
//! backend, so that the trait module depends on none of them.

use std::sync::Arc;

use chrono::{DateTime, Utc};

#[cfg(feature = "mongodb")]
use super::MongoStore;
#[cfg(feature = "sqlite")]
use super::SqliteStore;
use super::{DowngradeReport, OriginalClasses, Store, StoreUrl, UpgradeReport, parse_url};
use crate::Result;

/// Opens the store a URL names, creating or migrating its schema.
///
/// A plain path or a `sqlite:` URL opens the embedded backend; `mongodb://` and
/// `mongodb+srv://` name a MongoDB server.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    match parse_url(url)? {
        #[cfg(feature = "sqlite")]
        StoreUrl::Sqlite(path) => Ok(Arc::new(SqliteStore::open(&path).await?)),
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => Ok(Arc::new(MongoStore::open(&url).await?)),
        #[cfg(not(all(feature = "sqlite", feature = "mongodb")))]
        other => Err(no_backend(&other)),
    }
}

/// The error for a URL whose backend this build was made without.
#[cfg(not(all(feature = "sqlite", feature = "mongodb")))]
fn no_backend(url: &StoreUrl) -> crate::Error {
    let (name, feature, shown) = match url {
        StoreUrl::Sqlite(path) => ("SQLite", "sqlite", path.display().to_string()),
        StoreUrl::Mongo(url) => ("MongoDB", "mongodb", super::redact(url)),
    };
    crate::Error::invalid(format!(
        "{shown}: this build has no {name} backend; build it with `--features {feature}`"
    ))
}

/// Moves the database a URL names to this version's layout (`vulyk db upgrade`): an original
/// Vulyk database is changed, one already ours (any SQLite file) is left as it is.
pub async fn upgrade(url: &str) -> Result<UpgradeReport> {
    match parse_url(url)? {
        #[cfg(feature = "sqlite")]
        StoreUrl::Sqlite(path) => {
            SqliteStore::open(&path).await?;
            Ok(UpgradeReport {
                already_current: true,
                ..UpgradeReport::default()
            })
        }
        #[cfg(feature = "mongodb")]
        StoreUrl::Mongo(url) => MongoStore::upgrade(&url).await,
        #[cfg(not(all(feature = "sqlite", feature = "mongodb")))]
        other => Err(no_backend(&other)),
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
        other => {
            let _ = (declared, now);
            Err(no_backend(&other))
        }
    }
}

/// A build without one of the backends refuses its URLs (the lean and the MongoDB-only runs
/// of CI build these).
#[cfg(all(test, not(all(feature = "sqlite", feature = "mongodb"))))]
mod tests {
    use super::*;

    /// A build without a backend refuses its URLs, saying which feature would have it.
    async fn refused(url: &str, feature: &str) {
        let Err(error) = open(url).await else {
            panic!("{url} opened");
        };
        let message = error.to_string();
        assert!(
            message.contains(&format!("--features {feature}")),
            "{message}"
        );
    }

    #[cfg(not(feature = "mongodb"))]
    #[tokio::test]
    async fn a_build_without_mongodb_refuses_its_urls() {
        refused("mongodb://user:secret@127.0.0.1:1/v", "mongodb").await;
        let Err(error) = open("mongodb://user:secret@127.0.0.1:1/v").await else {
            unreachable!()
        };
        assert!(!error.to_string().contains("secret"), "{error}");
    }

    #[cfg(not(feature = "sqlite"))]
    #[tokio::test]
    async fn a_build_without_sqlite_refuses_its_paths() {
        let dir = std::env::temp_dir().join(format!("vulyk-no-sqlite-{}", std::process::id()));
        let path = dir.join("v.db");
        refused(&path.to_string_lossy(), "sqlite").await;
        assert!(!dir.exists(), "nothing is created");
    }
}
