//! Funds and their logos.

use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::SqliteStore;
use super::sql_err;
use crate::gamification::{Fund, Logo, LogoChange};
use crate::store::FundStore;
use crate::store::found;
use crate::{Error, Result};

const FUND_COLUMNS: &str = "id, name, description, site, email, donatable, logo IS NOT NULL";

#[async_trait]
impl FundStore for SqliteStore {
    async fn funds(&self, donatable: Option<bool>) -> Result<Vec<Fund>> {
        self.read(move |c| all(c, donatable)).await
    }

    async fn fund(&self, id: &str) -> Result<Option<Fund>> {
        let id = id.to_string();
        self.read(move |c| get(c, &id)).await
    }

    async fn insert_fund(&self, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
        let (fund, logo) = (fund.clone(), logo.cloned());
        self.call(move |c| insert(c, &fund, logo.as_ref())).await
    }

    async fn replace_fund(&self, fund: &Fund, logo: &LogoChange) -> Result<()> {
        let missing = Error::not_found("fund", fund.id.as_str());
        let (fund, logo) = (fund.clone(), logo.clone());
        found(self.call(move |c| replace(c, &fund, &logo)).await?, missing)
    }

    async fn delete_fund(&self, id: &str) -> Result<()> {
        let missing = Error::not_found("fund", id);
        let id = id.to_string();
        found(self.call(move |c| delete(c, &id)).await?, missing)
    }

    async fn fund_logo(&self, id: &str) -> Result<Option<Logo>> {
        let id = id.to_string();
        self.read(move |c| logo(c, &id)).await
    }
}

fn fund_from_row(row: &Row<'_>) -> rusqlite::Result<Fund> {
    Ok(Fund {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        site: row.get(3)?,
        email: row.get(4)?,
        donatable: row.get(5)?,
        has_logo: row.get(6)?,
    })
}

pub(super) fn all(c: &mut Connection, donatable: Option<bool>) -> Result<Vec<Fund>> {
    let mut stmt = c
        .prepare_cached(&format!(
            "SELECT {FUND_COLUMNS} FROM funds WHERE ?1 IS NULL OR donatable = ?1 ORDER BY id"
        ))
        .map_err(sql_err)?;
    stmt.query_map([donatable], fund_from_row)
        .and_then(Iterator::collect)
        .map_err(sql_err)
}

pub(super) fn get(c: &Connection, id: &str) -> Result<Option<Fund>> {
    c.query_row(
        &format!("SELECT {FUND_COLUMNS} FROM funds WHERE id = ?1"),
        [id],
        fund_from_row,
    )
    .optional()
    .map_err(sql_err)
}

pub(super) fn insert(c: &mut Connection, fund: &Fund, logo: Option<&Logo>) -> Result<()> {
    let tx = c.transaction().map_err(sql_err)?;
    if get(&tx, &fund.id)?.is_some() {
        return Err(Error::conflict(format!(
            "id: a fund with id `{}` exists",
            fund.id
        )));
    }
    tx.execute(
        "INSERT INTO funds (id, name, description, site, email, donatable, logo, logo_type)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            fund.id,
            fund.name,
            fund.description,
            fund.site,
            fund.email,
            fund.donatable,
            logo.map(|l| &l.bytes),
            logo.map(|l| l.content_type)
        ],
    )
    .map_err(sql_err)?;
    tx.commit().map_err(sql_err)
}

pub(super) fn replace(c: &mut Connection, fund: &Fund, logo: &LogoChange) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    let changed = tx
        .execute(
            "UPDATE funds SET name = ?2, description = ?3, site = ?4, email = ?5, donatable = ?6
             WHERE id = ?1",
            params![
                fund.id,
                fund.name,
                fund.description,
                fund.site,
                fund.email,
                fund.donatable
            ],
        )
        .map_err(sql_err)?;
    let (bytes, content_type) = match logo {
        LogoChange::Keep => (None, None),
        LogoChange::Set(l) => (Some(l.bytes.as_slice()), Some(l.content_type)),
        LogoChange::Remove => (None, None),
    };
    if *logo != LogoChange::Keep {
        tx.execute(
            "UPDATE funds SET logo = ?2, logo_type = ?3 WHERE id = ?1",
            params![fund.id, bytes, content_type],
        )
        .map_err(sql_err)?;
    }
    tx.commit().map_err(sql_err)?;
    Ok(changed > 0)
}

pub(super) fn delete(c: &mut Connection, id: &str) -> Result<bool> {
    let tx = c.transaction().map_err(sql_err)?;
    let donations: i64 = tx
        .query_row("SELECT COUNT(*) FROM events WHERE fund = ?1", [id], |r| {
            r.get(0)
        })
        .map_err(sql_err)?;
    if donations > 0 {
        return Err(Error::conflict(format!(
            "fund {id} has {donations} donations; it stays so that they keep their fund (make it not donatable instead)"
        )));
    }
    let deleted = tx
        .execute("DELETE FROM funds WHERE id = ?1", [id])
        .map_err(sql_err)?;
    tx.commit().map_err(sql_err)?;
    Ok(deleted > 0)
}

pub(super) fn logo(c: &Connection, id: &str) -> Result<Option<Logo>> {
    c.query_row(
        "SELECT logo, logo_type FROM funds WHERE id = ?1 AND logo IS NOT NULL",
        [id],
        |row| {
            Ok(Logo {
                bytes: row.get(0)?,
                content_type: Logo::content_type_of_stored(&row.get::<_, String>(1)?),
            })
        },
    )
    .optional()
    .map_err(sql_err)
}
