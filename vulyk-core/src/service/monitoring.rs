//! What the services count for monitoring, through the `metrics` facade. A front end that
//! installs a recorder exports them (the server, when `metrics_listen` is set); without one
//! each call costs next to nothing. Every name is here, so that the set is read in one place
//! (README, "Monitoring"). Labels take only bounded values: task types are the plugins',
//! reasons and limits are this file's.

use std::time::Instant;

use metrics::{counter, gauge, histogram};

/// A task handed to a volunteer (a reload of the one they hold counts again).
pub(super) fn handed_out(task_type: &str) {
    counter!("vulyk_handouts_total", "task_type" => task_type.to_string()).increment(1);
}

/// An answer stored; `closed` when it closed its task.
pub(super) fn answered(task_type: &str, closed: bool) {
    counter!("vulyk_answers_total", "task_type" => task_type.to_string()).increment(1);
    if closed {
        counter!("vulyk_tasks_closed_total", "task_type" => task_type.to_string()).increment(1);
    }
}

pub(super) fn skipped(task_type: &str) {
    counter!("vulyk_skips_total", "task_type" => task_type.to_string()).increment(1);
}

/// Leases that ran out with no answer or skip: hand-outs a volunteer walked away from.
pub(super) fn leases_expired(task_type: &str, count: u64) {
    counter!("vulyk_lease_expiries_total", "task_type" => task_type.to_string()).increment(count);
}

/// A sign-in refused for its credentials: `wrong_credentials` (an unknown account or a wrong
/// password, which the site does not tell apart either) or `disabled_account`.
pub(super) fn sign_in_failed(reason: &'static str) {
    counter!("vulyk_sign_in_failures_total", "reason" => reason).increment(1);
}

/// A sign-in or sign-up refused by one of the limits, named as in `[server.limits]`.
pub(super) fn refused_by_limit(limit: &'static str) {
    counter!("vulyk_limit_refusals_total", "limit" => limit).increment(1);
}

/// Password hashes waiting for a turn on the hashing threads.
pub(super) fn hashing_waiting(change: f64) {
    gauge!("vulyk_password_hashing_waiting").increment(change);
}

/// A password hash refused because no turn came within the patience (`Throttled`).
pub(super) fn hashing_refused() {
    counter!("vulyk_password_hashing_refusals_total").increment(1);
}

/// A webhook delivery's try ended: `delivered`, `retry` (failed, tried again later) or
/// `dead` (failed for the last time).
pub(super) fn webhook_try(outcome: &'static str) {
    counter!("vulyk_webhook_deliveries_total", "outcome" => outcome).increment(1);
}

/// Times a store call of the volunteers' hot path, by operation.
pub(super) async fn store_call<T>(operation: &'static str, call: impl Future<Output = T>) -> T {
    let started = Instant::now();
    let result = call.await;
    histogram!("vulyk_store_call_seconds", "operation" => operation)
        .record(started.elapsed().as_secs_f64());
    result
}
