//! The audit log on every backend: an operator's changes are recorded with who made them and
//! what changed, newest first; a refused change and the site's volunteers leave no entry; no
//! entry holds a secret.

use chrono::Duration;
use vulyk_core::Error;
use vulyk_core::domain::AuditEntry;
use vulyk_core::fixture::Fixture;
use vulyk_core::service::{AuditQuery, Clock, Operator, UserRef, Vulyk};

fn operator(f: &Fixture, user: &str, via: &str) -> Vulyk {
    f.vulyk.clone().with_operator(Operator {
        via: via.to_string(),
        user: user.to_string(),
        host: "box".to_string(),
    })
}

async fn entries(f: &Fixture, query: AuditQuery) -> Vec<AuditEntry> {
    f.vulyk.audit_log(&query).await.unwrap()
}

fn everything() -> AuditQuery {
    AuditQuery {
        since: None,
        user: None,
        limit: 1_000,
    }
}

fn actions(entries: &[AuditEntry]) -> Vec<(&str, &str)> {
    entries
        .iter()
        .map(|e| (e.action.as_str(), e.target.as_str()))
        .collect()
}

pub async fn operators_changes_are_recorded_newest_first(f: &Fixture) {
    let alice = operator(f, "alice", "cli");
    let bob = operator(f, "bob", "console");
    alice.init(&["fake_task".to_string()]).await.unwrap();
    f.clock.advance(Duration::seconds(1));
    let started = f.clock.now();
    alice
        .add_user("ann", "ann@example.org", "", false)
        .await
        .unwrap();
    bob.add_group("editors", "").await.unwrap();
    bob.add_group_type("editors", "fake_task").await.unwrap();
    f.clock.advance(Duration::seconds(1));
    bob.assign("editors", &UserRef::from("ann")).await.unwrap();
    alice.set_admin(&UserRef::from("ann"), true).await.unwrap();
    let all = entries(f, everything()).await;
    assert_eq!(
        actions(&all),
        [
            ("admin add", "ann"),
            ("group assign", "editors"),
            ("group addtype", "editors"),
            ("group add", "editors"),
            ("user add", "ann"),
            ("init", "default"),
        ],
        "newest first, the later of two at one time first"
    );
    let admin = &all[0];
    assert_eq!(
        (admin.via.as_str(), admin.user.as_str(), admin.host.as_str()),
        ("cli", "alice", "box")
    );
    assert_eq!(admin.change, "admin: false → true");
    assert_eq!(all[1].change, "+ ann");
    assert_eq!(all[1].via, "console");
    assert_eq!(all[5].change, "types: none → fake_task; 0 users joined");
    let by_bob = entries(
        f,
        AuditQuery {
            user: Some("bob".into()),
            ..everything()
        },
    )
    .await;
    assert_eq!(by_bob.len(), 3);
    assert!(by_bob.iter().all(|e| e.user == "bob"));
    let since = entries(
        f,
        AuditQuery {
            since: Some(started),
            ..everything()
        },
    )
    .await;
    assert_eq!(since.len(), 5, "the init before is left out");
    let latest = entries(
        f,
        AuditQuery {
            limit: 2,
            ..everything()
        },
    )
    .await;
    assert_eq!(actions(&latest), actions(&all[..2]));
    let none = AuditQuery {
        limit: 0,
        ..everything()
    };
    assert!(
        entries(f, none).await.is_empty(),
        "a limit of 0 is 0 entries"
    );
    // What changes nothing records nothing: the same init, an admin made admin again.
    alice.init(&["fake_task".to_string()]).await.unwrap();
    alice.set_admin(&UserRef::from("ann"), true).await.unwrap();
    bob.assign("editors", &UserRef::from("ann")).await.unwrap();
    assert_eq!(entries(f, everything()).await.len(), all.len());
}

pub async fn refused_changes_and_the_site_leave_no_entry(f: &Fixture) {
    let alice = operator(f, "alice", "cli");
    alice.init(&["fake_task".to_string()]).await.unwrap();
    let refused = alice.add_group("default", "").await.unwrap_err();
    assert!(matches!(refused, Error::Conflict(_)), "{refused:?}");
    let unknown = alice.delete_group("nope").await.unwrap_err();
    assert!(matches!(unknown, Error::NotFound { .. }), "{unknown:?}");
    // The site's instance has no operator: a volunteer signing up is no operator's change.
    f.vulyk
        .add_user("ann", "ann@example.org", "", false)
        .await
        .unwrap();
    assert_eq!(
        actions(&entries(f, everything()).await),
        [("init", "default")]
    );
}

pub async fn no_entry_holds_a_secret(f: &Fixture) {
    let alice = operator(f, "alice", "cli");
    alice.init(&["fake_task".to_string()]).await.unwrap();
    alice
        .add_user("ann", "ann@example.org", "", false)
        .await
        .unwrap();
    let password = "correct horse battery staple";
    alice
        .set_password(&UserRef::from("ann"), password)
        .await
        .unwrap();
    let (token, secret) = alice
        .create_api_token(&UserRef::from("ann"), "nightly")
        .await
        .unwrap();
    alice
        .revoke_api_token(&UserRef::from("ann"), &token.id)
        .await
        .unwrap();
    let all = entries(f, everything()).await;
    assert_eq!(
        actions(&all)[..3],
        [
            ("user token revoke", "ann"),
            ("user token create", "ann"),
            ("user passwd", "ann")
        ]
    );
    assert!(all[1].change.contains(&token.id) && all[1].change.contains("nightly"));
    for entry in &all {
        let text = format!("{entry:?}");
        assert!(!text.contains(password), "{text}");
        assert!(!text.contains(&secret), "{text}");
        assert!(!text.contains(&token.hash), "{text}");
    }
}
