//! The Load screen: the form on top, the running load's progress or its outcome below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::{Field, LoadRun, LoadScreen};
use crate::tui::line::{LineCursor, with_cursor};
use crate::tui::theme::Theme;

const COMPLETIONS_SHOWN: usize = 5;

pub fn draw(form: &LoadScreen, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
    let completions = form.completions.len().min(COMPLETIONS_SHOWN) as u16;
    let [form_area, below] =
        Layout::vertical([Constraint::Length(9 + completions), Constraint::Min(0)]).areas(area);
    render_form(form, cursor, frame, form_area, theme);
    match &form.run {
        Some(run) => render_run(run, frame, below, theme),
        None => frame.render_widget(
            Paragraph::new(
                "j/k move between fields · Enter edits, picks or starts · in Add file: Tab \
                 completes, Enter adds the file · d removes the last file · Esc stops editing",
            )
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(theme.dim()),
            below,
        ),
    }
}

fn label(form: &LoadScreen, field: Field, text: &'static str, theme: &Theme) -> Span<'static> {
    let style = if form.focused() == field {
        theme.selected_row()
    } else {
        theme.header()
    };
    Span::styled(format!("{text:<13}"), style)
}

fn value(
    form: &LoadScreen,
    cursor: &LineCursor,
    field: Field,
    text: &str,
    placeholder: &str,
    theme: &Theme,
) -> Span<'static> {
    let editing = form.editing && form.focused() == field;
    match (text.is_empty(), editing) {
        (_, true) => Span::styled(
            format!(" {}", with_cursor(text, cursor.cursor_in(text))),
            theme.accent(),
        ),
        (true, false) => Span::styled(format!(" {placeholder}"), theme.dim()),
        (false, false) => Span::raw(format!(" {text}")),
    }
}

fn render_form(
    form: &LoadScreen,
    cursor: &LineCursor,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let task_type = form
        .types
        .get(form.task_type)
        .map_or("no task types installed", String::as_str);
    let files = if form.files.is_empty() {
        Span::styled(" none yet", theme.dim())
    } else {
        Span::raw(format!(" {}", form.files.join(", ")))
    };
    let check = if form.skip_invalid { "[x]" } else { "[ ]" };
    let mut lines = vec![
        Line::from(vec![
            label(form, Field::Type, "Task type", theme),
            Span::raw(format!(" ◂ {task_type} ▸")),
        ]),
        Line::from(vec![
            label(form, Field::Path, "Add file", theme),
            value(
                form,
                cursor,
                Field::Path,
                &form.path,
                "a path, folder or quoted glob",
                theme,
            ),
        ]),
    ];
    for name in form.completions.iter().take(COMPLETIONS_SHOWN) {
        lines.push(Line::styled(format!("{:14}{name}", ""), theme.dim()));
    }
    lines.extend([
        Line::from(vec![
            Span::styled(format!("{:<13}", "Files"), theme.header()),
            files,
        ]),
        Line::from(vec![
            label(form, Field::Batch, "Batch", theme),
            value(form, cursor, Field::Batch, &form.batch, "default", theme),
        ]),
        Line::from(vec![
            label(form, Field::Meta, "Meta", theme),
            value(
                form,
                cursor,
                Field::Meta,
                &form.meta,
                "KEY=VALUE, … (a new batch only)",
                theme,
            ),
        ]),
        Line::from(vec![
            label(form, Field::SkipInvalid, "Skip invalid", theme),
            Span::raw(format!(" {check} lines, written to BATCH.rejects.jsonl")),
        ]),
        Line::from(vec![
            label(form, Field::Start, "Start", theme),
            Span::raw(" ▶ load"),
        ]),
    ]);
    if let Some(problem) = &form.problem {
        lines.push(Line::styled(problem.clone(), theme.warn()));
    }
    let block = Block::bordered()
        .title(" Load tasks ")
        .border_style(theme.dim());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_run(run: &LoadRun, frame: &mut Frame, area: Rect, theme: &Theme) {
    let progress = run.progress.unwrap_or_default();
    let [gauge_area, text_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let ratio = match progress.bytes_total {
        Some(total) if total > 0 => (progress.bytes_read as f64 / total as f64).min(1.0),
        _ => 0.0,
    };
    let (title, style) = match &run.outcome {
        None => (" Loading — c cancels ", theme.accent()),
        Some(Ok(_)) => (" Loaded ", theme.good()),
        Some(Err(_)) => (" Stopped ", theme.warn()),
    };
    let ratio = if matches!(run.outcome, Some(Ok(_))) {
        1.0
    } else {
        ratio
    };
    let gauge = Gauge::default()
        .ratio(ratio)
        .label(format!(
            "{:.0}% · {} loaded · {} duplicates · {} rejected · {:.0} tasks/s",
            ratio * 100.0,
            progress.loaded,
            progress.duplicates,
            progress.rejected,
            run.rate()
        ))
        .gauge_style(style)
        .block(Block::bordered().title(title).border_style(style));
    frame.render_widget(gauge, gauge_area);
    let mut lines = Vec::new();
    match &run.outcome {
        None => {}
        Some(Err(message)) => lines.push(Line::styled(message.clone(), theme.warn())),
        Some(Ok(done)) => {
            lines.push(Line::from(format!(
                "batch {}: {} tasks loaded, {} already stored, {} empty lines skipped, {} rejected, in {:.1} s",
                done.batch,
                done.loaded,
                done.duplicates,
                done.skipped_empty,
                done.rejected,
                done.elapsed.as_secs_f64()
            )));
            for (location, reason) in &done.rejects {
                lines.push(Line::from(vec![
                    Span::styled(location.clone(), theme.warn()),
                    Span::styled(format!("  {reason}"), Style::new()),
                ]));
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        text_area,
    );
}
