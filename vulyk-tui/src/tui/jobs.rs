//! Effects run as background tasks on the services; each answers with one action. The UI
//! loop never waits for them, so a slow database never freezes the screen.

use std::sync::Arc;
use std::time::Instant;

use vulyk_core::service::Vulyk;

use super::action::Action;
use super::completion::completions_of;
use super::effect::{Change, Effect};
use super::modals::simulation::Simulation;
use super::screens::dashboard::Dashboard;
use super::screens::events::{Log, LogAnswer, LogChange, LogEvent};
use super::screens::load::LoadDone;
use super::screens::people::People;
use super::screens::quality::TypeQuality;
use super::screens::rewards::Rewards;
use vulyk_core::service::UserRef;

/// Delivers actions to the console's loop from anywhere (a load's progress, an export's).
pub type Sender = Arc<dyn Fn(Action) + Send + Sync>;

/// Runs an effect; `None` for `Quit`, which the loop itself handles, for effects that only
/// set something in motion, and for those that answered along the way. `send` delivers
/// actions along the way (a load's progress, each type's quality).
pub async fn run(vulyk: &Vulyk, effect: Effect, send: Sender) -> Option<Action> {
    let action = match effect {
        Effect::Quit => return None,
        Effect::CancelLoad(flag) => {
            flag.cancel();
            return None;
        }
        Effect::Complete(typed) => {
            let names = tokio::task::spawn_blocking({
                let typed = typed.clone();
                move || completions_of(&typed)
            })
            .await
            .unwrap_or_default();
            return Some(Action::Completed(typed, names));
        }
        Effect::StartLoad(request) => {
            let started = Instant::now();
            let outcome = vulyk
                .load(*request, &|p| {
                    send(Action::LoadProgress(*p, started.elapsed()));
                })
                .await;
            if let Err(error) = &outcome {
                tracing::warn!(error = %error, "load from the console failed");
            }
            return Some(Action::LoadFinished(
                outcome
                    .map(|summary| Box::new(LoadDone::from(&summary)))
                    .map_err(|e| e.to_string()),
            ));
        }
        Effect::LoadDashboard => dashboard(vulyk)
            .await
            .map(|d| Action::DashboardLoaded(Box::new(d))),
        Effect::LoadBatchDetail(id) => vulyk
            .batch_stats(Some(&id), None)
            .await
            .and_then(|mut stats| {
                stats
                    .pop()
                    .ok_or_else(|| vulyk_core::Error::not_found("batch", id))
            })
            .map(|s| Action::BatchDetailLoaded(Box::new(s))),
        Effect::LoadRewards => rewards(vulyk)
            .await
            .map(|r| Action::RewardsLoaded(Box::new(r))),
        Effect::Export {
            task_type,
            batch,
            path,
        } => {
            // The export writes through a `&mut dyn Write`, which may not cross threads: it
            // runs to its end on a blocking thread of its own.
            let (vulyk, handle) = (vulyk.clone(), tokio::runtime::Handle::current());
            let outcome = tokio::task::spawn_blocking(move || {
                handle.block_on(export(&vulyk, task_type, batch, &path, &*send))
            })
            .await
            .unwrap_or_else(|e| Err(vulyk_core::Error::store("export job", e)));
            return Some(Action::ExportFinished(outcome.map_err(|e| e.to_string())));
        }
        Effect::LoadLog => log(vulyk).await.map(|l| Action::LogLoaded(Box::new(l))),
        Effect::ComputeQuality(types) => {
            quality(vulyk, types, &*send).await;
            return None;
        }
        Effect::SaveRule { rule, new } => {
            let saved = if new {
                vulyk.add_rule(&rule).await
            } else {
                vulyk.edit_rule(&rule).await
            };
            return Some(match saved {
                Ok(()) => Action::Changed(format!("Saved rule {} ({})", rule.name, rule.id)),
                Err(error) => Action::EditorFailed(error.to_string()),
            });
        }
        Effect::SaveFund { fund, logo, new } => {
            return Some(match save_fund(vulyk, &fund, logo, new).await {
                Ok(()) => Action::Changed(format!("Saved fund {}", fund.id)),
                Err(error) => Action::EditorFailed(error.to_string()),
            });
        }
        Effect::DeleteRule(id) => vulyk
            .delete_rule(&id)
            .await
            .map(|()| Action::Changed(format!("Deleted rule {id}"))),
        Effect::DeleteFund(id) => vulyk
            .delete_fund(&id)
            .await
            .map(|()| Action::Changed(format!("Deleted fund {id}"))),
        Effect::Simulate(rule) => vulyk.simulate_rule(&rule, None).await.map(|holders| {
            Action::Simulated(Box::new(Simulation {
                rule: rule.name.clone(),
                limit: rule.limit(),
                holders: holders
                    .into_iter()
                    .map(|h| (h.user.username, h.count, h.achieved))
                    .collect(),
            }))
        }),
        Effect::LoadPeople => people(vulyk)
            .await
            .map(|p| Action::PeopleLoaded(Box::new(p))),
        Effect::Change(change) => apply(vulyk, change).await.map(Action::Changed),
        Effect::DeleteBatch { id, purge } => vulyk
            .delete_batch(&id, purge)
            .await
            .map(|_| Action::BatchDeleted(id)),
    };
    Some(action.unwrap_or_else(|error| {
        tracing::warn!(error = %error, "background job failed");
        Action::Failed(error.to_string())
    }))
}

/// What one dashboard refresh reads (public for the console benchmark).
pub async fn dashboard(vulyk: &Vulyk) -> vulyk_core::Result<Dashboard> {
    let overview = vulyk.overview().await?;
    let mut leaders = Vec::with_capacity(overview.types.len());
    for t in &overview.types {
        // A type whose plugin is gone has tasks but no leaderboard.
        if let Ok(rows) = vulyk.leaderboard(&t.task_type, 5).await {
            leaders.push((t.task_type.clone(), rows));
        }
    }
    let numbers = vulyk.game_numbers(None).await?;
    Ok(Dashboard {
        overview,
        leaders,
        numbers,
    })
}

/// Each type's quality in turn, sent as soon as it is known: one scan of the answers at a
/// time (a scan reads every answer of its type), and the first type is not kept waiting for
/// the others. A type that fails says why and the next goes on.
async fn quality(vulyk: &Vulyk, types: Vec<String>, send: &(dyn Fn(Action) + Send + Sync)) {
    for task_type in types {
        let outcome = vulyk.quality(&task_type, None).await.map_err(|error| {
            tracing::warn!(error = %error, task_type, "quality not computed");
            error.to_string()
        });
        send(Action::QualityLoaded(Box::new(TypeQuality {
            task_type,
            outcome,
        })));
    }
}

async fn rewards(vulyk: &Vulyk) -> vulyk_core::Result<Rewards> {
    Ok(Rewards {
        rules: vulyk.rules().await?,
        funds: vulyk.funds(None).await?,
    })
}

async fn people(vulyk: &Vulyk) -> vulyk_core::Result<People> {
    Ok(People {
        groups: vulyk.groups().await?,
        users: vulyk.users().await?,
    })
}

fn allows(group: &vulyk_core::domain::Group) -> String {
    if group.allowed_types.is_empty() {
        "it allows no task type (t sets them)".into()
    } else {
        format!("it allows {}", group.allowed_types.join(", "))
    }
}

/// Makes a change through the services and says what was done.
async fn apply(vulyk: &Vulyk, change: Change) -> vulyk_core::Result<String> {
    Ok(match change {
        Change::AddUser { username, email } => {
            vulyk.add_user(&username, &email, "", false).await?;
            format!("Created user {username}; they joined the default group")
        }
        Change::AddGroup { id, types } => {
            let group = vulyk.add_group_allowing(&id, &types).await?;
            format!("Created group {id}; {}", allows(&group))
        }
        Change::SetGroupTypes { group, types } => {
            let group = vulyk.set_group_types(&group, &types).await?;
            format!("Group {}: {}", group.id, allows(&group))
        }
        Change::Assign { group, user } => {
            vulyk.assign(&group, &UserRef(user.clone())).await?;
            format!("Added {user} to group {group}")
        }
        Change::Resign { group, user } => {
            vulyk.resign(&group, &UserRef(user.clone())).await?;
            format!("Removed {user} from group {group}")
        }
        Change::SetAdmin { user, admin } => {
            vulyk.set_admin(&UserRef(user.clone()), admin).await?;
            let now = if admin { "an admin" } else { "no admin" };
            format!("{user} is {now} now")
        }
        Change::SetPassword { user, password } => {
            vulyk
                .set_password(&UserRef(user.clone()), &password)
                .await?;
            format!("Set a new password for {user}; their sessions ended")
        }
    })
}

/// As `vulyk db export TYPE --batch B -o PATH`: the closed tasks' answers, in the original's
/// format (CSV for a `.csv` name), compressed by the name; the file appears when complete.
async fn export(
    vulyk: &Vulyk,
    task_type: String,
    batch: String,
    path: &str,
    send: &(dyn Fn(Action) + Send + Sync),
) -> vulyk_core::Result<(u64, u64)> {
    use vulyk_core::export::ExportFormat;
    use vulyk_core::service::ExportRequest;
    let csv = path
        .trim_end_matches(".gz")
        .trim_end_matches(".bz2")
        .ends_with(".csv");
    let request = ExportRequest {
        batch: Some(batch),
        format: if csv {
            ExportFormat::Csv
        } else {
            ExportFormat::Jsonl
        },
        ..ExportRequest::new(task_type)
    };
    let progress = |p: &vulyk_core::service::ExportProgress| send(Action::ExportProgress(*p));
    let (summary, _) = vulyk
        .export_to(&request, Some(std::path::Path::new(path)), &progress)
        .await?;
    Ok((summary.tasks, summary.answers))
}

/// An amount and its noun: "1 coin", "2.5 coins" (English: one only for a plain 1).
fn amount_of(amount: vulyk_core::gamification::Amount, one: &str, other: &str) -> String {
    let number = amount.to_string();
    let noun = if number == "1" { one } else { other };
    format!("{number} {noun}")
}

/// How many answers, events and operators' changes the Events screen lists.
const LOG_LENGTH: usize = 50;

async fn log(vulyk: &Vulyk) -> vulyk_core::Result<Log> {
    use std::collections::HashMap;

    let answers = vulyk.recent_answers(LOG_LENGTH).await?;
    let events = vulyk.recent_events(LOG_LENGTH).await?;
    let rules: HashMap<String, String> = vulyk
        .rules()
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let funds: HashMap<String, String> = vulyk
        .funds(None)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut name_of = async |id: &str| -> vulyk_core::Result<String> {
        if let Some(name) = names.get(id) {
            return Ok(name.clone());
        }
        let name = vulyk
            .user_by_id(id)
            .await?
            .map_or_else(|| id.to_string(), |u| u.username);
        names.insert(id.to_string(), name.clone());
        Ok(name)
    };
    let mut log = Log {
        read_at: chrono::Utc::now(),
        ..Log::default()
    };
    for a in answers {
        log.answers.push(LogAnswer {
            at: a.at,
            user: name_of(a.user.as_str()).await?,
            task_type: a.task_type,
            task: a.task.to_string(),
        });
    }
    for e in events {
        let what = match &e.fund {
            Some(fund) => format!(
                "gave {} to {}",
                amount_of(-e.coins, "coin", "coins"),
                funds.get(fund).unwrap_or(fund)
            ),
            None => {
                let mut parts = vec![
                    format!("+{}", amount_of(e.points, "point", "points")),
                    format!("+{}", amount_of(e.coins, "coin", "coins")),
                ];
                if let Some(level) = e.level {
                    parts.push(format!("level {level}"));
                }
                for id in &e.achievements {
                    parts.push(format!("badge {}", rules.get(id).unwrap_or(id)));
                }
                parts.join(", ")
            }
        };
        log.events.push(LogEvent {
            at: e.timestamp,
            user: name_of(e.user.as_str()).await?,
            what,
        });
    }
    let changes = vulyk
        .audit_log(&vulyk_core::service::AuditQuery {
            since: None,
            user: None,
            limit: LOG_LENGTH,
        })
        .await?;
    log.changes = changes
        .into_iter()
        .map(|c| LogChange {
            at: c.at,
            who: format!("{}@{}", c.user, c.host),
            what: format!("{} {}", c.action, c.target),
            change: c.change,
        })
        .collect();
    Ok(log)
}

/// A fund from the editor, with its logo read from the named file (checked by the core).
async fn save_fund(
    vulyk: &Vulyk,
    fund: &vulyk_core::gamification::Fund,
    logo: Option<String>,
    new: bool,
) -> vulyk_core::Result<()> {
    use vulyk_core::gamification::{Logo, LogoChange};
    let logo = match logo {
        Some(path) => {
            let bytes = tokio::fs::read(&path)
                .await
                .map_err(|e| vulyk_core::Error::invalid(format!("logo {path}: {e}")))?;
            Some(Logo::from_bytes(bytes, &path)?)
        }
        None => None,
    };
    if new {
        vulyk.add_fund(fund, logo.as_ref()).await
    } else {
        let change = logo.map_or(LogoChange::Keep, LogoChange::Set);
        vulyk.edit_fund(fund, &change).await
    }
}
