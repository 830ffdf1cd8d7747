//! Signing up and in, browser sessions, API tokens and the sign-in limit, on every backend.

use std::sync::Arc;

use chrono::Duration;
use vulyk_core::Error;
use vulyk_core::fixture::Fixture;
use vulyk_core::service::{
    AccountLimits, Clock, ExternalIdentity, MAX_LOGIN_CHARS, SESSION_DAYS, UserRef, Vulyk,
};
use vulyk_core::store::ATTEMPTS_KEPT;

use super::service_cases::init;

const PASSWORD: &str = "correct horse battery";

async fn volunteer(f: &Fixture) -> vulyk_core::domain::User {
    init(f).await;
    f.vulyk
        .sign_up(" Olena@Example.org ", PASSWORD, "Олена")
        .await
        .unwrap()
}

pub async fn sign_up_makes_a_volunteer_who_signs_in(f: &Fixture) {
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

pub async fn sessions_expire_end_and_die_with_a_new_password(f: &Fixture) {
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

/// Limits small enough that a test reaches each with a few password checks.
const SMALL: AccountLimits = AccountLimits {
    attempts_per_account_and_address: 3,
    attempts_per_account: 7,
    attempts_per_address: 6,
    sign_ups_per_address: 3,
    sign_ups: 100,
};

fn limited(f: &Fixture) -> Vulyk {
    f.vulyk.clone().with_account_limits(SMALL)
}

async fn wrong_guess(vulyk: &Vulyk, login: &str, address: &str) -> Error {
    vulyk
        .sign_in(login, "wrong password", address)
        .await
        .unwrap_err()
}

fn retry_after(err: Error) -> u64 {
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
    retry_after_secs
}

pub async fn sign_in_attempts_are_limited_per_account(f: &Fixture) {
    let user = volunteer(f).await;
    let vulyk = limited(f);
    f.vulyk
        .add_user("taras", "taras@example.org", "", false)
        .await
        .unwrap();
    f.vulyk
        .set_password(&UserRef("taras".into()), PASSWORD)
        .await
        .unwrap();
    // A user with a username and an e-mail has one count, whichever the guesser types.
    for i in 0..SMALL.attempts_per_account_and_address {
        let login = if i % 2 == 0 {
            "taras"
        } else {
            "Taras@example.org"
        };
        let err = wrong_guess(&vulyk, login, "10.0.0.1").await;
        assert!(matches!(err, Error::Unauthenticated(_)), "{err:?}");
    }
    for login in ["taras", "taras@example.org"] {
        // The right password does not help now, from that address...
        let err = vulyk.sign_in(login, PASSWORD, "10.0.0.1").await;
        retry_after(err.unwrap_err());
    }
    // ...but the owner, elsewhere, is not locked out.
    vulyk.sign_in("taras", PASSWORD, "192.0.2.7").await.unwrap();

    // Guesses spread over many addresses meet a ceiling for the account.
    let per_address = SMALL.attempts_per_account_and_address;
    let mut guesses = 0;
    'spread: for a in 0.. {
        for _ in 0..per_address {
            if guesses == SMALL.attempts_per_account {
                break 'spread;
            }
            let err = wrong_guess(&vulyk, &user.username, &format!("10.1.0.{a}")).await;
            assert!(matches!(err, Error::Unauthenticated(_)), "{err:?}");
            guesses += 1;
        }
    }
    let err = vulyk
        .sign_in(&user.username, PASSWORD, "10.2.0.1")
        .await
        .unwrap_err();
    // The owner's own browser (one that signed in as them before) is not locked out by it...
    vulyk
        .sign_in_on_device(&user.username, PASSWORD, "10.2.0.2", Some(&user.id))
        .await
        .unwrap();
    // ...nor is the guesser helped by claiming another account's device.
    let taras = f.vulyk.user(&UserRef("taras".into())).await.unwrap();
    let err_other = vulyk
        .sign_in_on_device(
            &user.username,
            "wrong password",
            "10.2.0.3",
            Some(&taras.id),
        )
        .await
        .unwrap_err();
    retry_after(err_other);
    let wait = retry_after(err);
    f.clock.advance(Duration::seconds(wait as i64));
    vulyk
        .sign_in(&user.username, PASSWORD, "10.0.0.2")
        .await
        .unwrap();
    // A success starts its address's count again.
    for _ in 0..per_address - 1 {
        wrong_guess(&vulyk, &user.username, "10.0.0.3").await;
    }
    vulyk
        .sign_in(&user.username, PASSWORD, "10.0.0.3")
        .await
        .unwrap();
    for _ in 0..per_address - 1 {
        wrong_guess(&vulyk, &user.username, "10.0.0.3").await;
    }
    vulyk
        .sign_in(&user.username, PASSWORD, "10.0.0.3")
        .await
        .unwrap();
}

pub async fn sign_in_attempts_are_limited_per_address(f: &Fixture) {
    volunteer(f).await;
    let vulyk = limited(f);
    for i in 0..SMALL.attempts_per_address {
        let err = wrong_guess(&vulyk, &format!("nobody{i}@example.org"), "10.9.0.1").await;
        assert!(matches!(err, Error::Unauthenticated(_)), "{i}: {err:?}");
    }
    let err = vulyk
        .sign_in("olena@example.org", PASSWORD, "10.9.0.1")
        .await
        .unwrap_err();
    retry_after(err);
    vulyk
        .sign_in("olena@example.org", PASSWORD, "10.9.0.2")
        .await
        .unwrap();
    // A login longer than any account's is refused without a count or a hash.
    let long = "x".repeat(MAX_LOGIN_CHARS + 1);
    let err = vulyk.sign_in(&long, PASSWORD, "10.9.0.3").await;
    assert!(matches!(err, Err(Error::Unauthenticated(_))), "{err:?}");
}

pub async fn racing_guesses_from_one_address_are_each_counted(f: &Fixture) {
    volunteer(f).await;
    let racers: Vec<_> = (0..SMALL.attempts_per_address * 4)
        .map(|i| {
            let vulyk = limited(f);
            tokio::spawn(async move {
                vulyk
                    .sign_in(
                        &format!("racer{i}@example.org"),
                        "wrong password",
                        "10.8.0.1",
                    )
                    .await
            })
        })
        .collect();
    let mut checked = 0;
    for racer in racers {
        match racer.await.unwrap() {
            Err(Error::Unauthenticated(_)) => checked += 1,
            Err(Error::Throttled { .. }) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(checked, SMALL.attempts_per_address, "passwords checked");
}

pub async fn sign_ups_are_limited_per_address(f: &Fixture) {
    init(f).await;
    let vulyk = limited(f);
    for i in 0..SMALL.sign_ups_per_address {
        vulyk
            .sign_up_visitor(&format!("v{i}@example.org"), PASSWORD, "", "10.7.0.1")
            .await
            .unwrap();
    }
    let err = vulyk
        .sign_up_visitor("one.more@example.org", PASSWORD, "", "10.7.0.1")
        .await
        .unwrap_err();
    let wait = retry_after(err);
    assert!(
        f.vulyk
            .user(&UserRef("one.more@example.org".into()))
            .await
            .is_err(),
        "not created"
    );
    vulyk
        .sign_up_visitor("elsewhere@example.org", PASSWORD, "", "10.7.0.2")
        .await
        .unwrap();
    f.clock.advance(Duration::seconds(wait as i64));
    vulyk
        .sign_up_visitor("one.more@example.org", PASSWORD, "", "10.7.0.1")
        .await
        .unwrap();
    // A mistake in the form is told before anything is counted.
    let short = vulyk
        .sign_up_visitor("short@example.org", "short", "", "10.7.0.1")
        .await;
    assert!(matches!(short, Err(Error::Invalid(_))), "{short:?}");
}

pub async fn racing_attempts_are_each_counted_once(f: &Fixture) {
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
    f.store.count_attempt("address:y", window).await.unwrap();
    // The next window keeps the earlier ones for a while...
    let next = window + Duration::minutes(15);
    assert_eq!(f.store.count_attempt("account:x", next).await.unwrap(), 1);
    assert_eq!(f.store.attempts("account:x", window).await.unwrap(), 24);
    // ...and a window past the margin forgets them, of every key.
    let later = window + ATTEMPTS_KEPT + Duration::minutes(15);
    assert_eq!(f.store.count_attempt("account:x", later).await.unwrap(), 1);
    assert_eq!(f.store.attempts("account:x", window).await.unwrap(), 0);
    assert_eq!(f.store.attempts("address:y", window).await.unwrap(), 0);
    f.store.clear_attempts("account:x").await.unwrap();
    assert_eq!(f.store.attempts("account:x", later).await.unwrap(), 0);
}

pub async fn api_tokens_sign_in_until_revoked(f: &Fixture) {
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

pub async fn one_time_tokens_are_used_once(f: &Fixture) {
    let issued = f.clock.now();
    assert!(f.vulyk.first_use("state-1", issued).await.unwrap());
    assert!(!f.vulyk.first_use("state-1", issued).await.unwrap());
    assert!(f.vulyk.first_use("state-2", issued).await.unwrap());
    // Ten minutes on, in the next window, a replay is still refused.
    f.clock.advance(Duration::minutes(10));
    f.store
        .count_attempt("other", f.clock.now() + Duration::minutes(15))
        .await
        .unwrap();
    assert!(!f.vulyk.first_use("state-1", issued).await.unwrap());
}

pub async fn external_identities_sign_in_and_link_by_verified_email(f: &Fixture) {
    init(f).await;
    let first = f
        .vulyk
        .sign_in_external(&google("g-1", "Hanna@Example.org", true), false)
        .await
        .unwrap();
    assert_eq!(first.username, "hanna@example.org");
    assert_eq!(first.groups, ["default"]);
    assert_eq!(first.name, "Ганна");
    assert_eq!(first.password_hash, None);
    let again = f
        .vulyk
        .sign_in_external(&google("g-1", "changed@example.org", false), false)
        .await
        .unwrap();
    assert_eq!(again.id, first.id, "the link, not the address, decides");

    // Someone with a password account signs in through a provider: not taken over by an
    // address the provider vouches for, unless the provider is trusted to link by e-mail.
    let olena = volunteer(f).await;
    let err = f
        .vulyk
        .sign_in_external(&google("g-2", "olena@example.org", false), true)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "unverified: {err:?}");
    let err = f
        .vulyk
        .sign_in_external(&google("g-2", "olena@example.org", true), false)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Conflict(m) if m.contains("personal page")),
        "{err:?}"
    );
    assert_eq!(
        f.store.user_by_identity("google", "g-2").await.unwrap(),
        None
    );
    let linked = f
        .vulyk
        .sign_in_external(&google("g-2", "olena@example.org", true), true)
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
    // An admin's account is never taken by its address, trusted provider or not.
    f.vulyk
        .add_user("root", "root@example.org", "", true)
        .await
        .unwrap();
    let err = f
        .vulyk
        .sign_in_external(&google("g-3", "root@example.org", true), true)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "admin: {err:?}");
    // The owner, signed in, links the provider themselves.
    let root = f.vulyk.user(&UserRef("root".into())).await.unwrap();
    f.vulyk
        .link_external(&root, &google("g-3", "root@example.org", true))
        .await
        .unwrap();
    let back = f
        .vulyk
        .sign_in_external(&google("g-3", "whatever@example.org", false), false)
        .await
        .unwrap();
    assert_eq!(back.id, root.id);
    let err = f
        .vulyk
        .link_external(&root, &google("g-2", "olena@example.org", true))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "someone else's: {err:?}");
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

pub async fn racing_first_sign_ins_make_one_user(f: &Fixture) {
    init(f).await;
    let mut racers = Vec::new();
    for _ in 0..8 {
        let vulyk = f.vulyk.clone();
        racers.push(tokio::spawn(async move {
            vulyk
                .sign_in_external(&google("g-9", "new@example.org", true), false)
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
