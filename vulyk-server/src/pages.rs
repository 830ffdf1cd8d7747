//! Server-rendered pages: who asks and in which language ([`Page`]), rendered through the
//! site's templates (`templates.rs`), and where a visitor may be sent next.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use serde::Serialize;
use vulyk_core::domain::User;

use crate::auth::MaybeUser;
use crate::csrf::CsrfToken;
use crate::error::ApiError;
use crate::form::percent_decoded;
use crate::i18n::Language;
use crate::state::AppState;
use crate::templates::strip_email;

/// What the layout shows about the signed-in user.
#[derive(Debug, Serialize)]
struct UserView {
    display: String,
    admin: bool,
}

/// A page request: who asks, in which language, with which CSRF token.
#[derive(Debug, Clone)]
pub struct Page {
    pub user: Option<User>,
    pub lang: Language,
    pub csrf: String,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = Language::negotiate(
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
            state.config.site.language,
        );
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let user = match MaybeUser::from_request_parts(parts, state).await {
            Ok(found) => found.0,
            Err(error) => {
                let page = Page {
                    user: None,
                    lang,
                    csrf,
                };
                return Err(page.error(state, error));
            }
        };
        Ok(Page { user, lang, csrf })
    }
}

impl Page {
    /// Renders a page template with the layout's context plus `extra`.
    pub fn render(&self, state: &AppState, template: &str, extra: Value) -> Response {
        self.render_with_status(state, StatusCode::OK, template, extra)
    }

    fn render_with_status(
        &self,
        state: &AppState,
        status: StatusCode,
        template: &str,
        extra: Value,
    ) -> Response {
        let site = &state.config.site;
        let base = context! {
            lang => self.lang.code(),
            csrf => &self.csrf,
            site => context! {
                name => &site.name,
                motto => &site.motto,
                logo_url => if site.logo.is_some() { "/static/site-logo" } else { "/static/logo.svg" },
            },
            user => self.user.as_ref().map(|u| UserView {
                display: if u.name.is_empty() { strip_email(u.username.clone()) } else { u.name.clone() },
                admin: u.admin,
            }),
        };
        match state
            .templates
            .render(template, context! { ..extra, ..base })
        {
            Ok(html) => (status, Html(html)).into_response(),
            Err(error) => {
                tracing::error!(template, error = %crate::error::error_chain(&error), "page failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }

    /// An error as an HTML page with the error's status.
    pub fn error(&self, state: &AppState, error: impl Into<ApiError>) -> Response {
        let error = error.into();
        // What a visitor meets is said in the page's language; the rarer refusals (an OIDC
        // provider's) keep their own words.
        let message = match error.status {
            StatusCode::NOT_FOUND => self.lang.text("not_found").to_string(),
            StatusCode::FORBIDDEN => self.lang.text("forbidden").to_string(),
            _ => error.message,
        };
        self.render_with_status(
            state,
            error.status,
            "error.html",
            context! { status => error.status.as_u16(), message },
        )
    }

    /// The signed-in user, or a redirect to the sign-in page that comes back to `here`.
    pub fn require_user(&self, here: &str) -> Result<&User, Redirect> {
        match &self.user {
            Some(user) => Ok(user),
            None => Err(Redirect::to(&format!("/signin?next={}", encode_path(here)))),
        }
    }
}

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
