//! benchgate's integration tests: one binary (faster to link), one module
//! per area.

mod corpus;
mod support;
