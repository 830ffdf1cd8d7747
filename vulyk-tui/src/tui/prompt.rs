//! A one-line question in a dialog — a new user's name and e-mail, a group, a password — and
//! the change its answer asks for.

use vulyk_core::domain::User;

/// What the operator changes on the Groups & users screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddUser { username: String, email: String },
    AddGroup { id: String },
    Assign { group: String, user: String },
    Resign { group: String, user: String },
    SetAdmin { user: String, admin: bool },
    SetPassword { user: String, password: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    NewUser,
    NewGroup,
    AddToGroup { user: String },
    RemoveFromGroup { user: String },
    Password { user: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// A problem with the last answer, shown in the dialog.
    pub problem: Option<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            text: String::new(),
            problem: None,
        }
    }

    pub fn question(&self) -> String {
        match &self.kind {
            PromptKind::NewUser => "New user: USERNAME E-MAIL".into(),
            PromptKind::NewGroup => "New group's id".into(),
            PromptKind::AddToGroup { user } => format!("Add {user} to the group"),
            PromptKind::RemoveFromGroup { user } => format!("Remove {user} from the group"),
            PromptKind::Password { user } => format!("New password for {user}"),
        }
    }

    /// Passwords are shown as dots.
    pub fn secret(&self) -> bool {
        matches!(self.kind, PromptKind::Password { .. })
    }

    /// The change the answer asks for, or what is wrong with it (the core checks the rest).
    pub fn change(&self) -> Result<Change, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err("type an answer, or Esc".into());
        }
        Ok(match &self.kind {
            PromptKind::NewUser => match text.split_whitespace().collect::<Vec<_>>().as_slice() {
                [username, email] => Change::AddUser {
                    username: username.to_string(),
                    email: email.to_string(),
                },
                _ => return Err("type the username and the e-mail address, a space apart".into()),
            },
            PromptKind::NewGroup => Change::AddGroup { id: text.into() },
            PromptKind::AddToGroup { user } => Change::Assign {
                group: text.into(),
                user: user.clone(),
            },
            PromptKind::RemoveFromGroup { user } => Change::Resign {
                group: text.into(),
                user: user.clone(),
            },
            PromptKind::Password { user } => Change::SetPassword {
                user: user.clone(),
                password: self.text.clone(),
            },
        })
    }
}

/// The users and groups the screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct People {
    pub groups: Vec<vulyk_core::service::GroupView>,
    pub users: Vec<User>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(kind: PromptKind, text: &str) -> Result<Change, String> {
        Prompt {
            text: text.into(),
            ..Prompt::new(kind)
        }
        .change()
    }

    #[test]
    fn answers_become_changes() {
        assert_eq!(
            answered(PromptKind::NewUser, " ivan  ivan@example.org "),
            Ok(Change::AddUser {
                username: "ivan".into(),
                email: "ivan@example.org".into()
            })
        );
        assert!(answered(PromptKind::NewUser, "ivan").is_err());
        assert!(answered(PromptKind::NewGroup, "  ").is_err());
        let password = PromptKind::Password {
            user: "ivan".into(),
        };
        assert!(Prompt::new(password.clone()).secret());
        assert_eq!(
            answered(password, " spaces count "),
            Ok(Change::SetPassword {
                user: "ivan".into(),
                password: " spaces count ".into()
            })
        );
        assert_eq!(
            answered(
                PromptKind::AddToGroup {
                    user: "ivan".into()
                },
                "editors"
            ),
            Ok(Change::Assign {
                group: "editors".into(),
                user: "ivan".into()
            })
        );
    }
}
