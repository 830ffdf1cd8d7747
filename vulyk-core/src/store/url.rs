//! Which backend a database URL names.

use std::path::PathBuf;

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreUrl {
    Sqlite(PathBuf),
    Mongo(String),
}

/// `path`, `sqlite:path`, `sqlite://path` and `sqlite:///absolute/path` open SQLite;
/// `mongodb://…` and `mongodb+srv://…` open MongoDB; any other scheme is an error.
pub fn parse_url(url: &str) -> Result<StoreUrl> {
    if url.trim().is_empty() {
        return Err(Error::invalid("database URL is empty"));
    }
    if url.starts_with("mongodb://") || url.starts_with("mongodb+srv://") {
        return Ok(StoreUrl::Mongo(url.to_string()));
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    if let Some((scheme, _)) = url.split_once("://")
        && scheme != "sqlite"
    {
        return Err(Error::invalid(format!(
            "database URL `{}`: unknown scheme `{scheme}` (use a path, sqlite:PATH or mongodb://HOST/DB)",
            redact(url)
        )));
    }
    if path.is_empty() {
        return Err(Error::invalid(format!(
            "database URL `{url}` names no file"
        )));
    }
    Ok(StoreUrl::Sqlite(PathBuf::from(path)))
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let user = rest[..at].split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***{}", &rest[at..])
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_the_backend() {
        let sqlite = |p: &str| StoreUrl::Sqlite(PathBuf::from(p));
        assert_eq!(parse_url("vulyk.db").unwrap(), sqlite("vulyk.db"));
        assert_eq!(parse_url("sqlite:data/v.db").unwrap(), sqlite("data/v.db"));
        assert_eq!(parse_url("sqlite://v.db").unwrap(), sqlite("v.db"));
        assert_eq!(
            parse_url("sqlite:///abs/v.db").unwrap(),
            sqlite("/abs/v.db")
        );
        assert!(matches!(
            parse_url("mongodb://h/vulyk").unwrap(),
            StoreUrl::Mongo(_)
        ));
        assert!(matches!(
            parse_url("mongodb+srv://h/vulyk").unwrap(),
            StoreUrl::Mongo(_)
        ));
        assert!(parse_url("postgres://h/db").is_err());
        assert!(parse_url("").is_err());
        assert!(parse_url("sqlite:").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("mongodb://u:secret@h:27017/db"),
            "mongodb://u:***@h:27017/db"
        );
        assert_eq!(redact("mongodb://h/db"), "mongodb://h/db");
        assert!(
            !parse_url("postgres://u:secret@h/db")
                .unwrap_err()
                .to_string()
                .contains("secret")
        );
    }
}
