//! Vulyk's core: the domain, the services both front ends call, and storage behind one trait.
//!
//! This crate knows nothing of terminals or HTTP (see `ARCHITECTURE.md`, invariant 1): the
//! console (`vulyk-tui`) and the server call [`service`] functions, which validate input once
//! and talk to the store, which is private to this crate (invariant 3). [`database`] is what
//! the front ends may know of the database itself. Tests and benchmarks reach the store through
//! the `test-support` feature.

// A failure is an error the caller can report, never a panic (ARCHITECTURE.md, invariant 11).
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod config;
pub mod database;
pub mod domain;
pub mod error;
pub mod export;
// What tests start from; public for the workspace's tests only (the conformance suite).
#[cfg(any(test, feature = "test-support"))]
pub mod fixture;
pub mod gamification;
pub mod import;
pub mod json_text;
pub mod plugin_kit;
pub mod plugins;
pub mod quality;
pub mod service;
#[cfg(feature = "test-support")]
pub mod store;
#[cfg(not(feature = "test-support"))]
mod store;

pub use error::{Error, Result};
