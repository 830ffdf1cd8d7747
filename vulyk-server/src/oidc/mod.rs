//! Sign-in through OpenID Connect providers (authorization code flow with PKCE): the routes
//! in `routes.rs`, the talk with a provider in `client.rs`, and what the browser carries
//! between the two legs in `flow.rs`.
//!
//! `/signin/oidc/{id}` sends the browser to the provider with a fresh `state`, `nonce` and
//! PKCE verifier, kept in a short-lived cookie signed with the secret key (invariant 10);
//! `/signin/oidc/{id}/callback` checks them, uses the flow once (counted in the store),
//! trades the code for tokens at the provider's token endpoint, checks the ID token's issuer,
//! audience, authorized party, expiry and nonce, reads the userinfo (the same `sub`) and
//! signs the volunteer in. `POST /signin/oidc/{id}` from a signed-in browser's personal page
//! links the provider to that account instead: the way for an owner to add one, since an
//! address the provider vouches for links an existing account only where the operator
//! trusts it to (`link_by_email`), and never an admin's.
//!
//! The ID token's signature is not checked: it comes straight from the token endpoint over
//! TLS on the connection we opened (plain HTTP is refused but on loopback), which OpenID
//! Connect Core (3.1.3.7) accepts in place of it.

mod client;
mod flow;
mod routes;

pub use routes::{CallbackQuery, StartQuery, callback, start, start_link};
