//! The site over a real socket (port 0), as a browser and a script reach it, on both
//! backends: sign up through the form, work through tasks, use an API token, shut down
//! gracefully.

mod common;

use std::sync::Arc;

use common::{TestApp, page_text};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::oneshot;
use vulyk_testkit::csrf_of;

struct Running {
    base: String,
    stop: Option<oneshot::Sender<()>>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(app: &TestApp) -> Running {
    let (listener, address) = common::loopback_listener().await;
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(vulyk_server::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    Running {
        base: format!("http://{address}"),
        stop: Some(stop),
        server,
    }
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

on_both_backends!(
    a_volunteer_signs_up_and_works_over_http,
    a_script_works_with_an_api_token
);

async fn a_volunteer_signs_up_and_works_over_http(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let mut running = start(&app).await;
    let base = running.base.clone();
    let client = browser();

    let form = client.get(format!("{base}/signup")).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let token = csrf_of(&form.text().await.unwrap());
    let signed_up = client
        .post(format!("{base}/signup"))
        .form(&[
            ("email", "maria@example.org"),
            ("password", common::PASSWORD),
            ("csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_up.status(), StatusCode::SEE_OTHER);

    let index = page_text(&client, &format!("{base}/")).await;
    assert!(index.contains("/type/tagging_task/"), "{index}");
    let page = page_text(&client, &format!("{base}/type/tagging_task/")).await;
    let token = csrf_of(&page);
    for round in 0..3 {
        let next: Value = client
            .get(format!("{base}/type/tagging_task/next"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(next["result"]["stats"]["total"], round, "{next}");
        let id = next["result"]["task"]["id"]
            .as_str()
            .expect("id")
            .to_string();
        let done = client
            .post(format!("{base}/type/tagging_task/done/{id}"))
            .header("x-csrf-token", &token)
            .form(&[("result", json!({"round": round}).to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(
            done.status(),
            StatusCode::OK,
            "{}",
            done.text().await.unwrap()
        );
    }
    let leaders = page_text(&client, &format!("{base}/type/tagging_task/leaders")).await;
    assert!(leaders.contains("<td>maria</td><td>3</td>"), "{leaders}");

    stop(&mut running).await;
    assert!(
        client.get(format!("{base}/healthz")).send().await.is_err(),
        "still serving"
    );
}

async fn stop(running: &mut Running) {
    running.stop.take().expect("running").send(()).ok();
    let server = &mut running.server;
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .expect("graceful shutdown within 10 s")
        .expect("join")
        .expect("serve");
}

async fn a_script_works_with_an_api_token(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let user = app
        .vulyk()
        .sign_up("bot@example.org", common::PASSWORD, "")
        .await
        .unwrap();
    let (_, token) = app
        .vulyk()
        .create_api_token(&vulyk_core::service::UserRef(user.username.clone()), "bot")
        .await
        .unwrap();
    let mut running = start(&app).await;
    let base = running.base.clone();
    let script = reqwest::Client::new();
    let anonymous = script
        .get(format!("{base}/type/tagging_task/next"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let body: Value = anonymous.json().await.unwrap();
    assert!(
        body["errors"][0].as_str().unwrap().contains("sign in"),
        "{body}"
    );

    // Several answers at once from one token: each accepted once.
    let script = Arc::new(script);
    let mut workers = Vec::new();
    for _ in 0..4 {
        let (script, base, token) = (Arc::clone(&script), base.clone(), token.clone());
        workers.push(tokio::spawn(async move {
            let next: Value = script
                .get(format!("{base}/type/tagging_task/next"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let id = next["result"]["task"]["id"].as_str().unwrap().to_string();
            let status = script
                .post(format!("{base}/type/tagging_task/done/{id}"))
                .bearer_auth(&token)
                .json(&json!({"result": {"by": "script"}}))
                .send()
                .await
                .unwrap()
                .status();
            (id, status)
        }));
    }
    let mut results = Vec::new();
    for worker in workers {
        results.push(worker.await.unwrap());
    }
    // Asking at once, the four may share the task the user's lease holds (SQLite serialises
    // the claims) or get different ones (MongoDB claims without a lock). Either way each task
    // takes one answer of this user: the rest are told it is already answered.
    let mut tasks: Vec<&String> = results.iter().map(|(id, _)| id).collect();
    tasks.sort();
    tasks.dedup();
    let accepted = results.iter().filter(|(_, s)| *s == StatusCode::OK).count();
    assert_eq!(accepted, tasks.len(), "{results:?}");
    assert!(
        results
            .iter()
            .all(|(_, s)| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{results:?}"
    );
    let stats = app
        .vulyk()
        .user_stats(&user.id, "tagging_task")
        .await
        .unwrap();
    assert_eq!(stats.total, accepted as u64);
    stop(&mut running).await;
}
