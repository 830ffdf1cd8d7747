//! Exporting answers: tasks stream from the store in chunks and are written as they come, so
//! memory stays flat however many answers there are.

use std::io::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::Vulyk;
use crate::export::{Aggregate, ExportFormat, Extras, csv_header, csv_rows, csv_writer, jsonl};
use crate::store::{AnswerWindow, ExportCursor, ExportQuery};
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
    /// Only what is new: the tasks whose newest answer came since a time or a named cursor.
    pub increment: Option<Increment>,
}

/// What an incremental export takes. A task is in it when its newest answer was given in the
/// export's window; a closed task's newest answer is the one that closed it, so each closed
/// task is in exactly one of a cursor's consecutive windows.
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
    pub window: Option<AnswerWindow>,
}

/// An incremental export's window, and the cursor move that completes it.
struct Planned {
    window: AnswerWindow,
    /// Where the cursor stood (`None`: new) and where it goes.
    cursor: Option<(Option<DateTime<Utc>>, ExportCursor)>,
}

impl Vulyk {
    /// Writes the export to a file, compressed by its name (`None` or `-`: standard output);
    /// the file appears only when the export is complete, and a cursor moves only then.
    /// Returns what was written and the output's name.
    pub async fn export_to(
        &self,
        request: &ExportRequest,
        path: Option<&std::path::Path>,
        progress: &(dyn Fn(&ExportProgress) + Sync),
    ) -> Result<(ExportSummary, String)> {
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
        if let Err(error) = self.move_cursor(planned.as_ref()).await {
            out.discard();
            return Err(error);
        }
        if let Err(error) = out.finish() {
            // The file is not there: the cursor goes back, so that the next run takes the
            // window again. Should that fail too, the first error is the one to report.
            let _ = self.move_cursor_back(planned.as_ref()).await;
            return Err(error);
        }
        Ok((summary, name))
    }

    /// Writes the answers an export asks for to `out` (named `out_name` in errors), and then
    /// moves its cursor, if it names one.
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
        self.move_cursor(planned.as_ref()).await?;
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

    /// The export's window: from the time or cursor it names to [`EXPORT_SETTLE`] ago.
    async fn plan_increment(&self, request: &ExportRequest) -> Result<Option<Planned>> {
        let Some(increment) = &request.increment else {
            return Ok(None);
        };
        let now = self.clock.now();
        let settled = now - EXPORT_SETTLE;
        let (since, cursor) = match increment {
            Increment::Since(since) => (*since, None),
            Increment::Cursor(name) => {
                check_cursor_name(name)?;
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
                    // Two runs within the settling time: an empty window, the cursor stays.
                    position: settled.max(since),
                    advanced_at: now,
                };
                (since, Some((from, to)))
            }
        };
        Ok(Some(Planned {
            window: AnswerWindow {
                since,
                until: settled.max(since),
            },
            cursor,
        }))
    }

    async fn move_cursor(&self, planned: Option<&Planned>) -> Result<()> {
        let Some((from, to)) = planned.and_then(|p| p.cursor.as_ref()) else {
            return Ok(());
        };
        if self.store.advance_cursor(*from, to).await? {
            Ok(())
        } else {
            Err(Error::conflict(format!(
                "export cursor `{}` was moved by another export while this one ran; this \
                 export is not complete (its file was not written): run it again",
                to.name
            )))
        }
    }

    async fn move_cursor_back(&self, planned: Option<&Planned>) -> Result<()> {
        let Some((from, to)) = planned.and_then(|p| p.cursor.as_ref()) else {
            return Ok(());
        };
        match from {
            Some(from) => {
                let back = ExportCursor {
                    position: *from,
                    ..to.clone()
                };
                self.store.advance_cursor(Some(to.position), &back).await?;
                Ok(())
            }
            None => self.store.delete_cursor(&to.name).await,
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
        let mut expected_tasks = self.export_size(request).await?;
        if window.is_some() {
            // The batch counters say nothing of a window.
            expected_tasks = 0;
        }
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
            answered: window,
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

/// A cursor follows one type and batch: moved by an export of another, it would skip what
/// that export never took.
fn check_cursor_scope(cursor: &ExportCursor, request: &ExportRequest) -> Result<()> {
    if cursor.task_type == request.task_type && cursor.batch == request.batch {
        return Ok(());
    }
    let scope = |task_type: &str, batch: &Option<String>| match batch {
        Some(batch) => format!("type {task_type}, batch {batch}"),
        None => format!("type {task_type}, all batches"),
    };
    Err(Error::conflict(format!(
        "export cursor `{}` follows {}, not {}: name another cursor",
        cursor.name,
        scope(&cursor.task_type, &cursor.batch),
        scope(&request.task_type, &request.batch)
    )))
}
