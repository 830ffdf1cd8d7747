//! Making plugins: importing an original Vulyk plugin, scaffolding a new one, checking one.

mod check;
mod import;
mod python;
mod scaffold;

pub use check::{CheckReport, check};
pub use import::{Imported, import};
pub use scaffold::new_plugin;
