//! Tests of the k6 NDJSON adapter.
