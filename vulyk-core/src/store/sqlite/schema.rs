//! The SQLite schema, versioned through `PRAGMA user_version` and migrated on open.

use rusqlite::Connection;

use super::sql_err;
use crate::{Error, Result};

/// The SQLite schema version this build writes; a database with a higher one is refused.
pub(super) const SCHEMA_VERSION: u32 = 13;

/// Migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE groups (
    id          TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE group_types (
    group_id  TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    task_type TEXT NOT NULL,
    PRIMARY KEY (group_id, task_type)
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    admin         INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT,
    processed     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- rowid keeps the order in which a user joined groups.
CREATE TABLE user_groups (
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    UNIQUE (user_id, group_id)
);
CREATE INDEX user_groups_group ON user_groups(group_id);

CREATE TABLE batches (
    id              TEXT PRIMARY KEY,
    task_type       TEXT NOT NULL,
    tasks_count     INTEGER NOT NULL DEFAULT 0,
    tasks_processed INTEGER NOT NULL DEFAULT 0,
    closed          INTEGER NOT NULL DEFAULT 0,
    loading         INTEGER NOT NULL DEFAULT 0,
    meta            TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;

-- `seq` (the rowid) keeps rows in load order, so a load appends to the table; only the
-- unique index on the random content-hash `id` takes random writes.
CREATE TABLE tasks (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    task_type   TEXT NOT NULL,
    batch       TEXT,
    users_count INTEGER NOT NULL DEFAULT 0,
    closed      INTEGER NOT NULL DEFAULT 0,
    load_run    INTEGER,
    task_data   TEXT NOT NULL
);
CREATE INDEX tasks_batch ON tasks(batch);

CREATE TABLE answers (
    id         TEXT PRIMARY KEY,
    task_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    result     TEXT NOT NULL,
    UNIQUE (user_id, task_id)
);
CREATE INDEX answers_task ON answers(task_id);

CREATE TABLE work_sessions (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT NOT NULL,
    task_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    answer_id  TEXT,
    start_time TEXT NOT NULL,
    end_time   TEXT,
    activity   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX work_sessions_task ON work_sessions(task_id);
CREATE INDEX work_sessions_user_task ON work_sessions(user_id, task_id);

-- One row per load in progress: where its tasks start, so that an abort finds them cheaply.
CREATE TABLE load_runs (
    id        INTEGER PRIMARY KEY,
    batch     TEXT NOT NULL,
    first_seq INTEGER NOT NULL
);
"#,
    r#"
-- Version 2: hand-out, answers and their counters.
-- Version 1 never wrote answers or work sessions, so they are recreated, with times as Unix
-- milliseconds (compared and indexed as integers).
DROP TABLE answers;
DROP TABLE work_sessions;
CREATE TABLE answers (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    task_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    result     TEXT NOT NULL,
    UNIQUE (user_id, task_id)
);
CREATE INDEX answers_task ON answers(task_id);
CREATE INDEX answers_type_time ON answers(task_type, created_at);

CREATE TABLE work_sessions (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT NOT NULL,
    task_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    answer_id  TEXT,
    start_time INTEGER NOT NULL,
    end_time   INTEGER,
    activity   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX work_sessions_user_task ON work_sessions(user_id, task_id);
CREATE INDEX work_sessions_task ON work_sessions(task_id);
CREATE INDEX work_sessions_answer ON work_sessions(answer_id) WHERE answer_id IS NOT NULL;
CREATE INDEX work_sessions_type_end ON work_sessions(task_type, end_time)
    WHERE end_time IS NOT NULL;

-- Open tasks of a batch in load order: a load only appends to this index (batch and closed
-- are constant, seq grows), and the hand-out seeks into it at a random seq.
DROP INDEX tasks_batch;
CREATE INDEX tasks_open ON tasks(batch, closed);

-- A lease holds one of a task's redundancy slots for a volunteer until it expires.
CREATE TABLE leases (
    task_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (task_id, user_id)
) WITHOUT ROWID;
-- Few rows (live leases, and expired ones until the server's sweep drops them, once a
-- minute): expiry needs no index of its own.
CREATE INDEX leases_user ON leases(user_id, task_type);

CREATE TABLE skips (
    user_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    PRIMARY KEY (user_id, task_id)
) WITHOUT ROWID;

-- Counters kept by every answer, so that ranks and stats never scan the answers.
CREATE TABLE answer_counts (
    task_type TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    answers   INTEGER NOT NULL,
    PRIMARY KEY (task_type, user_id)
) WITHOUT ROWID;
CREATE INDEX answer_counts_rank ON answer_counts(task_type, answers);

-- Per batch: how many tasks have each number of answers, as a change against "all tasks have
-- none" (the bucket for 0 is tasks_count plus its, negative, entry).
CREATE TABLE batch_histogram (
    batch       TEXT NOT NULL,
    users_count INTEGER NOT NULL,
    tasks       INTEGER NOT NULL,
    PRIMARY KEY (batch, users_count)
) WITHOUT ROWID;
ALTER TABLE batches ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;
"#,
    // 2 -> 3: the site's sign-in state (sessions, API tokens, counted sign-in attempts).
    r#"
CREATE TABLE web_sessions (
    key_hash   TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_user ON web_sessions(user_id);
CREATE INDEX web_sessions_expires ON web_sessions(expires_ms);

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Fixed windows: one row per key (account or address) and window start.
CREATE TABLE attempts (
    key       TEXT NOT NULL,
    window_ms INTEGER NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (key, window_ms)
) WITHOUT ROWID;

-- Sign-in through OpenID Connect providers: (provider, subject) names one user.
CREATE TABLE identities (
    provider TEXT NOT NULL,
    subject  TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    PRIMARY KEY (provider, subject)
) WITHOUT ROWID;
CREATE INDEX identities_user ON identities(user_id);
"#,
    // 3 -> 4: gamification — rules, funds, volunteers' states, events, coins made real.
    r#"
CREATE TABLE rules (
    id           TEXT PRIMARY KEY,
    task_type    TEXT,
    badge        TEXT NOT NULL,
    name         TEXT NOT NULL UNIQUE,
    description  TEXT NOT NULL,
    bonus        INTEGER NOT NULL,
    tasks_number INTEGER NOT NULL,
    days_number  INTEGER NOT NULL,
    is_weekend   INTEGER NOT NULL,
    is_adjacent  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE funds (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    site        TEXT,
    email       TEXT,
    donatable   INTEGER NOT NULL,
    logo        BLOB,
    logo_type   TEXT
);

-- Amounts are whole ten-thousandths (gamification::Amount), added exactly.
CREATE TABLE user_states (
    user_id         TEXT PRIMARY KEY,
    level           INTEGER NOT NULL DEFAULT 0,
    points          INTEGER NOT NULL DEFAULT 0,
    actual_coins    INTEGER NOT NULL DEFAULT 0,
    potential_coins INTEGER NOT NULL DEFAULT 0,
    last_changed    INTEGER,
    version         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX user_states_points ON user_states(points);
CREATE INDEX user_states_level ON user_states(level);

-- rowid keeps the order in which achievements were earned.
CREATE TABLE user_achievements (
    user_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    UNIQUE (user_id, rule_id)
);

-- One event per answer at most (the unique answer_id is what makes paying idempotent).
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    user_id      TEXT NOT NULL,
    at           INTEGER NOT NULL,
    answer_id    TEXT UNIQUE,
    points       INTEGER NOT NULL,
    coins        INTEGER NOT NULL,
    achievements TEXT NOT NULL,
    fund         TEXT,
    level        INTEGER,
    viewed       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_user ON events(user_id, viewed);
CREATE INDEX events_fund ON events(fund) WHERE fund IS NOT NULL;

-- Each volunteer's potential coins per batch; made real once, when the batch closes.
CREATE TABLE batch_coins (
    user_id   TEXT NOT NULL,
    batch     TEXT NOT NULL,
    coins     INTEGER NOT NULL,
    made_real INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (batch, user_id)
) WITHOUT ROWID;

-- Achievements count a volunteer's finished sessions by time.
CREATE INDEX work_sessions_user_end ON work_sessions(user_id, end_time)
    WHERE answer_id IS NOT NULL;
"#,
    // 4 -> 5: fewer pages written per hand-out and answer, and donations by volunteer. A
    // session ends only with an answer, so a finished one is found through the answer
    // (`work_sessions_answer`); only open ones need an index by (user, task), and it stays
    // small. The index by task went: only a batch's deletion used it.
    r#"
DROP INDEX work_sessions_task;
DROP INDEX work_sessions_user_task;
CREATE INDEX work_sessions_open ON work_sessions(user_id, task_id) WHERE end_time IS NULL;
-- A volunteer's donations for the personal page, without stepping over an event per answer.
CREATE INDEX events_donations ON events(user_id, seq) WHERE fund IS NOT NULL;
"#,
    // 5 -> 6: sign-in counters expire for every key at once, and their keys are digests of
    // fixed size. The rows kept before are of the last quarter-hour and may hold whatever a
    // client sent as its login: they go.
    r#"
DELETE FROM attempts;
CREATE INDEX attempts_window ON attempts(window_ms);
"#,
    // 6 -> 7: an answer of a gamified type is stored with a row here, in its transaction, and
    // the row goes once the answer is paid — so that a call that stops in between leaves the
    // answer to be paid by its retry or by the sweep, and nothing else is ever paid later.
    r#"
CREATE TABLE unpaid_answers (
    user_id   TEXT NOT NULL,
    task_id   TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    task_type TEXT NOT NULL,
    batch     TEXT,
    at        INTEGER NOT NULL,
    PRIMARY KEY (user_id, task_id)
) WITHOUT ROWID;
CREATE INDEX unpaid_answers_at ON unpaid_answers(at);
"#,
    // 7 -> 8: gold tasks, apart from the ordinary ones (they never close and count toward no
    // batch); a hand-out picks one at a random seq of its type. An answer is judged when
    // given; each volunteer has at most one hand-out of a gold task per type at a time. And
    // leases that hold no slot, for volunteers excluded by their accuracy on gold.
    r#"
CREATE TABLE gold_tasks (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    task_type  TEXT NOT NULL,
    batch      TEXT NOT NULL,
    data       TEXT NOT NULL,
    answer     TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX gold_tasks_type ON gold_tasks(task_type, seq);
CREATE TABLE gold_answers (
    user_id    TEXT NOT NULL,
    gold_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    result     TEXT NOT NULL,
    judged     INTEGER NOT NULL,
    correct    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, gold_id)
) WITHOUT ROWID;
CREATE INDEX gold_answers_type ON gold_answers(task_type, user_id);
CREATE INDEX gold_answers_gold ON gold_answers(gold_id);
-- A lease of a volunteer whose answers are not counted holds no slot.
ALTER TABLE leases ADD COLUMN counts INTEGER NOT NULL DEFAULT 1;
-- The activity a gold task's page reports is kept as for an ordinary task's session, so
-- that the page cannot tell the two apart by it.
CREATE TABLE gold_leases (
    user_id    TEXT NOT NULL,
    task_type  TEXT NOT NULL,
    gold_id    TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    handed_at  INTEGER NOT NULL,
    activity   INTEGER NOT NULL,
    PRIMARY KEY (user_id, task_type)
) WITHOUT ROWID;
"#,
    // 8 -> 9: named export positions, so that a recurring export takes each task once.
    r#"
CREATE TABLE export_cursors (
    name        TEXT PRIMARY KEY,
    task_type   TEXT NOT NULL,
    batch       TEXT,
    position    INTEGER NOT NULL,
    advanced_at INTEGER NOT NULL
) WITHOUT ROWID;
"#,
    // 9 -> 10: the audit log of operators' changes, read newest first.
    r#"
CREATE TABLE audit_log (
    seq    INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    via    TEXT NOT NULL,
    user   TEXT NOT NULL,
    host   TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    change TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
"#,
    // 10 -> 11: when a task closed, so that an incremental export takes each closed task once
    // (an answer may still come after a task closed early by agreement); a task closed before
    // gets the time of its newest answer. A cursor follows open tasks too, or not.
    r#"
ALTER TABLE tasks ADD COLUMN closed_at INTEGER;
-- A task closed before: when its newest answer was given (what closed it, unless an answer
-- came after an early close).
UPDATE tasks SET closed_at = (SELECT max(created_at) FROM answers a WHERE a.task_id = tasks.id)
WHERE closed = 1;
CREATE INDEX tasks_closed_at ON tasks(task_type, closed_at) WHERE closed_at IS NOT NULL;
ALTER TABLE export_cursors ADD COLUMN include_open INTEGER NOT NULL DEFAULT 0;
"#,
    // 11 -> 12: the webhooks' outbox, one row per event and webhook; the due ones are found
    // through a partial index that holds only the pending.
    r#"
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    hook            TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    event_at        INTEGER NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    claim           TEXT,
    delivered_at    INTEGER,
    UNIQUE (hook, event_id)
);
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries(delivered_at)
    WHERE status = 'delivered';
CREATE INDEX webhook_deliveries_failed ON webhook_deliveries(id)
    WHERE status = 'dead' OR (status = 'pending' AND last_error IS NOT NULL);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(hook, next_attempt_at)
    WHERE status = 'pending';
-- An answer waits for its follow-ups (its webhook events) without being paid for; the ones
-- written before only waited to be paid.
ALTER TABLE unpaid_answers ADD COLUMN pays INTEGER NOT NULL DEFAULT 1;
"#,
    // 12 -> 13: how far a copy into this store got, per area (`db copy --resume`); the rows
    // go once the copy is finished and checked.
    r#"
CREATE TABLE copy_marks (
    area     TEXT PRIMARY KEY,
    source   TEXT NOT NULL,
    after    TEXT,
    rows     INTEGER NOT NULL,
    checksum TEXT NOT NULL,
    finished INTEGER NOT NULL
) WITHOUT ROWID;
"#,
];

/// Applies the migrations a database lacks; refuses one written by a newer Vulyk.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    debug_assert_eq!(MIGRATIONS.len() as u32, SCHEMA_VERSION);
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql_err)?;
    if version > SCHEMA_VERSION {
        return Err(Error::conflict(format!(
            "the database has schema version {version}, newer than this vulyk supports ({SCHEMA_VERSION}); upgrade vulyk"
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction().map_err(sql_err)?;
        tx.execute_batch(sql).map_err(sql_err)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)
            .map_err(sql_err)?;
        tx.commit().map_err(sql_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_10_database_gives_closed_tasks_the_time_of_their_newest_answer() {
        let mut c = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..10] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 10).unwrap();
        c.execute_batch(
            "INSERT INTO tasks (id, task_type, batch, task_data, closed) VALUES
                 ('closed', 't', 'b', '{}', 1), ('open', 't', 'b', '{}', 0);
             INSERT INTO answers (id, task_id, task_type, user_id, created_at, result) VALUES
                 ('a1', 'closed', 't', 'u1', 1000, '{}'), ('a2', 'closed', 't', 'u2', 3000, '{}'),
                 ('a3', 'open', 't', 'u1', 2000, '{}');",
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let closed_at = |id: &str| -> Option<i64> {
            c.query_row("SELECT closed_at FROM tasks WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!(closed_at("closed"), Some(3000));
        assert_eq!(closed_at("open"), None);
    }

    #[test]
    fn a_version_4_database_upgrades_with_its_new_indexes_in_use() {
        let mut c = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..4] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 4).unwrap();
        c.execute(
            "INSERT INTO work_sessions (user_id, task_id, task_type, start_time)
             VALUES ('u', 't', 'type', 0)",
            [],
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let version: u32 = c
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let plan: String = c
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM work_sessions
                 WHERE user_id = 'u' AND task_id = 't' AND end_time IS NULL",
                [],
                |row| row.get(3),
            )
            .unwrap();
        assert!(plan.contains("work_sessions_open"), "{plan}");
        let plan: String = c
            .query_row(
                "EXPLAIN QUERY PLAN SELECT seq FROM events
                 WHERE user_id = 'u' AND fund IS NOT NULL ORDER BY seq DESC",
                [],
                |row| row.get(3),
            )
            .unwrap();
        assert!(plan.contains("events_donations"), "{plan}");
        let open: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM work_sessions WHERE end_time IS NULL",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(open, 1);
    }
}
