//! The Users screen: groups with their task types and members; users with their groups and
//! admin rights. Changes are asked for in one-line questions (new user, new group, a group's
//! task types, membership, password); admin rights flip at once.

mod view;

use ratatui::Frame;
use ratatui::layout::Rect;
use vulyk_core::domain::{Group, User};
use vulyk_core::service::GroupView;

use super::Screen;
use crate::tui::command::Command;
use crate::tui::effect::{Change, Effect};
use crate::tui::focus::Focus;
use crate::tui::layout;
use crate::tui::line::LineCursor;
use crate::tui::list::List;
use crate::tui::modals::prompt::{Prompt, PromptKind};
use crate::tui::modals::{Modal, Reply};
use crate::tui::theme::Theme;

/// The users and groups the screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct People {
    pub groups: Vec<GroupView>,
    pub users: Vec<User>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeopleScreen {
    people: Option<People>,
    /// The users' list (the groups are only shown).
    list: List,
}

impl PeopleScreen {
    /// The list's cursor and filter.
    pub fn list(&self) -> &List {
        &self.list
    }

    pub fn loaded(&mut self, people: People) {
        self.people = Some(people);
        self.keep_selection();
    }

    /// The users the list shows (by name, e-mail or group).
    pub fn visible_users(&self) -> Vec<&User> {
        self.people.as_ref().map_or_else(Vec::new, |p| {
            p.users
                .iter()
                .filter(|u| {
                    let groups = u.groups.join(" ");
                    self.list.matches(&[&u.username, &u.email, &groups])
                })
                .collect()
        })
    }

    fn selected_user(&self) -> Option<&User> {
        self.visible_users().get(self.list.selected()).copied()
    }

    /// The first group `username` is in, as the screen last read it.
    fn group_of(&self, username: &str) -> Option<&Group> {
        let people = self.people.as_ref()?;
        let user = people.users.iter().find(|u| u.username == username)?;
        let first = user.groups.first()?;
        people
            .groups
            .iter()
            .find(|g| &g.group.id == first)
            .map(|g| &g.group)
    }

    /// The screen's own commands, on the selected user.
    fn user_command(&self, command: Command) -> Option<Reply> {
        let user = self.selected_user().map(|u| u.username.clone());
        let kind = match (command, user) {
            (Command::New, _) => PromptKind::NewUser,
            (Command::NewSecondary, _) => PromptKind::NewGroup,
            (Command::AddToGroup, Some(user)) => PromptKind::AddToGroup { user },
            (Command::RemoveFromGroup, Some(user)) => PromptKind::RemoveFromGroup { user },
            (Command::SetPassword, Some(user)) => PromptKind::Password { user },
            (Command::GroupTypes, user) => {
                // Filled in with the selected user's first group and what it allows, to edit.
                let text = user
                    .and_then(|user| self.group_of(&user))
                    .map(|g| format!("{} {}", g.id, g.allowed_types.join(" ")))
                    .unwrap_or_default();
                return Some(Reply::open(Modal::Question(Prompt::with_text(
                    PromptKind::GroupTypes,
                    text,
                ))));
            }
            (Command::ToggleAdmin, Some(user)) => {
                let admin = self.selected_user().is_some_and(|u| u.admin);
                return Some(Reply::effects(vec![Effect::Change(Change::SetAdmin {
                    user,
                    admin: !admin,
                })]));
            }
            _ => return None,
        };
        Some(Reply::open(Modal::Question(Prompt::new(kind))))
    }
}

impl Screen for PeopleScreen {
    fn command(&mut self, command: Command) -> Reply {
        if let Some(reply) = self.user_command(command) {
            return reply;
        }
        self.list.command(command, self.visible_users().len());
        Reply::default()
    }

    fn focus(&self) -> Focus {
        self.list.focus()
    }

    fn edit(&mut self, edit: &mut dyn FnMut(&mut String) -> bool) {
        self.list.edit(edit);
    }

    fn click_row(&mut self, row: usize) {
        self.list.click(row, self.visible_users().len());
    }

    fn keep_selection(&mut self) {
        self.list.keep_within(self.visible_users().len());
    }

    fn list_top(&self, body: Rect) -> Option<u16> {
        let (_, area) = layout::filter_line(body, self.list.filter_shown());
        let groups = self.people.as_ref().map_or(0, |p| p.groups.len());
        let [_, users] = layout::people(area, groups);
        Some(layout::first_row(users))
    }

    fn leave(&mut self) {
        self.list = List::default();
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cursor: &LineCursor, theme: &Theme) {
        view::draw(self, frame, area, cursor, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::fixture::{self, cmd};
    use crate::tui::focus::Tab;
    use crate::tui::line::LineEdit;

    #[test]
    fn users_and_groups_change_through_questions() {
        let mut app = fixture::app();
        app.update(Action::PeopleLoaded(Box::new(fixture::people())));
        cmd(&mut app, Command::Tab(3));
        assert_eq!(app.tab(), Tab::People);
        cmd(&mut app, Command::Down);
        // Admin rights flip at once, for the selected user.
        assert_eq!(
            cmd(&mut app, Command::ToggleAdmin),
            [Effect::Change(Change::SetAdmin {
                user: "olena".into(),
                admin: true
            })]
        );
        // A membership: the question, typed, answered.
        cmd(&mut app, Command::AddToGroup);
        assert_eq!(
            app.modals().question().map(|p| p.kind.clone()),
            Some(PromptKind::AddToGroup {
                user: "olena".into()
            })
        );
        for c in "editors".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert_eq!(
            cmd(&mut app, Command::Open),
            [Effect::Change(Change::Assign {
                group: "editors".into(),
                user: "olena".into()
            })]
        );
        assert!(app.modals().question().is_none());
        // A group's task types: the question starts from the user's first group, to edit.
        cmd(&mut app, Command::GroupTypes);
        let prompt = app.modals().question().expect("the group's types");
        assert_eq!(prompt.kind, PromptKind::GroupTypes);
        assert_eq!(prompt.text, "default declaration_task tagging_task");
        app.update(Action::Edit(LineEdit::EraseWordBack));
        assert_eq!(
            cmd(&mut app, Command::Open),
            [Effect::Change(Change::SetGroupTypes {
                group: "default".into(),
                types: vec!["declaration_task".into()]
            })]
        );
        // An empty answer stays open with its problem; Esc withdraws it.
        cmd(&mut app, Command::New);
        assert!(cmd(&mut app, Command::Open).is_empty());
        assert!(app.modals().question().is_some_and(|p| p.problem.is_some()));
        cmd(&mut app, Command::Back);
        assert!(app.modals().question().is_none());
        // Done: say so, and read the users again.
        assert_eq!(
            app.update(Action::Changed("Added olena".into())),
            [Effect::LoadPeople, Effect::LoadRewards]
        );
        assert_eq!(app.status(), Some("Added olena"));
        // Elsewhere these keys mean nothing.
        cmd(&mut app, Command::Tab(0));
        assert!(cmd(&mut app, Command::ToggleAdmin).is_empty());
        assert!(app.modals().question().is_none());
    }
}
