//! Signing up and in, browser sessions, API tokens and the sign-in limit, on every backend.

use std::sync::Arc;

use chrono::Duration;

use super::Fixture;
use super::service_cases::init;
use crate::Error;
use crate::service::{Clock, ExternalIdentity, MAX_ATTEMPTS_PER_ACCOUNT, SESSION_DAYS, UserRef};

const PASSWORD: &str = "correct horse battery";

async fn volunteer(f: &Fixture) -> crate::domain::User {
    init(f).await;
    f.vulyk
        .sign_up(" Olena@Example.org ", PASSWORD, "Олена")
        .await
        .unwrap()
}

pub(super) async fn sign_up_makes_a_volunteer_who_signs_in(f: &Fixture) {
    let err = f.vulyk.sign_up("a@x.org", PASSWORD, "").await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "before init: {err:?}");
    let user = volunteer(f).await;
    assert_eq!(user.username, "olena@example.org");
    assert_eq!(user.groups, ["default"]);
    assert!(!user.admin);
    let again = f.vulyk.sign_up("OLENA@example.org", PASSWORD, "").await;
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
    let short = f.vulyk.sign_up("b@x.org", "short", "").await;
    assert!(matches!(short, Err(Error::Invalid(_))), "{short:?}");

    let signed_in = f
        .vulyk
        .sign_in("OLENA@example.org", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(signed_in.id, user.id);
    for (login, password) in [
        ("olena@example.org", "wrong password"),
        ("nobody@example.org", PASSWORD),
    ] {
        let err = f
            .vulyk
            .sign_in(login, password, "127.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Unauthenticated(_)), "{login}: {err:?}");
    }
    f.vulyk
        .add_user("ops", "ops@x.org", "", true)
        .await
        .unwrap();
    let no_password = f.vulyk.sign_in("ops", "", "127.0.0.1").await;
    assert!(matches!(no_password, Err(Error::Unauthenticated(_))));
}

pub(super) async fn sessions_expire_end_and_die_with_a_new_password(f: &Fixture) {
    let user = volunteer(f).await;
    let first = f.vulyk.start_session(&user).await.unwrap();
    let second = f.vulyk.start_session(&user).await.unwrap();
    assert_ne!(first, second);
    let found = f.vulyk.session_user(&first).await.unwrap().unwrap();
    assert_eq!(found.id, user.id);
    assert_eq!(f.vulyk.session_user("made-up").await.unwrap(), None);

    f.vulyk.end_session(&first).await.unwrap();
    assert_eq!(f.vulyk.session_user(&first).await.unwrap(), None);
    assert!(f.vulyk.session_user(&second).await.unwrap().is_some());

    f.clock
        .advance(Duration::days(SESSION_DAYS) + Duration::seconds(1));
    assert_eq!(
        f.vulyk.session_user(&second).await.unwrap(),
        None,
        "expired"
    );

    let third = f.vulyk.start_session(&user).await.unwrap();
    assert!(f.vulyk.session_user(&third).await.unwrap().is_some());
    f.vulyk
        .set_password(&UserRef(user.username.clone()), "another good password")
        .await
        .unwrap();
    assert_eq!(f.vulyk.session_user(&third).await.unwrap(), None);
}

pub(super) async fn sign_in_attempts_are_limited_per_account(f: &Fixture) {
    let user = volunteer(f).await;
    for _ in 0..MAX_ATTEMPTS_PER_ACCOUNT {
        let err = f
            .vulyk
            .sign_in(&user.username, "wrong password", "10.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Unauthenticated(_)), "{err:?}");
    }
    // The right password does not help now, from any address.
    let err = f
        .vulyk
        .sign_in(&user.username, PASSWORD, "10.0.0.2")
        .await
        .unwrap_err();
    let Error::Throttled {
        retry_after_secs, ..
    } = err
    else {
        panic!("not throttled: {err:?}");
    };
    assert!(
        (1..=15 * 60).contains(&retry_after_secs),
        "{retry_after_secs}"
    );

    f.clock.advance(Duration::seconds(retry_after_secs as i64));
    f.vulyk
        .sign_in(&user.username, PASSWORD, "10.0.0.2")
        .await
        .unwrap();
    // A success starts the count again.
    for _ in 0..MAX_ATTEMPTS_PER_ACCOUNT - 1 {
        let _ = f.vulyk.sign_in(&user.username, "wrong", "10.0.0.1").await;
    }
    f.vulyk
        .sign_in(&user.username, PASSWORD, "10.0.0.1")
        .await
        .unwrap();
}

pub(super) async fn racing_attempts_are_each_counted_once(f: &Fixture) {
    let window = f.clock.now();
    let mut racers = Vec::new();
    for _ in 0..24 {
        let store = Arc::clone(&f.store);
        racers.push(tokio::spawn(async move {
            store.count_attempt("account:x", window).await.unwrap()
        }));
    }
    let mut counts = Vec::new();
    for racer in racers {
        counts.push(racer.await.unwrap());
    }
    counts.sort_unstable();
    assert_eq!(counts, (1..=24).collect::<Vec<u64>>());
    assert_eq!(f.store.attempts("account:x", window).await.unwrap(), 24);
    // A later window forgets the earlier ones.
    let later = window + Duration::minutes(15);
    assert_eq!(f.store.count_attempt("account:x", later).await.unwrap(), 1);
    assert_eq!(f.store.attempts("account:x", window).await.unwrap(), 0);
    f.store.clear_attempts("account:x").await.unwrap();
    assert_eq!(f.store.attempts("account:x", later).await.unwrap(), 0);
}

pub(super) async fn api_tokens_sign_in_until_revoked(f: &Fixture) {
    let user = volunteer(f).await;
    let who = UserRef(user.username.clone());
    let (token, secret) = f
        .vulyk
        .create_api_token(&who, "export script")
        .await
        .unwrap();
    assert!(secret.starts_with("vlk_"), "{secret}");
    assert!(!secret.contains(&token.id));
    f.clock.advance(Duration::seconds(1));
    let (_, other) = f.vulyk.create_api_token(&who, "").await.unwrap();
    assert_eq!(
        f.vulyk.token_user(&secret).await.unwrap().map(|u| u.id),
        Some(user.id.clone())
    );
    let listed = f.vulyk.api_tokens(&who).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], token);
    assert_ne!(listed[0].hash, secret, "stored hashed");

    f.vulyk.revoke_api_token(&who, &token.id).await.unwrap();
    assert_eq!(f.vulyk.token_user(&secret).await.unwrap(), None);
    assert!(f.vulyk.token_user(&other).await.unwrap().is_some());
    let again = f.vulyk.revoke_api_token(&who, &token.id).await;
    assert!(matches!(again, Err(Error::NotFound { .. })), "{again:?}");
    assert_eq!(f.vulyk.token_user("vlk_made-up").await.unwrap(), None);
    assert_eq!(f.vulyk.token_user("").await.unwrap(), None);

    let session = f.vulyk.start_session(&user).await.unwrap();
    f.vulyk.delete_user(&who).await.unwrap();
    assert_eq!(f.vulyk.token_user(&other).await.unwrap(), None);
    assert_eq!(f.vulyk.session_user(&session).await.unwrap(), None);
    assert!(f.store.api_tokens(&user.id).await.unwrap().is_empty());
}

fn google(subject: &str, email: &str, verified: bool) -> ExternalIdentity {
    ExternalIdentity {
        provider: "google".into(),
        subject: subject.into(),
        email: Some(email.into()),
        email_verified: verified,
        name: "Ганна".into(),
    }
}

pub(super) async fn external_identities_sign_in_and_link_by_verified_email(f: &Fixture) {
    init(f).await;
    let first = f
        .vulyk
        .sign_in_external(&google("g-1", "Hanna@Example.org", true))
        .await
        .unwrap();
    assert_eq!(first.username, "hanna@example.org");
    assert_eq!(first.groups, ["default"]);
    assert_eq!(first.name, "Ганна");
    assert_eq!(first.password_hash, None);
    let again = f
        .vulyk
        .sign_in_external(&google("g-1", "changed@example.org", false))
        .await
        .unwrap();
    assert_eq!(again.id, first.id, "the link, not the address, decides");

    // Someone with a password account signs in through a provider: linked by verified address.
    let olena = volunteer(f).await;
    let err = f
        .vulyk
        .sign_in_external(&google("g-2", "olena@example.org", false))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "unverified: {err:?}");
    let linked = f
        .vulyk
        .sign_in_external(&google("g-2", "olena@example.org", true))
        .await
        .unwrap();
    assert_eq!(linked.id, olena.id);
    assert_eq!(
        f.store
            .user_by_identity("google", "g-2")
            .await
            .unwrap()
            .map(|u| u.id),
        Some(olena.id.clone())
    );
    let taken = f.store.link_identity(&first.id, "google", "g-2").await;
    assert!(matches!(taken, Err(Error::Conflict(_))), "{taken:?}");

    f.vulyk
        .delete_user(&UserRef(olena.username.clone()))
        .await
        .unwrap();
    assert_eq!(
        f.store.user_by_identity("google", "g-2").await.unwrap(),
        None
    );
}

pub(super) async fn racing_first_sign_ins_make_one_user(f: &Fixture) {
    init(f).await;
    let mut racers = Vec::new();
    for _ in 0..8 {
        let vulyk = f.vulyk.clone();
        racers.push(tokio::spawn(async move {
            vulyk
                .sign_in_external(&google("g-9", "new@example.org", true))
                .await
        }));
    }
    let mut ids = Vec::new();
    for racer in racers {
        ids.push(racer.await.unwrap().unwrap().id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let users = f.vulyk.users().await.unwrap();
    assert_eq!(
        users
            .iter()
            .filter(|u| u.email == "new@example.org")
            .count(),
        1
    );
}
