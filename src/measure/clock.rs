//! The clocks a run is read from: the monotonic wall clock, and the
//! kernel's accounting of the child process — `wait4(2)` hands back its
//! user and system CPU time and peak resident memory as it reaps it.
//!
//! The only file of the crate with `unsafe` code: two system calls that std
//! does not wrap (`wait4`, and `waitid` with `WNOWAIT` for timeouts), each
//! in a function of a few lines in [`sys`].

use std::io;
use std::process::Child;
use std::time::{Duration, Instant};

use super::{Exit, Measurement};

/// Waits for `child`, started at `start`, and measures it; kills it when it
/// outlives `timeout`.
///
/// With a timeout, a watchdog thread kills the child. It may only do so
/// while the child is not reaped yet (its pid cannot have been reused), so
/// the waiting thread first waits for the exit *without* reaping
/// (`waitid(WNOWAIT)`), then tells the watchdog, then reaps with `wait4`.
#[cfg(unix)]
pub(super) fn wait(
    mut child: Child,
    start: Instant,
    timeout: Option<Duration>,
) -> io::Result<Measurement> {
    let pid = child.id();
    let Some(limit) = timeout else {
        let reaped = sys::wait4(pid)?;
        return Ok(reaped.measurement(start.elapsed(), false));
    };
    let (wall, killed) = watch(&mut child, start, limit)?;
    Ok(sys::wait4(pid)?.measurement(wall, killed))
}

/// Waits until `child` has exited (not reaped), killing it at `start +
/// limit`. Returns the wall time and whether the watchdog killed it.
#[cfg(unix)]
fn watch(child: &mut Child, start: Instant, limit: Duration) -> io::Result<(Duration, bool)> {
    use std::sync::{Condvar, Mutex, PoisonError};

    let pid = child.id();
    let exited = (Mutex::new(false), Condvar::new());
    std::thread::scope(|scope| {
        let watchdog = scope.spawn(|| {
            let (lock, wake) = &exited;
            let guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
            let left = limit.saturating_sub(start.elapsed());
            let (guard, _) = wake
                .wait_timeout_while(guard, left, |done| !*done)
                .unwrap_or_else(PoisonError::into_inner);
            !*guard && child.kill().is_ok()
        });
        let waited = sys::wait_exited(pid);
        let wall = start.elapsed();
        *exited.0.lock().unwrap_or_else(PoisonError::into_inner) = true;
        exited.1.notify_one();
        let killed = watchdog.join().expect("the watchdog thread does not panic");
        waited.map(|()| (wall, killed))
    })
}

/// Without `wait4`: wall time and exit status only, polling for the
/// timeout.
#[cfg(not(unix))]
pub(super) fn wait(
    mut child: Child,
    start: Instant,
    timeout: Option<Duration>,
) -> io::Result<Measurement> {
    let status = loop {
        if timeout.is_none() {
            break child.wait()?;
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if timeout.is_some_and(|limit| start.elapsed() >= limit) {
            child.kill()?;
            child.wait()?;
            let wall = start.elapsed();
            return Ok(Measurement {
                exit: Exit::TimedOut,
                ..Measurement::of_wall(wall)
            });
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let wall = start.elapsed();
    let exit = status.code().map_or(Exit::Signal(-1), Exit::Code);
    Ok(Measurement {
        exit,
        ..Measurement::of_wall(wall)
    })
}

#[cfg(unix)]
mod sys {
    #![expect(
        unsafe_code,
        reason = "wait4 and waitid are the only way to read a child's resource usage and to \
                  wait without reaping; std wraps neither"
    )]

    use std::io;
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;
    use std::time::Duration;

    use super::{Exit, Measurement};

    /// A reaped child: how it ended and what it used.
    pub(super) struct Reaped {
        status: ExitStatus,
        user: Duration,
        system: Duration,
        max_rss: u64,
    }

    impl Reaped {
        /// The measurement of a run of `wall`; `killed` says the watchdog
        /// killed it.
        pub(super) fn measurement(&self, wall: Duration, killed: bool) -> Measurement {
            let exit = match (self.status.code(), self.status.signal()) {
                (_, Some(libc::SIGKILL)) if killed => Exit::TimedOut,
                (Some(code), _) => Exit::Code(code),
                (None, signal) => Exit::Signal(signal.unwrap_or(0)),
            };
            Measurement {
                wall,
                user: Some(self.user),
                system: Some(self.system),
                max_rss: Some(self.max_rss),
                exit,
            }
        }
    }

    /// Reaps child `pid`, blocking until it exits, with its rusage.
    pub(super) fn wait4(pid: u32) -> io::Result<Reaped> {
        let pid = to_pid(pid)?;
        let mut status: libc::c_int = 0;
        // SAFETY: `rusage` is a C struct of integers, for which all-zero
        // bytes are a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        loop {
            // SAFETY: both pointers point to live, writable locals of the
            // types wait4(2) writes.
            let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            if reaped == pid {
                break;
            }
            retry_on_interrupt()?;
        }
        Ok(Reaped {
            status: ExitStatus::from_raw(status),
            user: duration(usage.ru_utime),
            system: duration(usage.ru_stime),
            max_rss: max_rss_bytes(usage.ru_maxrss),
        })
    }

    /// Blocks until child `pid` has exited, leaving it to be reaped.
    pub(super) fn wait_exited(pid: u32) -> io::Result<()> {
        let id = libc::id_t::try_from(to_pid(pid)?).map_err(io::Error::other)?;
        // SAFETY: `siginfo_t` is a C struct of integers and unions of
        // integers, for which all-zero bytes are a valid value.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        loop {
            // SAFETY: `info` is a live, writable `siginfo_t`, as waitid(2)
            // expects.
            let done =
                unsafe { libc::waitid(libc::P_PID, id, &mut info, libc::WEXITED | libc::WNOWAIT) };
            if done == 0 {
                return Ok(());
            }
            retry_on_interrupt()?;
        }
    }

    /// `Ok` when the last system call failed with `EINTR` (try again), the
    /// error otherwise.
    fn retry_on_interrupt() -> io::Result<()> {
        let err = io::Error::last_os_error();
        if err.kind() == io::ErrorKind::Interrupted {
            Ok(())
        } else {
            Err(err)
        }
    }

    fn to_pid(pid: u32) -> io::Result<libc::pid_t> {
        libc::pid_t::try_from(pid).map_err(io::Error::other)
    }

    fn duration(time: libc::timeval) -> Duration {
        let secs = u64::try_from(time.tv_sec).unwrap_or(0);
        let micros = u64::try_from(time.tv_usec).unwrap_or(0);
        Duration::from_secs(secs) + Duration::from_micros(micros)
    }

    /// `ru_maxrss` is in kibibytes on Linux and the BSDs, in bytes on Apple
    /// systems (getrusage(2) on each).
    fn max_rss_bytes(max_rss: libc::c_long) -> u64 {
        let value = u64::try_from(max_rss).unwrap_or(0);
        if cfg!(any(target_os = "macos", target_os = "ios")) {
            value
        } else {
            value.saturating_mul(1024)
        }
    }
}
