//! Reading files: chunks on several workers, gzip, several load
//! generators, sniffing, I/O errors.

use super::*;

/// A few MiB of k6-like lines (more than one chunk), optionally with a bad
/// line near the end and a late metric defined in a way the pre-scan does
/// not see.
fn big_input(bad_at: Option<usize>, hidden_metric: bool) -> String {
    let mut out = String::new();
    out.push_str(r#"{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(99)<900"],"submetrics":[{"name":"http_req_duration{status:500}","suffix":"status:500","tags":{"status":"500"}}]},"metric":"http_req_duration"}"#);
    out.push('\n');
    out.push_str(r#"{"type":"Metric","data":{"name":"http_req_failed","type":"rate","contains":"default","thresholds":[],"submetrics":null},"metric":"http_req_failed"}"#);
    out.push_str("\n{\"type\":\"Metric\",\"data\":{\"name\":\"vus\",\"type\":\"gauge\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"vus\"}\n");
    let mut x: u64 = 12345;
    let lines = 24_000;
    for i in 0..lines {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let name = ["/a", "/b", "/c", "/d"][(x >> 60) as usize % 4];
        let status = if (x >> 20).is_multiple_of(50) {
            500
        } else {
            200
        };
        let ms = ((x >> 33) % 100_000) as f64 / 97.0;
        let t = format!(
            "2024-05-01T10:{:02}:{:02}.{:06}+02:00",
            i / 6000,
            (i / 100) % 60,
            i % 100 * 7
        );
        let tags = format!(
            r#"{{"expected_response":"true","group":"","method":"GET","name":"{name}","proto":"HTTP/1.1","scenario":"default","status":"{status}","url":"http://test.local{name}?padding=0123456789abcdef0123456789abcdef"}}"#
        );
        if Some(i) == bad_at {
            out.push_str("{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"soon\",\"value\":1,\"tags\":{}}}\n");
        }
        if hidden_metric && i == lines - 100 {
            out.push_str("{\"type\":\"Metr\\u0069c\",\"data\":{\"name\":\"late\",\"type\":\"counter\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"late\"}\n");
        }
        if hidden_metric && i > lines - 100 {
            out.push_str(&format!("{{\"metric\":\"late\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":2,\"tags\":{{}}}}}}\n"));
        }
        out.push_str(&format!("{{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":{ms},\"tags\":{tags}}}}}\n"));
        out.push_str(&format!("{{\"metric\":\"http_req_failed\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":{},\"tags\":{tags}}}}}\n", u8::from(status == 500)));
        if i % 1000 == 0 {
            out.push_str(&format!("{{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":{},\"tags\":{{}}}}}}\n", i / 1000));
        }
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn without_paths(mut r: Results) -> Results {
    for s in &mut r.sources {
        s.path = None;
    }
    r
}

#[test]
fn parallel_gzip_and_in_memory_reads_agree_exactly() {
    let text = big_input(None, false);
    assert!(text.len() > 2 * read::CHUNK, "{}", text.len());
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "run.ndjson", text.as_bytes());
    let gz = write(dir.path(), "run.ndjson.gz", &gzip(text.as_bytes()));
    let memory = parse_bytes(text.as_bytes(), &one_thread()).unwrap();
    assert!(memory.warnings.is_empty(), "{:?}", memory.warnings);
    assert_eq!(get(&memory.results, "http_req_duration", "n"), 24_000.0);
    assert_eq!(get(&memory.results, "vus", "last"), 23.0);
    for jobs in [1, 3] {
        for path in [&plain, &gz] {
            let options = Options {
                jobs,
                ..Options::default()
            };
            let loaded = load(std::slice::from_ref(path), &options).unwrap();
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            assert_eq!(
                without_paths(loaded.results),
                memory.results,
                "jobs {jobs}, {}",
                path.display()
            );
        }
    }
}

#[test]
fn a_bad_line_is_reported_at_its_line_whichever_worker_reads_it() {
    let text = big_input(Some(20_000), false);
    let line = text.lines().position(|l| l.contains("\"soon\"")).unwrap() + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.ndjson", text.as_bytes());
    for jobs in [1, 2, 4] {
        let options = Options {
            jobs,
            ..Options::default()
        };
        let err = load(std::slice::from_ref(&path), &options)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("line {line}:")), "jobs {jobs}: {err}");
        assert!(err.contains("bad.ndjson"), "{err}");
        let options = Options {
            jobs,
            skip_bad_lines: true,
            ..Options::default()
        };
        let loaded = load(std::slice::from_ref(&path), &options).unwrap();
        assert!(
            loaded.warnings[0].contains(&format!(
                "skipped 1 bad line (--skip-bad-lines): line {line}:"
            )),
            "{:?}",
            loaded.warnings
        );
    }
}

#[test]
fn a_metric_line_the_pre_scan_misses_makes_a_sequential_re_read() {
    let text = big_input(None, true);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "hidden.ndjson", text.as_bytes());
    let options = Options {
        jobs: 3,
        ..Options::default()
    };
    let loaded = load(std::slice::from_ref(&path), &options).unwrap();
    assert_eq!(get(&loaded.results, "late", "count"), 198.0);
    let memory = parse_bytes(text.as_bytes(), &one_thread()).unwrap();
    assert_eq!(without_paths(loaded.results), memory.results);
}

#[test]
fn several_load_generators_merge_into_one_test() {
    let text = fixture!("http_basic.ndjson");
    let lines: Vec<&str> = text.lines().collect();
    // generator 2 writes the Metric lines again before its own points
    let (first, second) = lines.split_at(20);
    let mut second_text: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("\"type\":\"Metric\""))
        .collect();
    second_text.extend(
        second
            .iter()
            .copied()
            .filter(|l| !l.contains("\"type\":\"Metric\"")),
    );
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ndjson", (first.join("\n") + "\n").as_bytes());
    let b = write(
        dir.path(),
        "b.ndjson.gz",
        &gzip((second_text.join("\n") + "\n").as_bytes()),
    );
    let merged = load(&[a, b], &one_thread()).unwrap().results;
    let whole = parse(text).unwrap();
    for id in [
        "http_req_duration",
        "http_req_duration{name:/b}",
        "http_req_failed",
        "vus",
        "checks{group:::login,check:has token}",
    ] {
        let (m, w) = (
            &merged.benchmark(id).unwrap().metrics[0],
            &whole.benchmark(id).unwrap().metrics[0],
        );
        assert_eq!(m.summary, w.summary, "{id}");
    }
    assert_eq!(merged.benchmarks.len(), whole.benchmarks.len());
    assert_eq!(merged.sources.len(), 2);
    assert!(
        merged.sources[1]
            .path
            .as_deref()
            .unwrap()
            .ends_with("b.ndjson.gz")
    );
    assert_eq!(merged.created, whole.created);
}

#[test]
fn a_truncated_gzip_stream_is_a_warning() {
    let text = fixture!("http_basic.ndjson");
    let gz = gzip(text.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cut.ndjson.gz", &gz[..gz.len() - 12]);
    let loaded = load(&[path], &Options::default()).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("gzip stream ends early")),
        "{:?}",
        loaded.warnings
    );
    assert!(get(&loaded.results, "http_reqs", "count") >= 4.0);
}

#[test]
fn sniffing_reads_only_the_first_line_of_plain_and_gzip_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture!("http_basic.ndjson");
    let plain = write(dir.path(), "a.ndjson", text.as_bytes());
    let gz = write(
        dir.path(),
        "a.ndjson.gz",
        &gzip(text.repeat(200).as_bytes()),
    );
    let other = write(dir.path(), "b.json", b"{\"metrics\": {}}");
    assert!(sniff(&plain).unwrap() && sniff(&gz).unwrap());
    assert!(!sniff(&other).unwrap());
    assert!(sniff(Path::new("/nonexistent")).is_err());
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = load(
        &[PathBuf::from("/nonexistent/run.ndjson")],
        &Options::default(),
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/run.ndjson"), "{err}");
}
