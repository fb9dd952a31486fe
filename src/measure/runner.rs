//! Sequential runs — each command's warm-up, then its measured runs, one
//! command after the other — and the parts interleaved runs share: one
//! checked run, and turning runs into a benchmark.

use std::time::Duration;

use super::plan::Plan;
use super::{
    CommandSpec, Executor, Exit, MeasureError, Measurement, Phase, Progress, RunSpec, new_results,
};
use crate::model::{Benchmark, Metric, Results, Unit};

/// Measures every command of `spec`, one after the other: its warm-up
/// runs, then its measured runs. Returns one benchmark per command, in
/// order, with metrics `time` (wall, ns), `user` and `system` (CPU, ns) and
/// `memory` (peak resident set, bytes), each with its raw samples; provenance
/// (time, git, host) is the caller's to add.
///
/// # Errors
///
/// [`MeasureError::InvalidSpec`] before anything runs; otherwise the first
/// run that could not start, failed (unless `ignore_failure`) or timed out,
/// naming its command.
pub fn run(
    spec: &RunSpec,
    executor: &dyn Executor,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Results, MeasureError> {
    let plan = Plan::of(spec, 1)?;
    let mut results = new_results(&spec.suite);
    for command in &spec.commands {
        let id = command.id();
        if spec.warmup > 0 {
            progress(Progress::Begin {
                label: &id,
                phase: Phase::Warmup,
                total: spec.warmup,
            });
            for run in 1..=spec.warmup {
                measure_once(executor, spec, command, Phase::Warmup, run)?;
                progress(Progress::Step {
                    done: run,
                    total: spec.warmup,
                });
            }
            progress(Progress::End);
        }
        let mut samples = Samples::default();
        progress(Progress::Begin {
            label: &id,
            phase: Phase::Measure,
            total: plan.estimate(&samples),
        });
        while !plan.done(&samples) {
            let run = samples.len() + 1;
            samples.push(measure_once(executor, spec, command, Phase::Measure, run)?);
            progress(Progress::Step {
                done: samples.len(),
                total: plan.estimate(&samples),
            });
        }
        progress(Progress::End);
        results.benchmarks.push(samples.into_benchmark(&id)?);
    }
    Ok(results)
}

/// Runs `command` once and checks how it ended.
///
/// # Errors
///
/// When it cannot start, when it timed out, or when it failed and
/// `spec.ignore_failure` is not set; `run` (from 1) and `phase` say which
/// run.
pub(super) fn measure_once(
    executor: &dyn Executor,
    spec: &RunSpec,
    command: &CommandSpec,
    phase: Phase,
    run: usize,
) -> Result<Measurement, MeasureError> {
    let measurement = executor.execute(command, spec.timeout)?;
    match measurement.exit {
        Exit::TimedOut => Err(MeasureError::Timeout {
            command: command.id(),
            run,
            phase,
            timeout: spec.timeout.unwrap_or_default(),
        }),
        exit if !exit.success() && !spec.ignore_failure => Err(MeasureError::Failed {
            command: command.id(),
            run,
            phase,
            exit,
        }),
        _ => Ok(measurement),
    }
}

/// The measured runs of one command, in order.
#[derive(Debug, Default)]
pub(super) struct Samples {
    runs: Vec<Measurement>,
    elapsed: Duration,
}

impl Samples {
    pub(super) fn push(&mut self, measurement: Measurement) {
        self.elapsed += measurement.wall;
        self.runs.push(measurement);
    }

    pub(super) fn len(&self) -> usize {
        self.runs.len()
    }

    /// The wall time of all runs together.
    pub(super) fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The benchmark `id` with a metric per measured quantity. CPU times
    /// and memory are left out when a run lacks them (a platform without
    /// `wait4`).
    ///
    /// # Errors
    ///
    /// [`MeasureError::Summary`] when there are no runs.
    pub(super) fn into_benchmark(self, id: &str) -> Result<Benchmark, MeasureError> {
        let nanos = |d: Duration| d.as_secs_f64() * 1e9;
        let column = |pick: &dyn Fn(&Measurement) -> Option<f64>| -> Option<Vec<f64>> {
            self.runs.iter().map(pick).collect()
        };
        let quantities: [(&str, Unit, Option<Vec<f64>>); 4] = [
            ("time", Unit::Nanoseconds, column(&|m| Some(nanos(m.wall)))),
            ("user", Unit::Nanoseconds, column(&|m| m.user.map(nanos))),
            (
                "system",
                Unit::Nanoseconds,
                column(&|m| m.system.map(nanos)),
            ),
            (
                "memory",
                Unit::Bytes,
                column(&|m| m.max_rss.map(|b| b as f64)),
            ),
        ];
        let mut metrics = Vec::new();
        for (name, unit, values) in quantities {
            let Some(values) = values else { continue };
            let summary =
                crate::ingest::summarize(&values).map_err(|error| MeasureError::Summary {
                    command: id.to_owned(),
                    error,
                })?;
            metrics.push(Metric::new(name, unit, summary).with_samples(values));
        }
        Ok(Benchmark::new(id, metrics))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DEFAULT_MIN_TIME, FakeExecutor, MIN_RUNS};
    use super::*;

    use super::super::fake::testing::{ms, spec};

    fn failing(exit: Exit) -> Measurement {
        Measurement {
            exit,
            ..Measurement::of_wall(ms(1))
        }
    }

    #[test]
    fn warm_up_runs_are_executed_but_not_recorded() {
        let fake = FakeExecutor::new()
            .with_walls("a", [ms(10), ms(20), ms(30)])
            .with_walls("b", [ms(5)]);
        let spec = RunSpec {
            warmup: 1,
            runs: Some(2),
            ..spec(&["a", "b"])
        };
        let results = run(&spec, &fake, &mut |_| {}).unwrap();
        assert_eq!(fake.calls(), ["a", "a", "a", "b", "b", "b"]);
        let a = results.benchmark("a").unwrap().metric("time").unwrap();
        assert_eq!(a.samples.as_deref(), Some(&[20e6, 30e6][..]));
        assert_eq!(results.benchmarks.len(), 2);
    }

    #[test]
    fn results_hold_time_cpu_and_memory_with_samples() {
        let fake = FakeExecutor::new().with_walls("sleep 0.01", [ms(10), ms(12), ms(11)]);
        let spec = RunSpec {
            runs: Some(3),
            ..RunSpec::new("demo", vec![CommandSpec::new(["sleep", "0.01"])])
        };
        let results = run(&spec, &fake, &mut |_| {}).unwrap();
        insta::assert_yaml_snapshot!(results);
    }

    #[test]
    fn a_minimum_time_takes_enough_runs_and_at_least_the_minimum_count() {
        let fake = FakeExecutor::new()
            .with_walls("slow", [ms(100)])
            .with_walls("quick", [ms(1)]);
        let spec = RunSpec {
            min_time: Some(ms(1500)),
            ..spec(&["slow"])
        };
        let results = run(&spec, &fake, &mut |_| {}).unwrap();
        assert_eq!(results.benchmarks[0].metrics[0].summary.n, Some(15));

        let spec = RunSpec {
            min_time: Some(ms(5)),
            ..spec_of("quick")
        };
        let results = run(&spec, &fake, &mut |_| {}).unwrap();
        assert_eq!(
            results.benchmarks[0].metrics[0].summary.n,
            Some(MIN_RUNS as u64)
        );

        let default = Plan::of(&spec_of("quick"), 1).unwrap();
        assert_eq!(default, Plan::MinTime(DEFAULT_MIN_TIME));
    }

    fn spec_of(command: &str) -> RunSpec {
        spec(&[command])
    }

    #[test]
    fn a_failing_run_is_an_error_naming_the_command_unless_ignored() {
        let fake = FakeExecutor::new().with_measurements(
            "flaky",
            vec![Measurement::of_wall(ms(1)), failing(Exit::Code(3))],
        );
        let spec = RunSpec {
            runs: Some(4),
            ..spec(&["flaky"])
        };
        let err = run(&spec, &fake, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "failed to run `flaky`: measured run 2 ended with exit code 3 (pass --ignore-failure to measure it anyway)"
        );

        let ignoring = RunSpec {
            ignore_failure: true,
            ..spec
        };
        let results = run(&ignoring, &fake, &mut |_| {}).unwrap();
        assert_eq!(results.benchmarks[0].metrics[0].summary.n, Some(4));
    }

    #[test]
    fn a_timeout_is_an_error_even_when_failures_are_ignored() {
        let fake = FakeExecutor::new().with_measurements("hang", vec![failing(Exit::TimedOut)]);
        let spec = RunSpec {
            warmup: 1,
            ignore_failure: true,
            timeout: Some(ms(250)),
            ..spec(&["hang"])
        };
        let err = run(&spec, &fake, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "failed to run `hang`: warm-up run 1 took longer than the 250ms timeout and was killed"
        );
        assert_eq!(fake.timeouts(), [Some(ms(250))]);
    }

    #[test]
    fn an_unknown_program_stops_the_run() {
        let fake = FakeExecutor::new();
        let err = run(&spec(&["nope"]), &fake, &mut |_| {}).unwrap_err();
        assert!(
            err.to_string().starts_with("failed to start `nope`: "),
            "{err}"
        );
    }

    #[test]
    fn progress_reports_each_batch_and_run() {
        let fake = FakeExecutor::new().with_walls("a", [ms(1)]);
        let spec = RunSpec {
            warmup: 1,
            runs: Some(2),
            ..spec(&["a"])
        };
        let mut events = Vec::new();
        run(&spec, &fake, &mut |event| events.push(format!("{event:?}"))).unwrap();
        assert_eq!(
            events,
            [
                r#"Begin { label: "a", phase: Warmup, total: 1 }"#,
                "Step { done: 1, total: 1 }",
                "End",
                r#"Begin { label: "a", phase: Measure, total: 2 }"#,
                "Step { done: 1, total: 2 }",
                "Step { done: 2, total: 2 }",
                "End",
            ]
        );
    }
}
