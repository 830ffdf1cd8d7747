use crate::{Error, Result};

/// The group every user belongs to, created by `vulyk init`.
pub const DEFAULT_GROUP: &str = "default";

/// A group of users and the task types its members may work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub description: String,
    pub allowed_types: Vec<String>,
}

const MAX_GROUP_ID: usize = 100;

/// Group ids are letters, digits and underscores, not starting with an underscore.
///
/// The original's pattern `[A-z]` also let `[ \ ] ^` through and demanded two characters; we
/// accept exactly what its error message promised.
pub fn validate_group_id(id: &str) -> Result<()> {
    let valid_chars = id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if id.is_empty() || !valid_chars || id.starts_with('_') {
        return Err(Error::invalid(format!(
            "group id `{id}`: only letters, digits and underscores are allowed, and an underscore can't go first"
        )));
    }
    if id.len() > MAX_GROUP_ID {
        return Err(Error::invalid(format!(
            "group id `{id}` is longer than {MAX_GROUP_ID} characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_ids() {
        for ok in ["default", "a", "Team_2", "9lives"] {
            assert!(validate_group_id(ok).is_ok(), "{ok}");
        }
        for bad in ["", "_x", "a-b", "a b", "a[", "a^", "ї"] {
            assert!(validate_group_id(bad).is_err(), "{bad}");
        }
        assert!(validate_group_id(&"a".repeat(101)).is_err());
    }
}
