//! The one way settings are layered, for the core's and the server's alike:
//! defaults < the config file < `VULYK_*` environment < command-line flags. Each binary
//! describes its settings as a [`Layer`] and reads its variables through [`Environment`], so
//! the order and the wording of a bad variable are the same everywhere.

use std::str::FromStr;

use crate::{Error, Result};

/// The settings of one source: every field optional, `None` leaving the value of the layer
/// below.
pub trait Layer: Sized {
    /// `self`, with `below`'s values where `self` has none.
    fn over(self, below: Self) -> Self;
}

/// The layers in their order: flags over the environment over the file (the defaults are
/// what the merged layer still lacks).
pub fn layered<L: Layer>(file: L, environment: L, flags: L) -> L {
    flags.over(environment.over(file))
}

/// The process's environment, as [`Environment::new`] takes it.
pub fn process_environment(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The environment as a source of settings, read through a function so that tests pass
/// their own. A variable set to blanks counts as unset.
#[derive(Clone, Copy)]
pub struct Environment<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
}

impl std::fmt::Debug for Environment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Environment")
    }
}

impl<'a> Environment<'a> {
    pub fn new(get: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Environment { get }
    }

    /// A variable's text.
    pub fn text(&self, name: &str) -> Option<String> {
        (self.get)(name).filter(|value| !value.trim().is_empty())
    }

    /// A variable read as a `T`; a value that is not one is an error that names the
    /// variable, the value and `what` it should be ("a whole number").
    pub fn parsed<T: FromStr>(&self, name: &str, what: &str) -> Result<Option<T>> {
        self.text(name)
            .map(|raw| {
                raw.trim()
                    .parse()
                    .map_err(|_| Error::invalid(format!("{name}: `{raw}` is not {what}")))
            })
            .transpose()
    }

    /// A variable read as yes or no (`1`/`0`, `true`/`false`, `yes`/`no`, `on`/`off`).
    pub fn flag(&self, name: &str) -> Result<Option<bool>> {
        self.text(name)
            .map(|raw| match raw.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(true),
                "0" | "false" | "no" | "off" => Ok(false),
                _ => Err(Error::invalid(format!(
                    "{name}: `{raw}` is not true or false"
                ))),
            })
            .transpose()
    }

    /// A variable read as a comma-separated list of `T`; the error names the wrong item.
    pub fn list<T: FromStr>(&self, name: &str, what: &str) -> Result<Option<Vec<T>>> {
        self.text(name)
            .map(|raw| {
                raw.split(',')
                    .map(|one| {
                        one.trim().parse().map_err(|_| {
                            Error::invalid(format!("{name}: `{}` is not {what}", one.trim()))
                        })
                    })
                    .collect()
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Two {
        a: Option<u32>,
        b: Option<u32>,
    }

    impl Layer for Two {
        fn over(self, below: Self) -> Self {
            Two {
                a: self.a.or(below.a),
                b: self.b.or(below.b),
            }
        }
    }

    #[test]
    fn flags_win_over_the_environment_which_wins_over_the_file() {
        let file = Two {
            a: Some(1),
            b: Some(1),
        };
        let environment = Two {
            a: Some(2),
            b: None,
        };
        let flags = Two {
            a: Some(3),
            b: None,
        };
        let merged = layered(file, environment, flags);
        assert_eq!(
            merged,
            Two {
                a: Some(3),
                b: Some(1)
            }
        );
    }

    #[test]
    fn variables_are_read_typed_and_named_in_errors() {
        let get = |name: &str| match name {
            "N" => Some(" 42 ".to_string()),
            "BLANK" => Some("  ".to_string()),
            "BAD" => Some("soon".to_string()),
            "YES" => Some("On".to_string()),
            "LIST" => Some("1, 2,x".to_string()),
            _ => None,
        };
        let env = Environment::new(&get);
        assert_eq!(env.parsed::<u32>("N", "a number").unwrap(), Some(42));
        assert_eq!(env.text("BLANK"), None);
        assert_eq!(env.parsed::<u32>("UNSET", "a number").unwrap(), None);
        let err = env.parsed::<u32>("BAD", "a whole number").unwrap_err();
        assert!(
            err.to_string()
                .contains("BAD: `soon` is not a whole number"),
            "{err}"
        );
        assert_eq!(env.flag("YES").unwrap(), Some(true));
        assert!(
            env.flag("BAD")
                .unwrap_err()
                .to_string()
                .contains("true or false")
        );
        let err = env.list::<u32>("LIST", "a number").unwrap_err();
        assert!(
            err.to_string().contains("LIST: `x` is not a number"),
            "{err}"
        );
    }
}
