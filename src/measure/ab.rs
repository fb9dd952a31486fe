//! Interleaved runs: the commands alternate run by run in ABBA order, on
//! the same machine, so slow drifts and bursts of noise (a neighbour's load,
//! thermal throttling, a cache filling up) fall on every side alike instead
//! of on whichever ran second.
//!
//! Running the versions to compare alternately, rather than one after the
//! other, is how the literature cancels cloud noise: randomised multiple
//! interleaved trials (Abedi & Brecht, ICPE 2017,
//! <https://doi.org/10.1145/3030207.3030229>) and duet benchmarking
//! (Bulej et al., ICPE 2020, <https://doi.org/10.1145/3358960.3379132>).
//! ABBA (forward, then backward) also balances which side goes first, so a
//! warm-cache advantage of the second slot is shared.

use std::process::Stdio;

use super::executor::to_process;
use super::plan::Plan;
use super::runner::{Samples, measure_once};
use super::{
    CommandSpec, Executor, Exit, MIN_RUNS, MeasureError, Phase, Progress, RunSpec, new_results,
};
use crate::model::Results;

/// The order of one round's runs: round 0 forward (A B C), round 1 backward
/// (C B A), and so on.
pub fn schedule(round: usize, sides: usize) -> impl Iterator<Item = usize> {
    let backward = round % 2 == 1;
    (0..sides).map(move |i| if backward { sides - 1 - i } else { i })
}

/// Measures the commands of `spec` (two or more) interleaved: warm-up
/// rounds, then measured rounds, each running every command once in
/// [`schedule`] order. `runs` is the number of rounds; with a minimum time,
/// rounds go on until every command's runs add up to it, at least
/// [`MIN_RUNS`] rounds and an even number (so each side went first equally
/// often).
///
/// Returns one [`Results`] per command, in order, each holding one
/// benchmark with id `benchmark` (and the command's id as its `command`
/// parameter), so that any two can be given to `compare::compare`. A
/// side's *i*-th sample and another side's *i*-th sample come from the same
/// round: they are paired.
///
/// # Errors
///
/// As [`super::run`]: an invalid spec (fewer than two commands among
/// others), or the first run that could not start, failed or timed out.
pub fn run_interleaved(
    spec: &RunSpec,
    benchmark: &str,
    executor: &dyn Executor,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Vec<Results>, MeasureError> {
    let plan = Plan::of(spec, 2)?;
    let sides = spec.commands.len();
    let ids: Vec<String> = spec.commands.iter().map(|c| c.id()).collect();
    let label = ids.join(" ⇄ ");
    warm_up(spec, &label, executor, progress)?;

    let mut samples: Vec<Samples> = (0..sides).map(|_| Samples::default()).collect();
    let estimate = |samples: &[Samples]| {
        let rounds = samples
            .iter()
            .map(|s| plan.estimate(s))
            .max()
            .unwrap_or(MIN_RUNS);
        even_unless_counted(&plan, rounds) * sides
    };
    progress(Progress::Begin {
        label: &label,
        phase: Phase::Measure,
        total: estimate(&samples),
    });
    let mut round = 0;
    while !finished(&plan, &samples, round) {
        for side in schedule(round, sides) {
            let run = round + 1;
            let measurement =
                measure_once(executor, spec, &spec.commands[side], Phase::Measure, run)?;
            samples[side].push(measurement);
            let done = samples.iter().map(Samples::len).sum();
            progress(Progress::Step {
                done,
                total: estimate(&samples).max(done),
            });
        }
        round += 1;
    }
    progress(Progress::End);

    let mut results = Vec::with_capacity(sides);
    for (side, id) in samples.into_iter().zip(&ids) {
        let mut bench = side.into_benchmark(benchmark)?;
        bench.params.insert("command".to_owned(), id.clone());
        let mut side_results = new_results(&spec.suite);
        side_results.benchmarks.push(bench);
        results.push(side_results);
    }
    Ok(results)
}

/// The warm-up rounds of an interleaved run, in [`schedule`] order.
fn warm_up(
    spec: &RunSpec,
    label: &str,
    executor: &dyn Executor,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<(), MeasureError> {
    if spec.warmup == 0 {
        return Ok(());
    }
    let sides = spec.commands.len();
    let total = spec.warmup * sides;
    progress(Progress::Begin {
        label,
        phase: Phase::Warmup,
        total,
    });
    for round in 0..spec.warmup {
        for (i, side) in schedule(round, sides).enumerate() {
            let command = &spec.commands[side];
            measure_once(executor, spec, command, Phase::Warmup, round + 1)?;
            let done = round * sides + i + 1;
            progress(Progress::Step { done, total });
        }
    }
    progress(Progress::End);
    Ok(())
}

/// [`run_interleaved`] for exactly two commands, the baseline first and the
/// candidate second: returns `(baseline, candidate)`, ready for
/// `compare::compare(&baseline, &candidate, &policy)`.
///
/// # Errors
///
/// As [`run_interleaved`], and [`MeasureError::InvalidSpec`] unless `spec`
/// has exactly two commands.
pub fn run_ab(
    spec: &RunSpec,
    benchmark: &str,
    executor: &dyn Executor,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<(Results, Results), MeasureError> {
    if spec.commands.len() != 2 {
        return Err(MeasureError::InvalidSpec {
            reason: format!(
                "an A/B run takes a baseline and a candidate command, found {} command(s)",
                spec.commands.len()
            ),
        });
    }
    let [baseline, candidate]: [Results; 2] = run_interleaved(spec, benchmark, executor, progress)?
        .try_into()
        .expect("run_interleaved returns one Results per command");
    Ok((baseline, candidate))
}

/// Runs a build command once, untimed, with its output on standard error:
/// the step before an A/B run against a git ref, whose worktree (checked
/// out by the caller) is the build's `dir` and then the baseline command's.
///
/// # Errors
///
/// [`MeasureError::Spawn`] when it cannot start, [`MeasureError::Build`]
/// when it fails.
pub fn build(command: &CommandSpec) -> Result<(), MeasureError> {
    let mut process = to_process(command);
    process.stdout(std::io::stderr()).stderr(Stdio::inherit());
    let status = process.status().map_err(|error| MeasureError::Spawn {
        command: command.id(),
        shell_words: false,
        error,
    })?;
    if status.success() {
        return Ok(());
    }
    let exit = match status.code() {
        Some(code) => Exit::Code(code),
        None => Exit::Signal(signal_of(&status)),
    };
    Err(MeasureError::Build {
        command: command.id(),
        dir: command.dir.clone(),
        exit,
    })
}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> i32 {
    std::os::unix::process::ExitStatusExt::signal(status).unwrap_or(0)
}

#[cfg(not(unix))]
fn signal_of(_: &std::process::ExitStatus) -> i32 {
    0
}

/// Whether the measured rounds are enough: every side's samples satisfy the
/// plan, and with a minimum time the rounds are even.
fn finished(plan: &Plan, samples: &[Samples], rounds: usize) -> bool {
    let enough = samples.iter().all(|s| plan.done(s));
    match plan {
        Plan::Runs(_) => enough,
        Plan::MinTime(_) => enough && rounds.is_multiple_of(2),
    }
}

fn even_unless_counted(plan: &Plan, rounds: usize) -> usize {
    match plan {
        Plan::Runs(_) => rounds,
        Plan::MinTime(_) => rounds + rounds % 2,
    }
}

#[cfg(test)]
mod tests {
    use super::super::FakeExecutor;
    use super::*;
    use crate::compare::{self, Policy, Severity, Verdict};

    use super::super::fake::testing::{ms, spec};

    #[test]
    fn rounds_alternate_forward_and_backward() {
        let order: Vec<usize> = (0..4).flat_map(|r| schedule(r, 2)).collect();
        assert_eq!(order, [0, 1, 1, 0, 0, 1, 1, 0]);
        let order: Vec<usize> = (0..2).flat_map(|r| schedule(r, 3)).collect();
        assert_eq!(order, [0, 1, 2, 2, 1, 0]);
    }

    #[test]
    fn sides_alternate_in_abba_order_and_share_the_benchmark_id() {
        let fake = FakeExecutor::new()
            .with_walls("old", [ms(10)])
            .with_walls("new", [ms(12)]);
        let spec = RunSpec {
            warmup: 1,
            runs: Some(3),
            ..spec(&["old", "new"])
        };
        let (baseline, candidate) = run_ab(&spec, "build", &fake, &mut |_| {}).unwrap();
        assert_eq!(
            fake.calls(),
            ["old", "new", "old", "new", "new", "old", "old", "new"]
        );
        for (side, command) in [(&baseline, "old"), (&candidate, "new")] {
            let bench = &side.benchmarks[0];
            assert_eq!(bench.id, "build");
            assert_eq!(bench.params["command"], command);
            assert_eq!(bench.metrics[0].summary.n, Some(3));
            assert_eq!(side.suite, "demo");
        }
    }

    #[test]
    fn a_minimum_time_ends_on_an_even_round() {
        let fake = FakeExecutor::new()
            .with_walls("a", [ms(100)])
            .with_walls("b", [ms(110)]);
        let spec = RunSpec {
            min_time: Some(ms(1050)),
            ..spec(&["a", "b"])
        };
        let sides = run_interleaved(&spec, "x", &fake, &mut |_| {}).unwrap();
        let n: Vec<_> = sides
            .iter()
            .map(|s| s.benchmarks[0].metrics[0].summary.n)
            .collect();
        assert_eq!(n, [Some(12), Some(12)]);
    }

    #[test]
    fn compare_judges_the_sides() {
        let fake = FakeExecutor::new()
            .with_walls("old", [ms(100), ms(102), ms(98), ms(101)])
            .with_walls("new", [ms(200), ms(203), ms(197), ms(199)])
            .with_walls("same", [ms(101), ms(99), ms(100), ms(102)]);
        let spec = RunSpec {
            runs: Some(12),
            ..spec(&["old", "new", "same"])
        };
        let sides = run_interleaved(&spec, "x", &fake, &mut |_| {}).unwrap();
        let verdict = |a: usize, b: usize| {
            let comparison = compare::compare(&sides[a], &sides[b], &Policy::default());
            let time = comparison
                .entries
                .iter()
                .find(|e| e.metric == "time")
                .unwrap();
            time.verdict
        };
        assert_eq!(verdict(0, 1), Verdict::Regressed(Severity::Critical));
        assert_eq!(verdict(0, 2), Verdict::Unchanged);
    }

    #[test]
    fn fewer_than_two_commands_are_refused() {
        let fake = FakeExecutor::new().with_walls("a", [ms(1)]);
        let err = run_interleaved(&spec(&["a"]), "x", &fake, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "failed to start measuring: expected at least 2 command(s), found 1"
        );
        let err = run_ab(&spec(&["a", "b", "c"]), "x", &fake, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("found 3 command(s)"), "{err}");
        assert!(fake.calls().is_empty());
    }

    #[test]
    fn progress_counts_runs_of_every_side() {
        let fake = FakeExecutor::new()
            .with_walls("a", [ms(1)])
            .with_walls("b", [ms(1)]);
        let spec = RunSpec {
            runs: Some(2),
            ..spec(&["a", "b"])
        };
        let mut events = Vec::new();
        run_interleaved(&spec, "x", &fake, &mut |e| events.push(format!("{e:?}"))).unwrap();
        assert_eq!(
            events.first().unwrap(),
            r#"Begin { label: "a ⇄ b", phase: Measure, total: 4 }"#
        );
        assert_eq!(events[4], "Step { done: 4, total: 4 }");
        assert_eq!(events.len(), 6);
    }
}
