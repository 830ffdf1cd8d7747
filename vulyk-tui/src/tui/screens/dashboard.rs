//! The live dashboard: per task type its batches' progress and agreement, answers per hour
//! over two days, active volunteers and the top ones; the platform's coins on the first line.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Sparkline};
use vulyk_core::quality::QualityReport;
use vulyk_core::service::{BatchOverview, GameNumbers, LeaderRow, Overview, TypeOverview};

use super::Screen;
use crate::tui::command::Command;
use crate::tui::line::LineCursor;
use crate::tui::modals::Reply;
use crate::tui::theme::Theme;
use crate::words::{counted, three_places};

/// Batches listed per type before "+N more" (the Batches screen has them all).
const BATCHES_SHOWN: usize = 4;
const LEADERS_SHOWN: usize = 5;
const LEADERS_WIDTH: u16 = 26;

/// A batch's line: its name and share closed ("decl_2013        100%" and a space), a bar of
/// the share closed in what is left, the answers and tasks out (" 100% answers · 10 out"),
/// and the agreement (" · α -0.123").
const NAME_WIDTH: u16 = 22;
const SHARE_WIDTH: u16 = 5;
const COUNTS_WIDTH: u16 = 22;
const ALPHA_WIDTH: u16 = 11;
/// The narrowest bar drawn.
const MIN_BAR: u16 = 5;

/// Each batch's alpha by type, from the latest quality report of the type.
type Alphas = BTreeMap<String, BTreeMap<String, Option<f64>>>;

/// Everything the dashboard and the batch list show, read in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub overview: Overview,
    /// Top volunteers per task type.
    pub leaders: Vec<(String, Vec<LeaderRow>)>,
    pub numbers: GameNumbers,
}

/// The dashboard as last read; it has no keys of its own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DashboardScreen {
    dashboard: Option<Dashboard>,
    /// Kept from the Quality screen's reports: the dashboard's own reads, every few
    /// seconds, must not scan the answers that agreement is measured on.
    alphas: Alphas,
}

impl DashboardScreen {
    pub fn loaded(&mut self, dashboard: Dashboard) {
        self.dashboard = Some(dashboard);
    }

    /// A type's new report replaces the alphas of its batches.
    pub fn quality_loaded(&mut self, report: &QualityReport) {
        let batches = report.batches.iter().map(|b| (b.batch.clone(), b.alpha));
        self.alphas
            .insert(report.task_type.clone(), batches.collect());
    }

    /// A batch's alpha from its type's latest report; `None` before one, or undefined.
    pub fn alpha(&self, task_type: &str, batch: &str) -> Option<f64> {
        self.alphas.get(task_type)?.get(batch).copied().flatten()
    }
}

impl Screen for DashboardScreen {
    fn command(&mut self, _command: Command) -> Reply {
        Reply::default()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _cursor: &LineCursor, theme: &Theme) {
        match &self.dashboard {
            Some(dashboard) => render(self, dashboard, frame, area, theme),
            None => frame.render_widget(
                Paragraph::new("Reading the database…").style(theme.dim()),
                area,
            ),
        }
    }
}

fn render(
    screen: &DashboardScreen,
    dashboard: &Dashboard,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let heights: Vec<Constraint> = std::iter::once(Constraint::Length(1))
        .chain(
            dashboard
                .overview
                .types
                .iter()
                .map(|t| Constraint::Length(type_height(t))),
        )
        .chain(std::iter::once(Constraint::Min(0)))
        .collect();
    let rows = Layout::vertical(heights).split(area);
    frame.render_widget(summary(dashboard, theme), rows[0]);
    if dashboard.overview.types.is_empty() {
        frame.render_widget(
            Paragraph::new("No task types with tasks yet: load some with `vulyk db load`.")
                .style(theme.dim()),
            rows[1],
        );
    }
    for (index, overview) in dashboard.overview.types.iter().enumerate() {
        let leaders = dashboard
            .leaders
            .iter()
            .find(|(t, _)| *t == overview.task_type)
            .map_or(&[][..], |(_, rows)| rows.as_slice());
        let alpha = |batch: &str| screen.alpha(&overview.task_type, batch);
        render_type(frame, rows[index + 1], overview, leaders, &alpha, theme);
    }
}

fn summary<'a>(dashboard: &Dashboard, theme: &Theme) -> Line<'a> {
    let numbers = &dashboard.numbers;
    let open: u64 = dashboard
        .overview
        .types
        .iter()
        .flat_map(|t| t.batches.iter())
        .map(|b| b.open)
        .sum();
    Line::from(vec![
        Span::styled(format!("{open} open tasks"), theme.header()),
        Span::raw(format!(" · {} volunteers", numbers.active_users)),
        Span::raw(format!(
            " · coins {} earned, {} given",
            numbers.all.earned, numbers.all.donated
        )),
        Span::styled(
            format!("  {} UTC", dashboard.overview.at.format("%H:%M:%S")),
            theme.dim(),
        ),
    ])
}

fn type_height(overview: &TypeOverview) -> u16 {
    let batches = overview.batches.len().min(BATCHES_SHOWN) as u16;
    let more = u16::from(overview.batches.len() > BATCHES_SHOWN);
    // Borders, the batches, and two lines of answers per hour.
    2 + batches.max(1) + more + 2
}

/// One batch on one line: its name and share of closed tasks, a bar of closed tasks (where
/// there is room), the answers against those its tasks need, the tasks out with volunteers
/// now, and how much the volunteers agree (`–` before the first report, or undefined).
fn render_batch(
    frame: &mut Frame,
    area: Rect,
    batch: &BatchOverview,
    alpha: Option<f64>,
    theme: &Theme,
) {
    let ratio = if batch.total == 0 {
        0.0
    } else {
        batch.closed as f64 / batch.total as f64
    };
    let spare = area.width.saturating_sub(COUNTS_WIDTH + ALPHA_WIDTH);
    // In 80 columns the agreement leaves no room for both the share closed and a bar: the
    // bar stays (it shows the share, without colour too), the number goes (the Batches
    // screen has it), and the name is cut shorter.
    let with_share = spare >= NAME_WIDTH + MIN_BAR;
    let name_width = if with_share {
        NAME_WIDTH
    } else {
        spare.saturating_sub(MIN_BAR)
    };
    let [name, bar, counts, agreement] = Layout::horizontal([
        Constraint::Length(name_width),
        Constraint::Fill(1),
        Constraint::Length(COUNTS_WIDTH),
        Constraint::Length(ALPHA_WIDTH),
    ])
    .areas(area);
    let name_text = if with_share {
        let cut = usize::from(NAME_WIDTH - SHARE_WIDTH - 1);
        format!("{:<cut$.cut$} {:>3.0}%", batch.batch, ratio * 100.0)
    } else {
        let cut = usize::from(name_width.saturating_sub(1));
        format!("{:.cut$}", batch.batch)
    };
    frame.render_widget(Line::from(name_text), name);
    if bar.width >= MIN_BAR {
        // Heavy and light lines tell done from not done without colour (NO_COLOR).
        let gauge = LineGauge::default()
            .ratio(ratio)
            .label("")
            .filled_symbol("━")
            .unfilled_symbol("─")
            .filled_style(theme.good())
            .unfilled_style(theme.dim());
        frame.render_widget(gauge, bar);
    }
    // The core's figure: at most `redundancy` answers count per task.
    let answered = match batch.percent_answers {
        Some(p) => format!("{p:.0}% answers"),
        None => counted(batch.answers as usize, "answer", "answers"),
    };
    frame.render_widget(
        Line::from(format!(" {answered} · {} out", batch.live_leases)).right_aligned(),
        counts,
    );
    frame.render_widget(
        Line::from(format!(" · α {}", three_places(alpha))),
        agreement,
    );
}

fn render_type(
    frame: &mut Frame,
    area: Rect,
    overview: &TypeOverview,
    leaders: &[LeaderRow],
    alpha: &dyn Fn(&str) -> Option<f64>,
    theme: &Theme,
) {
    let timing = match (overview.median_seconds, overview.p90_seconds) {
        (Some(median), Some(p90)) => format!(" · median {median} s, p90 {p90} s"),
        _ => String::new(),
    };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(format!(" {} ", overview.task_type), theme.accent()),
            Span::raw(format!(
                "· volunteers 24 h: {}, 7 d: {}{timing} ",
                overview.volunteers_24h, overview.volunteers_7d
            )),
        ]))
        .border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, _, right] = Layout::horizontal([
        Constraint::Min(40),
        Constraint::Length(2),
        Constraint::Length(LEADERS_WIDTH),
    ])
    .areas(inner);
    let shown = overview.batches.len().min(BATCHES_SHOWN);
    let more = usize::from(overview.batches.len() > BATCHES_SHOWN);
    let mut lines: Vec<Constraint> = vec![Constraint::Length(1); shown.max(1) + more];
    lines.push(Constraint::Length(1));
    lines.push(Constraint::Length(1));
    let slots = Layout::vertical(lines).split(left);
    if overview.batches.is_empty() {
        frame.render_widget(Line::styled("no batches", theme.dim()), slots[0]);
    }
    for (slot, batch) in slots.iter().zip(overview.batches.iter().take(shown)) {
        render_batch(frame, *slot, batch, alpha(&batch.batch), theme);
    }
    if more > 0 {
        let hidden = overview.batches.len() - shown;
        frame.render_widget(
            Line::styled(format!("+{hidden} more on the Batches screen"), theme.dim()),
            slots[shown],
        );
    }
    let total: u64 = overview.answers_per_hour.iter().sum();
    let label_slot = slots[slots.len() - 2];
    frame.render_widget(
        Line::styled(
            format!("answers per hour, last 48 h: {total} in all"),
            theme.dim(),
        ),
        label_slot,
    );
    let spark = Sparkline::default()
        .data(overview.answers_per_hour.clone())
        .style(theme.accent());
    frame.render_widget(spark, slots[slots.len() - 1]);
    let mut top = vec![Line::styled("top volunteers", theme.header())];
    for row in leaders.iter().take(LEADERS_SHOWN) {
        top.push(Line::from(format!(
            "{:>2}. {:<14.14} {:>5}",
            row.rank, row.username, row.answers
        )));
    }
    if leaders.is_empty() {
        top.push(Line::styled("no answers yet", theme.dim()));
    }
    frame.render_widget(Paragraph::new(top), right);
}
