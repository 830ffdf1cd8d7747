//! `vulyk-server --demo`: a complete site to try, made idempotently in the given store — the
//! default group for every plugin, the example tasks, achievement rules and a fund, a
//! volunteer and an admin.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use vulyk_core::domain::DEFAULT_GROUP;
use vulyk_core::gamification::{Fund, Logo};
use vulyk_core::service::{LoadRequest, UserRef, Vulyk};

/// The fund volunteers of the demo may give their coins to.
fn demo_fund() -> Fund {
    Fund {
        id: "library".into(),
        name: "Сільська бібліотека".into(),
        description: "Книжки для сільської бібліотеки.".into(),
        site: None,
        email: None,
        donatable: true,
        has_logo: false,
    }
}

/// Where a source checkout keeps the example plugins and tasks.
pub fn fixtures_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    dir.canonicalize().unwrap_or(dir)
}

/// The demo accounts: (role, e-mail, password). Printed at start; the demo listens on
/// loopback only unless told otherwise.
pub const ACCOUNTS: [(&str, &str, &str); 2] = [
    ("volunteer", "volunteer@example.org", "volunteer-demo"),
    ("admin", "admin@example.org", "admin-demo-pass"),
];

/// Makes what is missing of the demo; running it again changes nothing.
pub async fn prepare(vulyk: &Vulyk, tasks_dir: &Path) -> anyhow::Result<()> {
    let types: Vec<String> = vulyk
        .plugins()
        .type_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    if types.is_empty() {
        anyhow::bail!(
            "no task-type plugins in {}: the demo needs the example plugins (--plugins)",
            vulyk.plugins().dir().display()
        );
    }
    match vulyk.group(DEFAULT_GROUP).await {
        Ok(_) => {}
        Err(vulyk_core::Error::NotFound { .. }) => {
            vulyk
                .init(&types)
                .await
                .context("creating the default group")?;
        }
        Err(error) => return Err(error.into()),
    }
    let loaded = vulyk.task_types().await?;
    for task_type in &types {
        let has_tasks = loaded
            .iter()
            .any(|t| &t.type_name == task_type && t.total > 0);
        let folder = tasks_dir.join(task_type);
        if has_tasks || !folder.is_dir() {
            continue;
        }
        // A batch holds one type, so each type gets a batch of its own name.
        let mut request = LoadRequest::new(
            task_type.clone(),
            vec![folder.to_string_lossy().into_owned()],
        );
        request.batch = Some(task_type.clone());
        let summary = vulyk
            .load(request, &|_| {})
            .await
            .with_context(|| format!("loading the example {task_type} tasks"))?;
        tracing::info!(task_type, loaded = summary.loaded, "demo tasks loaded");
    }
    // The example rules (importing them again replaces them with themselves) and a fund.
    let rules = tasks_dir.parent().unwrap_or(tasks_dir).join("rules.jsonl");
    if rules.is_file() {
        let text = std::fs::read_to_string(&rules)
            .with_context(|| format!("reading {}", rules.display()))?;
        vulyk
            .import_rules(&rules.display().to_string(), &text)
            .await
            .context("importing the example rules")?;
    }
    match vulyk.fund(&demo_fund().id).await {
        Ok(_) => {}
        Err(vulyk_core::Error::NotFound { .. }) => {
            let file = tasks_dir
                .parent()
                .unwrap_or(tasks_dir)
                .join("fund-logo.png");
            let logo = match std::fs::read(&file) {
                Ok(bytes) => Some(Logo::from_bytes(bytes, &file.display().to_string())?),
                Err(_) => None,
            };
            let fund = Fund {
                has_logo: logo.is_some(),
                ..demo_fund()
            };
            vulyk.add_fund(&fund, logo.as_ref()).await?;
        }
        Err(error) => return Err(error.into()),
    }
    for (role, email, password) in ACCOUNTS {
        if vulyk.user(&UserRef(email.to_string())).await.is_ok() {
            continue;
        }
        vulyk
            .sign_up(email, password, "")
            .await
            .with_context(|| format!("creating the demo {role}"))?;
        if role == "admin" {
            vulyk.set_admin(&UserRef(email.to_string()), true).await?;
        }
    }
    Ok(())
}
