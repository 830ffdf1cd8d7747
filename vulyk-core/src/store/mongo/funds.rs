//! Funds in `gamification.funds`. The logo is kept in the fund's document (at most 512 KiB)
//! rather than in GridFS as the original did: one read serves it, and no second collection
//! pair can drift from the fund.

use async_trait::async_trait;
use mongodb::bson::{Binary, Bson, Document, doc, spec::BinarySubtype};

use super::MongoStore;
use super::support::{is_duplicate_key, mongo_err};
use crate::gamification::{Fund, Logo, LogoChange};
use crate::store::FundStore;
use crate::store::found;
use crate::{Error, Result};

pub(super) const FUNDS: &str = "gamification.funds";
pub(super) use super::rewards::EVENTS;

#[async_trait]
impl FundStore for MongoStore {
    async fn funds(&self, donatable: Option<bool>) -> Result<Vec<Fund>> {
        all(self, donatable).await
    }

    async fn fund(&self, id: &str) -> Result<Option<Fund>> {
        get(self, id).await
    }

    async fn insert_fund(&self, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
        let _write = self.writable().await?;
        insert(self, fund, logo).await
    }

    async fn replace_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<()> {
        let missing = Error::not_found("fund", fund.id.as_str());
        let _write = self.writable().await?;
        found(replace(self, fund, logo).await?, missing)
    }

    async fn delete_fund(&self, id: &str) -> Result<()> {
        let missing = Error::not_found("fund", id);
        let _write = self.writable().await?;
        found(delete(self, id).await?, missing)
    }

    async fn fund_logo(&self, id: &str) -> Result<Option<Logo>> {
        logo(self, id).await
    }
}

fn optional(document: &Document, key: &str) -> Option<String> {
    document
        .get_str(key)
        .ok()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn decode(document: Document) -> Fund {
    Fund {
        id: document.get_str("_id").unwrap_or_default().to_string(),
        name: document.get_str("name").unwrap_or_default().to_string(),
        description: document
            .get_str("description")
            .unwrap_or_default()
            .to_string(),
        site: optional(&document, "site"),
        email: optional(&document, "email"),
        donatable: document.get_bool("donatable").unwrap_or(false),
        has_logo: document.get_str("logoType").is_ok(),
    }
}

fn fields(fund: &Fund) -> Document {
    doc! {
        "name": &fund.name,
        "description": &fund.description,
        "site": fund.site.as_deref().map_or(Bson::Null, Bson::from),
        "email": fund.email.as_deref().map_or(Bson::Null, Bson::from),
        "donatable": fund.donatable,
    }
}

fn binary(logo: &Logo) -> Binary {
    Binary {
        subtype: BinarySubtype::Generic,
        bytes: logo.bytes.clone(),
    }
}

pub(super) async fn all(store: &MongoStore, donatable: Option<bool>) -> Result<Vec<Fund>> {
    let filter = donatable.map_or_else(Document::new, |d| doc! { "donatable": d });
    let cursor = store
        .coll(FUNDS)
        .find(filter)
        .sort(doc! { "_id": 1 })
        // Listing leaves the logos' bytes on the server; `logoType` tells there is one.
        .projection(doc! { "logo": 0 })
        .await
        .map_err(mongo_err)?;
    store.collect(cursor, |d| Ok(decode(d))).await
}

pub(super) async fn get(store: &MongoStore, id: &str) -> Result<Option<Fund>> {
    Ok(store
        .coll(FUNDS)
        .find_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?
        .map(decode))
}

pub(super) async fn insert(store: &MongoStore, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
    let mut document = fields(fund);
    document.insert("_id", &fund.id);
    if let Some(logo) = logo {
        document.insert("logo", binary(logo));
        document.insert("logoType", logo.content_type);
    }
    match store.coll(FUNDS).insert_one(document).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Err(Error::conflict(format!(
            "id: a fund with id `{}` exists",
            fund.id
        ))),
        Err(e) => Err(mongo_err(e)),
    }
}

pub(super) async fn replace(store: &MongoStore, fund: &Fund, logo: &LogoChange) -> Result<bool> {
    let mut update = doc! { "$set": fields(fund) };
    match logo {
        LogoChange::Keep => {}
        LogoChange::Set(logo) => {
            if let Ok(set) = update.get_document_mut("$set") {
                set.insert("logo", binary(logo));
                set.insert("logoType", logo.content_type);
            }
        }
        LogoChange::Remove => {
            update.insert("$unset", doc! { "logo": "", "logoType": "" });
        }
    }
    let result = store
        .coll(FUNDS)
        .update_one(doc! { "_id": &fund.id }, update)
        .await
        .map_err(mongo_err)?;
    Ok(result.matched_count > 0)
}

pub(super) async fn delete(store: &MongoStore, id: &str) -> Result<bool> {
    let donations = store
        .coll(EVENTS)
        .count_documents(doc! { "acceptorFund": id })
        .await
        .map_err(mongo_err)?;
    if donations > 0 {
        return Err(Error::conflict(format!(
            "fund {id} has {donations} donations; it stays so that they keep their fund (make it not donatable instead)"
        )));
    }
    let result = store
        .coll(FUNDS)
        .delete_one(doc! { "_id": id })
        .await
        .map_err(mongo_err)?;
    Ok(result.deleted_count > 0)
}

pub(super) async fn logo(store: &MongoStore, id: &str) -> Result<Option<Logo>> {
    let found = store
        .coll(FUNDS)
        .find_one(doc! { "_id": id })
        .projection(doc! { "logo": 1, "logoType": 1 })
        .await
        .map_err(mongo_err)?;
    Ok(found.and_then(|d| {
        let bytes = d.get_binary_generic("logo").ok()?.clone();
        Some(Logo {
            bytes,
            content_type: Logo::content_type_of_stored(d.get_str("logoType").unwrap_or("")),
        })
    }))
}
