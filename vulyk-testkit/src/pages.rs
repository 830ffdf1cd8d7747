//! What tests read off the site's pages, whether it runs in-process or as the binary.

/// The CSRF token a page carries in its `<meta name="csrf-token">` tag.
pub fn csrf_of(html: &str) -> String {
    const META: &str = "name=\"csrf-token\" content=\"";
    let start = html.find(META).expect("csrf meta") + META.len();
    html[start..].split('"').next().expect("token").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_token_is_read_from_the_meta_tag() {
        let html = "<head><meta name=\"csrf-token\" content=\"abc.def\"></head>";
        assert_eq!(super::csrf_of(html), "abc.def");
    }
}
