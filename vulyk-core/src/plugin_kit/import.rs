//! `vulyk plugin import`: an original Vulyk plugin package (a Python package with
//! `models/task_types.py`, `templates/` and `static/`) turned into a plugin folder, by reading
//! its task type classes, not running them. What has no plugin.toml setting is listed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::python::{self, Class, Literal};
use crate::plugins::{Plugin, check_type_name};
use crate::{Error, Result};

/// The original's names for the gamified meta keys (its `task_types` module constants).
const META_CONSTANTS: [(&str, &str); 3] = [
    ("POINTS_PER_TASK_KEY", "points_per_task"),
    ("COINS_PER_TASK_KEY", "coins_per_task"),
    ("IMPORTANT_KEY", "is_important"),
];

/// One task type imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub type_name: String,
    pub dir: PathBuf,
    /// What the package does that plugin.toml cannot say, each with the nearest setting
    /// where there is one.
    pub not_carried_over: Vec<String>,
}

/// Imports every task type of the package at `path` (the package folder, or a folder holding
/// it) into `plugins_dir/TYPE`.
pub fn import(path: &Path, plugins_dir: &Path) -> Result<Vec<Imported>> {
    let package = find_package(path)?;
    let models = package.join("models").join("task_types.py");
    let source = std::fs::read_to_string(&models).map_err(|e| Error::io(&models, e))?;
    let task_types: Vec<Class> = python::classes(&source)
        .into_iter()
        .filter(|c| matches!(c.attribute("type_name"), Some(Ok(Literal::Str(_)))))
        .collect();
    if task_types.is_empty() {
        return Err(Error::invalid(format!(
            "{}: no task type class with a `type_name` string",
            models.display()
        )));
    }
    let models_note = custom_models(&package);
    let scripts_note = original_globals(&package.join("static"));
    let mut imported = Vec::new();
    for class in &task_types {
        let mut one = import_type(&package, class, plugins_dir)?;
        one.not_carried_over.extend(models_note.iter().cloned());
        one.not_carried_over.extend(scripts_note.iter().cloned());
        imported.push(one);
    }
    Ok(imported)
}

fn find_package(path: &Path) -> Result<PathBuf> {
    let has_models = |dir: &Path| dir.join("models").join("task_types.py").is_file();
    if has_models(path) {
        return Ok(path.to_path_buf());
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    let found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && has_models(p))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::invalid(format!(
            "{}: not an original Vulyk plugin (no models/task_types.py in it or in a folder of it)",
            path.display()
        ))),
        _ => Err(Error::invalid(format!(
            "{}: several packages with models/task_types.py; name one of them",
            path.display()
        ))),
    }
}

fn text(class: &Class, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match class.attribute(name) {
        Some(Ok(Literal::Str(s))) => Some(s.clone()),
        _ => None,
    })
}

fn strings(class: &Class, name: &str) -> Vec<String> {
    match class.attribute(name) {
        Some(Ok(Literal::List(items))) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn import_type(package: &Path, class: &Class, plugins_dir: &Path) -> Result<Imported> {
    let type_name = text(class, &["type_name"]).unwrap_or_default();
    // Checked before it names a folder: the package's text is not trusted.
    check_type_name(&type_name).map_err(|message| {
        Error::invalid(format!("{}: type_name: {message}", package.display()))
    })?;
    let dir = plugins_dir.join(&type_name);
    if dir.exists() {
        return Err(Error::conflict(format!(
            "{}: already there; move it away or import into another plugins folder",
            dir.display()
        )));
    }
    let mut notes = Vec::new();
    let template = text(class, &["template"]).ok_or_else(|| {
        Error::invalid(format!(
            "{}: class {} has no `template`",
            package.display(),
            class.name
        ))
    })?;
    let gamified = class
        .bases
        .iter()
        .any(|b| b.ends_with("AbstractGamifiedTaskType"));
    let mut manifest = String::new();
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let list = |items: &[String]| {
        format!(
            "[{}]",
            items
                .iter()
                .map(|i| quoted(i))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let _ = writeln!(
        manifest,
        "# Imported from the original Vulyk plugin {} (class {}) by `vulyk plugin import`.",
        package.display(),
        class.name
    );
    let _ = writeln!(manifest, "type = {}", quoted(&type_name));
    if let Some(name) = text(class, &["name", "_name"]) {
        let _ = writeln!(manifest, "name = {}", quoted(&name));
    }
    if let Some(description) = text(class, &["description", "_description"]) {
        let _ = writeln!(manifest, "description = {}", quoted(&description));
    }
    match class.attribute("redundancy") {
        Some(Ok(Literal::Int(n))) => {
            let _ = writeln!(manifest, "redundancy = {n}");
        }
        Some(Err(text)) => notes.push(format!(
            "redundancy `{text}` is not a number here: the default, 3, is used"
        )),
        _ => {}
    }
    if gamified {
        let _ = writeln!(manifest, "gamified = true");
    }
    let _ = writeln!(
        manifest,
        "template = {}",
        quoted(&format!("templates/{template}"))
    );
    if let Some(help) = text(class, &["helptext_template"]).filter(|h| !h.is_empty()) {
        let _ = writeln!(
            manifest,
            "help_template = {}",
            quoted(&format!("templates/{help}"))
        );
    }
    let js = strings(class, "JS_ASSETS");
    let css = strings(class, "CSS_ASSETS");
    if !js.is_empty() {
        let _ = writeln!(manifest, "js = {}", list(&js));
    }
    if !css.is_empty() {
        let _ = writeln!(manifest, "css = {}", list(&css));
    }
    let _ = writeln!(
        manifest,
        "# The original's page: its element ids, jQuery and jQuery events.\nprotocol = \"original\""
    );
    let sources = PageSources::scan(&package.join("templates"), &js);
    notes.extend(sources.plain_http.iter().map(|url| {
        format!("the templates load {url} over plain http, which a site on https may not load")
    }));
    if !sources.is_strict() {
        let _ = writeln!(manifest, "\n[content_security]");
        if !sources.script.is_empty() {
            let _ = writeln!(manifest, "script = {}", list(&sources.script));
        }
        if !sources.style.is_empty() {
            let _ = writeln!(manifest, "style = {}", list(&sources.style));
        }
    }
    if let Some(Ok(Literal::Dict(pairs))) = class.attribute("_task_type_meta") {
        let mut meta = String::new();
        for (key, value) in pairs {
            let key = match key {
                Literal::Str(key) => key.clone(),
                Literal::Name(name) => match META_CONSTANTS.iter().find(|(c, _)| name.ends_with(c))
                {
                    Some((_, key)) => key.to_string(),
                    None => {
                        notes.push(format!(
                            "batch meta key `{name}` is a Python name: left out"
                        ));
                        continue;
                    }
                },
                other => {
                    notes.push(format!("batch meta key {other:?}: left out"));
                    continue;
                }
            };
            match toml_value(value) {
                Some(value) => {
                    let _ = writeln!(meta, "{} = {value}", toml_key(&key));
                }
                None => notes.push(format!(
                    "batch meta `{key}`: its value is not a plain value here, left out"
                )),
            }
        }
        if !meta.is_empty() {
            let _ = write!(manifest, "\n[meta]\n{meta}");
        }
    } else if let Some(Err(text)) = class.attribute("_task_type_meta") {
        notes.push(format!(
            "batch meta `{text}` is computed in Python: left out ([meta] in plugin.toml)"
        ));
    }
    let models = models_of(package);
    let model = |attribute: &str, root: &str| match class.attribute(attribute) {
        Some(Ok(Literal::Name(name))) => Some(model_class(
            &models,
            name.rsplit('.').next().unwrap_or(name),
            root,
        )),
        _ => None,
    };
    if let (Some(task), Some(answer)) = (
        model("task_model", "AbstractTask"),
        model("answer_model", "AbstractAnswer"),
    ) {
        let _ = write!(
            manifest,
            "\n# For `vulyk db downgrade`: the original's model classes.\n[original]\ntask_class = {}\nanswer_class = {}\n",
            quoted(&task),
            quoted(&answer)
        );
    }
    for attribute in [
        "name",
        "_name",
        "description",
        "_description",
        "template",
        "helptext_template",
    ] {
        if let Some(Err(text)) = class.attribute(attribute) {
            notes.push(format!(
                "{attribute} = {text} is computed in Python: write it in plugin.toml"
            ));
        }
    }
    for method in &class.methods {
        notes.push(match method.as_str() {
            "_is_ready_for_autoclose" => "an auto-close rule written in Python (_is_ready_for_autoclose): the nearest is `close_on_agreement = N` (close once N answers agree)".to_string(),
            "export_reports" => "a custom export (export_reports): the nearest are `vulyk db export --format csv` and `--aggregate`".to_string(),
            other => format!("the method {other} of {}: Python, not carried over", class.name),
        });
    }
    for (name, value) in &class.attributes {
        let known = [
            "type_name",
            "name",
            "_name",
            "description",
            "_description",
            "redundancy",
            "template",
            "helptext_template",
            "JS_ASSETS",
            "CSS_ASSETS",
            "_task_type_meta",
            "task_model",
            "answer_model",
        ];
        if !known.contains(&name.as_str()) {
            let shown = match value {
                Ok(literal) => format!("{literal:?}"),
                Err(text) => text.clone(),
            };
            notes.push(format!(
                "the setting {name} = {shown}: no plugin.toml setting"
            ));
        }
    }

    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let copied = copy_tree(&package.join("templates"), &dir.join("templates"))
        .and_then(|_| copy_tree(&package.join("static"), &dir.join("static")))
        .and_then(|_| {
            let path = dir.join("plugin.toml");
            std::fs::write(&path, &manifest).map_err(|e| Error::io(&path, e))
        })
        .and_then(|_| Plugin::load(&dir));
    if let Err(error) = copied {
        // Nothing half made stays behind.
        let _ = std::fs::remove_dir_all(&dir);
        return Err(error);
    }
    Ok(Imported {
        type_name,
        dir,
        not_carried_over: notes,
    })
}

/// A key as TOML writes it: bare when it may be, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// The classes of the package's `models/tasks.py`.
fn models_of(package: &Path) -> Vec<Class> {
    std::fs::read_to_string(package.join("models").join("tasks.py"))
        .map(|source| python::classes(&source))
        .unwrap_or_default()
}

/// mongoengine's `_cls` of a model: its chain of classes from `root` down, as the models in
/// tasks.py derive from one another (`AbstractTask.Base.Model`).
fn model_class(models: &[Class], name: &str, root: &str) -> String {
    let mut chain = vec![name.to_string()];
    let mut current = name.to_string();
    // At most as many steps as there are classes: a cycle in a broken file ends here too.
    for _ in 0..models.len() {
        let Some(base) = models
            .iter()
            .find(|c| c.name == current)
            .and_then(|c| c.bases.first())
            .map(|b| b.rsplit('.').next().unwrap_or(b).to_string())
        else {
            break;
        };
        if base == root || chain.contains(&base) || !models.iter().any(|c| c.name == base) {
            break;
        }
        chain.push(base.clone());
        current = base;
    }
    chain.push(root.to_string());
    chain.reverse();
    chain.join(".")
}

/// A plain value for plugin.toml's `[meta]`.
fn toml_value(value: &Literal) -> Option<String> {
    match value {
        Literal::Str(s) => Some(toml::Value::String(s.clone()).to_string()),
        Literal::Int(n) => Some(n.to_string()),
        Literal::Float(f) => Some(toml::Value::Float(*f).to_string()),
        Literal::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The custom fields of the package's task and answer models, which are not carried over:
/// tasks and answers are stored as the JSON they are.
fn custom_models(package: &Path) -> Vec<String> {
    models_of(package)
        .iter()
        .filter(|c| !c.attributes.is_empty() || !c.methods.is_empty())
        .map(|c| {
            format!(
                "the model {} in models/tasks.py has fields or methods of its own: tasks and answers are kept as the JSON they are, unchecked",
                c.name
            )
        })
        .collect()
}

/// Scripts that reach into the original's `Vulyk` object beyond what the page provides
/// (`Vulyk.State.task_id`, `.task_type`, `.body`, `Vulyk.load_next()`).
fn original_globals(static_dir: &Path) -> Vec<String> {
    const PROVIDED: [&str; 5] = [
        "Vulyk.State",
        "Vulyk.State.task_id",
        "Vulyk.State.task_type",
        "Vulyk.State.body",
        "Vulyk.load_next",
    ];
    let mut texts = Vec::new();
    read_all(static_dir, &mut texts);
    let mut uses: Vec<String> = Vec::new();
    for text in &texts {
        for (at, _) in text.match_indices("Vulyk.") {
            let word: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '_')
                .collect();
            let word = word.trim_end_matches('.').to_string();
            if !PROVIDED.contains(&word.as_str()) && !uses.contains(&word) {
                uses.push(word);
            }
        }
    }
    let mut notes: Vec<String> = uses
        .into_iter()
        .map(|word| format!("the scripts use {word} of the original's page script, which this page does not have"))
        .collect();
    // jQuery plugins the original's layout loaded for every page, unless the package brings
    // its own copy (which defines `$.fn.NAME`).
    for (name, library) in [
        ("magnificPopup", "Magnific Popup"),
        ("dropdown", "Bootstrap 3's JavaScript"),
        ("modal", "Bootstrap 3's JavaScript"),
        ("tooltip", "Bootstrap 3's JavaScript"),
    ] {
        let called = format!(".{name}(");
        let defined = format!("fn.{name}");
        let used = texts.iter().any(|t| t.contains(&called))
            && !texts.iter().any(|t| t.contains(&defined));
        let note = format!(
            "the scripts use {library}, which the original's layout loaded: put its files in static/ and in `js`"
        );
        if used && !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes
}

/// What the plugin's pages load from elsewhere, and whether they compile templates in the
/// browser: the policy its page needs.
#[derive(Debug, Default)]
struct PageSources {
    script: Vec<String>,
    style: Vec<String>,
    plain_http: Vec<String>,
}

impl PageSources {
    fn scan(templates: &Path, js: &[String]) -> Self {
        let mut sources = PageSources::default();
        let mut texts = Vec::new();
        read_all(templates, &mut texts);
        let compiles = js
            .iter()
            .any(|f| f.to_ascii_lowercase().contains("handlebars"))
            || texts
                .iter()
                .any(|t| t.contains("text/x-handlebars-template"));
        if compiles {
            sources.script.push("'unsafe-eval'".to_string());
        }
        for text in &texts {
            for (tag, attribute, list) in [("<script", "src=", 0), ("<link", "href=", 1)] {
                for element in text.split(tag).skip(1) {
                    let element = element.split('>').next().unwrap_or_default();
                    let Some(url) = attribute_value(element, attribute) else {
                        continue;
                    };
                    if url.starts_with("http://") {
                        sources.plain_http.push(url.to_string());
                    } else if let Some(origin) = https_origin(url) {
                        let target = if list == 0 {
                            &mut sources.script
                        } else {
                            &mut sources.style
                        };
                        if !target.contains(&origin) {
                            target.push(origin);
                        }
                    }
                }
            }
        }
        sources
    }

    fn is_strict(&self) -> bool {
        self.script.is_empty() && self.style.is_empty()
    }
}

fn attribute_value<'a>(element: &'a str, attribute: &str) -> Option<&'a str> {
    let rest = element.split(attribute).nth(1)?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    rest[1..].split(quote).next()
}

/// `https://host[:port]` of a URL (also of a protocol-relative `//host/…`).
fn https_origin(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("https://{host}"))
}

fn read_all(dir: &Path, texts: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => read_all(&path, texts),
            Ok(kind) if kind.is_file() => {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
            // Links are refused by the copy; they are not followed here either.
            _ => {}
        }
    }
}

/// Copies a folder's files, leaving out Python's (`__init__.py`, caches).
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(());
    };
    std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        if name_text == "__pycache__" || name_text.ends_with(".py") || name_text.ends_with(".pyc") {
            continue;
        }
        let target = to.join(&name);
        // A link could publish any file of the machine under the plugin's static folder.
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_symlink() {
            return Err(Error::invalid(format!(
                "{}: a symbolic link; a plugin's files must be its own (copy the file in)",
                path.display()
            )));
        } else if kind.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_models_class_is_its_chain_from_the_root() {
        let models = python::classes(
            "class Base(AbstractTask):\n    pass\n\nclass Review(Base):\n    x = 1\n\nclass Loop(Loop):\n    y = 1\n",
        );
        assert_eq!(
            model_class(&models, "Review", "AbstractTask"),
            "AbstractTask.Base.Review"
        );
        assert_eq!(
            model_class(&models, "Base", "AbstractTask"),
            "AbstractTask.Base"
        );
        assert_eq!(
            model_class(&models, "Elsewhere", "AbstractTask"),
            "AbstractTask.Elsewhere"
        );
        assert_eq!(
            model_class(&models, "Loop", "AbstractTask"),
            "AbstractTask.Loop"
        );
    }

    #[test]
    fn a_link_in_a_package_is_refused_and_nothing_is_left() {
        let package = tempfile::tempdir().unwrap();
        let root = package.path();
        std::fs::create_dir_all(root.join("models")).unwrap();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(
            root.join("models/task_types.py"),
            "class T(AbstractTaskType):\n    type_name = 't'\n    template = 'task.html'\n",
        )
        .unwrap();
        std::fs::write(root.join("templates/task.html"), "<p></p>").unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("static/secret")).unwrap();
        let plugins = tempfile::tempdir().unwrap();
        let err = import(root, plugins.path()).unwrap_err().to_string();
        assert!(err.contains("a symbolic link"), "{err}");
        assert!(!plugins.path().join("t").exists());
    }

    #[test]
    fn a_type_name_that_would_leave_the_plugins_folder_is_refused_first() {
        let package = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(package.path().join("models")).unwrap();
        std::fs::write(
            package.path().join("models/task_types.py"),
            "class T(AbstractTaskType):\n    type_name = '../../escaped'\n    template = 'x.html'\n",
        )
        .unwrap();
        let plugins = tempfile::tempdir().unwrap();
        let inner = plugins.path().join("a/b");
        let err = import(package.path(), &inner).unwrap_err().to_string();
        assert!(err.contains("type_name: `../../escaped` must be"), "{err}");
        assert!(!plugins.path().join("escaped").exists() && !inner.exists());
    }
}
