//! The volunteers' pages: the index of task types, a task page, a leaderboard, their own page.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Serialize;
use vulyk_core::domain::{DEFAULT_GROUP, User};
use vulyk_core::plugins::{Plugin, Protocol};
use vulyk_core::service::{DEFAULT_LEADERBOARD, VolunteerTaskType};

use crate::assets::plugin_url;
use crate::error::ApiError;
use crate::extract::Page;
use crate::state::AppState;

/// A task type as the index shows it (the original's `to_dict()`, with the user's stats).
#[derive(Serialize)]
struct TaskTypeItem {
    #[serde(rename = "type")]
    type_name: String,
    name: String,
    description: String,
    tasks: u64,
    open_tasks: u64,
    closed_tasks: u64,
    has_tasks: bool,
    stats: Stats,
    /// What a task pays now (gamified types with an open batch).
    rewards: Option<Rewards>,
    /// The volunteer's record on the type's gold tasks (personal page, once they answered one).
    gold: Option<GoldView>,
}

#[derive(Serialize)]
struct GoldView {
    answered: u64,
    /// Whole percent of the judged labels that were right.
    percent: u64,
}

#[derive(Serialize)]
struct Rewards {
    points: String,
    coins: String,
    important: bool,
}

#[derive(Serialize)]
struct Stats {
    total: u64,
    position: u64,
}

impl From<VolunteerTaskType> for TaskTypeItem {
    fn from(item: VolunteerTaskType) -> Self {
        let view = item.view;
        let (name, description) = view
            .plugin
            .as_ref()
            .map(|p| (p.name.clone(), p.description.clone()))
            .unwrap_or_default();
        TaskTypeItem {
            open_tasks: view.open(),
            has_tasks: view.open() > 0,
            type_name: view.type_name,
            name,
            description,
            tasks: view.total,
            closed_tasks: view.closed,
            stats: Stats {
                total: item.stats.total,
                position: item.stats.position,
            },
            rewards: item.rewards.map(|r| Rewards {
                points: r.points.to_string(),
                coins: r.coins.to_string(),
                important: r.important,
            }),
            gold: None,
        }
    }
}

/// Whether the closed site's holding page replaces this page for this user.
fn closed_for(state: &AppState, user: Option<&User>) -> bool {
    state.config.site.closed && !user.is_some_and(|u| u.admin)
}

pub async fn index(State(state): State<AppState>, page: Page) -> Response {
    if closed_for(&state, page.user.as_ref()) {
        return page.render(&state, "closed.html", context! {});
    }
    let Some(user) = &page.user else {
        return page.render(&state, "index.html", context! {});
    };
    let listing = async {
        // Only a missing group means "not set up"; a failing store is an error page.
        let initialised = match state.vulyk.group(DEFAULT_GROUP).await {
            Ok(_) => true,
            Err(vulyk_core::Error::NotFound { .. }) => false,
            Err(error) => return Err(error),
        };
        let items: Vec<TaskTypeItem> = state
            .vulyk
            .task_types_for(user)
            .await?
            .into_iter()
            .map(TaskTypeItem::from)
            .collect();
        Ok::<_, vulyk_core::Error>((initialised, items))
    };
    match listing.await {
        Ok((initialised, items)) => page.render(
            &state,
            "index.html",
            context! { initialised, task_types => items },
        ),
        Err(error) => page.error(&state, error),
    }
}

/// A plugin file as a template name or URL part: its path inside the plugin folder.
fn relative<'a>(plugin: &Plugin, file: &'a std::path::Path) -> std::borrow::Cow<'a, str> {
    file.strip_prefix(&plugin.dir)
        .unwrap_or(file)
        .to_string_lossy()
}

pub async fn task_page(
    State(state): State<AppState>,
    page: Page,
    Path(task_type): Path<String>,
) -> Response {
    let user = match page.require_user(&format!("/type/{task_type}/")) {
        Ok(user) => user,
        Err(redirect) => return redirect.into_response(),
    };
    if closed_for(&state, Some(user)) {
        return page.render(&state, "closed.html", context! {});
    }
    let plugin = match state.vulyk.plugin_for(user, &task_type).await {
        Ok(plugin) => plugin,
        Err(error) => return page.error(&state, error),
    };
    let template =
        |file: &std::path::Path| format!("plugin/{}/{}", plugin.type_name, relative(plugin, file));
    let urls = |files: &[std::path::PathBuf]| -> Vec<String> {
        files
            .iter()
            .map(|f| plugin_url(&plugin.type_name, &relative(plugin, f)))
            .collect()
    };
    let page_template = match plugin.protocol {
        Protocol::Vulyk => "task.html",
        Protocol::Original => "task_original.html",
    };
    let mut response = page.render(
        &state,
        page_template,
        context! {
            plugin => context! {
                type => &plugin.type_name,
                name => &plugin.name,
                template => template(&plugin.template),
                help_template => plugin.help_template.as_deref().map(template),
                gamified => plugin.gamified,
                js => urls(&plugin.js),
                css => urls(&plugin.css),
            },
        },
    );
    if let Some(policy) = super::plugin_policy(&plugin.content_security) {
        response
            .headers_mut()
            .insert(axum::http::header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

#[derive(Serialize)]
struct LeaderItem {
    rank: u64,
    username: String,
    answers: u64,
}

pub async fn leaders(
    State(state): State<AppState>,
    page: Page,
    Path(task_type): Path<String>,
) -> Response {
    let user = match page.require_user(&format!("/type/{task_type}/leaders")) {
        Ok(user) => user,
        Err(redirect) => return redirect.into_response(),
    };
    if closed_for(&state, Some(user)) {
        return page.render(&state, "closed.html", context! {});
    }
    let rows = async {
        let plugin = state.vulyk.plugin_for(user, &task_type).await?;
        let rows = state
            .vulyk
            .leaderboard(&task_type, DEFAULT_LEADERBOARD)
            .await?;
        Ok::<_, vulyk_core::Error>((plugin.name.clone(), rows))
    };
    match rows.await {
        Ok((plugin_name, rows)) => {
            let rows: Vec<LeaderItem> = rows
                .into_iter()
                .map(|r| LeaderItem {
                    rank: r.rank,
                    username: r.username,
                    answers: r.answers,
                })
                .collect();
            page.render(
                &state,
                "leaders.html",
                context! { rows, plugin_name, task_type },
            )
        }
        Err(error) => page.error(&state, error),
    }
}

#[derive(serde::Deserialize)]
pub struct MeQuery {
    donation: Option<String>,
}

pub async fn me(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Query(query): axum::extract::Query<MeQuery>,
) -> Response {
    let user = match page.require_user("/me") {
        Ok(user) => user,
        Err(redirect) => return redirect.into_response(),
    };
    let items = match state.vulyk.task_types_for(user).await {
        Ok(items) => items,
        Err(error) => return page.error(&state, error),
    };
    let rewards = match super::rewards::view(&state.vulyk, user).await {
        Ok(rewards) => rewards,
        Err(error) => return page.error(&state, error),
    };
    let mut items: Vec<TaskTypeItem> = items.into_iter().map(TaskTypeItem::from).collect();
    for item in &mut items {
        let record = match state.vulyk.gold_record(user, &item.type_name).await {
            Ok(record) => record,
            Err(error) => return page.error(&state, error),
        };
        item.gold = record.and_then(|score| {
            let accuracy = score.accuracy()?;
            Some(GoldView {
                answered: score.answers,
                percent: (accuracy * 100.0).round() as u64,
            })
        });
    }
    let donation = query
        .donation
        .as_deref()
        .and_then(super::rewards::donation_message);
    page.render(
        &state,
        "me.html",
        context! {
            me => context! {
                email => &user.email,
                name => &user.name,
                groups => &user.groups,
                admin => user.admin,
            },
            task_types => items,
            rewards => rewards,
            donation => donation,
            donation_ok => query.donation.as_deref() == Some("success"),
            providers => state.config.oidc.iter().map(|p| context! { id => &p.id, name => &p.name }).collect::<Vec<_>>(),
        },
    )
}

/// No route matched: a 404 in the shape its asker reads (`error_shape::wants_page`).
pub async fn not_found(
    State(state): State<AppState>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
    page: Result<Page, Response>,
) -> Response {
    if !crate::error_shape::wants_page(&headers, uri.path()) {
        return ApiError::new(StatusCode::NOT_FOUND, "no such route").into_response();
    }
    let page = match page {
        Ok(page) => page,
        Err(response) => return response,
    };
    page.error(
        &state,
        ApiError::new(StatusCode::NOT_FOUND, page.lang.text("not_found")),
    )
}
