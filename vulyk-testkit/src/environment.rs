//! A stand-in for the process environment, for tests of the layered configuration.

/// An environment holding only `pairs`, as the configuration's resolvers take one.
pub fn environment_of(
    pairs: &'static [(&'static str, &'static str)],
) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    }
}
