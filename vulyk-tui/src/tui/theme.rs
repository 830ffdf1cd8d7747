//! Colours, or none when `NO_COLOR` is set: then emphasis is bold and reversed text only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn colored(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn accent(&self) -> Style {
        self.colored(Color::Yellow)
    }
    pub fn good(&self) -> Style {
        self.colored(Color::Green)
    }
    pub fn warn(&self) -> Style {
        self.colored(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn key(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn tab(&self) -> Style {
        self.dim()
    }
    pub fn selected_tab(&self) -> Style {
        self.accent()
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    pub fn selected_row(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn status(&self) -> Style {
        self.accent().add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
