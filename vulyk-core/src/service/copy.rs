//! `db copy`: everything one store holds, into another (an empty one, or one a copy from the
//! same source stopped half way in), area by area ([`crate::store::AREAS`]), checked at the
//! end by counting every area on both sides and by a checksum of the tasks and the answers.
//!
//! The source is read while the target writes the page before (two pages in memory at
//! most). The target keeps, with each page, how far its area got and the checksum of what
//! was read so far, so `--resume` goes on from the last page stored.

use std::time::{Duration, Instant};

use chrono::Utc;

use super::Operator;
use crate::domain::{AuditEntry, audit_text};
use crate::store::{
    self, AREAS, Area, Checksum, CopyMark, CopySide, PageLimit, Store, StoreUrl, parse_url, redact,
};
use crate::{Error, Result};

/// How a copy is made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyRequest {
    /// Go on with a copy that stopped; without it the target must be empty.
    pub resume: bool,
    pub page: PageLimit,
}

/// What a copy tells while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyProgress {
    /// An area begins: `done` rows of its `total` were copied by an earlier run.
    Area {
        area: &'static str,
        total: u64,
        done: u64,
    },
    /// `rows` more rows of the area are stored.
    Rows { area: &'static str, rows: u64 },
    /// Every area is copied; both stores are being counted and checked.
    Checking,
}

/// One area's part of a finished copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaCopied {
    pub area: &'static str,
    /// Rows in the target, equal to those in the source.
    pub rows: u64,
    /// Rows stored by this run (less than `rows` when it resumed).
    pub this_run: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopySummary {
    pub areas: Vec<AreaCopied>,
    pub resumed: bool,
    /// The checksums of the tasks and the answers, equal on both sides.
    pub tasks_checksum: String,
    pub answers_checksum: String,
    pub elapsed: Duration,
    /// Of which the check at the end (counting both stores, reading the target's tasks and
    /// answers back).
    pub checking: Duration,
}

impl CopySummary {
    pub fn rows(&self) -> u64 {
        self.areas.iter().map(|area| area.rows).sum()
    }
}

/// Copies everything the store at URL `from` holds into the one at `to` (a new SQLite file is
/// made), then checks the copy; `operator`'s copy is recorded in the target's audit log once
/// it is checked.
pub async fn copy_store(
    from: &str,
    to: &str,
    request: &CopyRequest,
    operator: Option<&Operator>,
    progress: &(dyn Fn(CopyProgress) + Send + Sync),
) -> Result<CopySummary> {
    let source = source_name(from, to)?;
    let from = store::open(from).await?;
    let to = store::open(to).await?;
    copy_between(&*from, &*to, &source, request, operator, progress).await
}

/// How the source is named in the target's marks (a full path, or a URL without its
/// password); refuses what cannot be copied before anything is opened or made.
fn source_name(from: &str, to: &str) -> Result<String> {
    let (from_url, to_url) = (parse_url(from)?, parse_url(to)?);
    let from = match from_url {
        StoreUrl::Mongo(url) => {
            if to_url == StoreUrl::Mongo(url.clone()) {
                return Err(Error::invalid(format!(
                    "{}: a store cannot be copied into itself",
                    redact(&url)
                )));
            }
            return Ok(redact(&url));
        }
        StoreUrl::Sqlite(from) => from,
    };
    if !from.is_file() {
        return Err(Error::not_found("database", from.display().to_string()));
    }
    let from = std::fs::canonicalize(&from).map_err(|e| Error::io(&from, e))?;
    if let StoreUrl::Sqlite(to) = to_url
        && std::fs::canonicalize(to).is_ok_and(|to| to == from)
    {
        return Err(Error::invalid(format!(
            "{}: a store cannot be copied into itself",
            from.display()
        )));
    }
    Ok(from.display().to_string())
}

pub(crate) async fn copy_between(
    from: &dyn Store,
    to: &dyn Store,
    source: &str,
    request: &CopyRequest,
    operator: Option<&Operator>,
    progress: &(dyn Fn(CopyProgress) + Send + Sync),
) -> Result<CopySummary> {
    let started = Instant::now();
    let limit = PageLimit {
        rows: request.page.rows.max(1),
        ..request.page
    };
    for (store, side) in [(from, "source"), (to, "target")] {
        if let Some(why) = store.layout().refusal() {
            return Err(Error::conflict(format!("the {side}: {why}")));
        }
    }
    from.begin_copy(CopySide::Source).await?;
    to.begin_copy(CopySide::Target).await?;
    if let Some(why) = from.unsettled().await? {
        return Err(Error::conflict(format!("the source: {why}")));
    }
    if let Some(mark) = from.copy_marks().await?.first() {
        return Err(Error::conflict(format!(
            "the source is a copy from {} that did not finish; finish that copy first \
             (--resume)",
            mark.source
        )));
    }
    let marks = to.copy_marks().await?;
    let resumed = start(to, &marks, source, request.resume).await?;
    for area in AREAS {
        if let Some(why) = to.keeps_none_of(area)
            && from.count_rows(area, Utc::now()).await? > 0
        {
            return Err(Error::conflict(format!(
                "the source has rows in `{}`: {why}",
                area.name
            )));
        }
    }
    let fresh = |area: &Area| CopyMark {
        area: area.name.to_string(),
        source: source.to_string(),
        checksum: Checksum::default().to_hex(),
        ..CopyMark::default()
    };
    if !resumed {
        // Marked before any row is stored: a copy stopped in its first page is one that
        // `--resume` goes on with, not a target that holds rows of nobody's copy.
        to.copy_in(&AREAS[0], Vec::new(), fresh(&AREAS[0])).await?;
    }
    let mut areas = Vec::with_capacity(AREAS.len());
    let mut checksums = Vec::new();
    for area in AREAS {
        let mark = marks
            .iter()
            .find(|mark| mark.area == area.name)
            .cloned()
            .unwrap_or_else(|| fresh(area));
        let before = mark.rows;
        let mark = copy_area(from, to, area, mark, limit, progress).await?;
        areas.push(AreaCopied {
            area: area.name,
            rows: mark.rows,
            this_run: mark.rows - before,
        });
        if !area.checked.is_empty() {
            checksums.push((area, mark.checksum));
        }
    }
    progress(CopyProgress::Checking);
    let checking = Instant::now();
    check(from, to, &areas, &checksums).await?;
    let checking = checking.elapsed();
    to.forget_copy_marks().await?;
    let checksum = |name: &str| {
        checksums
            .iter()
            .find(|(area, _)| area.name == name)
            .map(|(_, sum)| sum.clone())
            .unwrap_or_default()
    };
    let summary = CopySummary {
        tasks_checksum: checksum("tasks"),
        answers_checksum: checksum("answers"),
        areas,
        resumed,
        elapsed: started.elapsed(),
        checking,
    };
    if let Some(operator) = operator {
        let rows = summary.rows();
        let entry = AuditEntry {
            at: Utc::now(),
            via: operator.via.clone(),
            user: operator.user.clone(),
            host: operator.host.clone(),
            action: "db copy".to_string(),
            target: audit_text(source),
            change: audit_text(&format!("{rows} rows copied into this store from {source}")),
        };
        to.record_audit(&entry).await?;
    }
    Ok(summary)
}

/// Whether the copy goes on from `marks`; refuses a target it may not write into.
async fn start(to: &dyn Store, marks: &[CopyMark], source: &str, resume: bool) -> Result<bool> {
    if let Some(mark) = marks.first() {
        if !resume {
            return Err(Error::conflict(format!(
                "a copy from {} into this target stopped before it finished; --resume goes on \
                 with it",
                mark.source
            )));
        }
        if mark.source != source {
            return Err(Error::conflict(format!(
                "the copy into this target that stopped came from {}, not {source}; resume it \
                 from there",
                mark.source
            )));
        }
        return Ok(true);
    }
    for area in AREAS {
        if to.count_rows(area, Utc::now()).await? > 0 {
            return Err(Error::conflict(format!(
                "the target is not empty (it holds {}); db copy fills an empty store{}",
                area.name,
                if resume {
                    ", and no copy into it stopped half way"
                } else {
                    ""
                }
            )));
        }
    }
    Ok(false)
}

/// Copies the rest of one area; the source reads the next page while the target stores one.
async fn copy_area(
    from: &dyn Store,
    to: &dyn Store,
    area: &'static Area,
    mut mark: CopyMark,
    limit: PageLimit,
    progress: &(dyn Fn(CopyProgress) + Send + Sync),
) -> Result<CopyMark> {
    let total = from.count_rows(area, Utc::now()).await?;
    progress(CopyProgress::Area {
        area: area.name,
        total,
        done: mark.rows,
    });
    if mark.finished {
        return Ok(mark);
    }
    let mut checksum = Checksum::from_hex(&mark.checksum).ok_or_else(|| {
        Error::conflict(format!(
            "the target's mark of `{}` holds no checksum this vulyk wrote",
            area.name
        ))
    })?;
    let mut page = from.copy_out(area, mark.after.clone(), limit).await?;
    loop {
        let rows = page.rows.len() as u64;
        for row in &page.rows {
            checksum.add_row(area, row);
        }
        mark.rows += rows;
        mark.checksum = checksum.to_hex();
        if rows == 0 {
            mark.finished = true;
            to.copy_in(area, Vec::new(), mark.clone()).await?;
            return Ok(mark);
        }
        mark.after = page.last.clone();
        let (stored, next) = tokio::join!(
            to.copy_in(area, page.rows, mark.clone()),
            from.copy_out(area, page.last, limit)
        );
        stored?;
        progress(CopyProgress::Rows {
            area: area.name,
            rows,
        });
        page = next?;
    }
}

/// Every area holds as many rows on both sides (of those that die on their own, as many
/// alive at one moment), and the checked areas' rows in the target sum to the checksum of
/// those read from the source.
async fn check(
    from: &dyn Store,
    to: &dyn Store,
    areas: &[AreaCopied],
    checksums: &[(&'static Area, String)],
) -> Result<()> {
    let changed = "; was the source or the target changed while it was copied? Stop what \
                   writes to them (vulyk-server), then copy again into an empty target";
    let at = Utc::now();
    for (area, copied) in AREAS.iter().zip(areas) {
        let (source, target) = (
            from.count_rows(area, at).await?,
            to.count_rows(area, at).await?,
        );
        let copied_all = area.lives.is_some() || copied.rows == source;
        if source != target || !copied_all {
            return Err(Error::conflict(format!(
                "`{}` has {source} rows in the source and {target} in the target, {} copied{changed}",
                area.name, copied.rows
            )));
        }
    }
    for (area, read) in checksums {
        let mut stored = Checksum::default();
        let mut after = None;
        loop {
            let page = to.copy_out(area, after, PageLimit::default()).await?;
            if page.rows.is_empty() {
                break;
            }
            for row in &page.rows {
                stored.add_row(area, row);
            }
            after = page.last;
        }
        if stored.to_hex() != *read {
            return Err(Error::conflict(format!(
                "the `{}` stored in the target do not match those read from the source{changed}",
                area.name
            )));
        }
    }
    Ok(())
}
