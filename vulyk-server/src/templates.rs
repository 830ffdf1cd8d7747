//! The site's templates: minijinja, the built-in ones compiled into the binary plus each
//! plugin's own read from its folder (named `plugin/<type>/<path>`), with the functions and
//! filters pages use. A leaf: it knows nothing of requests or state.

use std::fmt;

use minijinja::{Environment, State, Value};
use vulyk_core::plugins::{PluginRegistry, inside};

use crate::i18n::Language;

const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("task.html", include_str!("../templates/task.html")),
    (
        "task_original.html",
        include_str!("../templates/task_original.html"),
    ),
    ("leaders.html", include_str!("../templates/leaders.html")),
    ("me.html", include_str!("../templates/me.html")),
    ("sign_in.html", include_str!("../templates/sign_in.html")),
    ("sign_up.html", include_str!("../templates/sign_up.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("closed.html", include_str!("../templates/closed.html")),
];

pub struct Templates {
    env: Environment<'static>,
}

impl fmt::Debug for Templates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Templates")
    }
}

/// The text before the first `@` (the original's `strip_email` filter).
pub(crate) fn strip_email(value: String) -> String {
    match value.split_once('@') {
        Some((name, _)) => name.to_string(),
        None => value,
    }
}

fn page_language(state: &State) -> Language {
    match state.lookup("lang").as_ref().and_then(Value::as_str) {
        Some("en") => Language::En,
        _ => Language::Uk,
    }
}

fn translate(state: &State, key: &str) -> String {
    page_language(state).text(key).to_string()
}

/// `counted(n, "points")`: the number and its noun in the page's language ("3 бали").
fn counted(state: &State, number: Value, key: &str) -> String {
    page_language(state).counted(&number.to_string(), key)
}

impl Templates {
    pub fn new(plugins: PluginRegistry) -> Self {
        let mut env = Environment::new();
        env.set_loader(move |name| {
            if let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| *n == name) {
                return Ok(Some(text.to_string()));
            }
            let Some((task_type, relative)) =
                name.strip_prefix("plugin/").and_then(|r| r.split_once('/'))
            else {
                return Ok(None);
            };
            let Some(path) = plugins
                .get(task_type)
                .ok()
                .and_then(|plugin| inside(&plugin.dir, relative))
            else {
                return Ok(None);
            };
            std::fs::read_to_string(&path).map(Some).map_err(|e| {
                minijinja::Error::new(
                    minijinja::ErrorKind::TemplateNotFound,
                    format!("{}: {e}", path.display()),
                )
            })
        });
        env.add_function("t", translate);
        env.add_function("counted", counted);
        env.add_filter("strip_email", strip_email);
        Templates { env }
    }

    pub fn render(&self, name: &str, context: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(context)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn built_in_templates_parse() {
        let templates = Templates::new(PluginRegistry::load(Path::new("/nonexistent")).unwrap());
        for (name, _) in BUILT_IN {
            templates
                .env
                .get_template(name)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        }
    }
}
