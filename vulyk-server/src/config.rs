//! The server's settings: the core's (database, plugins, lease) plus its own, layered as
//! defaults < the `[server]` table of `vulyk.toml` < `VULYK_*` environment < flags.
//! [`ServerConfig::resolve`] is pure, so tests call it directly.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;
use vulyk_core::config::{Config, Environment, FileSection, Layer, layered};
use vulyk_core::service::AccountLimits;
use vulyk_core::{Error, Result};

use crate::i18n::Language;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:5000";
pub const DEFAULT_SITE_NAME: &str = "Vulyk workspace";
pub const DEFAULT_SITE_MOTTO: &str = "Vulyk: crowdsourcing platform";
/// Below the usual limit of 1,024 open files, with room for the store and the log.
pub const DEFAULT_MAX_CONNECTIONS: usize = 768;
/// Room for a classroom behind one address: thirty browsers at four connections each.
pub const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS: usize = 128;
/// The most any of the connection settings may be (a larger one would be a typo, and too
/// large a timeout overflows the clock).
const MAX_CONNECTIONS_SETTING: usize = 1_000_000;
const MAX_HEADER_TIMEOUT_SECS: u64 = 3_600;
pub const DEFAULT_HEADER_TIMEOUT_SECS: u64 = 10;
pub const DEFAULT_WRITE_TIMEOUT_SECS: u64 = 30;

/// How many connections the server holds and for how long it waits for a request on one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Open connections at most; past it new ones wait in the kernel's queue.
    pub max_connections: usize,
    /// Open connections from one address (an IPv6 /64) at most; more are closed at once.
    /// Trusted proxies are exempt.
    pub max_per_address: usize,
    /// A connection that sends no complete request head within this — a slow client, or an
    /// idle keep-alive connection — is closed.
    pub header_timeout: Duration,
    /// A connection whose response makes no progress for this long (its reader stopped
    /// reading) is closed.
    pub write_timeout: Duration,
}

/// What the pages show about the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub name: String,
    pub motto: String,
    /// An image file shown in the header instead of the built-in logo.
    pub logo: Option<PathBuf>,
    /// The interface language when the browser asks for none we have.
    pub language: Language,
    /// Closed: only admins see the pages (the JSON API stays open, as in the original).
    pub closed: bool,
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub core: Config,
    pub listen: SocketAddr,
    /// Signs the CSRF tokens. `None`: a random key made at start-up (fine for one process;
    /// several processes behind one balancer need the same key).
    pub secret_key: Option<SecretString>,
    pub site: Site,
    /// Mark cookies `Secure` (set it when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// The site's address as browsers reach it (`https://vulyk.example.org`), for the
    /// OpenID Connect redirect; required when a provider is configured.
    pub public_url: Option<String>,
    /// OpenID Connect providers volunteers may sign in with.
    pub oidc: Vec<OidcProvider>,
    pub connections: ConnectionLimits,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for the per-address limits).
    pub trusted_proxies: Vec<IpAddr>,
    /// Sign-in and sign-up limits (`[server.limits]`).
    pub account_limits: AccountLimits,
    /// Where Prometheus scrapes `/metrics`: an address apart from the site's, so that the
    /// numbers are never public by accident. `None` (the default): no metrics are kept.
    pub metrics_listen: Option<SocketAddr>,
}

/// `[server.limits]`: each key replaces the default of [`AccountLimits`].
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountLimitsLayer {
    pub sign_in_attempts_per_account_and_address: Option<u64>,
    pub sign_in_attempts_per_account: Option<u64>,
    pub sign_in_attempts_per_address: Option<u64>,
    pub sign_ups_per_address: Option<u64>,
    pub sign_ups: Option<u64>,
}

impl AccountLimitsLayer {
    fn resolve(self) -> Result<AccountLimits> {
        let defaults = AccountLimits::default();
        let pick = |name: &str, value: Option<u64>, default: u64| {
            positive(&format!("limits.{name}"), value.unwrap_or(default))
        };
        Ok(AccountLimits {
            attempts_per_account_and_address: pick(
                "sign_in_attempts_per_account_and_address",
                self.sign_in_attempts_per_account_and_address,
                defaults.attempts_per_account_and_address,
            )?,
            attempts_per_account: pick(
                "sign_in_attempts_per_account",
                self.sign_in_attempts_per_account,
                defaults.attempts_per_account,
            )?,
            attempts_per_address: pick(
                "sign_in_attempts_per_address",
                self.sign_in_attempts_per_address,
                defaults.attempts_per_address,
            )?,
            sign_ups_per_address: pick(
                "sign_ups_per_address",
                self.sign_ups_per_address,
                defaults.sign_ups_per_address,
            )?,
            sign_ups: pick("sign_ups", self.sign_ups, defaults.sign_ups)?,
        })
    }
}

/// An OpenID Connect provider (`[[server.oidc]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcProvider {
    /// Our name for it, in URLs: `/signin/oidc/{id}`.
    pub id: String,
    /// What the sign-in button says.
    pub name: String,
    /// Where `/.well-known/openid-configuration` is found.
    pub issuer: String,
    pub client_id: String,
    /// Also from `VULYK_OIDC_<ID>_CLIENT_SECRET`, so that it need not be in the file.
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Sign a person in to the existing account that has the e-mail address this provider
    /// vouches for. Only for a provider trusted to vouch for addresses it does not host;
    /// never for admins. Off: the owner links the provider from their personal page.
    #[serde(default)]
    pub link_by_email: bool,
}

fn default_scopes() -> Vec<String> {
    ["openid", "email", "profile"].map(String::from).to_vec()
}

/// One layer of the server's own settings; `None` keeps the layer below.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerLayer {
    pub listen: Option<SocketAddr>,
    pub metrics_listen: Option<SocketAddr>,
    pub secret_key: Option<String>,
    pub site_name: Option<String>,
    pub site_motto: Option<String>,
    pub site_logo: Option<PathBuf>,
    pub language: Option<String>,
    pub site_closed: Option<bool>,
    pub secure_cookies: Option<bool>,
    pub public_url: Option<String>,
    pub max_connections: Option<usize>,
    pub max_connections_per_address: Option<usize>,
    pub header_timeout_secs: Option<u64>,
    pub write_timeout_secs: Option<u64>,
    pub trusted_proxies: Option<Vec<IpAddr>>,
    /// Only from the file.
    #[serde(default)]
    pub limits: AccountLimitsLayer,
    /// Only from the file.
    #[serde(default)]
    pub oidc: Vec<OidcProvider>,
}

impl Layer for ServerLayer {
    fn over(self, below: ServerLayer) -> ServerLayer {
        ServerLayer {
            listen: self.listen.or(below.listen),
            metrics_listen: self.metrics_listen.or(below.metrics_listen),
            secret_key: self.secret_key.or(below.secret_key),
            site_name: self.site_name.or(below.site_name),
            site_motto: self.site_motto.or(below.site_motto),
            site_logo: self.site_logo.or(below.site_logo),
            language: self.language.or(below.language),
            site_closed: self.site_closed.or(below.site_closed),
            secure_cookies: self.secure_cookies.or(below.secure_cookies),
            public_url: self.public_url.or(below.public_url),
            max_connections: self.max_connections.or(below.max_connections),
            max_connections_per_address: self
                .max_connections_per_address
                .or(below.max_connections_per_address),
            header_timeout_secs: self.header_timeout_secs.or(below.header_timeout_secs),
            write_timeout_secs: self.write_timeout_secs.or(below.write_timeout_secs),
            trusted_proxies: self.trusted_proxies.or(below.trusted_proxies),
            limits: AccountLimitsLayer {
                sign_in_attempts_per_account_and_address: self
                    .limits
                    .sign_in_attempts_per_account_and_address
                    .or(below.limits.sign_in_attempts_per_account_and_address),
                sign_in_attempts_per_account: self
                    .limits
                    .sign_in_attempts_per_account
                    .or(below.limits.sign_in_attempts_per_account),
                sign_in_attempts_per_address: self
                    .limits
                    .sign_in_attempts_per_address
                    .or(below.limits.sign_in_attempts_per_address),
                sign_ups_per_address: self
                    .limits
                    .sign_ups_per_address
                    .or(below.limits.sign_ups_per_address),
                sign_ups: self.limits.sign_ups.or(below.limits.sign_ups),
            },
            oidc: if self.oidc.is_empty() {
                below.oidc
            } else {
                self.oidc
            },
        }
    }
}

impl ServerLayer {
    fn from_file(section: &FileSection) -> Result<ServerLayer> {
        let mut layer: ServerLayer =
            section.table.clone().try_into().map_err(|e| {
                Error::invalid(format!("{}: [server]: {e}", section.file.display()))
            })?;
        layer.site_logo = layer.site_logo.map(|p| section.base().join(p));
        Ok(layer)
    }

    fn from_env(env: Environment) -> Result<ServerLayer> {
        let whole = "a whole number";
        Ok(ServerLayer {
            max_connections: env.parsed("VULYK_MAX_CONNECTIONS", whole)?,
            max_connections_per_address: env.parsed("VULYK_MAX_CONNECTIONS_PER_ADDRESS", whole)?,
            header_timeout_secs: env.parsed("VULYK_HEADER_TIMEOUT_SECS", whole)?,
            write_timeout_secs: env.parsed("VULYK_WRITE_TIMEOUT_SECS", whole)?,
            trusted_proxies: env.list("VULYK_TRUSTED_PROXIES", "an IP address")?,
            limits: AccountLimitsLayer::default(),
            listen: env.parsed("VULYK_LISTEN", "an address like 127.0.0.1:5000")?,
            metrics_listen: env.parsed("VULYK_METRICS_LISTEN", "an address like 127.0.0.1:9100")?,
            secret_key: env.text("VULYK_SECRET_KEY"),
            site_name: env.text("VULYK_SITE_NAME"),
            site_motto: env.text("VULYK_SITE_MOTTO"),
            site_logo: env.text("VULYK_SITE_LOGO").map(PathBuf::from),
            language: env.text("VULYK_LANGUAGE"),
            site_closed: env.flag("VULYK_SITE_CLOSED")?,
            secure_cookies: env.flag("VULYK_SECURE_COOKIES")?,
            public_url: env.text("VULYK_PUBLIC_URL"),
            oidc: Vec::new(),
        })
    }
}

impl ServerConfig {
    /// Combines the core's resolved settings (which carry the file's `[server]` table) with
    /// the environment and flags.
    pub fn resolve(
        core: Config,
        env: &dyn Fn(&str) -> Option<String>,
        flags: ServerLayer,
    ) -> Result<ServerConfig> {
        let from_file = match &core.server_section {
            Some(section) => ServerLayer::from_file(section)?,
            None => ServerLayer::default(),
        };
        let merged = layered(
            from_file,
            ServerLayer::from_env(Environment::new(env))?,
            flags,
        );
        let language = match merged.language.as_deref() {
            None => Language::Uk,
            Some(code) => Language::from_code(code).ok_or_else(|| {
                Error::invalid(format!("language: `{code}` is not one of uk, en"))
            })?,
        };
        let secret_key = match merged.secret_key {
            Some(key) if key.len() < 16 => {
                return Err(Error::invalid(
                    "secret_key: must be at least 16 characters (use a long random string)",
                ));
            }
            key => key.map(SecretString::from),
        };
        let public_url = merged
            .public_url
            .map(|url| url.trim_end_matches('/').to_string());
        Ok(ServerConfig {
            core,
            listen: merged
                .listen
                .unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("default address")),
            metrics_listen: merged.metrics_listen,
            secret_key,
            site: Site {
                name: merged.site_name.unwrap_or_else(|| DEFAULT_SITE_NAME.into()),
                motto: merged
                    .site_motto
                    .unwrap_or_else(|| DEFAULT_SITE_MOTTO.into()),
                logo: merged.site_logo,
                language,
                closed: merged.site_closed.unwrap_or(false),
            },
            secure_cookies: merged.secure_cookies.unwrap_or(false),
            oidc: providers(merged.oidc, env, public_url.is_some())?,
            public_url,
            connections: ConnectionLimits {
                max_connections: within(
                    "max_connections",
                    merged.max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS),
                    MAX_CONNECTIONS_SETTING,
                )?,
                max_per_address: within(
                    "max_connections_per_address",
                    merged
                        .max_connections_per_address
                        .unwrap_or(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
                    MAX_CONNECTIONS_SETTING,
                )?,
                header_timeout: Duration::from_secs(within(
                    "header_timeout_secs",
                    merged
                        .header_timeout_secs
                        .unwrap_or(DEFAULT_HEADER_TIMEOUT_SECS),
                    MAX_HEADER_TIMEOUT_SECS,
                )?),
                write_timeout: Duration::from_secs(within(
                    "write_timeout_secs",
                    merged
                        .write_timeout_secs
                        .unwrap_or(DEFAULT_WRITE_TIMEOUT_SECS),
                    MAX_HEADER_TIMEOUT_SECS,
                )?),
            },
            trusted_proxies: merged.trusted_proxies.unwrap_or_default(),
            account_limits: merged.limits.resolve()?,
        })
    }
}

/// Whether a URL's host is this machine (parsed as HTTP clients parse it, so
/// `http://127.0.0.1@evil.example` is `evil.example`).
pub(crate) fn is_loopback_url(url: &str) -> bool {
    let parsed = reqwest::Url::parse(url);
    let Some(host) = parsed.as_ref().ok().and_then(reqwest::Url::host_str) else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Plain HTTP only to this machine: the ID token is trusted for the TLS it came over.
pub(crate) fn secure_or_local(url: &str) -> bool {
    url.starts_with("https://") || (url.starts_with("http://") && is_loopback_url(url))
}

fn within<N: PartialOrd + Default + fmt::Display>(name: &str, value: N, most: N) -> Result<N> {
    let value = positive(name, value)?;
    if value > most {
        return Err(Error::invalid(format!("{name}: must be at most {most}")));
    }
    Ok(value)
}

fn positive<N: PartialEq + Default + fmt::Display>(name: &str, value: N) -> Result<N> {
    if value == N::default() {
        return Err(Error::invalid(format!("{name}: must be at least 1")));
    }
    Ok(value)
}

/// Checks the providers and fills in secrets from the environment.
fn providers(
    mut providers: Vec<OidcProvider>,
    env: &dyn Fn(&str) -> Option<String>,
    has_public_url: bool,
) -> Result<Vec<OidcProvider>> {
    // Without it the address providers send browsers back to would come from the request's
    // `Host`, which the client writes.
    if !providers.is_empty() && !has_public_url {
        return Err(Error::invalid(
            "public_url: required when [[server.oidc]] providers are configured \
             (the site's address as browsers reach it, e.g. https://vulyk.example.org)",
        ));
    }
    for (i, provider) in providers.iter_mut().enumerate() {
        let place = format!("[[server.oidc]] #{}", i + 1);
        let id_ok = !provider.id.is_empty()
            && provider
                .id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !id_ok {
            return Err(Error::invalid(format!(
                "{place}: id `{}` must be letters, digits, `-` or `_`",
                provider.id
            )));
        }
        let variable = format!(
            "VULYK_OIDC_{}_CLIENT_SECRET",
            provider.id.to_ascii_uppercase().replace('-', "_")
        );
        if let Some(secret) = Environment::new(env).text(&variable) {
            provider.client_secret = Some(SecretString::from(secret));
        }
        if !(provider.issuer.starts_with("https://") || provider.issuer.starts_with("http://")) {
            return Err(Error::invalid(format!(
                "{place}: issuer `{}` must be an http(s) URL",
                provider.issuer
            )));
        }
        provider.issuer = provider.issuer.trim_end_matches('/').to_string();
        // The ID token is trusted because it comes straight from the provider over TLS
        // (OpenID Connect Core 3.1.3.7): plain HTTP only to this machine.
        if !secure_or_local(&provider.issuer) {
            return Err(Error::invalid(format!(
                "{place}: issuer `{}` must use https (plain http only on this machine)",
                provider.issuer
            )));
        }
    }
    let mut ids: Vec<&str> = providers.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(Error::invalid(format!(
            "[[server.oidc]]: provider id `{}` is used twice",
            pair[0]
        )));
    }
    Ok(providers)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use vulyk_core::config::ConfigLayer;

    use super::*;
    use secrecy::ExposeSecret;
    use vulyk_testkit::environment_of;

    fn core(file: Option<&str>) -> Config {
        let file = file.map(|text| (Path::new("/srv/vulyk/vulyk.toml"), text));
        Config::resolve(file, &environment_of(&[]), ConfigLayer::default()).unwrap()
    }

    #[test]
    fn defaults_apply_with_nothing_set() {
        let config =
            ServerConfig::resolve(core(None), &environment_of(&[]), ServerLayer::default())
                .unwrap();
        assert_eq!(config.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(config.site.name, DEFAULT_SITE_NAME);
        assert_eq!(config.site.language, Language::Uk);
        assert!(!config.site.closed && !config.secure_cookies);
        assert!(config.secret_key.is_none());
        assert_eq!(config.metrics_listen, None, "no metrics unless asked for");
    }

    #[test]
    fn metrics_listen_is_layered_and_checked() {
        let file = "[server]\nmetrics_listen = \"127.0.0.1:9100\"\n";
        let none = environment_of(&[]);
        let config =
            ServerConfig::resolve(core(Some(file)), &none, ServerLayer::default()).unwrap();
        assert_eq!(
            config.metrics_listen,
            Some("127.0.0.1:9100".parse().unwrap())
        );
        let env = environment_of(&[("VULYK_METRICS_LISTEN", "10.0.0.2:9200")]);
        let config = ServerConfig::resolve(core(Some(file)), &env, ServerLayer::default()).unwrap();
        assert_eq!(
            config.metrics_listen,
            Some("10.0.0.2:9200".parse().unwrap())
        );
        let bad = environment_of(&[("VULYK_METRICS_LISTEN", "everywhere")]);
        let refused = ServerConfig::resolve(core(None), &bad, ServerLayer::default()).unwrap_err();
        assert!(
            refused.to_string().contains("VULYK_METRICS_LISTEN"),
            "{refused}"
        );
    }

    #[test]
    fn file_then_environment_then_flags() {
        let file = "db = \"v.db\"\n[server]\nlisten = \"0.0.0.0:8080\"\nsite_name = \"Файл\"\nsite_logo = \"logo.png\"\nlanguage = \"en\"\n";
        let config = ServerConfig::resolve(
            core(Some(file)),
            &environment_of(&[]),
            ServerLayer::default(),
        )
        .unwrap();
        assert_eq!(config.listen.to_string(), "0.0.0.0:8080");
        assert_eq!(config.site.name, "Файл");
        assert_eq!(config.site.logo, Some(PathBuf::from("/srv/vulyk/logo.png")));
        assert_eq!(config.site.language, Language::En);
        assert_eq!(config.core.db, "/srv/vulyk/v.db");

        let env = environment_of(&[
            ("VULYK_LISTEN", "127.0.0.1:9000"),
            ("VULYK_SITE_CLOSED", "true"),
            ("VULYK_SECRET_KEY", "a very long secret key"),
        ]);
        let config = ServerConfig::resolve(core(Some(file)), &env, ServerLayer::default()).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:9000");
        assert!(config.site.closed);
        let flags = ServerLayer {
            listen: Some("127.0.0.1:1".parse().unwrap()),
            ..ServerLayer::default()
        };
        let config = ServerConfig::resolve(core(Some(file)), &env, flags).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:1");
        assert!(
            !format!("{config:?}").contains("very long secret"),
            "secret in Debug"
        );
    }

    #[test]
    fn oidc_providers_come_from_the_file_with_secrets_from_the_environment() {
        let file = "[server]\npublic_url = \"https://vulyk.example.org/\"\n[[server.oidc]]\nid = \"google\"\nname = \"Google\"\nissuer = \"https://accounts.google.com/\"\nclient_id = \"abc\"\n";
        let env = environment_of(&[("VULYK_OIDC_GOOGLE_CLIENT_SECRET", "from env")]);
        let config = ServerConfig::resolve(core(Some(file)), &env, ServerLayer::default()).unwrap();
        let google = &config.oidc[0];
        assert_eq!(google.issuer, "https://accounts.google.com");
        assert_eq!(google.scopes, ["openid", "email", "profile"]);
        assert!(!google.link_by_email, "off unless set");
        assert_eq!(
            google
                .client_secret
                .as_ref()
                .map(ExposeSecret::expose_secret),
            Some("from env")
        );
        assert!(!format!("{config:?}").contains("from env"));
        let provider = &file[file.find("[[server.oidc]]").unwrap()..];
        let twice = format!("{file}{provider}");
        let err = ServerConfig::resolve(
            core(Some(&twice)),
            &environment_of(&[]),
            ServerLayer::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
        for (bad, says) in [
            (
                file.replace("https://accounts.google.com/", "accounts.google.com"),
                "#1",
            ),
            (
                file.replace("https://accounts.google.com/", "http://accounts.google.com"),
                "must use https",
            ),
            (
                file.replace("public_url = \"https://vulyk.example.org/\"\n", ""),
                "public_url: required",
            ),
        ] {
            let err = ServerConfig::resolve(
                core(Some(&bad)),
                &environment_of(&[]),
                ServerLayer::default(),
            )
            .unwrap_err();
            assert!(err.to_string().contains(says), "{says}: {err}");
        }
        let local = file.replace("https://accounts.google.com/", "http://127.0.0.1:8080");
        ServerConfig::resolve(
            core(Some(&local)),
            &environment_of(&[]),
            ServerLayer::default(),
        )
        .expect("plain http on this machine");
        for disguised in [
            "http://127.0.0.1:80@evil.example",
            "http://[::1]@evil.example",
            "http://localhost.evil.example",
        ] {
            let bad = file.replace("https://accounts.google.com/", disguised);
            let err = ServerConfig::resolve(
                core(Some(&bad)),
                &environment_of(&[]),
                ServerLayer::default(),
            )
            .unwrap_err();
            assert!(
                err.to_string().contains("must use https"),
                "{disguised}: {err}"
            );
        }
    }

    #[test]
    fn limits_come_from_the_file_and_the_environment_within_bounds() {
        let file = "[server]\nmax_connections = 100\ntrusted_proxies = [\"127.0.0.1\"]\n[server.limits]\nsign_ups_per_address = 40\n";
        let env = environment_of(&[
            ("VULYK_MAX_CONNECTIONS_PER_ADDRESS", "9"),
            ("VULYK_HEADER_TIMEOUT_SECS", "3"),
        ]);
        let config = ServerConfig::resolve(core(Some(file)), &env, ServerLayer::default()).unwrap();
        assert_eq!(config.connections.max_connections, 100);
        assert_eq!(config.connections.max_per_address, 9);
        assert_eq!(config.connections.header_timeout, Duration::from_secs(3));
        assert_eq!(
            config.trusted_proxies,
            ["127.0.0.1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(config.account_limits.sign_ups_per_address, 40);
        assert_eq!(
            config.account_limits.attempts_per_address,
            AccountLimits::default().attempts_per_address
        );
        for (file, says) in [
            (
                "[server]\nheader_timeout_secs = 9223372036854775807\n",
                "at most",
            ),
            ("[server]\nmax_connections = 0\n", "at least 1"),
            ("[server.limits]\nsign_ups = 0\n", "limits.sign_ups"),
            ("[server.limits]\nsignups = 3\n", "signups"),
        ] {
            let err = ServerConfig::resolve(
                core(Some(file)),
                &environment_of(&[]),
                ServerLayer::default(),
            )
            .unwrap_err();
            assert!(err.to_string().contains(says), "{file}: {err}");
        }
    }

    #[test]
    fn bad_values_name_their_place() {
        let err = ServerConfig::resolve(
            core(Some("[server]\nlisten = \"nowhere\"\n")),
            &environment_of(&[]),
            ServerLayer::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("[server]"), "{err}");
        let err = ServerConfig::resolve(
            core(Some("[server]\nport = 1\n")),
            &environment_of(&[]),
            ServerLayer::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("port"), "{err}");
        for (name, value) in [
            ("VULYK_SITE_CLOSED", "maybe"),
            ("VULYK_LISTEN", "5000"),
            ("VULYK_LANGUAGE", "fr"),
            ("VULYK_SECRET_KEY", "short"),
        ] {
            let pairs: &'static [(&str, &str)] = Box::leak(Box::new([(name, value)]));
            let err =
                ServerConfig::resolve(core(None), &environment_of(pairs), ServerLayer::default())
                    .unwrap_err();
            let shown = err.to_string();
            assert!(
                shown.contains(name) || shown.contains("language") || shown.contains("secret_key"),
                "{name}: {shown}"
            );
        }
    }
}
