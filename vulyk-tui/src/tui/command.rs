//! What the operator asks for: the keymap turns keys and clicks into these, and the router
//! hands each to the dialog on top or to the current screen.

/// What the operator asks for, whatever key or click said it. The names say what a key does
/// on every screen; what it makes or deletes there is the screen's (and its help line's) to
/// say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    NextTab,
    PrevTab,
    Tab(usize),
    Up,
    Down,
    Top,
    Bottom,
    /// Enter: a batch's details, a rule's or fund's form, a form's field; answers a question.
    Open,
    /// Esc: out of the field, the details, the filter, the form or the question.
    Back,
    Filter,
    Sort,
    /// The task type a screen shows (the Quality screen's), one way or the other.
    NextType,
    PrevType,
    /// What is under the cursor: a batch, a rule, a fund; the Load form's last file.
    Delete,
    Refresh,
    Cancel,
    Export,
    Save,
    Simulate,
    /// A new one of what the screen lists: a user, a rule.
    New,
    /// A new one of the screen's second kind: a group (beside the users), a fund (beside the
    /// rules).
    NewSecondary,
    AddToGroup,
    RemoveFromGroup,
    GroupTypes,
    ToggleAdmin,
    SetPassword,
}
