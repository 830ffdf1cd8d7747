//! The gamification API's dictionaries (spec 7.4), built from domain values. Amounts are
//! JSON numbers with the decimal's digits; times are RFC 3339 in UTC, except a state's
//! `last_changed`, which keeps the original's `DD.MM.YYYY HH:MM:SS`.

use std::collections::HashMap;

use serde_json::{Value, json};
use vulyk_core::Result;
use vulyk_core::gamification::{Event, Fund, Rule, UserState, rule_to_value};
use vulyk_core::service::Vulyk;

pub fn fund(f: &Fund) -> Value {
    json!({
        "id": f.id,
        "name": f.name,
        "description": f.description,
        "site": f.site,
        "email": f.email,
        "donatable": f.donatable,
        "logo": f.has_logo.then(|| format!("/gamification/funds/{}/logo", f.id)),
    })
}

pub fn rules(rules: &[Rule]) -> Vec<Value> {
    rules.iter().map(rule_to_value).collect()
}

/// What the dictionaries refer to, read once per request: rules and funds by id, and
/// usernames as they are met.
#[derive(Debug)]
pub struct Lookup {
    rules: HashMap<String, Value>,
    funds: HashMap<String, Value>,
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
            funds: funds.iter().map(|f| (f.id.clone(), fund(f))).collect(),
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
    fn achievements(&self, ids: &[String]) -> Vec<Value> {
        ids.iter()
            .map(|id| {
                self.rules
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| json!({ "id": id }))
            })
            .collect()
    }

    pub async fn event(&mut self, vulyk: &Vulyk, e: &Event) -> Result<Value> {
        Ok(json!({
            "timestamp": e.timestamp.to_rfc3339(),
            "user": self.username(vulyk, e.user.as_str()).await?,
            "kind": e.kind().as_str(),
            "points_given": e.points,
            "coins": e.coins,
            "achievements": self.achievements(&e.achievements),
            "acceptor_fund": e.fund.as_ref().map(|id| {
                self.funds.get(id).cloned().unwrap_or_else(|| json!({ "id": id }))
            }),
            "level_given": e.level,
            "viewed": e.viewed,
        }))
    }

    pub async fn state(&mut self, vulyk: &Vulyk, s: &UserState) -> Result<Value> {
        Ok(json!({
            "user": self.username(vulyk, s.user.as_str()).await?,
            "level": s.level,
            "points": s.points,
            "actual_coins": s.actual_coins,
            "potential_coins": s.potential_coins,
            "achievements": self.achievements(&s.achievements),
            "last_changed": s.last_changed.map(|t| t.format("%d.%m.%Y %H:%M:%S").to_string()),
        }))
    }
}
