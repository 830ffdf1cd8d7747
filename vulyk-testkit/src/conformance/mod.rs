//! The conformance suite: every store behaviour, as one test per behaviour and backend.
//!
//! [`conformance_suite!`](crate::conformance_suite) generates, in the crate that calls it (an
//! integration test of `vulyk-core`, `tests/conformance.rs`), a module with one
//! `#[tokio::test]` per case, so a failure names both the behaviour and the backend. Each case
//! takes a fresh, empty [`Fixture`](vulyk_core::fixture::Fixture); the cases live in
//! `store_cases` (the trait directly) and the other `*_cases` modules (the services, whose
//! rules must hold on every backend). They are public only for the macro's expansion.

#[doc(hidden)]
pub mod account_cases;
#[doc(hidden)]
pub mod audit_cases;
#[doc(hidden)]
pub mod copy_cases;
#[doc(hidden)]
pub mod game_cases;
#[doc(hidden)]
pub mod gold_cases;
#[doc(hidden)]
pub mod increment_cases;
#[doc(hidden)]
pub mod report_cases;
#[doc(hidden)]
pub mod rule_cases;
#[doc(hidden)]
pub mod service_cases;
#[doc(hidden)]
pub mod store_cases;
#[doc(hidden)]
pub mod webhook_cases;
#[doc(hidden)]
pub mod work_cases;

/// `conformance_suite!(backend, opener, #[attribute])`: a module `backend` with one test per
/// case. `opener` is an `async fn() -> vulyk_core::fixture::Fixture` giving a fresh, empty
/// store of that backend, named as seen from inside the generated module
/// (`super::open_sqlite`); the attribute goes on every test (`#[ignore = "…"]` for a backend
/// that needs a server). The calling crate needs `tokio` (the tests are `#[tokio::test]`).
#[macro_export]
macro_rules! conformance_suite {
    ($backend:ident, $open:path, #[$needs:meta]) => {
        mod $backend {
            $crate::conformance_suite!(@cases $open, #[$needs]; store_cases:
                groups_round_trip,
                duplicate_group_is_a_conflict,
                upsert_group_replaces_its_types,
                group_types_have_set_semantics,
                deleting_a_group_removes_it_from_users,
                users_round_trip,
                duplicate_username_or_email_is_a_conflict,
                leaving_a_group_keeps_the_others,
                all_users_join_a_group_once,
                admin_flag_and_password_hash_are_stored,
                deleting_a_user_keeps_nothing_behind,
                member_counts_per_group,
                load_creates_a_batch_and_counts_exactly,
                load_skips_duplicates_within_and_across_chunks,
                abort_removes_only_what_the_run_inserted,
                abort_restores_a_reopened_batch,
                begin_load_checks_the_batch,
                killed_load_stays_incomplete_and_resumes,
                batches_are_listed_by_id_and_type,
                deleting_a_batch_removes_its_tasks,
                task_counts_per_type,
                task_data_keeps_key_order,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; service_cases:
                init_creates_default_group_and_attaches_users,
                init_refuses_unknown_or_no_types,
                new_users_join_the_default_group,
                user_is_found_by_username_or_email,
                group_commands_name_what_is_unknown,
                passwords_are_hashed,
                load_reads_all_formats_with_the_same_ids,
                bad_line_leaves_the_store_as_it_was,
                bad_line_in_extended_batch_restores_it,
                skip_invalid_writes_rejects_and_loads_the_rest,
                second_load_is_a_no_op,
                batch_rules_are_checked_before_reading,
                meta_overrides_apply_to_new_batches,
                load_of_nothing_new_leaves_no_empty_batch,
                loads_racing_to_create_a_batch_they_may_grow_both_land,
                a_cancelled_load_leaves_nothing,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; work_cases:
                asking_twice_gives_the_same_task,
                leases_hold_slots_until_they_expire,
                an_answer_within_the_lease_is_always_accepted,
                answered_tasks_are_not_handed_out_again,
                tasks_of_other_types_are_not_handed_out,
                batches_are_served_in_id_order,
                skipped_tasks_come_back_only_when_nothing_else_is_left,
                skipping_is_safe_to_repeat_and_names_unknown_tasks,
                bad_answers_store_nothing,
                answers_close_tasks_and_the_batch_exactly_once,
                work_sessions_follow_the_task,
                activity_stays_within_the_time_since_hand_out,
                only_eligible_volunteers_get_work,
                leaderboard_ranks_densely,
                purging_a_batch_takes_its_answers_out_of_the_counts,
                deleting_a_volunteer_drops_their_open_sessions,
                agreeing_answers_close_a_task_early,
                racing_volunteers_never_exceed_redundancy,
                expired_leases_are_swept_and_counted_once,
                racing_sweeps_count_each_expired_lease_once,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; gold_cases:
                new_volunteers_get_each_gold_task_once_then_work,
                past_the_warmup_the_share_applies,
                gold_tasks_never_close_count_or_export,
                only_a_gold_task_handed_out_can_be_answered_skipped_or_timed,
                loading_gold_again_changes_only_what_changed,
                a_bad_gold_line_names_its_place_and_stores_nothing,
                racing_volunteers_answer_each_gold_task_once,
                quality_uses_gold_as_truth_and_reports_it,
                an_excluded_volunteers_answers_are_kept_but_count_for_nothing,
                racing_excluded_volunteers_never_fill_a_slot,
                gold_is_handed_out_only_while_there_is_work,
                a_corrected_answer_key_judges_the_answers_again,
                an_excluded_volunteer_is_not_paid_nor_let_onto_a_closed_task,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; account_cases:
                sign_up_makes_a_volunteer_who_signs_in,
                sessions_expire_end_and_die_with_a_new_password,
                sign_in_attempts_are_limited_per_account,
                sign_in_attempts_are_limited_per_address,
                racing_guesses_from_one_address_are_each_counted,
                sign_ups_are_limited_per_address,
                racing_attempts_are_each_counted_once,
                one_time_tokens_are_used_once,
                api_tokens_sign_in_until_revoked,
                external_identities_sign_in_and_link_by_verified_email,
                racing_first_sign_ins_make_one_user,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; game_cases:
                an_answer_pays_points_coins_and_a_level,
                answers_add_up_exactly_across_batches,
                other_types_pay_nothing,
                a_rule_is_earned_once_with_its_bonus,
                replaying_an_answer_never_pays_twice,
                a_stored_answer_left_unpaid_is_paid_by_its_retry,
                a_refused_answer_pays_only_what_its_own_call_left_unpaid,
                the_sweep_pays_an_answer_whose_call_stopped,
                a_purge_forgets_unpaid_answers,
                closing_a_batch_makes_its_coins_real,
                racing_answers_close_a_batch_and_pay_coins_once,
                donations_have_the_original_outcomes,
                racing_donations_never_overdraw,
                events_are_each_volunteers_own,
                numbers_count_events_batches_and_time,
                top_states_order_by_each_measure,
                rules_are_kept_with_unique_names,
                funds_are_kept_with_their_logos,
                batch_rewards_come_from_the_first_open_batch,
                the_latest_answers_and_events_come_newest_first,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; rule_cases:
                rules_count_finished_sessions_per_volunteer_and_type,
                rules_count_sessions_within_the_last_days,
                weekend_rules_count_saturdays_and_sundays,
                weekends_are_counted_once_each,
                adjacent_weekends_end_with_the_latest,
                adjacent_days_end_today,
                days_are_counted_in_the_configured_time_zone,
                an_achievement_is_paid_by_the_answer_that_completes_it,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; report_cases:
                export_takes_closed_tasks_with_all_their_answers,
                export_filters_by_batch_and_openness,
                export_with_sessions_pairs_each_answer_with_its_session,
                export_as_csv_with_the_majority_answer,
                batch_stats_come_from_the_counters,
                overview_shows_recent_work,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; increment_cases:
                a_cursor_takes_each_closed_task_once,
                answers_still_settling_wait_for_the_next_window,
                since_takes_tasks_whose_newest_answer_came_after_it,
                racing_exports_with_one_cursor_take_each_task_once,
                a_cursor_moves_only_when_its_export_completes,
                a_cursor_follows_one_scope,
                cursors_move_only_from_where_they_stand,
                an_answer_after_an_early_close_does_not_take_the_task_again,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; audit_cases:
                operators_changes_are_recorded_newest_first,
                refused_changes_and_the_site_leave_no_entry,
                no_entry_holds_a_secret,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; copy_cases:
                a_copy_into_this_store_reads_back_as_its_source,
                a_copy_of_this_store_reads_back_as_it,
            );
            $crate::conformance_suite!(@cases $open, #[$needs]; webhook_cases:
                an_event_is_queued_once_per_webhook,
                a_delivery_is_tried_by_one_caller_until_its_hold_lapses,
                racing_servers_never_try_one_delivery_at_once,
                failed_tries_wait_longer_then_the_delivery_is_dead_until_retried,
                deliveries_delivered_long_ago_are_forgotten,
                answers_queue_their_events_once_per_webhook,
                a_stopped_answer_has_its_events_queued_by_its_retry,
                a_stopped_answer_has_its_events_queued_by_the_sweep,
                without_webhooks_answers_queue_nothing,
                a_donation_queues_its_event_in_the_same_step,
                a_stopped_answer_that_earns_nothing_is_not_paid_when_completed,
                deliveries_follow_a_webhook_to_its_new_name,
            );
        }
    };
    (@cases $open:path, #[$needs:meta]; $module:ident: $($case:ident),* $(,)?) => {
        $(
            #[::tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[$needs]
            async fn $case() {
                let mut fixture = $open().await;
                $crate::conformance::$module::$case(&mut fixture).await;
            }
        )*
    };
}
