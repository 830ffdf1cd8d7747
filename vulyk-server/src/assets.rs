//! Static files: the site's own, compiled into the binary, and each plugin's `static/` folder.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use vulyk_core::plugins::inside;

const BUILT_IN: &[(&str, &str)] = &[
    ("vulyk.css", include_str!("../assets/vulyk.css")),
    ("vulyk.js", include_str!("../assets/vulyk.js")),
    ("task-page.js", include_str!("../assets/task-page.js")),
    // The original's plugins need jQuery (assets/vendor/jquery-LICENSE.txt: MIT).
    (
        "jquery-3.7.1.min.js",
        include_str!("../assets/vendor/jquery-3.7.1.min.js"),
    ),
    (
        "original-protocol.js",
        include_str!("../assets/original-protocol.js"),
    ),
    ("logo.svg", include_str!("../assets/logo.svg")),
];

/// Plugins may serve only files under this folder of theirs.
const PLUGIN_STATIC: &str = "static";
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "json" => "application/json",
        "html" | "htm" => "text/html; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn file_response(name: &str, bytes: Vec<u8>, cache: &'static str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(name)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such file").into_response()
}

pub async fn built_in(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    if name == "site-logo" {
        return site_logo(&state).await;
    }
    match BUILT_IN.iter().find(|(n, _)| *n == name) {
        Some((name, text)) => file_response(name, text.as_bytes().to_vec(), "public, max-age=3600"),
        None => not_found(),
    }
}

async fn site_logo(state: &AppState) -> Response {
    let Some(path) = &state.config.site.logo else {
        return not_found();
    };
    let name = path.to_string_lossy().into_owned();
    match tokio::fs::metadata(path).await {
        Ok(meta) if meta.is_file() && meta.len() <= MAX_LOGO_BYTES => {}
        _ => return not_found(),
    }
    match tokio::fs::read(path).await {
        Ok(bytes) => file_response(&name, bytes, "public, max-age=3600"),
        Err(_) => not_found(),
    }
}

/// `GET /plugins/{type}/{*path}`: a file from the plugin's `static/` folder, or one of the
/// scripts and style sheets its manifest lists.
pub async fn plugin_file(
    State(state): State<AppState>,
    Path((task_type, path)): Path<(String, String)>,
) -> Response {
    let Ok(plugin) = state.vulyk.plugins().get(&task_type) else {
        return not_found();
    };
    let under_static = path
        .strip_prefix(PLUGIN_STATIC)
        .is_some_and(|rest| rest.starts_with('/'));
    let Some(file) = inside(&plugin.dir, &path)
        .filter(|file| under_static || plugin.js.iter().chain(&plugin.css).any(|f| f == file))
    else {
        return not_found();
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => file_response(&path, bytes, "public, max-age=300"),
        Err(_) => not_found(),
    }
}

/// The URL of a plugin's asset, as the task page links it.
pub fn plugin_url(task_type: &str, relative: &str) -> String {
    format!("/plugins/{task_type}/{relative}")
}
