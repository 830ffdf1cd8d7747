//! The console's one key table: the keymap reads keys by it, each where its scope says, and
//! the footer and the `?` overlay are made from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;

/// Where a key of the table is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// On the screens, and in a form between its fields (whatever is held with the key).
    Screens,
    /// In a rule's or fund's form, with Ctrl held: even while a field is typed into.
    Form,
}

#[derive(Debug)]
pub struct Binding {
    /// How the help and the footer name the keys.
    pub keys: &'static str,
    pub codes: &'static [KeyCode],
    pub command: Command,
    pub what: &'static str,
    /// Shown in the footer (all are in the help overlay).
    pub footer: bool,
    pub scope: Scope,
}

const fn bind(
    keys: &'static str,
    codes: &'static [KeyCode],
    command: Command,
    what: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        keys,
        codes,
        command,
        what,
        footer,
        scope: Scope::Screens,
    }
}

/// A chord read in a form.
const fn in_form(
    keys: &'static str,
    codes: &'static [KeyCode],
    command: Command,
    what: &'static str,
) -> Binding {
    Binding {
        scope: Scope::Form,
        ..bind(keys, codes, command, what, false)
    }
}

/// Every key of the screens and the forms. Digits pick a screen (`1` the first); they have no
/// codes here.
pub const BINDINGS: &[Binding] = &[
    bind("1-7", &[], Command::Tab(0), "screens", true),
    bind(
        "Tab",
        &[KeyCode::Tab],
        Command::NextTab,
        "next screen",
        false,
    ),
    bind(
        "S-Tab",
        &[KeyCode::BackTab],
        Command::PrevTab,
        "previous screen",
        false,
    ),
    bind(
        "j ↓",
        &[KeyCode::Char('j'), KeyCode::Down],
        Command::Down,
        "down",
        true,
    ),
    bind(
        "k ↑",
        &[KeyCode::Char('k'), KeyCode::Up],
        Command::Up,
        "up",
        false,
    ),
    bind(
        "g Home",
        &[KeyCode::Char('g'), KeyCode::Home],
        Command::Top,
        "first",
        false,
    ),
    bind(
        "G End",
        &[KeyCode::Char('G'), KeyCode::End],
        Command::Bottom,
        "last",
        false,
    ),
    bind("Enter", &[KeyCode::Enter], Command::Open, "details", true),
    bind("/", &[KeyCode::Char('/')], Command::Filter, "filter", true),
    bind("s", &[KeyCode::Char('s')], Command::Sort, "sort", false),
    bind(
        "l →",
        &[KeyCode::Char('l'), KeyCode::Right],
        Command::NextType,
        "next task type",
        false,
    ),
    bind(
        "h ←",
        &[KeyCode::Char('h'), KeyCode::Left],
        Command::PrevType,
        "previous task type",
        false,
    ),
    bind(
        "d Del",
        &[KeyCode::Char('d'), KeyCode::Delete],
        Command::Delete,
        "delete batch",
        false,
    ),
    bind(
        "r",
        &[KeyCode::Char('r')],
        Command::Refresh,
        "refresh",
        false,
    ),
    bind(
        "e",
        &[KeyCode::Char('e')],
        Command::Export,
        "export a batch",
        false,
    ),
    bind(
        "v",
        &[KeyCode::Char('v')],
        Command::Simulate,
        "who would earn the rule",
        false,
    ),
    in_form("C-s", &[KeyCode::Char('s')], Command::Save, "save the form"),
    bind(
        "c",
        &[KeyCode::Char('c')],
        Command::Cancel,
        "cancel the load",
        false,
    ),
    bind(
        "n",
        &[KeyCode::Char('n')],
        Command::New,
        "new user / rule",
        false,
    ),
    bind(
        "+",
        &[KeyCode::Char('+')],
        Command::NewSecondary,
        "new group / fund",
        false,
    ),
    bind(
        "m",
        &[KeyCode::Char('m')],
        Command::AddToGroup,
        "add user to a group",
        false,
    ),
    bind(
        "M",
        &[KeyCode::Char('M')],
        Command::RemoveFromGroup,
        "remove from a group",
        false,
    ),
    bind(
        "t",
        &[KeyCode::Char('t')],
        Command::GroupTypes,
        "a group's task types",
        false,
    ),
    bind(
        "A",
        &[KeyCode::Char('A')],
        Command::ToggleAdmin,
        "admin rights on/off",
        false,
    ),
    bind(
        "p",
        &[KeyCode::Char('p')],
        Command::SetPassword,
        "set a password",
        false,
    ),
    bind("Esc", &[KeyCode::Esc], Command::Back, "back", false),
    bind("?", &[KeyCode::Char('?')], Command::Help, "help", true),
    bind("q", &[KeyCode::Char('q')], Command::Quit, "quit", true),
];

/// The footer's hints.
pub fn footer() -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.footer)
        .map(|b| (b.keys, b.what))
        .collect()
}

/// The command `key` is bound to in `scope`.
pub fn command_for(scope: Scope, key: &KeyEvent) -> Option<Command> {
    let held = match scope {
        Scope::Screens => true,
        Scope::Form => key.modifiers.contains(KeyModifiers::CONTROL),
    };
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && held && b.codes.contains(&key.code))
        .map(|b| b.command)
}
