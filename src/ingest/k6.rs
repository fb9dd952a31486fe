//! Mapping shared by the k6 summary adapters (filled in with them).
