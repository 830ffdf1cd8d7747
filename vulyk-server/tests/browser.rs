//! A volunteer in headless Chromium (driven through chromedriver): signs up, opens the tagging
//! task, tags every word and saves, gets the next task, skips one, finds themselves on the
//! leaderboard; then digitises a declaration. And a gold task whose type shows feedback: the
//! expected answer appears beside the volunteer's, as text.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use vulyk_server::i18n::Language;

const WAIT: Duration = Duration::from_secs(20);

fn find_binary(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// chromium and chromedriver. The test is ignored unless asked for, so a run that asks for it
/// without them fails.
fn browser_binaries() -> (PathBuf, PathBuf) {
    let chromium = find_binary(
        "VULYK_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let driver = find_binary("VULYK_CHROMEDRIVER", &["chromedriver"]);
    match (chromium, driver) {
        (Some(chromium), Some(driver)) => (chromium, driver),
        _ => {
            panic!("chromium and chromedriver are missing: scripts/browser-test-deps installs them")
        }
    }
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start_driver(driver: &PathBuf) -> (Driver, String) {
    let port = vulyk_testkit::free_port();
    // Wrapped at once, so that the driver is stopped on every path, panics included.
    let driver = Driver(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{url}/status")).await.is_ok() {
            return (driver, url);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

async fn open_browser(chromium: &PathBuf, driver_url: &str, profile: &std::path::Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=uk",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(driver_url)
        .await
        .expect("WebDriver session")
}

async fn text_of(browser: &Client, css: &str) -> String {
    browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

/// The element's text now, or `None` while it is missing — or gone from under the read, as
/// when a form's submission replaces the page between finding the element and reading it.
async fn current_text(browser: &Client, css: &str) -> Option<String> {
    let element = browser.find(Locator::Css(css)).await.ok()?;
    element.text().await.ok()
}

/// Waits until the task area shows a task other than `previous`; returns its id.
async fn wait_for_task(browser: &Client, previous: Option<&str>) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let id = browser.find(Locator::Css("#task-area.has-task")).await.ok();
        if let Some(area) = id
            && let Ok(Some(id)) = area.attr("data-task-id").await
            && Some(id.as_str()) != previous
        {
            return id;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no new task within {WAIT:?}; message: {}",
            text_of(browser, "#task-message").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn wait_for_text_containing(browser: &Client, css: &str, parts: &[&str]) {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let text = current_text(browser, css).await.unwrap_or_default();
        if parts.iter().all(|p| text.contains(p)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} never held {parts:?} (it is {text:?})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn wait_for_text(browser: &Client, css: &str, expected: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    while current_text(browser, css).await.as_deref() != Some(expected) {
        assert!(
            std::time::Instant::now() < deadline,
            "{css} never became {expected:?} (it is {:?})",
            current_text(browser, css).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the declaration's scan is a picture the browser has decoded from the plugin's
/// static folder (a broken image has no natural width).
async fn wait_for_scan(browser: &Client) {
    const LOADED: &str = "const img = document.querySelector('img.scan'); \
        return img && !img.hidden && img.complete && img.naturalWidth > 0 ? img.src : null;";
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let src = browser
            .execute(LOADED, vec![])
            .await
            .expect("the page runs the script");
        if let Some(src) = src.as_str() {
            assert!(
                src.contains("/plugins/declaration_task/static/scans/") && src.ends_with(".svg"),
                "{src}"
            );
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the scan never loaded"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver"]
async fn a_volunteer_tags_skips_and_finds_themselves_on_the_leaderboard() {
    let (chromium, driver) = browser_binaries();
    let app = common::TestApp::sqlite().await.with_tagging_tasks().await;
    let declarations = common::fixtures().join("tasks/declaration_task/part-1.jsonl");
    let mut request = vulyk_core::service::LoadRequest::new(
        "declaration_task",
        vec![declarations.to_string_lossy().into_owned()],
    );
    request.batch = Some("declarations".into());
    app.vulyk()
        .load(request, &|_| {})
        .await
        .expect("load declarations");
    // Rewards for declarations (a gamified type): a badge for the first one, and a fund.
    let first = vulyk_core::gamification::parse_rules(
        "rule",
        r#"{"name": "First declaration", "badge": "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
            "description": "Your first declaration", "tasks_number": 1, "bonus": 5,
            "task_type_name": "declaration_task"}"#,
    )
    .expect("rule");
    app.vulyk().add_rule(&first[0]).await.expect("add rule");
    let fund = vulyk_core::gamification::Fund {
        id: "library".into(),
        name: "Village library".into(),
        description: "Books".into(),
        site: None,
        email: None,
        donatable: true,
        has_logo: false,
    };
    app.vulyk().add_fund(&fund, None).await.expect("add fund");

    let base = format!("http://{}", common::serve_site(app.state.clone()).await);

    let (_driver, driver_url) = start_driver(&driver).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&chromium, &driver_url, profile.path()).await;
    let mut outcome = volunteer_session(&browser, &base).await;
    if outcome.is_ok() {
        outcome = rewards_and_a_donation(&browser, &base, &app).await;
    }
    browser.close().await.ok();
    outcome.expect("the volunteer's session");
}

/// A plugin written for the original Vulyk (`fixtures/original-package`, imported: jQuery
/// events on document.body, the original's element ids, a Handlebars template compiled in the
/// browser) runs unchanged: it shows its tasks, saves an answer, skips.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver"]
async fn a_plugin_written_for_the_original_runs_unchanged() {
    let (chromium, driver) = browser_binaries();
    let app = common::TestApp::original_plugins().await;
    let base = format!("http://{}", common::serve_site(app.state.clone()).await);
    let (_driver, driver_url) = start_driver(&driver).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&chromium, &driver_url, profile.path()).await;
    let outcome = review_session(&browser, &base).await;
    browser.close().await.ok();
    let sentence = outcome.expect("the volunteer's session");

    // The answer the plugin's callback gave is the one stored.
    let mut request = vulyk_core::service::ExportRequest::new("review_task");
    request.include_open = true;
    let mut exported = Vec::new();
    app.vulyk()
        .export(&request, &mut exported, "memory", &|_| {})
        .await
        .expect("export");
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&exported)
        .lines()
        .flat_map(|line| {
            let answers: Vec<serde_json::Value> = serde_json::from_str(line).expect("JSON line");
            answers
        })
        .collect();
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers[0]["task"]["data"]["sentence"], json!(sentence));
    assert_eq!(answers[0]["answer"], json!({"verdict": "wrong"}));
}

/// Signs up, answers the first sentence "wrong", skips the next; returns the sentence answered.
async fn review_session(
    browser: &Client,
    base: &str,
) -> Result<String, fantoccini::error::CmdError> {
    sign_up_and_open(browser, base, "olha@example.org", "review_task").await?;

    // The plugin's template, compiled by Handlebars, shows the task the bridge's "vulyk.next"
    // carried; the bridge fills the original's #user-stats.
    let first = wait_for_sentence(browser, None).await;
    wait_for_text(browser, "#user-stats dd", "0").await;
    let task = browser
        .find(Locator::Id("review-out"))
        .await?
        .attr("data-task")
        .await?
        .unwrap_or_default();
    assert!(
        task.len() == 20 && task.bytes().all(|b| b.is_ascii_hexdigit()),
        "Vulyk.State.task_id: {task:?}"
    );
    // Without a choice the plugin sends nothing, and the buttons stay usable.
    browser
        .find(Locator::Id("save-button"))
        .await?
        .click()
        .await?;
    wait_for_present(browser, "#review-out.incomplete").await;
    browser
        .find(Locator::Css("input[name=verdict][value=wrong]"))
        .await?
        .click()
        .await?;
    browser
        .find(Locator::Id("save-button"))
        .await?
        .click()
        .await?;
    let second = wait_for_sentence(browser, Some(&first)).await;
    wait_for_text(browser, "#user-stats dd", "1").await;
    browser
        .find(Locator::Id("skip-button"))
        .await?
        .click()
        .await?;
    let third = wait_for_sentence(browser, Some(&second)).await;
    assert_ne!(third, first, "an answered task came back");
    Ok(first)
}

/// Signs a new volunteer up and opens the task page of `task_type` from the index.
async fn sign_up_and_open(
    browser: &Client,
    base: &str,
    email: &str,
    task_type: &str,
) -> Result<(), fantoccini::error::CmdError> {
    browser.goto(&format!("{base}/signup")).await?;
    browser
        .find(Locator::Css("input[name=email]"))
        .await?
        .send_keys(email)
        .await?;
    browser
        .find(Locator::Css("input[name=password]"))
        .await?
        .send_keys(common::PASSWORD)
        .await?;
    browser
        .find(Locator::Css("form.account button"))
        .await?
        .click()
        .await?;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("a[href='/type/{task_type}/']")))
        .await?
        .click()
        .await?;
    Ok(())
}

/// Waits until the plugin shows a sentence other than `previous`; returns it.
async fn wait_for_sentence(browser: &Client, previous: Option<&str>) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        if let Some(text) = current_text(browser, "#review-out .sentence").await
            && !text.is_empty()
            && Some(text.as_str()) != previous
        {
            return text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no new sentence within {WAIT:?}; message: {:?}",
            current_text(browser, "#task-message").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn wait_for_present(browser: &Client, css: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    while browser.find(Locator::Css(css)).await.is_err() {
        assert!(std::time::Instant::now() < deadline, "{css} never appeared");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn volunteer_session(
    browser: &Client,
    base: &str,
) -> Result<(), fantoccini::error::CmdError> {
    sign_up_and_open(browser, base, "oksana@example.org", "tagging_task").await?;

    // Tag every word and save.
    let first = wait_for_task(browser, None).await;
    assert_eq!(text_of(browser, "#stats-total").await, "0");
    assert_eq!(
        text_of(browser, "#stats-position").await,
        "–",
        "no place yet"
    );
    for select in browser
        .find_all(Locator::Css("#current_task select"))
        .await?
    {
        select.select_by_index(1).await?;
    }
    browser
        .find(Locator::Id("save-task"))
        .await?
        .click()
        .await?;
    let second = wait_for_task(browser, Some(&first)).await;
    wait_for_text(browser, "#stats-total", "1").await;
    wait_for_text(browser, "#stats-position", "1").await;

    // Saving with a word left untagged sends nothing.
    browser
        .find(Locator::Id("save-task"))
        .await?
        .click()
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !browser
            .find_all(Locator::Css("#current_task li.missing"))
            .await?
            .is_empty()
    );
    assert_eq!(text_of(browser, "#stats-total").await, "1");

    browser
        .find(Locator::Id("skip-task"))
        .await?
        .click()
        .await?;
    let third = wait_for_task(browser, Some(&second)).await;
    assert_ne!(third, first);

    browser
        .goto(&format!("{base}/type/tagging_task/leaders"))
        .await?;
    let row = text_of(browser, "table.leaders tbody tr").await;
    assert!(row.contains("oksana") && row.ends_with('1'), "{row:?}");

    // A declaration: its scan, served by the site from the plugin, is shown and has loaded;
    // the form goes as nested JSON.
    browser
        .goto(&format!("{base}/type/declaration_task/"))
        .await?;
    let declaration = wait_for_task(browser, None).await;
    wait_for_scan(browser).await;
    browser
        .find(Locator::Css("[name='general[last_name]']"))
        .await?
        .send_keys("Петренко")
        .await?;
    browser
        .find(Locator::Css("[name='intro[declaration_year]']"))
        .await?
        .send_keys("2013")
        .await?;
    browser
        .find(Locator::Id("save-task"))
        .await?
        .click()
        .await?;
    wait_for_task(browser, Some(&declaration)).await;
    // The thanks stay on screen while the next task comes (not "Loading…", not nothing).
    wait_for_one_of(browser, "#task-message", "thanks").await;
    wait_for_text(browser, "#stats-total", "1").await;
    // The answer reached level 1 and earned the badge: the page says so.
    wait_for_text_containing(browser, "#reward-notice", &[": 1", "First declaration"]).await;
    Ok(())
}

/// After the declaration: the task page told of the level and the badge; the personal page
/// shows them; coins become actual when the batch closes and go to a fund through the form.
async fn rewards_and_a_donation(
    browser: &Client,
    base: &str,
    app: &common::TestApp,
) -> Result<(), fantoccini::error::CmdError> {
    browser
        .goto(&format!("{base}/type/declaration_task/"))
        .await?;
    let declaration = wait_for_task(browser, None).await;
    browser
        .find(Locator::Css("[name='general[last_name]']"))
        .await?
        .send_keys("Іваненко")
        .await?;
    browser
        .find(Locator::Id("save-task"))
        .await?
        .click()
        .await?;
    wait_for_task(browser, Some(&declaration)).await;
    // The first declaration (saved in volunteer_session) earned the badge; this page shows
    // what the second earned: nothing new, so the notice stays hidden.
    browser.goto(&format!("{base}/me")).await?;
    assert_eq!(text_of(browser, "#points").await, "7");
    assert_eq!(text_of(browser, "#potential-coins").await, "2");
    assert_eq!(text_of(browser, "#actual-coins").await, "0");
    assert!(
        text_of(browser, "ul.badges")
            .await
            .contains("First declaration")
    );
    // Helpers finish the batch; the task the volunteer's page holds is answered as they
    // would: the coins become actual.
    let vulyk = app.vulyk();
    common::helpers_finish(vulyk, "declaration_task").await;
    let oksana = vulyk
        .user(&"oksana@example.org".into())
        .await
        .expect("volunteer");
    let held = vulyk
        .next_task(&oksana, "declaration_task")
        .await
        .expect("next")
        .expect("the task the page holds");
    vulyk
        .answer(
            &oksana,
            "declaration_task",
            &held.id,
            &serde_json::json!({}),
        )
        .await
        .expect("answer");
    assert!(vulyk.batch("declarations").await.expect("batch").closed);
    browser.goto(&format!("{base}/me")).await?;
    assert_eq!(text_of(browser, "#actual-coins").await, "3");
    browser
        .find(Locator::Css("form.donate input[name=amount]"))
        .await?
        .send_keys("1.5")
        .await?;
    browser
        .find(Locator::Css("form.donate button"))
        .await?
        .click()
        .await?;
    wait_for_text(browser, "#actual-coins", "1.5").await;
    let donations = text_of(browser, "table.donations").await;
    assert!(
        donations.contains("Village library") && donations.contains("1.5"),
        "{donations}"
    );
    assert!(browser.find(Locator::Css("p.notice.ok")).await.is_ok());

    // A refusal is said in the page's language: a new password ends her sessions, and the
    // skip that follows is refused with the words for it, not the API's English.
    browser.goto(&format!("{base}/type/tagging_task/")).await?;
    wait_for_task(browser, None).await;
    vulyk
        .set_password(&"oksana@example.org".into(), "another-password-9")
        .await
        .expect("a new password");
    browser
        .find(Locator::Id("skip-task"))
        .await?
        .click()
        .await?;
    wait_for_one_of(browser, "#task-message", "error_401").await;
    Ok(())
}

/// Waits until `css` says the interface string `key` in either language.
async fn wait_for_one_of(browser: &Client, css: &str, key: &str) {
    let said = [Language::Uk, Language::En].map(|language| language.text(key));
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let message = text_of(browser, css).await;
        if said.contains(&message.as_str()) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} said {message:?}, not {key}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A gold task in a type that shows feedback: after saving it, the page shows the expected
/// answer beside the volunteer's, as text, with how many words they tagged right.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver"]
async fn a_gold_task_shows_the_expected_answer_beside_the_volunteers() {
    let (chromium, driver) = browser_binaries();
    let quality = "[quality]\ngold_share_new = 1.0\ngold_warmup = 5\ngold_feedback = true\n";
    let app = common::TestApp::with_manifest_extra(false, "tagging_task", quality)
        .await
        .with_tagging_tasks()
        .await;
    // The first example sentence, marked so that it is not one of the ordinary tasks, with
    // an expected answer whose tags no option gives — and markup, which must stay text.
    let example =
        std::fs::read_to_string(common::fixtures().join("tasks/tagging_task/part-1.jsonl"))
            .expect("examples");
    let mut task: serde_json::Value =
        serde_json::from_str(example.lines().next().expect("a line")).expect("JSON");
    task["gold"] = json!(true);
    let words = task["sentence"].as_array().expect("sentence").len();
    let expected: Vec<serde_json::Value> = task["sentence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| json!({"word": entry[0], "tags": "<b>expected</b>"}))
        .collect();
    let line = json!({"task": task, "answer": {"sentence": expected}}).to_string();
    let file = app.dir.path().join("gold.jsonl");
    std::fs::write(&file, line).expect("gold file");
    app.vulyk()
        .load_gold("tagging_task", &[file.to_string_lossy().into_owned()], None)
        .await
        .expect("load gold");

    let base = format!("http://{}", common::serve_site(app.state.clone()).await);
    let (_driver, driver_url) = start_driver(&driver).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&chromium, &driver_url, profile.path()).await;
    let outcome = async {
        sign_up_and_open(&browser, &base, "hanna@example.org", "tagging_task").await?;
        let first = wait_for_task(&browser, None).await;
        assert!(
            browser
                .find(Locator::Css("#gold-feedback[hidden]"))
                .await
                .is_ok(),
            "no feedback before an answer"
        );
        for select in browser
            .find_all(Locator::Css("#current_task select"))
            .await?
        {
            select.select_by_index(1).await?;
        }
        browser
            .find(Locator::Id("save-task"))
            .await?
            .click()
            .await?;
        wait_for_task(&browser, Some(&first)).await;
        let right = format!("0 / {words}");
        wait_for_text_containing(&browser, "#gold-summary", &[&right]).await;
        wait_for_text_containing(&browser, "#gold-expected", &["<b>expected</b>"]).await;
        let given = text_of(&browser, "#gold-given").await;
        assert!(
            given.contains("\"tags\"") && !given.contains("expected"),
            "{given}"
        );
        // Markup in an answer is shown, never made into elements.
        assert!(
            browser
                .find(Locator::Css("#gold-expected b"))
                .await
                .is_err()
        );
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    outcome.expect("the volunteer's session");
    let user = app
        .vulyk()
        .user(&vulyk_core::service::UserRef("hanna@example.org".into()))
        .await
        .expect("user");
    let score = app
        .vulyk()
        .gold_score(&user, "tagging_task")
        .await
        .expect("score");
    assert_eq!((score.answers, score.correct), (1, 0));
}
