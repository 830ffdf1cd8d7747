//! Where the operator is: which screen is shown ([`Tab`]) and what on it takes the keys
//! ([`Focus`]). `App::focus` computes the focus in one place; the keymap reads keys by it and
//! the router sends typing and path completion where it says.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Dashboard,
    Batches,
    Load,
    People,
    Rewards,
    Events,
    Quality,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Dashboard,
        Tab::Batches,
        Tab::Load,
        Tab::People,
        Tab::Rewards,
        Tab::Events,
        Tab::Quality,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Batches => "Batches",
            Tab::Load => "Load",
            // Short enough that the seven titles fit in 80 columns; the screens say what
            // they hold (groups and users; achievement rules and funds).
            Tab::People => "Users",
            Tab::Rewards => "Rewards",
            Tab::Events => "Events",
            Tab::Quality => "Quality",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What takes the keys, from the dialog on top down to the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The help, the simulator's answer or a confusion matrix: any key closes it, `q` quits.
    Dismiss,
    /// A yes-or-no question: `y`, `n` or Esc.
    Confirm,
    /// A rule's or fund's form, on its field `field`; `editing` while that field is typed
    /// into (Tab completes a path there), else the form moves by the key table.
    Form { field: usize, editing: bool },
    /// A one-line question's answer is typed.
    Question,
    /// A field of the Load form is typed into (its place in the form); Tab completes a path.
    LoadField(usize),
    /// A list's filter is typed; the arrows still move in the list.
    Filter,
    /// The screen itself: keys by the key table.
    Screen,
}

impl Focus {
    /// A dialog that takes no text and leaves the field beneath it as it was (the help, the
    /// simulator's answer, a confusion matrix, a yes-or-no question).
    pub fn is_overlay(self) -> bool {
        matches!(self, Focus::Dismiss | Focus::Confirm)
    }

    /// Whether typed characters go to a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Focus::Form { editing: true, .. }
                | Focus::Question
                | Focus::LoadField(_)
                | Focus::Filter
        )
    }
}
