//! The stopping rule: when a command has been measured enough, how many
//! runs that will take, and what makes a spec unrunnable.

use std::collections::BTreeSet;
use std::time::Duration;

use super::runner::Samples;
use super::{CommandSpec, DEFAULT_MIN_TIME, MAX_RUNS, MIN_RUNS, MeasureError, RunSpec};

/// When to stop measuring a command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Plan {
    /// After exactly this many runs.
    Runs(usize),
    /// Once the runs add up to this much wall time, and number at least
    /// [`MIN_RUNS`] (or [`MAX_RUNS`] were made).
    MinTime(Duration),
}

impl Plan {
    /// The plan of a valid `spec` with at least `min_commands` commands.
    ///
    /// # Errors
    ///
    /// [`MeasureError::InvalidSpec`] saying what is wrong.
    pub(super) fn of(spec: &RunSpec, min_commands: usize) -> Result<Self, MeasureError> {
        let invalid = |reason: String| Err(MeasureError::InvalidSpec { reason });
        if spec.commands.len() < min_commands {
            return invalid(format!(
                "expected at least {min_commands} command(s), found {}",
                spec.commands.len()
            ));
        }
        if let Some(i) = spec.commands.iter().position(|c| c.argv.is_empty()) {
            return invalid(format!("command {} is empty", i + 1));
        }
        let mut ids = BTreeSet::new();
        if let Some(id) = spec
            .commands
            .iter()
            .map(CommandSpec::id)
            .find(|id| !ids.insert(id.clone()))
        {
            return invalid(format!(
                "two commands have the id `{id}`: give them different names (--command NAME=CMD)"
            ));
        }
        if spec.timeout == Some(Duration::ZERO) {
            return invalid("the timeout must be longer than zero".to_owned());
        }
        match (spec.runs, spec.min_time) {
            (Some(_), Some(_)) => invalid("--runs and --min-time exclude each other".to_owned()),
            (Some(0), None) => invalid("--runs must be at least 1".to_owned()),
            (Some(runs), None) => Ok(Self::Runs(runs)),
            (None, time) => Ok(Self::MinTime(time.unwrap_or(DEFAULT_MIN_TIME))),
        }
    }

    /// Whether a command with these samples is measured enough.
    pub(super) fn done(&self, samples: &Samples) -> bool {
        let runs = samples.len();
        match *self {
            Self::Runs(wanted) => runs >= wanted,
            Self::MinTime(time) => {
                runs >= MAX_RUNS || (runs >= MIN_RUNS && samples.elapsed() >= time)
            }
        }
    }

    /// How many runs the plan will take, judging by these samples.
    pub(super) fn estimate(&self, samples: &Samples) -> usize {
        match *self {
            Self::Runs(wanted) => wanted,
            Self::MinTime(_) if samples.len() == 0 => MIN_RUNS,
            Self::MinTime(time) => {
                let mean = samples.elapsed().as_secs_f64() / samples.len() as f64;
                let needed = if mean > 0.0 {
                    (time.as_secs_f64() / mean).ceil().min(MAX_RUNS as f64) as usize
                } else {
                    MAX_RUNS
                };
                needed.clamp(MIN_RUNS, MAX_RUNS).max(samples.len())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FakeExecutor, Measurement, run};
    use super::*;

    use super::super::fake::testing::{ms, spec};

    #[test]
    fn invalid_specs_are_refused_before_anything_runs() {
        let fake = FakeExecutor::new();
        let cases = [
            (spec(&[]), "expected at least 1 command(s), found 0"),
            (
                RunSpec::new("s", vec![CommandSpec::new(Vec::<String>::new())]),
                "command 1 is empty",
            ),
            (
                spec(&["a", "a"]),
                "two commands have the id `a`: give them different names (--command NAME=CMD)",
            ),
            (
                RunSpec {
                    runs: Some(0),
                    ..spec(&["a"])
                },
                "--runs must be at least 1",
            ),
            (
                RunSpec {
                    runs: Some(3),
                    min_time: Some(ms(1)),
                    ..spec(&["a"])
                },
                "--runs and --min-time exclude each other",
            ),
            (
                RunSpec {
                    timeout: Some(Duration::ZERO),
                    ..spec(&["a"])
                },
                "the timeout must be longer than zero",
            ),
        ];
        for (spec, reason) in cases {
            let err = run(&spec, &fake, &mut |_| {}).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("failed to start measuring: {reason}")
            );
        }
        assert!(fake.calls().is_empty());
    }

    #[test]
    fn the_estimate_follows_the_mean_run_time() {
        let plan = Plan::MinTime(Duration::from_secs(1));
        let mut samples = Samples::default();
        assert_eq!(plan.estimate(&samples), MIN_RUNS);
        samples.push(Measurement::of_wall(ms(40)));
        assert_eq!(plan.estimate(&samples), 25);
        samples.push(Measurement::of_wall(Duration::ZERO));
        samples.push(Measurement::of_wall(Duration::ZERO));
        assert_eq!(plan.estimate(&samples), 75);
        assert_eq!(Plan::Runs(7).estimate(&samples), 7);
    }
}
