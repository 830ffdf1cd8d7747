//! The gamification API (`/gamification/…`, spec 7.4) in-process, on both backends: what a
//! volunteer earns through the site, funds and logos, donations and their refusals.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, fixtures};
use serde_json::json;
use vulyk_core::gamification::{Fund, Logo, Rule};
use vulyk_core::service::LoadRequest;

on_both_backends!(
    badges_and_funds_are_public,
    answers_earn_points_coins_and_badges_shown_as_events,
    donations_spend_actual_coins_with_the_original_outcomes,
    personal_routes_need_sign_in_and_errors_are_json,
    the_personal_page_shows_rewards_and_takes_donations,
);

/// The example fund logo of `fixtures/`.
fn png() -> Vec<u8> {
    include_bytes!("../../fixtures/fund-logo.png").to_vec()
}

fn rule(id: &str, tasks: u32, bonus: u32, task_type: Option<&str>) -> Rule {
    Rule {
        id: id.into(),
        task_type: task_type.map(str::to_string),
        badge: format!("/static/{id}.png"),
        name: format!("Rule {id}"),
        description: "d".into(),
        bonus,
        tasks_number: tasks,
        days_number: 0,
        is_weekend: false,
        is_adjacent: false,
    }
}

fn fund(id: &str, donatable: bool) -> Fund {
    Fund {
        id: id.into(),
        name: format!("Fund {id}"),
        description: "helps".into(),
        site: Some("https://fund.example".into()),
        email: None,
        donatable,
        has_logo: false,
    }
}

/// Declaration tasks (gamified; redundancy 3) in batch `decl`, paying `coins` each.
async fn with_declarations(app: &TestApp, coins: &str) {
    let file = fixtures().join("tasks/declaration_task/part-1.jsonl");
    let mut request = LoadRequest::new(
        "declaration_task",
        vec![file.to_string_lossy().into_owned()],
    );
    request.batch = Some("decl".into());
    request.meta = vec![("coins_per_task".into(), coins.into())];
    app.vulyk().load(request, &|_| {}).await.expect("load");
}

async fn badges_and_funds_are_public(app: TestApp) {
    let vulyk = app.vulyk();
    vulyk.add_rule(&rule("all", 1, 0, None)).await.unwrap();
    vulyk
        .add_rule(&rule("decl", 5, 0, Some("declaration_task")))
        .await
        .unwrap();
    vulyk
        .add_rule(&rule("tag", 5, 0, Some("tagging_task")))
        .await
        .unwrap();
    let logo = Logo::from_bytes(png(), "logo.png").unwrap();
    vulyk
        .add_fund(&fund("open", true), Some(&logo))
        .await
        .unwrap();
    vulyk.add_fund(&fund("shut", false), None).await.unwrap();
    let anyone = app.anonymous();

    let all = anyone.get("/gamification/badges").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.json()["result"]["badges"].as_array().unwrap().len(), 3);
    let strict = anyone
        .get("/gamification/badges/declaration_task/strict")
        .await
        .json();
    let ids: Vec<&str> = strict["result"]["badges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["decl"]);
    assert_eq!(
        strict["result"]["badges"][0]["task_type_name"],
        "declaration_task"
    );
    let weak = anyone
        .get("/gamification/badges/declaration_task/weak")
        .await
        .json();
    assert_eq!(weak["result"]["badges"].as_array().unwrap().len(), 2);
    let bad = anyone
        .get("/gamification/badges/declaration_task/loose")
        .await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
    assert!(bad.error().contains("strict or weak"), "{}", bad.body);

    let funds = anyone.get("/gamification/funds").await.json();
    assert_eq!(
        funds["result"]["funds"][0],
        json!({"id": "open", "name": "Fund open", "description": "helps",
               "site": "https://fund.example", "email": null, "donatable": true,
               "logo": "/gamification/funds/open/logo"})
    );
    let donatable = anyone.get("/gamification/funds/donatable").await.json();
    assert_eq!(donatable["result"]["funds"].as_array().unwrap().len(), 1);
    let other = anyone.get("/gamification/funds/nondonatable").await.json();
    assert_eq!(other["result"]["funds"][0]["id"], "shut");
    assert_eq!(
        anyone.get("/gamification/funds/sideways").await.status,
        StatusCode::NOT_FOUND
    );

    let image = anyone.get("/gamification/funds/open/logo").await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.header("content-type"), Some("image/png"));
    let missing = anyone.get("/gamification/funds/shut/logo").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.json()["errors"][0]
            .as_str()
            .unwrap()
            .contains("shut")
    );
}

async fn answers_earn_points_coins_and_badges_shown_as_events(app: TestApp) {
    with_declarations(&app, "2.5").await;
    app.vulyk()
        .add_rule(&rule("first", 1, 10, None))
        .await
        .unwrap();
    let (_, olena) = app.volunteer("olena@example.org").await;
    for _ in 0..2 {
        let task = olena.next_task("declaration_task").await;
        let done = olena
            .post_json(
                &format!("/type/declaration_task/done/{task}"),
                &json!({"result": {"name": "x"}}),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }
    let state = olena.get("/gamification/users/me/state").await;
    assert_eq!(state.status, StatusCode::OK);
    let state = &state.json()["result"]["state"];
    assert_eq!(state["user"], "olena@example.org");
    assert_eq!(
        (state["points"].clone(), state["level"].clone()),
        (json!(12), json!(1))
    );
    assert_eq!(
        (
            state["potential_coins"].clone(),
            state["actual_coins"].clone()
        ),
        (json!(5), json!(0))
    );
    assert_eq!(state["achievements"][0]["id"], "first");
    assert!(
        state["last_changed"].as_str().unwrap().contains('.'),
        "DD.MM.YYYY"
    );

    let unseen = olena.get("/gamification/events/unseen").await.json();
    let events = unseen["result"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["points_given"], json!(11));
    assert_eq!(events[0]["coins"], json!(2.5));
    assert_eq!(events[0]["level_given"], json!(1));
    assert_eq!(events[0]["achievements"][0]["name"], "Rule first");
    assert_eq!(events[0]["kind"], "achievements_level");
    assert_eq!(events[1]["level_given"], json!(null));
    assert!(events.iter().all(|e| e.get("answer").is_none()));

    // Marking viewed is a POST (with the CSRF token); a GET is refused.
    let get = olena.get("/gamification/events/mark_viewed").await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED);
    let marked = olena
        .post_json("/gamification/events/mark_viewed", &json!({}))
        .await;
    assert_eq!(marked.json()["result"]["marked"], 2);
    assert!(
        olena.get("/gamification/events/unseen").await.json()["result"]["events"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        olena.get("/gamification/events/all").await.json()["result"]["events"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

async fn donations_spend_actual_coins_with_the_original_outcomes(app: TestApp) {
    with_declarations(&app, "10").await;
    app.vulyk()
        .add_fund(&fund("open", true), None)
        .await
        .unwrap();
    app.vulyk()
        .add_fund(&fund("shut", false), None)
        .await
        .unwrap();
    // Three volunteers answer one task: it closes; the batch stays open (more tasks), so
    // coins stay potential until then.
    let mut clients = Vec::new();
    for n in 0..3 {
        clients.push(app.volunteer(&format!("v{n}@example.org")).await);
    }
    let (_, first) = &clients[0];
    let task = first.next_task("declaration_task").await;
    for (_, client) in &clients {
        let done = client
            .post_form(
                &format!("/type/declaration_task/done/{task}"),
                &[("result", "{\"name\": \"n\"}")],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }
    let donate = |amount: &'static str, fund: &'static str| {
        let client = &clients[0].1;
        async move {
            client
                .post_form(
                    "/gamification/donations",
                    &[("fund_id", fund), ("amount", amount)],
                )
                .await
        }
    };
    let beggar = donate("5", "open").await;
    assert_eq!(beggar.status, StatusCode::BAD_REQUEST);
    assert_eq!(beggar.json()["result"], json!({"done": false, "code": 2}));
    assert_eq!(beggar.error(), "Not enough money on your active account");
    // The batch's other tasks done by the operator's volunteers close it: coins become actual.
    let vulyk = app.vulyk();
    common::helpers_finish(vulyk, "declaration_task").await;
    assert!(vulyk.batch("decl").await.unwrap().closed);
    let ok = donate("2.5", "open").await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.json()["result"], json!({"done": true}));
    let stingy = donate("0", "open").await;
    assert_eq!(
        (stingy.status, stingy.error()),
        (StatusCode::BAD_REQUEST, "Wrong amount passed".into())
    );
    let liar = donate("1", "fund.id").await;
    assert_eq!(liar.error(), "Wrong fund ID passed");
    assert_eq!(donate("1", "shut").await.error(), "Wrong fund ID passed");
    let words = donate("lots", "open").await;
    assert_eq!(words.status, StatusCode::BAD_REQUEST);
    assert!(words.error().starts_with("amount:"), "{}", words.body);
    let json_donation = clients[0]
        .1
        .post_json(
            "/gamification/donations",
            &json!({"fund_id": "open", "amount": 7.5}),
        )
        .await;
    assert_eq!(
        json_donation.status,
        StatusCode::OK,
        "{}",
        json_donation.body
    );
    let state = clients[0]
        .1
        .get("/gamification/users/me/state")
        .await
        .json();
    assert_eq!(state["result"]["state"]["actual_coins"], json!(0));
    let all = clients[0].1.get("/gamification/events/all").await.json();
    let donation = all["result"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "donation")
        .unwrap()
        .clone();
    assert_eq!(donation["coins"], json!(-2.5));
    assert_eq!(donation["acceptor_fund"]["id"], "open");
    assert_eq!(donation["viewed"], true);
}

async fn personal_routes_need_sign_in_and_errors_are_json(app: TestApp) {
    let anyone = app.anonymous();
    for path in [
        "/gamification/events/unseen",
        "/gamification/events/all",
        "/gamification/users/me/state",
        "/gamification/users/000000000000000000000000/state",
    ] {
        let reply = anyone.get(path).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(reply.json()["errors"].is_array(), "{path}");
    }
    for path in [
        "/gamification/events/mark_viewed",
        "/gamification/donations",
    ] {
        let reply = anyone
            .post_form(path, &[("fund_id", "x"), ("amount", "1")])
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (user, olena) = app.volunteer("olena@example.org").await;
    // Another volunteer's state, for the signed in; a new volunteer's is all zeros.
    let (_, petro) = app.volunteer("petro@example.org").await;
    let theirs = petro
        .get(&format!("/gamification/users/{}/state", user.id))
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_eq!(theirs.json()["result"]["state"]["points"], json!(0));
    // Others see the name the leaderboard shows, never the e-mail address (ids are easy to
    // guess); one's own state keeps the full username.
    assert_eq!(theirs.json()["result"]["state"]["user"], "olena");
    assert!(!theirs.body.contains("example.org"), "{}", theirs.body);
    let mine = olena.get("/gamification/users/me/state").await;
    assert_eq!(mine.json()["result"]["state"]["user"], "olena@example.org");
    let unknown = olena
        .get("/gamification/users/ffffffffffffffffffffffff/state")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // A donation without the CSRF token (a cross-site form) is refused.
    let mut forged = app.anonymous();
    forged.session = olena.session.clone();
    forged.token = None;
    let reply = forged
        .post_form(
            "/gamification/donations",
            &[("fund_id", "x"), ("amount", "1")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let missing = olena
        .post_form("/gamification/donations", &[("amount", "1")])
        .await;
    assert_eq!(
        (missing.status, missing.error()),
        (StatusCode::BAD_REQUEST, "fund_id: missing".into())
    );
    // A wrong method (without ambient credentials, which the CSRF check would refuse first).
    let wrong_method = anyone
        .request(Method::DELETE, "/gamification/funds")
        .body(axum::body::Body::empty())
        .unwrap();
    let reply = app.send(wrong_method).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(reply.json()["errors"].is_array());
}

async fn the_personal_page_shows_rewards_and_takes_donations(app: TestApp) {
    with_declarations(&app, "2.5").await;
    let vulyk = app.vulyk();
    vulyk.add_rule(&rule("first", 1, 10, None)).await.unwrap();
    vulyk.add_fund(&fund("open", true), None).await.unwrap();
    let (_, olena) = app.volunteer("olena@example.org").await;
    // Numbers with their nouns in the forms Ukrainian asks for, and no place before an answer.
    let index = olena.get("/").await.body;
    assert!(
        index.contains("1 бал,")
            && index.contains("2.5 монети")
            && index.contains("ваші: 0 відповідей"),
        "{index}"
    );
    assert!(!index.contains("місце"), "{index}");
    let task = olena.next_task("declaration_task").await;
    let done = olena
        .post_form(
            &format!("/type/declaration_task/done/{task}"),
            &[("result", "{\"name\": \"x\"}")],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    let index = olena.get("/").await.body;
    assert!(index.contains("ваші: 1 відповідь · місце 1"), "{index}");
    let page = olena.get("/me").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(r#"<dd id="points">11</dd>"#),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"<dd id="potential-coins">2.5</dd>"#));
    assert!(page.body.contains(r#"<dd id="actual-coins">0</dd>"#));
    // (minijinja escapes `/` in attributes as `&#x2f;`, which browsers read back.)
    assert!(page.body.contains("Rule first") && page.body.contains("first.png"));
    assert!(
        page.body
            .contains(r#"<option value="open">Fund open</option>"#)
    );
    // Not enough actual coins yet: the page says why, nothing is taken.
    let refused = olena
        .post_form("/me/donate", &[("fund_id", "open"), ("amount", "1")])
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(
        refused.header("location"),
        Some("/me?donation=beggar#rewards")
    );
    let page = olena.get("/me?donation=beggar").await;
    assert!(page.body.contains("notice refused"), "{}", page.body);
    // The batch closes (helpers answer the rest): the coins become actual and can be given.
    common::helpers_finish(vulyk, "declaration_task").await;
    let given = olena
        .post_form("/me/donate", &[("fund_id", "open"), ("amount", "1.5")])
        .await;
    assert_eq!(
        given.header("location"),
        Some("/me?donation=success#rewards")
    );
    let page = olena.get("/me?donation=success").await;
    assert!(page.body.contains("notice ok"));
    assert!(
        page.body.contains(r#"<dd id="actual-coins">1</dd>"#),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td>Fund open</td><td>1.5</td>"),
        "{}",
        page.body
    );
    let words = olena
        .post_form("/me/donate", &[("fund_id", "open"), ("amount", "much")])
        .await;
    assert_eq!(
        words.header("location"),
        Some("/me?donation=stingy#rewards")
    );
    // Without the CSRF token the form is refused.
    let mut forged = app.anonymous();
    forged.session = olena.session.clone();
    forged.token = None;
    let reply = forged
        .post_form("/me/donate", &[("fund_id", "open"), ("amount", "1")])
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        vulyk
            .user_state(&olena_id(&app).await)
            .await
            .unwrap()
            .actual_coins
            .to_string(),
        "1"
    );
}

async fn olena_id(app: &TestApp) -> vulyk_core::domain::UserId {
    app.vulyk()
        .user(&"olena@example.org".into())
        .await
        .unwrap()
        .id
}
