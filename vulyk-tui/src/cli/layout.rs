//! `vulyk db upgrade` and `vulyk db downgrade`: an original Vulyk database moved to this
//! version's layout, and back.

use serde::Serialize;
use vulyk_core::database::{OriginalClasses, UpgradeReport};

use vulyk_core::plugins::PluginRegistry;

use super::require_yes;
use crate::output;

#[derive(Serialize)]
struct UpgradeJson<'a> {
    already_current: bool,
    recounted: Vec<RecountJson<'a>>,
    classes: Vec<ClassesJson<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct RecountJson<'a> {
    batch: &'a str,
    counted: u64,
    stored: u64,
}

#[derive(Serialize)]
struct ClassesJson<'a> {
    task_type: &'a str,
    task_class: &'a str,
    answer_class: &'a str,
}

pub async fn upgrade(db: &str, yes: bool, json: bool) -> anyhow::Result<()> {
    require_yes(
        yes,
        "upgrading the database (the original Vulyk does not run on it again until `vulyk db downgrade`)",
    )?;
    let report = vulyk_core::database::upgrade(db).await?;
    for warning in &report.warnings {
        eprintln!("vulyk: warning: {}", output::shown(warning));
    }
    if json {
        return output::json(&upgrade_json(&report));
    }
    if report.already_current {
        return output::lines(["The database is already in this version's layout: nothing to do"]);
    }
    let mut lines = vec!["Upgraded: the database is in this version's layout".to_string()];
    for (batch, counted, stored) in &report.recounted {
        lines.push(format!(
            "  batch {batch}: counted {counted} tasks, holds {stored}; now counts {stored}"
        ));
    }
    for (task_type, task_class, answer_class) in &report.classes {
        lines.push(format!(
            "  {task_type}: tasks {task_class}, answers {answer_class} (kept for a downgrade)"
        ));
    }
    output::lines(lines)
}

fn upgrade_json(report: &UpgradeReport) -> UpgradeJson<'_> {
    UpgradeJson {
        already_current: report.already_current,
        recounted: report
            .recounted
            .iter()
            .map(|(batch, counted, stored)| RecountJson {
                batch,
                counted: *counted,
                stored: *stored,
            })
            .collect(),
        classes: report
            .classes
            .iter()
            .map(|(task_type, task_class, answer_class)| ClassesJson {
                task_type,
                task_class,
                answer_class,
            })
            .collect(),
        warnings: &report.warnings,
    }
}

#[derive(Serialize)]
struct DowngradeJson<'a> {
    already_original: bool,
    rewritten: Vec<RewrittenJson<'a>>,
    dropped: &'a [String],
    warnings: &'a [String],
}

#[derive(Serialize)]
struct RewrittenJson<'a> {
    collection: &'a str,
    documents: u64,
}

pub async fn downgrade(
    db: &str,
    plugins: &PluginRegistry,
    yes: bool,
    json: bool,
) -> anyhow::Result<()> {
    require_yes(
        yes,
        "downgrading the database (API tokens, sign-in identities and sessions are dropped)",
    )?;
    let declared: OriginalClasses = plugins
        .iter()
        .filter_map(|p| Some((p.type_name.clone(), p.original_classes.clone()?)))
        .collect();
    let report = vulyk_core::database::downgrade(db, &declared, chrono::Utc::now()).await?;
    for warning in &report.warnings {
        eprintln!("vulyk: warning: {}", output::shown(warning));
    }
    if json {
        return output::json(&DowngradeJson {
            already_original: report.already_original,
            rewritten: report
                .rewritten
                .iter()
                .map(|(collection, documents)| RewrittenJson {
                    collection,
                    documents: *documents,
                })
                .collect(),
            dropped: &report.dropped,
            warnings: &report.warnings,
        });
    }
    if report.already_original {
        return output::lines(["The database is already in the original's shape: nothing to do"]);
    }
    let mut lines = vec![
        "Downgraded: the original Vulyk runs on the database again (`vulyk db upgrade` comes back)"
            .to_string(),
    ];
    for (collection, documents) in report.rewritten.iter().filter(|(_, n)| *n > 0) {
        lines.push(format!("  {collection}: {documents} documents rewritten"));
    }
    if !report.dropped.is_empty() {
        lines.push(format!("  dropped: {}", report.dropped.join(", ")));
    }
    output::lines(lines)
}
