//! Vulyk's core: the domain, the services both front ends call, and storage behind one trait.
//!
//! This crate knows nothing of terminals or HTTP (see `ARCHITECTURE.md`, invariant 1): the
//! console (`vulyk-tui`) and the server call [`service`] functions, which validate input once
//! and talk to a [`store::Store`].

pub mod config;
pub mod domain;
pub mod error;
pub mod export;
pub mod gamification;
pub mod import;
pub mod json_text;
pub mod plugin_kit;
pub mod plugins;
pub mod service;
pub mod store;

pub use error::{Error, Result};
