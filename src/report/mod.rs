//! Reports: presentation only. Renderers write to an injected writer and
//! never decide anything; numbers are formatted once, in [`format`].

pub mod format;
mod results_table;

pub use results_table::results_table;
