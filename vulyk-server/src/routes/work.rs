//! The JSON API a task page (or a script with an API token) works through (spec 7.3):
//! next task, answer, skip, activity.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use vulyk_core::domain::TaskId;

use crate::envelope;
use crate::error::ApiError;
use crate::extract::{SignedIn, form_or_json, is_json};
use crate::state::AppState;

pub async fn next(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(task_type): Path<String>,
) -> Result<Response, ApiError> {
    // The user's rank does not depend on the hand-out: it is read while the task is claimed.
    let (task, stats) = tokio::join!(
        state.vulyk.next_task(&user, &task_type),
        state.vulyk.user_stats(&user.id, &task_type)
    );
    let Some(task) = task? else {
        return Err(ApiError::no_tasks());
    };
    let stats = stats?;
    Ok(envelope::ok(NextTask {
        task: TaskView {
            id: task.id.as_str(),
            closed: task.closed,
            data: &task.data,
        },
        stats: StatsView {
            total: stats.total,
            position: stats.position,
        },
    }))
}

/// `next`'s result: the task and where the volunteer stands among this type's volunteers.
#[derive(Serialize)]
struct NextTask<'a> {
    task: TaskView<'a>,
    stats: StatsView,
}

#[derive(Serialize)]
struct TaskView<'a> {
    id: &'a str,
    closed: bool,
    data: &'a Value,
}

#[derive(Serialize)]
struct StatsView {
    total: u64,
    position: u64,
}

/// What `done` and `skip` answer.
#[derive(Serialize)]
struct Done {
    done: bool,
}

/// What `done` answers: after a gold task whose type shows feedback, also how it was judged.
#[derive(Serialize)]
struct Answered {
    done: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    gold: Option<GoldView>,
}

/// The expected answer beside the volunteer's, and how many of its labels they gave right.
#[derive(Serialize)]
struct GoldView {
    expected: Value,
    given: Value,
    judged: u64,
    correct: u64,
}

/// What `activity` answers: the session's activity so far, in seconds.
#[derive(Serialize)]
struct ActivityDone {
    done: bool,
    activity: u64,
}

/// An answer as the original's page sends it (form field `result` holding JSON text) or as a
/// script may (`{"result": {…}}`).
#[derive(Deserialize)]
struct FormAnswer {
    result: Option<String>,
}

#[derive(Deserialize)]
struct JsonAnswer {
    result: Option<Value>,
}

/// The answer a request carries, as JSON; whether it is an acceptable answer (an object,
/// not too large) is the core's rule.
fn answer_of(headers: &HeaderMap, body: &Bytes) -> Result<Value, ApiError> {
    let result = if is_json(headers) {
        form_or_json::<JsonAnswer>(headers, body)?.result
    } else {
        let Some(text) = form_or_json::<FormAnswer>(headers, body)?.result else {
            return Err(ApiError::bad_request("result: missing"));
        };
        // The original read `-0` as the integer 0; so does the stored answer.
        let text = vulyk_core::json_text::without_negative_integer_zero(text.as_bytes());
        let value = serde_json::from_slice(&text)
            .map_err(|e| ApiError::bad_request(format!("result: not JSON: {e}")))?;
        Some(value)
    };
    result.ok_or_else(|| ApiError::bad_request("result: missing"))
}

pub async fn done(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((task_type, task_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let result = match answer_of(&headers, &body) {
        Ok(result) => result,
        // A stranger learns nothing from parse errors: eligibility is told first. Checked only
        // here, as `answer` checks it again on the way that succeeds.
        Err(bad_body) => {
            state.vulyk.plugin_for(&user, &task_type).await?;
            return Err(bad_body);
        }
    };
    let outcome = state
        .vulyk
        .answer(&user, &task_type, &TaskId::from_stored(task_id), &result)
        .await?;
    let gold = outcome.gold.map(|feedback| GoldView {
        expected: feedback.expected,
        given: result,
        judged: feedback.judged,
        correct: feedback.correct,
    });
    Ok(envelope::ok(Answered { done: true, gold }))
}

pub async fn skip(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((task_type, task_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    state
        .vulyk
        .skip(&user, &task_type, &TaskId::from_stored(task_id))
        .await?;
    Ok(envelope::ok(Done { done: true }))
}

#[derive(Deserialize)]
struct Activity {
    seconds: Option<Value>,
}

pub async fn activity(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((task_type, task_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let activity: Activity = form_or_json(&headers, &body)?;
    // A form sends text, JSON a number; both must be a whole number of seconds.
    let seconds = match activity.seconds {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| ApiError::bad_request("seconds: must be a whole number"))?;
    let total = state
        .vulyk
        .record_activity(&user, &task_type, &TaskId::from_stored(task_id), seconds)
        .await?;
    Ok(envelope::ok(ActivityDone {
        done: true,
        activity: total,
    }))
}
