//! Where a visitor may be sent: local paths only, encoded for a query. Pages themselves are
//! rendered through [`crate::extract::Page`].

use crate::form::percent_decoded;

/// Percent-encodes a local path for a query parameter.
pub fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The path to send a visitor to after signing in: `next` if it is a path of this site,
/// else `/`, so that a link cannot bounce a volunteer to another site.
///
/// Browsers resolve a `Location` by WHATWG URL rules: they drop tabs and newlines, read `\`
/// as `/`, and treat `//host` as another site. So only printable ASCII is taken (which also
/// makes it a valid header value), with a single leading `/` not followed by `/` or `\`,
/// and no `\` or control character once percent-decoded either.
pub fn safe_next(next: &str) -> &str {
    let printable = next.bytes().all(|b| (0x21..=0x7e).contains(&b));
    let decoded = percent_decoded(next);
    let single_slash =
        |path: &[u8]| path.first() == Some(&b'/') && !matches!(path.get(1), Some(b'/' | b'\\'));
    let safe = printable
        && single_slash(next.as_bytes())
        && single_slash(&decoded)
        && !decoded.iter().any(|&b| b == b'\\' || b.is_ascii_control());
    if safe { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        for good in [
            "/",
            "/type/x/",
            "/me?donation=ok#rewards",
            "/type/a%20b/",
            "/a/b//c",
        ] {
            assert_eq!(safe_next(good), good);
        }
        // Known ways to make a browser leave the site from a `Location` that looks local.
        let bypasses = [
            "",
            "evil.example",
            "https://evil.example",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5C/evil.example",
            "/%5cevil.example",
            "/a/%5c..%5c..%5cevil",
            "/%00",
            "/тест",
            "\t//evil.example",
            " /evil",
            "/\u{7f}",
            "javascript:alert(1)",
        ];
        for bad in bypasses {
            assert_eq!(safe_next(bad), "/", "{bad:?}");
        }
        assert_eq!(encode_path("/type/a b/"), "/type/a%20b/");
    }
}
