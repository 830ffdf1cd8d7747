//! Every route that needs a signed-in user refuses without one — JSON 401 for the API, a
//! redirect to the sign-in form for pages — and every route that needs rights a user lacks
//! (a task type their groups do not allow) refuses with 403. Admins may do every type.

mod common;

use axum::http::{Method, StatusCode};
use common::TestApp;
use vulyk_core::service::UserRef;

/// (method, path, is an API route).
const SIGNED_IN_ONLY: &[(Method, &str, bool)] = &[
    (Method::GET, "/type/tagging_task/next", true),
    (
        Method::POST,
        "/type/tagging_task/done/0123456789abcdef0123",
        true,
    ),
    (
        Method::POST,
        "/type/tagging_task/skip/0123456789abcdef0123",
        true,
    ),
    (
        Method::POST,
        "/type/tagging_task/activity/0123456789abcdef0123",
        true,
    ),
    (Method::GET, "/type/tagging_task/", false),
    (Method::GET, "/type/tagging_task", false),
    (Method::GET, "/type/tagging_task/leaders", false),
    (Method::GET, "/me", false),
    (Method::POST, "/me/donate", false),
    (Method::GET, "/gamification/events/unseen", true),
    (Method::GET, "/gamification/events/all", true),
    (Method::POST, "/gamification/events/mark_viewed", true),
    (Method::GET, "/gamification/users/me/state", true),
    (
        Method::GET,
        "/gamification/users/0123456789abcdef01234567/state",
        true,
    ),
    (Method::POST, "/gamification/donations", true),
];

async fn send(client: &common::Client<'_>, method: &Method, path: &str) -> common::Reply {
    match *method {
        Method::GET => client.get(path).await,
        _ => {
            client
                .post_form(path, &[("result", "{}"), ("seconds", "1")])
                .await
        }
    }
}

#[tokio::test]
async fn every_route_that_needs_sign_in_refuses_without_it() {
    let app = TestApp::sqlite().await.with_tagging_tasks().await;
    let anonymous = app.anonymous();
    let mut expired = app.anonymous();
    expired.session = Some("not-a-session".into());
    // As a browser would have it: the pages it saw gave the token of the session it holds.
    expired.token = Some(vulyk_server::csrf::token_for(
        &app.state.csrf_key,
        expired.session.as_deref(),
        expired.nonce.as_deref().unwrap_or_default(),
    ));
    for client in [&anonymous, &expired] {
        for (method, path, api) in SIGNED_IN_ONLY {
            let reply = send(client, method, path).await;
            if *api {
                assert_eq!(
                    reply.status,
                    StatusCode::UNAUTHORIZED,
                    "{method} {path}: {}",
                    reply.body
                );
                assert!(reply.error().contains("sign in"), "{method} {path}");
            } else {
                assert_eq!(reply.status, StatusCode::SEE_OTHER, "{method} {path}");
                let location = reply.header("location").unwrap_or_default();
                assert!(
                    location.starts_with("/signin?next="),
                    "{method} {path}: {location}"
                );
            }
        }
    }
}

#[tokio::test]
async fn every_task_type_route_refuses_a_user_whose_groups_do_not_allow_it() {
    let app = TestApp::sqlite().await.with_tagging_tasks().await;
    let vulyk = app.vulyk();
    let (_, olena) = app.volunteer("olena@example.org").await;
    vulyk.add_group("decl", "").await.unwrap();
    vulyk
        .add_group_type("decl", "declaration_task")
        .await
        .unwrap();
    let who = UserRef("olena@example.org".into());
    vulyk.assign("decl", &who).await.unwrap();
    vulyk.resign("default", &who).await.unwrap();
    for (method, path, api) in SIGNED_IN_ONLY {
        // The task-type routes; the personal ones (`/me`, `/gamification/…`) have no type.
        if !path.starts_with("/type/") {
            continue;
        }
        let reply = send(&olena, method, path).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            reply.body
        );
        if *api {
            assert!(reply.error().contains("may not"), "{method} {path}");
        }
    }

    // An admin outside every group may still do every type.
    let (_, admin) = app.volunteer("admin@example.org").await;
    let admin_ref = UserRef("admin@example.org".into());
    vulyk.resign("default", &admin_ref).await.unwrap();
    assert_eq!(
        admin.get("/type/tagging_task/next").await.status,
        StatusCode::FORBIDDEN
    );
    vulyk.set_admin(&admin_ref, true).await.unwrap();
    assert_eq!(
        admin.get("/type/tagging_task/next").await.status,
        StatusCode::OK
    );
    assert_eq!(
        admin.get("/type/tagging_task/").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_closed_site_shows_volunteers_the_holding_page_and_admins_everything() {
    let app = TestApp::sqlite_with(|layer| layer.site_closed = Some(true))
        .await
        .with_tagging_tasks()
        .await;
    let (_, olena) = app.volunteer("olena@example.org").await;
    for path in ["/", "/type/tagging_task/", "/type/tagging_task/leaders"] {
        let page = olena.get(path).await;
        assert!(
            page.body.contains("тимчасово закрито"),
            "{path}: {}",
            page.body
        );
    }
    // The API stays open, as in the original.
    assert_eq!(
        olena.get("/type/tagging_task/next").await.status,
        StatusCode::OK
    );
    let (_, admin) = app.volunteer("admin@example.org").await;
    app.vulyk()
        .set_admin(&UserRef("admin@example.org".into()), true)
        .await
        .unwrap();
    let page = admin.get("/type/tagging_task/").await;
    assert!(page.body.contains("current_task"), "{}", page.body);
}
