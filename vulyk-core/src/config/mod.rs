//! Configuration shared by both binaries, layered as
//! defaults < `vulyk.toml` < `VULYK_*` environment < command-line flags.
//!
//! Resolving is a pure function of its inputs ([`Config::resolve`]) so that tests call it
//! directly; [`Config::load`] only gathers those inputs from the file system and environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::Webhook;
use crate::gamification::{Amount, LevelTable, Zone};
use crate::{Error, Result};

mod layers;
mod webhooks;

pub use layers::{Environment, Layer, layered, process_environment};
pub use webhooks::WebhookEntry;

pub const DEFAULT_DB: &str = "vulyk.db";
pub const DEFAULT_PLUGINS: &str = "plugins";
pub const DEFAULT_CONFIG_FILE: &str = "vulyk.toml";
/// How long a hand-out holds its slot (see `service::DEFAULT_LEASE`).
pub const DEFAULT_LEASE_MINUTES: u32 = 30;

/// The settings every binary needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Database URL or path (see `store::open`).
    pub db: String,
    /// Folder of task-type plugins.
    pub plugins: PathBuf,
    /// Minutes a hand-out holds one of its task's slots for the volunteer.
    pub lease_minutes: u32,
    /// Where achievements count calendar days and weekends (an IANA name; default UTC).
    pub time_zone: Zone,
    /// Points needed for each level (the `[levels]` table replaces the original's whole table).
    pub levels: LevelTable,
    /// The config file's `[server]` table, for the server to read with its own rules, and the
    /// folder its relative paths are relative to.
    pub server_section: Option<FileSection>,
    /// The `[[webhooks]]` entries, checked.
    pub webhooks: Vec<Webhook>,
}

/// A table of the config file that another crate interprets.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSection {
    pub file: PathBuf,
    pub table: toml::Table,
}

impl FileSection {
    /// The folder of the file, against which relative paths in it resolve.
    pub fn base(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new(""))
    }
}

/// One layer of settings; `None` leaves the value of the layer below.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigLayer {
    pub db: Option<String>,
    pub plugins: Option<PathBuf>,
    pub lease_minutes: Option<u32>,
    pub time_zone: Option<String>,
    /// Only read from the file: `level = points` pairs.
    #[serde(default)]
    pub levels: Option<BTreeMap<String, toml::Value>>,
    /// Only read from the file: the server's own settings.
    #[serde(default)]
    pub server: Option<toml::Table>,
    /// Only read from the file: `[[webhooks]]`.
    #[serde(default)]
    pub webhooks: Option<Vec<WebhookEntry>>,
}

impl Layer for ConfigLayer {
    fn over(self, below: ConfigLayer) -> ConfigLayer {
        ConfigLayer {
            db: self.db.or(below.db),
            plugins: self.plugins.or(below.plugins),
            lease_minutes: self.lease_minutes.or(below.lease_minutes),
            time_zone: self.time_zone.or(below.time_zone),
            levels: self.levels.or(below.levels),
            server: self.server.or(below.server),
            webhooks: self.webhooks.or(below.webhooks),
        }
    }
}

impl ConfigLayer {
    fn from_env(env: Environment) -> Result<ConfigLayer> {
        Ok(ConfigLayer {
            db: env.text("VULYK_DB"),
            plugins: env.text("VULYK_PLUGINS").map(PathBuf::from),
            lease_minutes: env.parsed("VULYK_LEASE_MINUTES", "a whole number of minutes")?,
            time_zone: env.text("VULYK_TIME_ZONE"),
            levels: None,
            server: None,
            webhooks: None,
        })
    }
}

impl Config {
    /// Combines the layers. `file` is the config file's path and text; relative paths in it
    /// are taken relative to the file's folder, so a config works from any directory.
    pub fn resolve(
        file: Option<(&Path, &str)>,
        env: &dyn Fn(&str) -> Option<String>,
        flags: ConfigLayer,
    ) -> Result<Config> {
        let from_file = match file {
            Some((path, text)) => parse_file(path, text)?,
            None => ConfigLayer::default(),
        };
        let server_section = match (file, from_file.server.clone()) {
            (Some((path, _)), Some(table)) => Some(FileSection {
                file: path.to_path_buf(),
                table,
            }),
            _ => None,
        };
        let merged = layered(
            from_file,
            ConfigLayer::from_env(Environment::new(env))?,
            flags,
        );
        let lease_minutes = merged.lease_minutes.unwrap_or(DEFAULT_LEASE_MINUTES);
        if lease_minutes == 0 {
            return Err(Error::invalid("lease_minutes: must be at least 1"));
        }
        Ok(Config {
            db: merged.db.unwrap_or_else(|| DEFAULT_DB.to_string()),
            plugins: merged
                .plugins
                .unwrap_or_else(|| PathBuf::from(DEFAULT_PLUGINS)),
            lease_minutes,
            time_zone: match &merged.time_zone {
                Some(name) => name.parse()?,
                None => Zone::default(),
            },
            levels: match &merged.levels {
                Some(table) => level_table(table)?,
                None => LevelTable::default(),
            },
            server_section,
            webhooks: webhooks::webhooks(merged.webhooks.as_deref().unwrap_or_default(), env)?,
        })
    }

    /// Reads the config file (`--config`, else `VULYK_CONFIG`, else `./vulyk.toml` if present)
    /// and the process environment, then resolves.
    pub fn load(config_flag: Option<&Path>, flags: ConfigLayer) -> Result<Config> {
        let explicit = config_flag.map(Path::to_path_buf).or_else(|| {
            Environment::new(&process_environment)
                .text("VULYK_CONFIG")
                .map(PathBuf::from)
        });
        let path = match explicit {
            Some(path) => Some(path),
            None => Some(PathBuf::from(DEFAULT_CONFIG_FILE)).filter(|p| p.is_file()),
        };
        let text = match &path {
            Some(path) => Some(std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?),
            None => None,
        };
        let file = path.as_deref().zip(text.as_deref());
        Config::resolve(file, &process_environment, flags)
    }
}

/// `[levels]` as `1 = 1`, `2 = 25`, …: whole or decimal points (a string for decimals).
fn level_table(table: &BTreeMap<String, toml::Value>) -> Result<LevelTable> {
    let mut levels = BTreeMap::new();
    for (key, value) in table {
        let level: u32 = key
            .parse()
            .map_err(|_| Error::invalid(format!("levels.{key}: a level must be a whole number")))?;
        let what = format!("levels.{key}");
        let points = match value {
            toml::Value::Integer(n) => Amount::whole(*n),
            toml::Value::String(s) => Amount::parse(s, &what)?,
            toml::Value::Float(f) => Amount::parse(&f.to_string(), &what)?,
            other => {
                return Err(Error::invalid(format!(
                    "{what}: expected a number of points, found {other}"
                )));
            }
        };
        levels.insert(level, points);
    }
    LevelTable::new(levels)
}

fn parse_file(path: &Path, text: &str) -> Result<ConfigLayer> {
    let mut layer: ConfigLayer = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |span| span.start);
        let line = text[..offset.min(text.len())].matches('\n').count() + 1;
        Error::invalid(format!(
            "{}:{line}: {}",
            path.display(),
            e.message().trim_end()
        ))
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    layer.plugins = layer.plugins.map(|p| base.join(p));
    layer.db = layer.db.map(|db| {
        let is_plain_relative_path = !db.contains(':') && Path::new(&db).is_relative();
        if is_plain_relative_path {
            base.join(db).to_string_lossy().into_owned()
        } else {
            db
        }
    });
    Ok(layer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vulyk_testkit::environment_of;

    #[test]
    fn defaults_apply_with_nothing_set() {
        let config = Config::resolve(None, &environment_of(&[]), ConfigLayer::default()).unwrap();
        assert_eq!(config.db, "vulyk.db");
        assert_eq!(config.plugins, PathBuf::from("plugins"));
        assert_eq!(config.lease_minutes, 30);
    }

    #[test]
    fn lease_minutes_come_from_file_or_environment_and_are_checked() {
        let file = (Path::new("/srv/vulyk.toml"), "lease_minutes = 10\n");
        let from_file =
            Config::resolve(Some(file), &environment_of(&[]), ConfigLayer::default()).unwrap();
        assert_eq!(from_file.lease_minutes, 10);
        let env = environment_of(&[("VULYK_LEASE_MINUTES", "45")]);
        let from_env = Config::resolve(Some(file), &env, ConfigLayer::default()).unwrap();
        assert_eq!(from_env.lease_minutes, 45);
        let bad = environment_of(&[("VULYK_LEASE_MINUTES", "soon")]);
        let err = Config::resolve(None, &bad, ConfigLayer::default()).unwrap_err();
        assert!(err.to_string().contains("VULYK_LEASE_MINUTES"), "{err}");
        let zero = (Path::new("/srv/vulyk.toml"), "lease_minutes = 0\n");
        let err =
            Config::resolve(Some(zero), &environment_of(&[]), ConfigLayer::default()).unwrap_err();
        assert!(err.to_string().contains("lease_minutes"), "{err}");
    }

    #[test]
    fn layers_override_in_order() {
        let file = (
            Path::new("/etc/vulyk/vulyk.toml"),
            "db = \"file.db\"\nplugins = \"p\"\n",
        );
        let config =
            Config::resolve(Some(file), &environment_of(&[]), ConfigLayer::default()).unwrap();
        assert_eq!(config.db, "/etc/vulyk/file.db");
        assert_eq!(config.plugins, PathBuf::from("/etc/vulyk/p"));

        let env = environment_of(&[("VULYK_DB", "mongodb://localhost/v")]);
        let config = Config::resolve(Some(file), &env, ConfigLayer::default()).unwrap();
        assert_eq!(config.db, "mongodb://localhost/v");
        assert_eq!(config.plugins, PathBuf::from("/etc/vulyk/p"));

        let flags = ConfigLayer {
            db: Some("flag.db".into()),
            ..ConfigLayer::default()
        };
        let config = Config::resolve(Some(file), &env, flags).unwrap();
        assert_eq!(config.db, "flag.db");
    }

    #[test]
    fn time_zone_and_levels_are_settings() {
        let file = (
            Path::new("/srv/vulyk.toml"),
            "time_zone = \"Europe/Kyiv\"\n[levels]\n1 = 10\n2 = \"20.5\"\n",
        );
        let config =
            Config::resolve(Some(file), &environment_of(&[]), ConfigLayer::default()).unwrap();
        assert_eq!(config.time_zone.name(), "Europe/Kyiv");
        assert_eq!(config.levels.level(Amount::whole(20)), 1);
        assert_eq!(config.levels.level(Amount::whole(21)), 2);
        let env = environment_of(&[("VULYK_TIME_ZONE", "America/New_York")]);
        let config = Config::resolve(Some(file), &env, ConfigLayer::default()).unwrap();
        assert_eq!(config.time_zone.name(), "America/New_York");
        let defaults = Config::resolve(None, &environment_of(&[]), ConfigLayer::default()).unwrap();
        assert_eq!(defaults.time_zone.name(), "UTC");
        assert_eq!(defaults.levels, LevelTable::default());
        let bad = environment_of(&[("VULYK_TIME_ZONE", "Kyiv")]);
        let err = Config::resolve(None, &bad, ConfigLayer::default()).unwrap_err();
        assert!(err.to_string().contains("time_zone"), "{err}");
        let falling = (Path::new("v.toml"), "[levels]\n1 = 10\n2 = 5\n");
        let err = Config::resolve(Some(falling), &environment_of(&[]), ConfigLayer::default())
            .unwrap_err();
        assert!(err.to_string().contains("levels.2"), "{err}");
    }

    #[test]
    fn bad_file_names_path_and_line() {
        let file = (Path::new("vulyk.toml"), "db = \"x\"\ndatabase = \"y\"\n");
        let err =
            Config::resolve(Some(file), &environment_of(&[]), ConfigLayer::default()).unwrap_err();
        assert!(err.to_string().starts_with("vulyk.toml:2:"), "{err}");
        assert!(err.to_string().contains("database"), "{err}");
    }
}
