//! The shared reader of one input: hands out ~1 MiB chunks of whole lines
//! in order, decompressing gzip on the way.

use std::io::{self, Read};

use memchr::memrchr;

/// Bytes read per chunk.
pub(super) const CHUNK: usize = 1 << 20;

/// A line longer than this is an error (a binary file, most likely).
const MAX_LINE: usize = 256 << 20;

/// The shared reader.
pub(super) struct Source {
    pub reader: Box<dyn Read + Send>,
    pub gzip: bool,
    /// The part of the last read after its last newline.
    pub carry: Vec<u8>,
    pub offset: u64,
    pub seq: u64,
    pub eof: bool,
    pub stop: bool,
    pub error: Option<io::Error>,
    pub warnings: Vec<String>,
}

/// A chunk handed to a worker.
#[derive(Debug, Clone, Copy)]
pub(super) struct Chunk {
    pub seq: u64,
    /// Byte offset of its first byte in the (decompressed) input.
    pub offset: u64,
    /// Its last line has no newline: the input ends there.
    pub unterminated: bool,
}

/// A worker's chunk buffer: allocated (and zeroed) once, so reads never
/// pay for initialising memory again.
pub(super) struct Buffer {
    bytes: Vec<u8>,
    len: usize,
}

impl Buffer {
    pub fn new() -> Self {
        Self {
            bytes: vec![0; CHUNK + READ],
            len: 0,
        }
    }

    /// The bytes of the current chunk.
    pub fn data(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// Makes room for `len` bytes.
    fn reserve(&mut self, len: usize) {
        if self.bytes.len() < len {
            self.bytes.resize(len.max(self.bytes.len() * 2), 0);
        }
    }
}

/// The least read at a time when a line goes on past the chunk.
const READ: usize = 64 << 10;

impl Source {
    /// Fills `buf` with the next whole lines; `None` at the end (or after
    /// an error or a stop).
    pub fn fill(&mut self, buf: &mut Buffer) -> Option<Chunk> {
        if self.stop || self.error.is_some() || (self.eof && self.carry.is_empty()) {
            return None;
        }
        buf.reserve(self.carry.len());
        buf.len = self.carry.len();
        if let Some(head) = buf.bytes.get_mut(..buf.len) {
            head.copy_from_slice(&self.carry);
        }
        self.carry.clear();
        loop {
            let end = CHUNK.max(buf.len + READ);
            buf.reserve(end);
            while !self.eof && buf.len < end {
                let Some(room) = buf.bytes.get_mut(buf.len..end) else {
                    break;
                };
                match self.reader.read(room) {
                    Ok(0) => self.eof = true,
                    Ok(n) => buf.len += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) if self.gzip && e.kind() == io::ErrorKind::UnexpectedEof => {
                        self.warnings.push(format!(
                            "the gzip stream ends early (a truncated file?): read the {} bytes it held",
                            self.offset + buf.len as u64
                        ));
                        self.eof = true;
                    }
                    Err(e) => {
                        self.error = Some(e);
                        return None;
                    }
                }
            }
            match memrchr(b'\n', buf.data()) {
                Some(i) => {
                    self.carry
                        .extend_from_slice(buf.data().get(i + 1..).unwrap_or_default());
                    buf.len = i + 1;
                    break;
                }
                None if self.eof => break,
                None if buf.len > MAX_LINE => {
                    self.error = Some(io::Error::other(format!(
                        "a line longer than {} MiB at byte {}; is this k6 NDJSON?",
                        MAX_LINE >> 20,
                        self.offset
                    )));
                    return None;
                }
                None => {}
            }
        }
        let data = buf.data();
        if data.is_empty() {
            return None;
        }
        let chunk = Chunk {
            seq: self.seq,
            offset: self.offset,
            unterminated: self.eof && self.carry.is_empty() && !data.ends_with(b"\n"),
        };
        self.seq += 1;
        self.offset += data.len() as u64;
        Some(chunk)
    }
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
pub(super) fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(buf.get_mut(n..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
