//! Running one command once: the [`Executor`] trait, what one run yields
//! ([`Measurement`]), and the real executor that starts processes.

use std::fmt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{CommandSpec, MeasureError, SHELL, clock};

/// Runs a command once and measures it. The runner's only access to the
/// outside world, so that a fake can stand in for it in tests (hyperfine's
/// `Executor` and `MockExecutor` are the model).
pub trait Executor {
    /// Runs `command` once, killing it after `timeout`.
    ///
    /// A command that runs and fails is a [`Measurement`] with its [`Exit`]:
    /// whether that is an error is the runner's decision.
    ///
    /// # Errors
    ///
    /// [`MeasureError::Spawn`] when the command cannot be started,
    /// [`MeasureError::Wait`] when it cannot be waited for.
    fn execute(
        &self,
        command: &CommandSpec,
        timeout: Option<Duration>,
    ) -> Result<Measurement, MeasureError>;
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// It exited with this status code (0 is success).
    Code(i32),
    /// A signal ended it (a crash, or a kill from outside).
    Signal(i32),
    /// It outlived the timeout and was killed.
    TimedOut,
}

impl Exit {
    /// Whether the run succeeded: exit code 0.
    pub fn success(self) -> bool {
        self == Self::Code(0)
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Code(code) => write!(f, "exit code {code}"),
            Self::Signal(signal) => write!(f, "signal {signal}"),
            Self::TimedOut => f.write_str("a timeout"),
        }
    }
}

/// What one run cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    /// Wall-clock time from just before the process was started until it
    /// had been waited for.
    pub wall: Duration,
    /// CPU time spent in user mode by the process and the children it
    /// waited for; absent where the platform does not report it.
    pub user: Option<Duration>,
    /// CPU time spent in the kernel on its behalf, likewise.
    pub system: Option<Duration>,
    /// Peak resident set size in bytes (the largest of the process and the
    /// children it waited for); absent where the platform does not report
    /// it.
    pub max_rss: Option<u64>,
    /// How the run ended.
    pub exit: Exit,
}

impl Measurement {
    /// A successful run of `wall` with no other figures (for fakes and
    /// tests).
    pub fn of_wall(wall: Duration) -> Self {
        Self {
            wall,
            user: None,
            system: None,
            max_rss: None,
            exit: Exit::Code(0),
        }
    }
}

/// The real executor: starts the command as a child process (no shell
/// unless the command asks for one), with standard input and output
/// discarded, and reads its resource usage from the kernel when it is
/// waited for (`wait4`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessExecutor;

impl Executor for ProcessExecutor {
    fn execute(
        &self,
        command: &CommandSpec,
        timeout: Option<Duration>,
    ) -> Result<Measurement, MeasureError> {
        let mut process = to_process(command);
        let start = Instant::now();
        let child = process.spawn().map_err(|error| MeasureError::Spawn {
            command: command.id(),
            shell_words: !command.shell
                && command
                    .argv
                    .first()
                    .is_some_and(|p| p.to_string_lossy().contains(char::is_whitespace)),
            error,
        })?;
        clock::wait(child, start, timeout).map_err(|error| MeasureError::Wait {
            command: command.id(),
            error,
        })
    }
}

/// The process to start for `command`: its program with its arguments
/// exactly as given, or `sh -c SCRIPT`; standard streams discarded, so the
/// command's output costs what writing to `/dev/null` costs, as with
/// hyperfine's default.
pub(crate) fn to_process(command: &CommandSpec) -> Command {
    let mut process = if command.shell {
        let mut sh = Command::new(SHELL);
        sh.arg("-c").arg(command.words());
        sh
    } else {
        let mut argv = command.argv.iter();
        let mut direct = Command::new(argv.next().map(|p| p.as_os_str()).unwrap_or_default());
        direct.args(argv);
        direct
    };
    if let Some(dir) = &command.dir {
        process.current_dir(dir);
    }
    process
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    process
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::*;

    #[test]
    fn a_direct_command_passes_its_arguments_untouched() {
        let process = to_process(&CommandSpec::new(["printf", "%s\n", "a b", "$HOME", ""]));
        assert_eq!(process.get_program(), "printf");
        let args: Vec<&OsStr> = process.get_args().collect();
        assert_eq!(args, ["%s\n", "a b", "$HOME", ""]);
    }

    #[test]
    fn a_shell_command_runs_its_words_as_one_script_in_its_directory() {
        let command = CommandSpec {
            shell: true,
            ..CommandSpec::new(["echo", "$HOME", "|", "wc"])
        }
        .in_dir("/tmp");
        let process = to_process(&command);
        assert_eq!(process.get_program(), SHELL);
        let args: Vec<&OsStr> = process.get_args().collect();
        assert_eq!(args, ["-c", "echo $HOME | wc"]);
        assert_eq!(
            process.get_current_dir(),
            Some(std::path::Path::new("/tmp"))
        );
    }

    #[test]
    fn exits_say_how_a_run_ended() {
        assert!(Exit::Code(0).success());
        assert!(!Exit::Code(1).success());
        assert!(!Exit::Signal(9).success());
        assert_eq!(Exit::Code(3).to_string(), "exit code 3");
        assert_eq!(Exit::Signal(9).to_string(), "signal 9");
        assert_eq!(Exit::TimedOut.to_string(), "a timeout");
    }
}
