//! Funds for operators and volunteers (spec 8.11).

use super::Vulyk;
use crate::gamification::{Fund, Logo, LogoChange};
use crate::{Error, Result};

impl Vulyk {
    /// All funds, or only those that take donations (`Some(true)`) or only the others.
    pub async fn funds(&self, donatable: Option<bool>) -> Result<Vec<Fund>> {
        self.store.funds(donatable).await
    }

    pub async fn fund(&self, id: &str) -> Result<Fund> {
        self.store
            .fund(id)
            .await?
            .ok_or_else(|| Error::not_found("fund", id))
    }

    pub async fn add_fund(&self, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
        fund.validate()?;
        self.store.insert_fund(fund, logo).await?;
        let logo = if logo.is_some() {
            "with a logo"
        } else {
            "no logo"
        };
        let change = format!("{}; {logo}", fund_summary(fund));
        self.audit("funds add", &fund.id, change).await
    }

    pub async fn edit_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<()> {
        fund.validate()?;
        let before = self.store.fund(&fund.id).await?;
        self.store.replace_fund(fund, logo).await?;
        let before = before.as_ref().map_or_else(String::new, fund_summary);
        let logo = match logo {
            LogoChange::Keep => "logo kept",
            LogoChange::Set(_) => "logo replaced",
            LogoChange::Remove => "logo removed",
        };
        let change = format!("{before} → {}; {logo}", fund_summary(fund));
        self.audit("funds edit", &fund.id, change).await
    }

    /// Refused (`Conflict`) for a fund that received donations: they keep their fund.
    pub async fn delete_fund(&self, id: &str) -> Result<()> {
        let before = self.store.fund(id).await?;
        self.store.delete_fund(id).await?;
        let before = before.as_ref().map_or_else(String::new, fund_summary);
        self.audit("funds del", id, before).await
    }

    pub async fn fund_logo(&self, id: &str) -> Result<Logo> {
        self.store
            .fund_logo(id)
            .await?
            .ok_or_else(|| Error::not_found("fund logo", id))
    }
}

/// A fund's fields in words, for the audit log (the logo's bytes are not).
fn fund_summary(fund: &Fund) -> String {
    format!(
        "name {:?}, site {}, e-mail {}, donatable {}",
        fund.name,
        fund.site.as_deref().unwrap_or("-"),
        fund.email.as_deref().unwrap_or("-"),
        fund.donatable
    )
}
