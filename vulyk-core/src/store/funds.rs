//! The store's funds.

use async_trait::async_trait;

use crate::Result;
use crate::gamification::{Fund, Logo, LogoChange};

/// Funds volunteers donate coins to, with their logos.
#[async_trait]
pub trait FundStore {
    /// All funds by id; only donatable ones, or only the others, when asked.
    async fn funds(&self, donatable: Option<bool>) -> Result<Vec<Fund>>;
    async fn fund(&self, id: &str) -> Result<Option<Fund>>;
    /// `Conflict` if the id is taken.
    async fn insert_fund(&self, fund: &Fund, logo: Option<&Logo>) -> Result<()>;
    async fn replace_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<()>;
    /// `Conflict` if donations were made to it (they would lose their fund).
    async fn delete_fund(&self, id: &str) -> Result<()>;
    async fn fund_logo(&self, id: &str) -> Result<Option<Logo>>;
}
