//! `vulyk plugin check DIR`: a plugin read as the site reads it — plugin.toml, its templates
//! rendered, its files there — and its sample tasks read as a load reads them.

use std::path::{Path, PathBuf};

use crate::import::{LineOutcome, parse_line};
use crate::plugins::{Plugin, inside};
use crate::{Error, Result};

/// The files a plugin's sample tasks may be in, first found first.
const SAMPLES: [&str; 2] = ["sample-tasks.jsonl", "tasks.jsonl"];

/// What a check found (it fails on the first error instead).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub plugin: Plugin,
    /// The bytes each template rendered to.
    pub rendered: Vec<(PathBuf, usize)>,
    /// The sample tasks' file and how many tasks it holds.
    pub samples: Option<(PathBuf, u64)>,
}

pub fn check(dir: &Path) -> Result<CheckReport> {
    let plugin = Plugin::load(dir)?;
    let mut rendered = Vec::new();
    for template in std::iter::once(&plugin.template).chain(plugin.help_template.as_ref()) {
        rendered.push((template.clone(), render(&plugin, template)?));
    }
    let samples = match SAMPLES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
    {
        Some(path) => Some(read_samples(&path)?),
        None => None,
    };
    Ok(CheckReport {
        plugin,
        rendered,
        samples,
    })
}

/// Renders a template as the site includes it: named `plugin/TYPE/PATH`, its includes
/// resolved the same way inside the plugin folder, with the site's functions (`t`, `counted`,
/// `strip_email`) giving their keys back, as no page language is at hand. A syntax error, an
/// unknown function or a missing include names the file and line.
fn render(plugin: &Plugin, template: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(template).map_err(|e| Error::io(template, e))?;
    let mut env = minijinja::Environment::new();
    let root = plugin.dir.clone();
    let prefix = format!("plugin/{}/", plugin.type_name);
    env.set_loader(move |name| {
        let Some(path) = name
            .strip_prefix(prefix.as_str())
            .and_then(|relative| inside(&root, relative))
        else {
            return Ok(None);
        };
        Ok(std::fs::read_to_string(path).ok())
    });
    env.add_function("t", |key: String| key);
    env.add_function("counted", |number: minijinja::Value, key: String| {
        format!("{number} {key}")
    });
    env.add_filter("strip_email", |value: String| value);
    let relative = template
        .strip_prefix(&plugin.dir)
        .unwrap_or(template)
        .to_string_lossy()
        .into_owned();
    let name = format!("plugin/{}/{relative}", plugin.type_name);
    let shown = |e: minijinja::Error| {
        Error::invalid(format!(
            "{}:{}: {}",
            template.display(),
            e.line().unwrap_or(1),
            e.detail().unwrap_or(&e.to_string())
        ))
    };
    env.add_template_owned(name.clone(), text).map_err(shown)?;
    let page = env
        .get_template(&name)
        .and_then(|t| t.render(minijinja::context! {}))
        .map_err(shown)?;
    Ok(page.len())
}

fn read_samples(path: &Path) -> Result<(PathBuf, u64)> {
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let mut tasks = 0;
    for (number, line) in text.split(|b| *b == b'\n').enumerate() {
        match parse_line(line) {
            LineOutcome::Task(_) => tasks += 1,
            LineOutcome::Blank | LineOutcome::Empty => {}
            LineOutcome::Invalid { column, reason } => {
                return Err(Error::invalid(format!(
                    "{}:{}:{column}: {reason}",
                    path.display(),
                    number + 1
                )));
            }
        }
    }
    Ok((path.to_path_buf(), tasks))
}
