//! The console's seven screens. Each is a module owning its state, the commands it handles,
//! what it keeps of the data read for it, and its drawing; the router (`app.rs`) holds them
//! in [`Screens`] and talks to the current one through [`Screen`].

pub mod batches;
pub mod dashboard;
pub mod events;
pub mod load;
pub mod people;
pub mod quality;
pub mod rewards;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::command::Command;
use super::focus::{Focus, Tab};
use super::line::LineCursor;
use super::modals::Reply;
use super::theme::Theme;
use batches::BatchesScreen;
use dashboard::{Dashboard, DashboardScreen};
use events::EventsScreen;
use load::LoadScreen;
use people::PeopleScreen;
use quality::{QualityScreen, TypeQuality};
use rewards::RewardsScreen;

/// What the router asks of the screen shown.
pub trait Screen {
    /// A command that neither the router nor a dialog took.
    fn command(&mut self, command: Command) -> Reply;

    /// What takes the keys on the screen: a field or the filter being typed, or the screen.
    fn focus(&self) -> Focus {
        Focus::Screen
    }

    /// A key for the text being typed here; `edit` says whether the text changed.
    fn edit(&mut self, _edit: &mut dyn FnMut(&mut String) -> bool) {}

    /// A click on the list's `row` (of the rows shown).
    fn click_row(&mut self, _row: usize) {}

    /// Keeps the list's cursor on a row after the data changed.
    fn keep_selection(&mut self) {}

    /// The terminal row of its list's first row when the screen is drawn in `body`; `None`
    /// for a screen without a list to click in.
    fn list_top(&self, _body: Rect) -> Option<u16> {
        None
    }

    /// The operator goes to another screen: a filter belongs to the list it was typed on,
    /// and what was being typed or looked at here is let go.
    fn leave(&mut self) {}

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme);
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Screens {
    pub(crate) dashboard: DashboardScreen,
    pub(crate) batches: BatchesScreen,
    pub(crate) load: LoadScreen,
    pub(crate) people: PeopleScreen,
    pub(crate) rewards: RewardsScreen,
    pub(crate) events: EventsScreen,
    pub(crate) quality: QualityScreen,
}

impl Screens {
    /// The screens before anything is read, with the installed task types for loading and
    /// for the quality.
    pub fn new(types: Vec<String>) -> Screens {
        Screens {
            quality: QualityScreen::new(types.clone()),
            load: LoadScreen::new(types),
            ..Screens::default()
        }
    }

    pub fn get(&self, tab: Tab) -> &dyn Screen {
        match tab {
            Tab::Dashboard => &self.dashboard,
            Tab::Batches => &self.batches,
            Tab::Load => &self.load,
            Tab::People => &self.people,
            Tab::Rewards => &self.rewards,
            Tab::Events => &self.events,
            Tab::Quality => &self.quality,
        }
    }

    pub fn get_mut(&mut self, tab: Tab) -> &mut dyn Screen {
        match tab {
            Tab::Dashboard => &mut self.dashboard,
            Tab::Batches => &mut self.batches,
            Tab::Load => &mut self.load,
            Tab::People => &mut self.people,
            Tab::Rewards => &mut self.rewards,
            Tab::Events => &mut self.events,
            Tab::Quality => &mut self.quality,
        }
    }

    /// One dashboard read feeds three screens: the batch list its rows, the Events screen
    /// its finished batches, the dashboard all of it.
    pub fn dashboard_loaded(&mut self, dashboard: Dashboard) {
        self.batches.dashboard_loaded(&dashboard);
        self.events.dashboard_loaded(&dashboard);
        self.dashboard.loaded(dashboard);
    }

    /// One type's quality feeds two screens: the Quality screen all of it, the dashboard its
    /// batches' alpha. A failure leaves the dashboard with the last report it had.
    pub fn quality_loaded(&mut self, quality: TypeQuality) {
        if let Ok(report) = &quality.outcome {
            self.dashboard.quality_loaded(report);
        }
        self.quality.loaded(quality);
    }
}
