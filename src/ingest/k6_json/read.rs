//! Reading one input — a file (plain or gzip) or bytes in memory — into a
//! [`Partial`], on `jobs` threads.
//!
//! The workers take turns at one shared [`Source`]: under its lock a worker
//! reads (and for gzip, decompresses) the next ~1 MiB, cut after the last
//! newline, then parses it unlocked. Chunks are numbered, so line numbers
//! are recovered afterwards from each chunk's line count. With more than
//! one worker, the `Metric` lines of a chunk are registered while it is
//! handed out (a search for `"Metric"`), so every point finds the
//! definitions that precede it in the file whichever worker reads it.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Mutex;

use memchr::{memchr, memmem, memrchr};

use super::agg::{Partial, Refused};
use super::defs::{Registered, Registry};
use super::line::{self, Parsed};
use super::scalar::TimeCache;
pub(super) use super::source::CHUNK;
use super::source::{Buffer, Chunk, Source, read_full};
use crate::ingest::ParseError;

/// How many bad lines are named in the warning of `--skip-bad-lines`.
const NAMED_BAD_LINES: usize = 3;

/// Why an input could not be read.
#[derive(Debug)]
pub(super) enum Failure {
    Io(io::Error),
    /// A bad line: its 1-based number and what is wrong.
    Line(ParseError),
    /// The parallel pre-scan missed a `Metric` line (written in a way it
    /// does not recognise): read the input again on one thread.
    Rerun,
}

/// One input's partial aggregate and its warnings.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub partial: Partial,
    pub warnings: Vec<String>,
}

/// Where the data comes from.
pub(super) enum Data<'a> {
    Memory(&'a [u8]),
    File(&'a Path),
}

/// Settings of one read.
#[derive(Clone, Copy)]
pub(super) struct Settings<'a> {
    pub input: usize,
    pub jobs: usize,
    pub skip_bad_lines: bool,
    pub registry: &'a Mutex<Registry>,
}

/// Reads one input.
pub(super) fn read(data: Data<'_>, settings: Settings<'_>) -> Result<Outcome, Failure> {
    match data {
        Data::Memory(bytes) => {
            let chunk = Chunk {
                seq: 0,
                offset: 0,
                unterminated: !bytes.is_empty() && !bytes.ends_with(b"\n"),
            };
            let mut worker = Worker::new(settings, false);
            worker.process(bytes, chunk);
            finish(vec![worker])
        }
        Data::File(path) => {
            let mut file = std::fs::File::open(path).map_err(Failure::Io)?;
            let mut magic = [0u8; 2];
            let n = read_full(&mut file, &mut magic).map_err(Failure::Io)?;
            let head = io::Cursor::new(magic.get(..n).unwrap_or_default().to_vec());
            let size = file.metadata().map_err(Failure::Io)?.len();
            let gzip = magic == [0x1f, 0x8b];
            let reader: Box<dyn Read + Send> = if gzip {
                let raw = io::BufReader::with_capacity(1 << 16, head.chain(file));
                Box::new(flate2::read::MultiGzDecoder::new(raw))
            } else {
                Box::new(head.chain(file))
            };
            let jobs = if !gzip && size <= CHUNK as u64 {
                1
            } else {
                settings.jobs.max(1)
            };
            match run(reader, gzip, Settings { jobs, ..settings }) {
                Err(Failure::Rerun) if jobs > 1 => read(
                    Data::File(path),
                    Settings {
                        jobs: 1,
                        ..settings
                    },
                ),
                other => other,
            }
        }
    }
}

/// Runs the workers over a stream.
fn run(
    reader: Box<dyn Read + Send>,
    gzip: bool,
    settings: Settings<'_>,
) -> Result<Outcome, Failure> {
    let source = Mutex::new(Source {
        reader,
        gzip,
        carry: Vec::new(),
        offset: 0,
        seq: 0,
        eof: false,
        stop: false,
        error: None,
        warnings: Vec::new(),
    });
    let parallel = settings.jobs > 1;
    let work = || {
        let mut worker = Worker::new(settings, parallel);
        let mut buf = Buffer::new();
        loop {
            let chunk = {
                let Ok(mut s) = source.lock() else { break };
                if worker.stopped {
                    s.stop = true;
                }
                let Some(chunk) = s.fill(&mut buf) else { break };
                if parallel {
                    prescan(buf.data(), chunk.offset, settings);
                }
                chunk
            };
            worker.process(buf.data(), chunk);
        }
        if worker.stopped
            && let Ok(mut s) = source.lock()
        {
            s.stop = true;
        }
        worker
    };
    let workers = if parallel {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..settings.jobs).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .map(|h| h.join())
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|_| Failure::Io(io::Error::other("a worker thread panicked")))?
    } else {
        vec![work()]
    };
    let source = source
        .into_inner()
        .map_err(|_| Failure::Io(io::Error::other("lock poisoned")))?;
    if let Some(error) = source.error {
        return Err(Failure::Io(error));
    }
    let mut outcome = finish(workers)?;
    outcome.warnings.splice(0..0, source.warnings);
    Ok(outcome)
}

/// Registers the `Metric` lines of a chunk (parallel mode). Errors are left
/// for the worker that reads the line to report.
fn prescan(buf: &[u8], offset: u64, settings: Settings<'_>) {
    let mut done_until = 0;
    for hit in memmem::find_iter(buf, b"\"Metric\"") {
        if hit < done_until {
            continue;
        }
        let start = buf
            .get(..hit)
            .and_then(|b| memrchr(b'\n', b))
            .map_or(0, |i| i + 1);
        let end = buf
            .get(hit..)
            .and_then(|b| memchr(b'\n', b))
            .map_or(buf.len(), |i| hit + i);
        done_until = end;
        let Some(text) = buf.get(start..end) else {
            continue;
        };
        let at = offset + start as u64;
        if let Ok(Some(Parsed::Metric(m))) = line::parse_slow(strip(text, at))
            && let Ok(mut registry) = settings.registry.lock()
        {
            let _ = registry.register(m, (settings.input, at));
        }
    }
}

/// A line without its `\r` and, at the very start of the input, its BOM.
fn strip(line: &[u8], at: u64) -> &[u8] {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if at == 0 {
        line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line)
    } else {
        line
    }
}

/// A bad line, before its number is known: (chunk, line in chunk).
type Spot = (u64, u64);

/// One worker's aggregate and what it found.
struct Worker<'a> {
    settings: Settings<'a>,
    parallel: bool,
    partial: Partial,
    /// (chunk, lines in it).
    lines: Vec<(u64, u64)>,
    failure: Option<(Spot, Failure)>,
    bad: Vec<(Spot, ParseError)>,
    bad_count: u64,
    truncated: Option<Spot>,
    stopped: bool,
    times: TimeCache,
}

impl<'a> Worker<'a> {
    fn new(settings: Settings<'a>, parallel: bool) -> Self {
        Self {
            settings,
            parallel,
            partial: Partial::default(),
            lines: Vec::new(),
            failure: None,
            bad: Vec::new(),
            bad_count: 0,
            truncated: None,
            stopped: false,
            times: TimeCache::default(),
        }
    }

    fn process(&mut self, data: &[u8], chunk: Chunk) {
        let mut start = 0;
        let mut n = 0;
        while start < data.len() {
            let end = memchr(b'\n', data.get(start..).unwrap_or_default())
                .map_or(data.len(), |i| start + i);
            let at = chunk.offset + start as u64;
            let text = strip(data.get(start..end).unwrap_or_default(), at);
            n += 1;
            if let Err(failure) = self.line(text, at) {
                let spot = (chunk.seq, n);
                match failure {
                    Failure::Line(_) if chunk.unterminated && end == data.len() => {
                        self.truncated = Some(spot);
                    }
                    Failure::Line(error) if self.settings.skip_bad_lines => {
                        self.bad_count += 1;
                        if self.bad.len() < NAMED_BAD_LINES {
                            self.bad.push((spot, error));
                        }
                    }
                    failure => {
                        self.failure = Some((spot, failure));
                        self.stopped = true;
                        break;
                    }
                }
            }
            start = end + 1;
        }
        self.lines.push((chunk.seq, n));
    }

    fn line(&mut self, text: &[u8], offset: u64) -> Result<(), Failure> {
        let at = (self.settings.input, offset);
        let registry = self.settings.registry;
        if let Some(p) = line::fast_point(text, &mut self.times) {
            match self
                .partial
                .add_raw(p.name, p.time, p.value, p.tags, at, registry)
            {
                Ok(()) => return Ok(()),
                Err(Refused::Bad(message)) => {
                    return Err(Failure::Line(ParseError::whole(message)));
                }
                Err(Refused::Fallback) => {}
            }
        }
        match line::parse_slow(text).map_err(Failure::Line)? {
            None => Ok(()),
            Some(Parsed::Point {
                name,
                time,
                value,
                tags,
            }) => self
                .partial
                .add_parsed(&name, time, value, &tags, at, registry)
                .map_err(|r| match r {
                    Refused::Bad(message) => Failure::Line(ParseError::whole(message)),
                    Refused::Fallback => {
                        Failure::Line(ParseError::whole("internal: unroutable point"))
                    }
                }),
            Some(Parsed::Metric(m)) => {
                let mut registry = registry
                    .lock()
                    .map_err(|_| Failure::Io(io::Error::other("lock poisoned")))?;
                match registry.register(m, at) {
                    Ok(Registered::New) if self.parallel => Err(Failure::Rerun),
                    Ok(_) => Ok(()),
                    Err(message) => Err(Failure::Line(ParseError::whole(message))),
                }
            }
        }
    }
}

/// Merges the workers' partials and turns chunk-relative places into line
/// numbers.
fn finish(workers: Vec<Worker<'_>>) -> Result<Outcome, Failure> {
    let mut lines: Vec<(u64, u64)> = workers
        .iter()
        .flat_map(|w| w.lines.iter().copied())
        .collect();
    lines.sort_unstable();
    let line_of = |(seq, n): Spot| -> usize {
        let before: u64 = lines
            .iter()
            .take_while(|(s, _)| *s < seq)
            .map(|(_, c)| c)
            .sum();
        usize::try_from(before + n).unwrap_or(usize::MAX)
    };
    let place = |spot: Spot, mut error: ParseError| {
        error.place.line = Some(line_of(spot));
        error
    };
    let mut failures: Vec<(Spot, Failure)> = Vec::new();
    let mut bad: Vec<(Spot, ParseError)> = Vec::new();
    let mut bad_count = 0;
    let mut truncated = None;
    let mut partial = Partial::default();
    for mut w in workers {
        failures.extend(w.failure.take());
        bad.append(&mut w.bad);
        bad_count += w.bad_count;
        truncated = truncated.max(w.truncated);
        partial.merge(std::mem::take(&mut w.partial));
    }
    failures.sort_by_key(|(spot, _)| *spot);
    if let Some((spot, failure)) = failures.into_iter().next() {
        return Err(match failure {
            Failure::Line(error) => Failure::Line(place(spot, error)),
            other => other,
        });
    }
    let mut warnings = Vec::new();
    if let Some(spot) = truncated {
        warnings.push(format!(
            "line {}: the input ends in the middle of this line (was k6 stopped while writing?); ignored it",
            line_of(spot)
        ));
    }
    if bad_count > 0 {
        bad.sort_by_key(|(spot, _)| *spot);
        let named: Vec<String> = bad
            .into_iter()
            .map(|(spot, e)| place(spot, e).to_string())
            .collect();
        warnings.push(format!(
            "skipped {bad_count} bad line{} (--skip-bad-lines): {}{}",
            if bad_count == 1 { "" } else { "s" },
            named.join("; "),
            if bad_count > named.len() as u64 {
                "; …"
            } else {
                ""
            }
        ));
    }
    partial.compact();
    Ok(Outcome { partial, warnings })
}
