use std::fmt;

use chrono::{DateTime, Utc};

use super::UserId;
use crate::{Error, Result};

/// A volunteer or an operator.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub email: String,
    pub name: String,
    pub active: bool,
    pub admin: bool,
    /// Group ids, in the order they were joined.
    pub groups: Vec<String>,
    /// Argon2id PHC string, when the user may sign in with a password.
    pub password_hash: Option<String>,
    /// Accepted answers.
    pub processed: u64,
}

// Written by hand so that a password hash never reaches a log through `{:?}`.
impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("email", &self.email)
            .field("name", &self.name)
            .field("active", &self.active)
            .field("admin", &self.admin)
            .field("groups", &self.groups)
            .field(
                "password_hash",
                &self.password_hash.as_ref().map(|_| "<redacted>"),
            )
            .field("processed", &self.processed)
            .finish()
    }
}

impl User {
    /// Whether the user may work on a task type: admins may do every type, others the types
    /// their groups allow (spec 2.1). `groups` are the stored groups; those the user is not in
    /// are ignored.
    pub fn is_eligible_for(&self, task_type: &str, groups: &[super::Group]) -> Result<bool> {
        if task_type.is_empty() {
            return Err(Error::invalid("task type: must not be empty"));
        }
        if self.admin {
            return Ok(true);
        }
        Ok(groups
            .iter()
            .filter(|g| self.groups.contains(&g.id))
            .any(|g| g.allowed_types.iter().any(|t| t == task_type)))
    }
}

/// What it takes to create a user; the store assigns nothing but what is here.
#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub id: UserId,
    pub username: String,
    pub email: String,
    pub name: String,
    pub admin: bool,
    pub groups: Vec<String>,
    /// Argon2id PHC string, for users who sign up on the site with a password.
    pub password_hash: Option<String>,
    /// When the user was made, by the service's clock (stores never read the clock).
    pub created_at: DateTime<Utc>,
}

// By hand, like `User`'s, so that a password hash never reaches a log.
impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("email", &self.email)
            .field("name", &self.name)
            .field("admin", &self.admin)
            .field("groups", &self.groups)
            .field(
                "password_hash",
                &self.password_hash.as_ref().map(|_| "<redacted>"),
            )
            .field("created_at", &self.created_at)
            .finish()
    }
}

const MAX_USERNAME: usize = 200;
const MAX_EMAIL: usize = 254;

pub fn validate_username(username: &str) -> Result<()> {
    if username.is_empty() {
        return Err(Error::invalid("username: must not be empty"));
    }
    if username.chars().count() > MAX_USERNAME {
        return Err(Error::invalid(format!(
            "username: longer than {MAX_USERNAME} characters"
        )));
    }
    if username
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::invalid(format!(
            "username `{username}`: must not contain spaces or control characters"
        )));
    }
    Ok(())
}

const MAX_NAME: usize = 100;

/// Whether a character may act on a terminal or on how the text around it reads rather than
/// show: control characters, the bidirectional overrides and isolates (which reorder the
/// text after them: "Trojan Source"), and the line and paragraph separators.
pub fn acts_on_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// A display name: at most 100 characters and no control characters, since names come from
/// strangers (the sign-up form) and are printed on operators' terminals, where an escape
/// sequence would act.
pub fn validate_display_name(name: &str) -> Result<()> {
    if name.chars().count() > MAX_NAME || name.chars().any(acts_on_text) {
        return Err(Error::invalid(format!(
            "name: at most {MAX_NAME} characters, no control characters"
        )));
    }
    Ok(())
}

/// The display name an identity provider gave, made valid rather than refused (signing in
/// should not fail over a name): control characters dropped, cut to the longest allowed.
pub fn display_name_from_provider(name: &str) -> String {
    name.chars()
        .filter(|&c| !acts_on_text(c))
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_NAME)
        .collect()
}

/// Trims and lower-cases an e-mail address and checks its shape (`local@domain`).
///
/// Lower-casing makes uniqueness case-insensitive, which is what people expect of addresses.
pub fn normalize_email(email: &str) -> Result<String> {
    let email = email.trim().to_lowercase();
    let shape_ok = match email.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    };
    if !shape_ok || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(format!(
            "email `{email}`: not an e-mail address"
        )));
    }
    if email.len() > MAX_EMAIL {
        return Err(Error::invalid(format!(
            "email: longer than {MAX_EMAIL} characters"
        )));
    }
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalize_email(" Ivan@Example.ORG ").unwrap(),
            "ivan@example.org"
        );
        assert_eq!(
            normalize_email("іван@приклад.укр").unwrap(),
            "іван@приклад.укр"
        );
        for bad in ["", "ivan", "@x.org", "ivan@", "a b@x.org", "ivan@.org"] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn usernames_are_checked() {
        assert!(validate_username("mutumba").is_ok());
        assert!(validate_username("ivan@example.org").is_ok());
        for bad in ["", "a b", "tab\t"] {
            assert!(validate_username(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn display_names_take_no_control_characters() {
        assert!(validate_display_name("Олена Іваненко").is_ok());
        assert!(validate_display_name("").is_ok());
        for bad in [
            "\u{1b}]0;owned\u{7}Eve",
            "line\nbreak",
            "Al\u{202e}ice",
            "two\u{2028}lines",
            &"x".repeat(101),
        ] {
            assert!(validate_display_name(bad).is_err(), "{bad:?}");
        }
        // A provider's name is cleaned, not refused.
        assert_eq!(
            display_name_from_provider(" \u{1b}[2JEve\u{7}\u{202e} "),
            "[2JEve"
        );
        assert_eq!(
            display_name_from_provider(&"я".repeat(150)).chars().count(),
            100
        );
    }

    fn user(admin: bool, groups: &[&str]) -> User {
        User {
            id: UserId::generate(),
            username: "mutumba".into(),
            email: "mutumba@email.com".into(),
            name: String::new(),
            active: true,
            admin,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            password_hash: None,
            processed: 0,
        }
    }

    #[test]
    fn eligibility_follows_groups_and_admin() {
        let groups = [
            super::super::Group {
                id: "default".into(),
                description: String::new(),
                allowed_types: vec!["test".into()],
            },
            super::super::Group {
                id: "other".into(),
                description: String::new(),
                allowed_types: vec!["task_type_2".into()],
            },
        ];
        let admin = user(true, &["default"]);
        assert!(admin.is_eligible_for("test", &groups).unwrap());
        assert!(admin.is_eligible_for("task_type_2", &groups).unwrap());
        let regular = user(false, &["default"]);
        assert!(regular.is_eligible_for("test", &groups).unwrap());
        assert!(!regular.is_eligible_for("task_type_2", &groups).unwrap());
        assert!(regular.is_eligible_for("", &groups).is_err());
    }

    #[test]
    fn debug_hides_the_password_hash() {
        let user = User {
            id: UserId::generate(),
            username: "u".into(),
            email: "u@x.org".into(),
            name: String::new(),
            active: true,
            admin: false,
            groups: vec![],
            password_hash: Some("$argon2id$secret".into()),
            processed: 0,
        };
        let shown = format!("{user:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
