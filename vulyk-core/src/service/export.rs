//! Exporting answers: tasks stream from the store in chunks and are written as they come, so
//! memory stays flat however many answers there are.

use std::io::Write;

use super::Vulyk;
use crate::export::{Aggregate, ExportFormat, Extras, csv_header, csv_rows, csv_writer, jsonl};
use crate::store::ExportQuery;
use crate::{Error, Result};

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
}

impl Vulyk {
    /// Writes the export to a file, compressed by its name (`None` or `-`: standard output);
    /// the file appears only when the export is complete. Returns what was written and the
    /// output's name.
    pub async fn export_to(
        &self,
        request: &ExportRequest,
        path: Option<&std::path::Path>,
        progress: &(dyn Fn(&ExportProgress) + Sync),
    ) -> Result<(ExportSummary, String)> {
        let mut out = crate::export::Output::create(path)?;
        let name = out.name();
        match self.export(request, &mut out, &name, progress).await {
            Ok(summary) => {
                out.finish()?;
                Ok((summary, name))
            }
            Err(error) => {
                out.discard();
                Err(error)
            }
        }
    }

    /// Writes the answers an export asks for to `out` (named `out_name` in errors).
    pub async fn export(
        &self,
        request: &ExportRequest,
        out: &mut dyn Write,
        out_name: &str,
        progress: &(dyn Fn(&ExportProgress) + Sync),
    ) -> Result<ExportSummary> {
        let expected_tasks = self.export_size(request).await?;
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
