//! `vulyk plugin check DIR`: a plugin read as the site reads it — plugin.toml, its templates
//! rendered, its files there — and its sample tasks read as a load reads them.

use std::path::{Path, PathBuf};

use crate::import::{LineOutcome, parse_line};
use crate::plugins::Plugin;
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
        rendered.push((template.clone(), render(dir, template)?));
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

/// Renders a template as the site includes it (its own includes resolved in the plugin
/// folder), with no context: a syntax error or a missing include names the file and line.
fn render(dir: &Path, template: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(template).map_err(|e| Error::io(template, e))?;
    let mut env = minijinja::Environment::new();
    let root = dir.to_path_buf();
    env.set_loader(move |name| {
        let path = root.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) if path.starts_with(&root) => Ok(Some(text)),
            _ => Ok(None),
        }
    });
    let name = template
        .strip_prefix(dir)
        .unwrap_or(template)
        .to_string_lossy()
        .into_owned();
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
