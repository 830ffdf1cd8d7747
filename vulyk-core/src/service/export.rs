//! Exporting answers: tasks stream from the store in chunks and are written as they come, so
//! memory stays flat however many answers there are.

use std::io::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::Vulyk;
use crate::export::{Aggregate, ExportFormat, Extras, csv_header, csv_rows, csv_writer, jsonl};
use crate::store::{ExportCursor, ExportQuery, ExportWindow};
use crate::{Error, Result};

/// An incremental export takes answers given up to this long before it starts. An answer's
/// time is taken before it is written; one stamped just before the export reads but written
/// just after would otherwise fall between two windows and never be exported.
pub const EXPORT_SETTLE: TimeDelta = TimeDelta::minutes(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub task_type: String,
    /// One batch; all batches of the type when `None`.
    pub batch: Option<String>,
    /// Open tasks too; by default only closed ones (their answers are final).
    pub include_open: bool,
    pub with_sessions: bool,
    pub format: ExportFormat,
    /// Add the consensus: the most frequent answer and its share of the votes, and with
    /// Dawid–Skene also its label and probability.
    pub aggregate: Option<Aggregate>,
    /// Only what is new since a time or a named cursor (see [`Increment`]).
    pub increment: Option<Increment>,
}

/// What an incremental export takes: the tasks that closed in the export's window (so each
/// closed task is in exactly one of a cursor's consecutive windows), or with open tasks too,
/// the tasks whose newest answer came in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Increment {
    /// From this time (to [`EXPORT_SETTLE`] before the export starts).
    Since(DateTime<Utc>),
    /// From where the named cursor stands (the beginning, for a new one); the cursor moves to
    /// the window's end when the export is complete.
    Cursor(String),
}

impl ExportRequest {
    pub fn new(task_type: impl Into<String>) -> Self {
        ExportRequest {
            task_type: task_type.into(),
            batch: None,
            include_open: false,
            with_sessions: false,
            format: ExportFormat::Jsonl,
            aggregate: None,
            increment: None,
        }
    }
}

/// How far an export is; `expected_tasks` is what the batch counters promise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportProgress {
    pub tasks: u64,
    pub answers: u64,
    pub expected_tasks: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub tasks: u64,
    pub answers: u64,
    /// The answers an incremental export took.
    pub window: Option<ExportWindow>,
}

/// An incremental export's window, and the cursor move that completes it.
struct Planned {
    window: ExportWindow,
    cursor: Option<CursorMove>,
}

/// A cursor's move: from where it stood (`None`: a new cursor) to the window's end.
struct CursorMove {
    from: Option<DateTime<Utc>>,
    to: ExportCursor,
}

impl Vulyk {
    /// Writes the export to a file, compressed by its name (`None` or `-`: standard output);
    /// the file appears only when the export is complete, and a cursor moves only then (an
    /// export with a cursor writes a file: what went to standard output could not be taken
    /// back). Returns what was written and the output's name.
    pub async fn export_to(
        &self,
        request: &ExportRequest,
        path: Option<&std::path::Path>,
        progress: &(dyn Fn(&ExportProgress) + Sync),
    ) -> Result<(ExportSummary, String)> {
        let cursor = matches!(request.increment, Some(Increment::Cursor(_)));
        let to_stdout = path.is_none_or(|p| p.as_os_str() == "-");
        if to_stdout && cursor {
            return Err(Error::invalid(
                "an export with a cursor writes a file (-o FILE): should it fail at its end, \
                 what went to standard output could not be taken back",
            ));
        }
        if cursor && let Some(path) = path.filter(|p| p.exists()) {
            return Err(Error::conflict(format!(
                "{} exists: an export with a cursor does not replace a file (the window of \
                 the one there is past the cursor); name another",
                path.display()
            )));
        }
        let planned = self.plan_increment(request).await?;
        let mut out = crate::export::Output::create(path)?;
        let name = out.name();
        let written = self
            .write_export(request, planned.as_ref(), &mut out, &name, progress)
            .await;
        let summary = match written {
            Ok(summary) => summary,
            Err(error) => {
                out.discard();
                return Err(error);
            }
        };
        // Everything written and the stream ended before the cursor moves; after it, only the
        // rename is left to fail.
        let sealed = out.seal()?;
        if let Err(error) = self.move_cursor(planned.as_ref()).await {
            sealed.discard();
            return Err(error);
        }
        let placed = if cursor {
            sealed.place_new()
        } else {
            sealed.place()
        };
        if let Err(error) = placed {
            return Err(self.cursor_back(planned.as_ref(), error).await);
        }
        // Last: the file is in place and the cursor moved whether or not this is recorded.
        self.audit_cursor(planned.as_ref(), &summary).await?;
        Ok((summary, name))
    }

    /// Writes the answers an export asks for to `out` (named `out_name` in errors), and then
    /// moves its cursor, if it names one: `out` has had everything by then, so a caller that
    /// gets an error must not keep what it wrote.
    pub async fn export(
        &self,
        request: &ExportRequest,
        out: &mut dyn Write,
        out_name: &str,
        progress: &(dyn Fn(&ExportProgress) + Sync),
    ) -> Result<ExportSummary> {
        let planned = self.plan_increment(request).await?;
        let summary = self
            .write_export(request, planned.as_ref(), out, out_name, progress)
            .await?;
        out.flush().map_err(|e| Error::io(out_name, e))?;
        self.move_cursor(planned.as_ref()).await?;
        self.audit_cursor(planned.as_ref(), &summary).await?;
        Ok(summary)
    }

    /// The named positions of incremental exports, by name.
    pub async fn export_cursors(&self) -> Result<Vec<ExportCursor>> {
        self.store.cursors().await
    }

    /// Forgets a cursor: its next export takes everything again.
    pub async fn delete_export_cursor(&self, name: &str) -> Result<()> {
        let before = self.store.cursor(name).await?;
        self.store.delete_cursor(name).await?;
        let change = before.map_or_else(String::new, |c| {
            format!(
                "was at {} for type {}",
                c.position.to_rfc3339(),
                c.task_type
            )
        });
        self.audit("db cursors del", name, change).await
    }

    /// The export's window: from the time or cursor it names to [`EXPORT_SETTLE`] ago, or to
    /// the oldest answer still being written, if that is earlier.
    async fn plan_increment(&self, request: &ExportRequest) -> Result<Option<Planned>> {
        let Some(increment) = &request.increment else {
            return Ok(None);
        };
        let now = self.clock.now();
        let mut until = now - EXPORT_SETTLE;
        if let Some(unsettled) = self.store.unsettled_since(&request.task_type).await? {
            until = until.min(unsettled);
        }
        let (since, cursor) = match increment {
            Increment::Since(since) => (*since, None),
            Increment::Cursor(name) => {
                check_cursor_name(name)?;
                // Refused before the export rather than after it.
                if let Some(why) = self.layout().refusal() {
                    return Err(Error::conflict(why));
                }
                let stored = self.store.cursor(name).await?;
                if let Some(stored) = &stored {
                    check_cursor_scope(stored, request)?;
                }
                let from = stored.map(|c| c.position);
                let since = from.unwrap_or(DateTime::UNIX_EPOCH);
                let to = ExportCursor {
                    name: name.clone(),
                    task_type: request.task_type.clone(),
                    batch: request.batch.clone(),
                    include_open: request.include_open,
                    // Two runs within the settling time: an empty window, the cursor stays.
                    position: until.max(since),
                    advanced_at: now,
                };
                (since, Some(CursorMove { from, to }))
            }
        };
        Ok(Some(Planned {
            window: ExportWindow {
                since,
                until: until.max(since),
            },
            cursor,
        }))
    }

    async fn move_cursor(&self, planned: Option<&Planned>) -> Result<()> {
        let Some(CursorMove { from, to }) = planned.and_then(|p| p.cursor.as_ref()) else {
            return Ok(());
        };
        if self.store.advance_cursor(*from, to).await? {
            Ok(())
        } else {
            Err(Error::conflict(format!(
                "export cursor `{}` was moved (or deleted) by another command while this \
                 export ran; this export's file is not kept: run it again",
                to.name
            )))
        }
    }

    /// Records a cursor's move in the audit log (an empty window moves nothing).
    async fn audit_cursor(&self, planned: Option<&Planned>, summary: &ExportSummary) -> Result<()> {
        let Some(CursorMove { from, to }) = planned.and_then(|p| p.cursor.as_ref()) else {
            return Ok(());
        };
        if *from == Some(to.position) {
            return Ok(());
        }
        let from = from.map_or_else(|| "the beginning".to_string(), |t| t.to_rfc3339());
        let change = format!(
            "cursor from {from} to {}: {} tasks, {} answers",
            to.position.to_rfc3339(),
            summary.tasks,
            summary.answers
        );
        self.audit("db export", &to.name, change).await
    }

    /// After a moved cursor's file could not be put in place: the cursor goes back, so that
    /// the next run takes the window again (a new cursor to the beginning). Returns the
    /// error to report, saying so if the cursor could not go back.
    async fn cursor_back(&self, planned: Option<&Planned>, error: Error) -> Error {
        let Some(CursorMove { from, to }) = planned.and_then(|p| p.cursor.as_ref()) else {
            return error;
        };
        let back = ExportCursor {
            position: from.unwrap_or(DateTime::UNIX_EPOCH),
            ..to.clone()
        };
        match self.store.advance_cursor(Some(to.position), &back).await {
            Ok(true) => error,
            moved_back => Error::store_msg(format!(
                "{error}; and export cursor `{}` could not be moved back ({}): what it \
                 covers from {} to {} is not exported by it; `vulyk db cursors del {}` \
                 starts it over",
                to.name,
                match moved_back {
                    Err(e) => e.to_string(),
                    Ok(_) => "another command moved or deleted it".to_string(),
                },
                back.position.to_rfc3339(),
                to.position.to_rfc3339(),
                to.name
            )),
        }
    }

    async fn write_export(
        &self,
        request: &ExportRequest,
        planned: Option<&Planned>,
        out: &mut dyn Write,
        out_name: &str,
        progress: &(dyn Fn(&ExportProgress) + Sync),
    ) -> Result<ExportSummary> {
        let window = planned.map(|p| p.window);
        let expected_tasks = if window.is_some() {
            // The batch counters say nothing of a window.
            self.check_scope(&request.task_type, request.batch.as_deref())
                .await?;
            0
        } else {
            self.export_size(request).await?
        };
        // Fitted on the answers first: a second pass over the same tasks writes them.
        let consensus = match request.aggregate {
            Some(Aggregate::DawidSkene) => Some(
                self.consensus(&request.task_type, request.batch.as_deref())
                    .await?,
            ),
            _ => None,
        };
        let plugin = self.plugins.get(&request.task_type)?;
        let excluded = match plugin.quality.min_accuracy {
            Some(_) => Some(self.excluded_volunteers(plugin).await?),
            None => None,
        };
        let extras = Extras {
            sessions: request.with_sessions,
            aggregate: request.aggregate,
            consensus: consensus.as_ref(),
            excluded: excluded.as_ref(),
        };
        let failed = |e: std::io::Error| Error::io(out_name, e);
        let csv_failed = |e: csv::Error| Error::io(out_name, std::io::Error::other(e));
        if request.format == ExportFormat::Csv {
            let mut header = csv_writer(&mut *out);
            csv_header(&extras, &mut header).map_err(csv_failed)?;
            header.flush().map_err(failed)?;
        }
        let mut chunks = self.store.export(ExportQuery {
            task_type: request.task_type.clone(),
            batch: request.batch.clone(),
            include_open: request.include_open,
            with_sessions: request.with_sessions,
            window,
        });
        let mut done = ExportProgress {
            expected_tasks,
            ..ExportProgress::default()
        };
        let mut buffer = Vec::with_capacity(1 << 20);
        while let Some(chunk) = chunks.recv().await {
            let tasks = chunk?;
            buffer.clear();
            match request.format {
                ExportFormat::Jsonl => {
                    for task in &tasks {
                        jsonl(task, &extras, &mut buffer);
                    }
                }
                ExportFormat::Csv => {
                    let mut rows = csv_writer(&mut buffer);
                    for task in &tasks {
                        csv_rows(task, &extras, &mut rows).map_err(csv_failed)?;
                    }
                    rows.flush().map_err(failed)?;
                }
            }
            done.tasks += tasks.len() as u64;
            done.answers += tasks.iter().map(|t| t.answers.len() as u64).sum::<u64>();
            out.write_all(&buffer).map_err(failed)?;
            progress(&done);
        }
        Ok(ExportSummary {
            tasks: done.tasks,
            answers: done.answers,
            window,
        })
    }

    /// How many tasks an export will write, from the batch counters (no scan): closed tasks,
    /// or all with `include_open`. Checks the type and batch it names.
    pub async fn export_size(&self, request: &ExportRequest) -> Result<u64> {
        self.check_scope(&request.task_type, request.batch.as_deref())
            .await?;
        let batches = self
            .store
            .batches(Some(&request.task_type))
            .await?
            .into_iter()
            .filter(|b| request.batch.as_ref().is_none_or(|id| &b.id == id));
        Ok(batches
            .map(|b| {
                if request.include_open {
                    b.tasks_count
                } else {
                    b.tasks_processed
                }
            })
            .sum())
    }

    /// Checks that the task type exists and the batch, when named, holds tasks of it.
    pub(super) async fn check_scope(&self, task_type: &str, batch: Option<&str>) -> Result<()> {
        self.plugins.get(task_type)?;
        if let Some(batch) = batch {
            let found = self
                .store
                .batch(batch)
                .await?
                .ok_or_else(|| Error::not_found("batch", batch))?;
            if found.task_type != task_type {
                return Err(Error::invalid(format!(
                    "batch `{batch}` holds tasks of type {}, not {task_type}",
                    found.task_type
                )));
            }
        }
        Ok(())
    }
}

/// The export cursors are the operator's names: kept short and printable.
fn check_cursor_name(name: &str) -> Result<()> {
    let fits = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if fits {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "cursor name `{name}`: 1 to 64 letters, digits, `-`, `_` or `.`"
        )))
    }
}

/// A cursor follows one type and batch, closed tasks or open ones too: moved by another
/// export, it would skip what that export never took.
fn check_cursor_scope(cursor: &ExportCursor, request: &ExportRequest) -> Result<()> {
    let same = cursor.task_type == request.task_type
        && cursor.batch == request.batch
        && cursor.include_open == request.include_open;
    if same {
        return Ok(());
    }
    let scope = |task_type: &str, batch: &Option<String>, open: bool| {
        let batch = match batch {
            Some(batch) => format!("batch {batch}"),
            None => "all batches".to_string(),
        };
        let tasks = if open {
            "open tasks too"
        } else {
            "closed tasks"
        };
        format!("type {task_type}, {batch}, {tasks}")
    };
    Err(Error::conflict(format!(
        "export cursor `{}` follows {}, not {}: name another cursor",
        cursor.name,
        scope(&cursor.task_type, &cursor.batch, cursor.include_open),
        scope(&request.task_type, &request.batch, request.include_open)
    )))
}
