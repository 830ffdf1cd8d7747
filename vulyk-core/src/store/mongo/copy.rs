//! A MongoDB store does not take part in `db copy` yet: its documents are not read into, nor
//! written from, the copy's rows (`store/copy.rs`). Every call says so, before anything is
//! read or written.

use async_trait::async_trait;

use super::MongoStore;
use crate::store::{Area, COPY_NOT_YET, CopyMark, CopyStore, Page, PageLimit, Row};
use crate::{Error, Result};

#[async_trait]
impl CopyStore for MongoStore {
    async fn copy_out(&self, _: &'static Area, _: Option<String>, _: PageLimit) -> Result<Page> {
        Err(Error::forbidden(COPY_NOT_YET))
    }

    async fn copy_in(&self, _: &'static Area, _: Vec<Row>, _: CopyMark) -> Result<()> {
        Err(Error::forbidden(COPY_NOT_YET))
    }

    async fn copy_marks(&self) -> Result<Vec<CopyMark>> {
        Err(Error::forbidden(COPY_NOT_YET))
    }

    async fn forget_copy_marks(&self) -> Result<()> {
        Err(Error::forbidden(COPY_NOT_YET))
    }

    async fn count_rows(&self, _: &'static Area) -> Result<u64> {
        Err(Error::forbidden(COPY_NOT_YET))
    }
}
