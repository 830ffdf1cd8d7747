//! Task types are plugins: a folder with `plugin.toml`, templates and static files.
//!
//! Both binaries read the same folder, so a task type's settings (redundancy, batch-meta
//! defaults, templates) are defined once, next to its front-end code.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::{BatchMeta, MAX_ANSWER_BYTES};
use crate::quality::LabelRule;
use crate::{Error, Result};

/// The file that makes a folder a plugin.
pub const MANIFEST: &str = "plugin.toml";
const DEFAULT_REDUNDANCY: u32 = 3;
const MAX_TYPE_NAME: usize = 50;

/// A task type read from its folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Plugin {
    /// The id used in URLs, in stored tasks and in groups' allowed types.
    pub type_name: String,
    pub name: String,
    pub description: String,
    /// Answers a task needs before it closes.
    pub redundancy: u32,
    /// The auto-close rule: close a task early once this many of its answers agree (are equal
    /// as JSON values). `None`: tasks close at `redundancy`.
    pub close_on_agreement: Option<u32>,
    /// The largest answer taken, as JSON text (at most [`MAX_ANSWER_BYTES`]). With the tasks
    /// and their redundancy it bounds the disk volunteers can fill: each volunteer answers a
    /// task once, and a task takes `redundancy` answers.
    pub max_answer_bytes: usize,
    pub gamified: bool,
    /// Defaults copied into each new batch of this type.
    pub meta: BatchMeta,
    pub dir: PathBuf,
    pub template: PathBuf,
    pub help_template: Option<PathBuf>,
    pub js: Vec<PathBuf>,
    pub css: Vec<PathBuf>,
    /// The original Vulyk's model classes of this type's tasks and answers (`_cls`), for
    /// `vulyk db downgrade` of a type the original database never had.
    pub original_classes: Option<(String, String)>,
    /// Which front-end protocol the plugin's scripts speak.
    pub protocol: Protocol,
    /// Sources the task page's Content-Security-Policy allows beyond the site's own.
    pub content_security: ContentSecurity,
    /// `[consensus]`: what in an answer is the label that agreement and consensus compare.
    pub consensus: LabelRule,
    /// `[quality]`: gold tasks among the hand-outs.
    pub quality: Quality,
}

/// `[quality]` in plugin.toml: how many hand-outs are gold tasks, and whether a volunteer
/// sees the expected answer after answering one.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// The share of hand-outs that are gold tasks once a volunteer has given `gold_warmup`
    /// answers of the type.
    #[serde(default)]
    pub gold_share: f64,
    /// The share before that; `gold_share` when not given.
    pub gold_share_new: Option<f64>,
    #[serde(default)]
    pub gold_warmup: u64,
    /// After answering a gold task the volunteer sees the expected answer beside theirs.
    #[serde(default)]
    pub gold_feedback: bool,
    /// A volunteer whose accuracy on gold tasks is below this, after `min_gold` of them, is
    /// excluded: their answers are kept but count toward neither redundancy nor consensus.
    pub min_accuracy: Option<f64>,
    /// Gold tasks a volunteer answers before `min_accuracy` applies to them.
    #[serde(default = "default_min_gold")]
    pub min_gold: u64,
}

/// Enough gold answers that one unlucky answer does not exclude a volunteer.
fn default_min_gold() -> u64 {
    5
}

impl Default for Quality {
    fn default() -> Self {
        Quality {
            gold_share: 0.0,
            gold_share_new: None,
            gold_warmup: 0,
            gold_feedback: false,
            min_accuracy: None,
            min_gold: default_min_gold(),
        }
    }
}

impl Quality {
    /// Whether a volunteer with this record on gold tasks is excluded (see `min_accuracy`).
    pub fn excludes(&self, score: &crate::domain::GoldScore) -> bool {
        match (self.min_accuracy, score.accuracy()) {
            (Some(minimum), Some(accuracy)) => score.answers >= self.min_gold && accuracy < minimum,
            _ => false,
        }
    }

    /// Whether any hand-out can be a gold task.
    pub fn hands_out_gold(&self) -> bool {
        self.gold_share > 0.0 || self.gold_share_new.is_some_and(|share| share > 0.0)
    }
}

/// The front-end protocol of a plugin's scripts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// DOM events on `document` (`vulyk.next`, …) and our task page.
    #[default]
    Vulyk,
    /// The original's: jQuery events on `document.body`, its element ids (`#current_task`,
    /// `#save-button`, `#skip-button`, `#user-stats`) and jQuery on the page.
    Original,
}

/// `[content_security]`: what a plugin's page may load or run beyond the site's own files —
/// `'unsafe-eval'` for templates compiled in the browser (Handlebars), named https hosts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentSecurity {
    #[serde(default)]
    pub script: Vec<String>,
    #[serde(default)]
    pub style: Vec<String>,
    #[serde(default)]
    pub font: Vec<String>,
}

impl ContentSecurity {
    pub fn is_strict(&self) -> bool {
        self.script.is_empty() && self.style.is_empty() && self.font.is_empty()
    }

    /// The first source that is neither an allowed keyword nor an `https://host[:port]`
    /// origin, with the key it is under.
    fn first_bad(&self) -> Option<(&'static str, &str)> {
        let keywords: [(&'static str, &Vec<String>, &[&str]); 3] = [
            ("script", &self.script, &["'unsafe-eval'"]),
            ("style", &self.style, &["'unsafe-inline'"]),
            ("font", &self.font, &[]),
        ];
        keywords.into_iter().find_map(|(key, sources, allowed)| {
            sources
                .iter()
                .find(|s| !allowed.contains(&s.as_str()) && !is_https_origin(s))
                .map(|s| (key, s.as_str()))
        })
    }
}

/// `https://host` or `https://host:port`, nothing else (no path, no wildcard scheme, no
/// characters that would end a CSP source list).
fn is_https_origin(source: &str) -> bool {
    let Some(host) = source.strip_prefix("https://") else {
        return false;
    };
    let (name, port) = host.split_once(':').unwrap_or((host, "443"));
    let name_ok = !name.is_empty()
        && name.trim_start_matches("*.").split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    name_ok && !port.is_empty() && port.chars().all(|c| c.is_ascii_digit())
}

/// `[consensus]` in plugin.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsensusManifest {
    #[serde(default)]
    label: String,
    items: Option<String>,
}

/// `[original]` in plugin.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OriginalManifest {
    task_class: String,
    answer_class: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(rename = "type")]
    type_name: String,
    name: Option<String>,
    #[serde(default)]
    description: String,
    redundancy: Option<u32>,
    close_on_agreement: Option<u32>,
    max_answer_bytes: Option<u64>,
    #[serde(default)]
    gamified: bool,
    template: String,
    help_template: Option<String>,
    #[serde(default)]
    js: Vec<String>,
    #[serde(default)]
    css: Vec<String>,
    #[serde(default)]
    meta: toml::Table,
    original: Option<OriginalManifest>,
    #[serde(default)]
    protocol: Protocol,
    #[serde(default)]
    content_security: ContentSecurity,
    #[serde(default)]
    consensus: ConsensusManifest,
    #[serde(default)]
    quality: Quality,
}

/// All plugins found in one folder, by type name.
#[derive(Clone, PartialEq)]
pub struct PluginRegistry {
    dir: PathBuf,
    plugins: BTreeMap<String, Plugin>,
}

impl fmt::Debug for PluginRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PluginRegistry")
            .field("dir", &self.dir)
            .field("types", &self.plugins.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl PluginRegistry {
    /// Reads every `*/plugin.toml` below `dir`. A missing folder gives an empty registry, so
    /// that commands that need no task type work anywhere.
    pub fn load(dir: &Path) -> Result<Self> {
        let mut plugins = BTreeMap::new();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(PluginRegistry {
                    dir: dir.to_path_buf(),
                    plugins,
                });
            }
            Err(e) => return Err(Error::io(dir, e)),
        };
        let mut folders: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.join(MANIFEST).is_file())
            .collect();
        folders.sort();
        for folder in folders {
            let plugin = Plugin::load(&folder)?;
            if let Some(other) = plugins.get(&plugin.type_name) {
                let other: &Plugin = other;
                return Err(Error::invalid(format!(
                    "{}: task type `{}` is already defined in {}",
                    folder.join(MANIFEST).display(),
                    plugin.type_name,
                    other.dir.join(MANIFEST).display()
                )));
            }
            plugins.insert(plugin.type_name.clone(), plugin);
        }
        Ok(PluginRegistry {
            dir: dir.to_path_buf(),
            plugins,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn iter(&self) -> impl Iterator<Item = &Plugin> {
        self.plugins.values()
    }

    pub fn type_names(&self) -> Vec<&str> {
        self.plugins.keys().map(String::as_str).collect()
    }

    /// The plugin of `type_name`, or an error that names the folder and the known types.
    pub fn get(&self, type_name: &str) -> Result<&Plugin> {
        self.plugins.get(type_name).ok_or_else(|| {
            let known = self.type_names();
            Error::not_found(
                "task type",
                format!(
                    "{type_name} (plugins in {}: {})",
                    self.dir.display(),
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            )
        })
    }
}

impl Plugin {
    /// Reads and validates `dir/plugin.toml`; errors name the file, line, column and field.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let manifest: Manifest = toml::from_str(&text).map_err(|e| {
            let offset = e.span().map_or(0, |span| span.start);
            let (line, column) = line_column(&text, offset);
            let field = key_on_line(&text, line)
                .map(|key| format!("field `{key}`: "))
                .unwrap_or_default();
            Error::invalid(format!(
                "{}:{line}:{column}: {field}{}",
                path.display(),
                e.message().trim_end()
            ))
        })?;
        let bad_field = |key: &str, message: String| {
            let (line, column) = locate_key(&text, key);
            Error::invalid(format!(
                "{}:{line}:{column}: field `{key}`: {message}",
                path.display()
            ))
        };

        let type_name = manifest.type_name;
        check_type_name(&type_name).map_err(|message| bad_field("type", message))?;
        let redundancy = manifest.redundancy.unwrap_or(DEFAULT_REDUNDANCY);
        if redundancy == 0 {
            return Err(bad_field("redundancy", "must be at least 1".into()));
        }
        if let Some(agreeing) = manifest.close_on_agreement
            && !(1..=redundancy).contains(&agreeing)
        {
            return Err(bad_field(
                "close_on_agreement",
                format!("must be between 1 and the redundancy ({redundancy})"),
            ));
        }
        let max_answer_bytes = match manifest.max_answer_bytes {
            None => MAX_ANSWER_BYTES,
            Some(bytes) if (1..=MAX_ANSWER_BYTES as u64).contains(&bytes) => bytes as usize,
            Some(_) => {
                return Err(bad_field(
                    "max_answer_bytes",
                    format!("must be between 1 and {MAX_ANSWER_BYTES} (1 MiB)"),
                ));
            }
        };
        let template = plugin_file(dir, &manifest.template)
            .map_err(|message| bad_field("template", message))?;
        let help_template = match &manifest.help_template {
            Some(file) => Some(
                plugin_file(dir, file).map_err(|message| bad_field("help_template", message))?,
            ),
            None => None,
        };
        let assets = |key: &str, files: &[String]| -> Result<Vec<PathBuf>> {
            files
                .iter()
                .map(|file| plugin_file(dir, file).map_err(|message| bad_field(key, message)))
                .collect()
        };
        let js = assets("js", &manifest.js)?;
        let css = assets("css", &manifest.css)?;

        let mut meta = BatchMeta::new();
        if manifest.gamified {
            // The gamified base type's defaults (spec 3); a plugin's [meta] overrides them.
            meta.insert("points_per_task".into(), json!(1.0));
            meta.insert("coins_per_task".into(), json!(1.0));
            meta.insert("is_important".into(), json!(false));
        }
        for (key, value) in manifest.meta {
            let value = serde_json::to_value(value)
                .map_err(|e| bad_field(&key, format!("cannot be used as batch meta: {e}")))?;
            meta.insert(key, value);
        }
        if manifest.gamified {
            for key in ["points_per_task", "coins_per_task"] {
                let valid = meta
                    .get(key)
                    .and_then(Value::as_f64)
                    .is_some_and(|v| v >= 0.0);
                if !valid {
                    return Err(bad_field(key, "must be a number of at least 0".into()));
                }
            }
        }

        let original_classes = match manifest.original {
            Some(original) => {
                for (key, class, base, example) in [
                    (
                        "task_class",
                        &original.task_class,
                        "AbstractTask.",
                        "MyTask",
                    ),
                    (
                        "answer_class",
                        &original.answer_class,
                        "AbstractAnswer.",
                        "MyAnswer",
                    ),
                ] {
                    let named = class.strip_prefix(base).is_some_and(|name| {
                        !name.is_empty() && !name.contains(char::is_whitespace)
                    });
                    if !named {
                        return Err(bad_field(
                            key,
                            format!(
                                "`{class}` is not a class name of the original's models, like `{base}{example}`"
                            ),
                        ));
                    }
                }
                Some((original.task_class, original.answer_class))
            }
            None => None,
        };

        if let Some((key, source)) = manifest.content_security.first_bad() {
            return Err(bad_field(
                key,
                format!(
                    "`{source}` is not a source a plugin may add: an https://host[:port] origin, or 'unsafe-eval' for script, 'unsafe-inline' for style"
                ),
            ));
        }

        let consensus = LabelRule {
            label: manifest.consensus.label,
            items: manifest.consensus.items,
        };
        for (key, pointer) in [
            ("label", Some(&consensus.label)),
            ("items", consensus.items.as_ref()),
        ] {
            if let Some(pointer) = pointer.filter(|p| !LabelRule::is_pointer(p)) {
                let (line, column) = locate_key_in(&text, "consensus", key);
                return Err(Error::invalid(format!(
                    "{}:{line}:{column}: field `consensus.{key}`: `{pointer}` is not a JSON pointer: \
                     empty for the whole value, or `/`-separated names like `/answer/kind`",
                    path.display()
                )));
            }
        }

        let quality = manifest.quality;
        for (key, share) in [
            ("gold_share", Some(quality.gold_share)),
            ("gold_share_new", quality.gold_share_new),
            ("min_accuracy", quality.min_accuracy),
        ] {
            if let Some(share) = share.filter(|s| !(0.0..=1.0).contains(s)) {
                let (line, column) = locate_key_in(&text, "quality", key);
                return Err(Error::invalid(format!(
                    "{}:{line}:{column}: field `quality.{key}`: {share} is not a share between 0 and 1",
                    path.display()
                )));
            }
        }

        Ok(Plugin {
            name: manifest.name.unwrap_or_else(|| type_name.clone()),
            type_name,
            description: manifest.description,
            redundancy,
            close_on_agreement: manifest.close_on_agreement,
            max_answer_bytes,
            gamified: manifest.gamified,
            meta,
            dir: dir.to_path_buf(),
            template,
            help_template,
            js,
            css,
            original_classes,
            protocol: manifest.protocol,
            content_security: manifest.content_security,
            consensus,
            quality,
        })
    }
}

/// `relative` as a path inside `dir`, or `None` if it would leave it (only plain names: no
/// `..`, no root, no prefix).
pub fn inside(dir: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !relative.is_empty()).then(|| dir.join(path))
}

/// A task type's name: what plugin.toml's `type` may be (it names a folder, a URL part and a
/// stored field).
pub fn check_type_name(name: &str) -> std::result::Result<(), String> {
    let name_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() || !name_ok || name.len() > MAX_TYPE_NAME {
        return Err(format!(
            "`{name}` must be 1 to {MAX_TYPE_NAME} letters, digits or underscores"
        ));
    }
    Ok(())
}

/// A file named relative to the plugin folder; it must exist and stay inside the folder.
fn plugin_file(dir: &Path, relative: &str) -> std::result::Result<PathBuf, String> {
    let path = Path::new(relative);
    let escapes = path
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if relative.is_empty() || escapes {
        return Err(format!(
            "`{relative}` must be a relative path inside the plugin folder"
        ));
    }
    let full = dir.join(path);
    if !full.is_file() {
        return Err(format!("`{relative}`: no such file in {}", dir.display()));
    }
    Ok(full)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The key assigned on a 1-based line (`key = value`), if that line is an assignment.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let (key, _) = text.lines().nth(line.checked_sub(1)?)?.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

/// Where `key = …` is written (1-based line and column), or 1:1 when it is not written at all.
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    locate_key_from(text, 0, key)
}

/// Where `key = …` is written in the table `[table]`, or where the table starts.
fn locate_key_in(text: &str, table: &str, key: &str) -> (usize, usize) {
    let header = format!("[{table}]");
    let Some(start) = text.lines().position(|line| line.trim() == header) else {
        return (1, 1);
    };
    let end = text
        .lines()
        .skip(start + 1)
        .position(|line| line.trim_start().starts_with('['))
        .map_or(usize::MAX, |n| start + 1 + n);
    let within: Vec<&str> = text.lines().take(end).collect();
    match locate_key_from(&within.join("\n"), start + 1, key) {
        (1, 1) => (start + 1, 1),
        found => found,
    }
}

fn locate_key_from(text: &str, first_line: usize, key: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate().skip(first_line) {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return (index + 1, line.len() - trimmed.len() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plugin_dir(manifest: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/task.html"), "<div></div>").unwrap();
        std::fs::write(dir.path().join(MANIFEST), manifest).unwrap();
        dir
    }

    #[test]
    fn plugin_paths_stay_inside_the_plugin() {
        let dir = Path::new("/plugins/x");
        assert_eq!(inside(dir, "static/a.js"), Some(dir.join("static/a.js")));
        for bad in ["../y/plugin.toml", "/etc/passwd", "static/../../y", ""] {
            assert_eq!(inside(dir, bad), None, "{bad}");
        }
    }

    #[test]
    fn minimal_manifest_gets_defaults() {
        let dir = plugin_dir("type = \"t\"\ntemplate = \"templates/task.html\"\n");
        let plugin = Plugin::load(dir.path()).unwrap();
        assert_eq!(plugin.type_name, "t");
        assert_eq!(plugin.name, "t");
        assert_eq!(plugin.redundancy, 3);
        assert!(plugin.meta.is_empty());
    }

    #[test]
    fn gamified_meta_defaults_are_overridable() {
        let dir = plugin_dir(
            "type = \"g\"\ngamified = true\ntemplate = \"templates/task.html\"\n[meta]\npoints_per_task = 2.5\n",
        );
        let meta = Plugin::load(dir.path()).unwrap().meta;
        assert_eq!(
            Value::Object(meta),
            json!({"points_per_task": 2.5, "coins_per_task": 1.0, "is_important": false})
        );
    }

    #[test]
    fn wrong_type_names_file_line_and_field() {
        let dir = plugin_dir(
            "type = \"t\"\nredundancy = \"three\"\ntemplate = \"templates/task.html\"\n",
        );
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("plugin.toml:2:14: field `redundancy`"),
            "{err}"
        );
    }

    #[test]
    fn max_answer_bytes_is_at_most_a_mebibyte() {
        let manifest =
            |line: &str| format!("type = \"t\"\n{line}\ntemplate = \"templates/task.html\"\n");
        let dir = plugin_dir(&manifest(""));
        assert_eq!(
            Plugin::load(dir.path()).unwrap().max_answer_bytes,
            MAX_ANSWER_BYTES
        );
        let dir = plugin_dir(&manifest("max_answer_bytes = 65536"));
        assert_eq!(Plugin::load(dir.path()).unwrap().max_answer_bytes, 65536);
        for bad in ["0", "1048577"] {
            let dir = plugin_dir(&manifest(&format!("max_answer_bytes = {bad}")));
            let err = Plugin::load(dir.path()).unwrap_err().to_string();
            assert!(
                err.contains("plugin.toml:2:1: field `max_answer_bytes`"),
                "{err}"
            );
        }
    }

    #[test]
    fn close_on_agreement_must_fit_the_redundancy() {
        let manifest = |n: u32| {
            format!(
                "type = \"t\"\nredundancy = 3\nclose_on_agreement = {n}\ntemplate = \"templates/task.html\"\n"
            )
        };
        let dir = plugin_dir(&manifest(2));
        assert_eq!(
            Plugin::load(dir.path()).unwrap().close_on_agreement,
            Some(2)
        );
        for bad in [0, 4] {
            let dir = plugin_dir(&manifest(bad));
            let err = Plugin::load(dir.path()).unwrap_err().to_string();
            assert!(err.contains("close_on_agreement"), "{err}");
        }
    }

    #[test]
    fn the_originals_classes_are_read_and_checked() {
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[original]\ntask_class = \"AbstractTask.TTask\"\nanswer_class = \"AbstractAnswer.TAnswer\"\n",
        );
        let plugin = Plugin::load(dir.path()).unwrap();
        assert_eq!(
            plugin.original_classes,
            Some(("AbstractTask.TTask".into(), "AbstractAnswer.TAnswer".into()))
        );
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[original]\ntask_class = \"TTask\"\nanswer_class = \"AbstractAnswer.TAnswer\"\n",
        );
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("plugin.toml:4:1: field `task_class`: `TTask` is not a class name"),
            "{err}"
        );
    }

    #[test]
    fn the_originals_protocol_and_a_wider_policy_are_declared() {
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\nprotocol = \"original\"\n[content_security]\nscript = [\"'unsafe-eval'\", \"https://cdn.example.org\"]\nstyle = [\"https://fonts.example.org:8443\"]\n",
        );
        let plugin = Plugin::load(dir.path()).unwrap();
        assert_eq!(plugin.protocol, Protocol::Original);
        assert_eq!(
            plugin.content_security.script,
            ["'unsafe-eval'", "https://cdn.example.org"]
        );
        assert!(!plugin.content_security.is_strict());
        for bad in [
            "\"'unsafe-inline'\"",
            "\"*\"",
            "\"http://cdn.example.org\"",
            "\"https://cdn.example.org/x.js\"",
            "\"https://a.example; script-src *\"",
            "\"data:\"",
        ] {
            let dir = plugin_dir(&format!(
                "type = \"t\"\ntemplate = \"templates/task.html\"\n[content_security]\nscript = [{bad}]\n"
            ));
            let err = Plugin::load(dir.path()).unwrap_err().to_string();
            assert!(
                err.contains("plugin.toml:4:1: field `script`: ")
                    && err.contains("is not a source"),
                "{bad}: {err}"
            );
        }
        let strict =
            Plugin::load(plugin_dir("type = \"t\"\ntemplate = \"templates/task.html\"\n").path())
                .unwrap();
        assert_eq!(strict.protocol, Protocol::Vulyk);
        assert!(strict.content_security.is_strict());
    }

    #[test]
    fn syntax_error_names_the_line() {
        let dir = plugin_dir("type = \"t\"\ntemplate = \"templates/task.html\"\nname = \n");
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("plugin.toml:3:"), "{err}");
    }

    #[test]
    fn unknown_and_missing_fields_are_named() {
        let dir = plugin_dir("type = \"t\"\ntemplate = \"templates/task.html\"\nredundnacy = 2\n");
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("redundnacy"), "{err}");
        let dir = plugin_dir("type = \"t\"\n");
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("template"), "{err}");
    }

    #[test]
    fn consensus_names_the_label_and_items_and_defaults_to_the_whole_answer() {
        let dir = plugin_dir("type = \"t\"\ntemplate = \"templates/task.html\"\n");
        assert_eq!(
            Plugin::load(dir.path()).unwrap().consensus,
            LabelRule::default()
        );
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[consensus]\nitems = \"/words\"\nlabel = \"/tag\"\n",
        );
        let rule = Plugin::load(dir.path()).unwrap().consensus;
        assert_eq!(
            (rule.label.as_str(), rule.items.as_deref()),
            ("/tag", Some("/words"))
        );
    }

    #[test]
    fn a_consensus_pointer_that_is_not_one_is_named_where_it_is_written() {
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[meta]\nlabel = \"x\"\n[consensus]\n  label = \"answer/kind\"\n",
        );
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(
                "plugin.toml:6:3: field `consensus.label`: `answer/kind` is not a JSON pointer"
            ),
            "{err}"
        );
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[consensus]\nlable = \"/x\"\n",
        );
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("plugin.toml:4:1: field `lable`: unknown field"),
            "{err}"
        );
    }

    #[test]
    fn quality_sets_the_gold_shares_and_refuses_one_out_of_range() {
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[quality]\ngold_share = 0.05\ngold_share_new = 0.2\ngold_warmup = 10\ngold_feedback = true\n",
        );
        let quality = Plugin::load(dir.path()).unwrap().quality;
        assert_eq!(
            (
                quality.gold_share,
                quality.gold_share_new,
                quality.gold_warmup
            ),
            (0.05, Some(0.2), 10)
        );
        assert!(quality.gold_feedback && quality.hands_out_gold());
        let dir = plugin_dir("type = \"t\"\ntemplate = \"templates/task.html\"\n");
        let quality = Plugin::load(dir.path()).unwrap().quality;
        assert!(!quality.hands_out_gold());
        let poor = crate::domain::GoldScore {
            answers: 9,
            judged: 9,
            correct: 0,
        };
        assert!(!quality.excludes(&poor), "no minimum, nobody excluded");
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[quality]\nmin_accuracy = 0.5\n",
        );
        let quality = Plugin::load(dir.path()).unwrap().quality;
        assert!(quality.excludes(&poor));
        let early = crate::domain::GoldScore { answers: 4, ..poor };
        assert!(!quality.excludes(&early), "before min_gold (5 by default)");
        let good = crate::domain::GoldScore { correct: 5, ..poor };
        assert!(!quality.excludes(&good), "5 of 9 is above 0.5");
        let dir = plugin_dir(
            "type = \"t\"\ntemplate = \"templates/task.html\"\n[quality]\n\ngold_share_new = 1.5\n",
        );
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("plugin.toml:5:1: field `quality.gold_share_new`: 1.5 is not a share"),
            "{err}"
        );
    }

    #[test]
    fn semantic_errors_point_at_the_key() {
        let dir = plugin_dir("type = \"t\"\ntemplate = \"../escape.html\"\n");
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("plugin.toml:2:1: field `template`"), "{err}");
        let dir = plugin_dir("type = \"bad name\"\ntemplate = \"templates/task.html\"\n");
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(":1:1: field `type`"), "{err}");
        let dir = plugin_dir(
            "type = \"g\"\ngamified = true\ntemplate = \"templates/task.html\"\n[meta]\ncoins_per_task = -1\n",
        );
        let err = Plugin::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(":5:1: field `coins_per_task`"), "{err}");
    }

    #[test]
    fn registry_reads_folders_and_names_unknown_types() {
        let root = tempfile::tempdir().unwrap();
        assert!(
            PluginRegistry::load(&root.path().join("absent"))
                .unwrap()
                .type_names()
                .is_empty()
        );
        for name in ["a", "b"] {
            let dir = root.path().join(name);
            std::fs::create_dir_all(dir.join("templates")).unwrap();
            std::fs::write(dir.join("templates/task.html"), "").unwrap();
            std::fs::write(
                dir.join(MANIFEST),
                format!("type = \"{name}_task\"\ntemplate = \"templates/task.html\"\n"),
            )
            .unwrap();
        }
        let registry = PluginRegistry::load(root.path()).unwrap();
        assert_eq!(registry.type_names(), ["a_task", "b_task"]);
        let err = registry.get("c_task").unwrap_err().to_string();
        assert!(
            err.contains("c_task") && err.contains("a_task, b_task"),
            "{err}"
        );
    }
}
