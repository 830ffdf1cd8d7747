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
        self.store.insert_fund(fund, logo).await
    }

    pub async fn edit_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<()> {
        fund.validate()?;
        self.store.replace_fund(fund, logo).await
    }

    /// Refused (`Conflict`) for a fund that received donations: they keep their fund.
    pub async fn delete_fund(&self, id: &str) -> Result<()> {
        self.store.delete_fund(id).await
    }

    pub async fn fund_logo(&self, id: &str) -> Result<Logo> {
        self.store
            .fund_logo(id)
            .await?
            .ok_or_else(|| Error::not_found("fund logo", id))
    }
}
