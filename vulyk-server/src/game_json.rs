//! The gamification API's dictionaries (spec 7.4), as typed records made from domain values.
//! Amounts are JSON numbers with the decimal's digits; times are RFC 3339 in UTC, except a
//! state's `last_changed`, which keeps the original's `DD.MM.YYYY HH:MM:SS`. A rule's
//! dictionary is the core's (`rule_to_value`), the one rule files and exports use too.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;
use vulyk_core::Result;
use vulyk_core::gamification::{Amount, Event, Fund, Rule, UserState, rule_to_value};
use vulyk_core::service::Vulyk;

use crate::templates::strip_email;

/// A fund as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct FundJson {
    id: String,
    name: String,
    description: String,
    site: Option<String>,
    email: Option<String>,
    donatable: bool,
    /// Where its logo is served, if it has one.
    logo: Option<String>,
}

impl From<&Fund> for FundJson {
    fn from(f: &Fund) -> Self {
        FundJson {
            id: f.id.clone(),
            name: f.name.clone(),
            description: f.description.clone(),
            site: f.site.clone(),
            email: f.email.clone(),
            donatable: f.donatable,
            logo: f
                .has_logo
                .then(|| format!("/gamification/funds/{}/logo", f.id)),
        }
    }
}

/// What a record refers to by id: the thing's dictionary, or, once it was deleted, its id
/// alone (`{"id": …}`).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Referred<T> {
    Known(T),
    Gone { id: String },
}

/// An event of a volunteer's history.
#[derive(Debug, Serialize)]
pub struct EventJson {
    timestamp: String,
    user: String,
    kind: &'static str,
    points_given: Amount,
    coins: Amount,
    achievements: Vec<Referred<Value>>,
    acceptor_fund: Option<Referred<FundJson>>,
    level_given: Option<u32>,
    viewed: bool,
}

/// A volunteer's standing.
#[derive(Debug, Serialize)]
pub struct StateJson {
    user: String,
    level: u32,
    points: Amount,
    actual_coins: Amount,
    potential_coins: Amount,
    achievements: Vec<Referred<Value>>,
    last_changed: Option<String>,
}

pub fn rules(rules: &[Rule]) -> Vec<Value> {
    rules.iter().map(rule_to_value).collect()
}

/// What the dictionaries refer to, read once per request: rules and funds by id, and
/// usernames as they are met.
#[derive(Debug)]
pub struct Lookup {
    rules: HashMap<String, Value>,
    funds: HashMap<String, FundJson>,
    names: HashMap<String, String>,
}

impl Lookup {
    pub async fn new(vulyk: &Vulyk) -> Result<Lookup> {
        let rules = vulyk.rules().await?;
        let funds = vulyk.funds(None).await?;
        Ok(Lookup {
            rules: rules
                .iter()
                .map(|r| (r.id.clone(), rule_to_value(r)))
                .collect(),
            funds: funds.iter().map(|f| (f.id.clone(), f.into())).collect(),
            names: HashMap::new(),
        })
    }

    async fn username(&mut self, vulyk: &Vulyk, id: &str) -> Result<String> {
        if let Some(name) = self.names.get(id) {
            return Ok(name.clone());
        }
        let name = vulyk
            .user_by_id(id)
            .await?
            .map_or_else(|| id.to_string(), |u| u.username);
        self.names.insert(id.to_string(), name.clone());
        Ok(name)
    }

    /// Rule dictionaries for ids; a deleted rule's id stays visible as a bare id.
    fn achievements(&self, ids: &[String]) -> Vec<Referred<Value>> {
        ids.iter().map(|id| referred(&self.rules, id)).collect()
    }

    pub async fn event(&mut self, vulyk: &Vulyk, e: &Event) -> Result<EventJson> {
        Ok(EventJson {
            timestamp: e.timestamp.to_rfc3339(),
            user: self.username(vulyk, e.user.as_str()).await?,
            kind: e.kind().as_str(),
            points_given: e.points,
            coins: e.coins,
            achievements: self.achievements(&e.achievements),
            acceptor_fund: e.fund.as_ref().map(|id| referred(&self.funds, id)),
            level_given: e.level,
            viewed: e.viewed,
        })
    }

    /// Another volunteer's standing as anyone signed in may see it: named as the leaderboard
    /// names them (the text before an e-mail's `@`), as user ids are easy to guess.
    pub async fn public_state(&mut self, vulyk: &Vulyk, s: &UserState) -> Result<StateJson> {
        let mut state = self.state(vulyk, s).await?;
        state.user = strip_email(state.user);
        Ok(state)
    }

    pub async fn state(&mut self, vulyk: &Vulyk, s: &UserState) -> Result<StateJson> {
        Ok(StateJson {
            user: self.username(vulyk, s.user.as_str()).await?,
            level: s.level,
            points: s.points,
            actual_coins: s.actual_coins,
            potential_coins: s.potential_coins,
            achievements: self.achievements(&s.achievements),
            last_changed: s
                .last_changed
                .map(|t| t.format("%d.%m.%Y %H:%M:%S").to_string()),
        })
    }
}

fn referred<T: Clone>(known: &HashMap<String, T>, id: &str) -> Referred<T> {
    match known.get(id) {
        Some(found) => Referred::Known(found.clone()),
        None => Referred::Gone { id: id.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_keeps_the_originals_keys_and_shows_what_was_deleted_by_id() {
        let fund = Fund {
            id: "open".into(),
            name: "Open".into(),
            description: "helps".into(),
            site: None,
            email: Some("a@b.org".into()),
            donatable: true,
            has_logo: true,
        };
        let funds = HashMap::from([(fund.id.clone(), FundJson::from(&fund))]);
        let event = EventJson {
            timestamp: "2026-12-02T10:00:00+00:00".into(),
            user: "olena".into(),
            kind: "donation",
            points_given: Amount::whole(0),
            coins: Amount::from_units(-150),
            achievements: vec![referred(&HashMap::<String, Value>::new(), "first")],
            acceptor_fund: Some(referred(&funds, "open")),
            level_given: None,
            viewed: false,
        };
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            serde_json::json!({
                "timestamp": "2026-12-02T10:00:00+00:00",
                "user": "olena",
                "kind": "donation",
                "points_given": Amount::whole(0),
                "coins": Amount::from_units(-150),
                "achievements": [{"id": "first"}],
                "acceptor_fund": {"id": "open", "name": "Open", "description": "helps",
                    "site": null, "email": "a@b.org", "donatable": true,
                    "logo": "/gamification/funds/open/logo"},
                "level_given": null,
                "viewed": false,
            })
            .to_string()
        );
        let gone: Referred<FundJson> = referred(&HashMap::new(), "shut");
        assert_eq!(serde_json::to_string(&gone).unwrap(), r#"{"id":"shut"}"#);
    }
}
