//! A scripted executor: every run of a command returns the next of the
//! measurements given for it, so runner tests (and a hidden CLI switch) are
//! deterministic and snapshotable.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::Duration;

use super::{CommandSpec, Executor, MeasureError, Measurement};

/// An [`Executor`] that starts nothing. Each command (by id) has a script
/// of measurements, returned in turn and then from the start again; a
/// command without a script is "not found". Every call is logged.
#[derive(Debug, Default)]
pub struct FakeExecutor {
    scripts: BTreeMap<String, Vec<Measurement>>,
    state: RefCell<State>,
}

#[derive(Debug, Default)]
struct State {
    next: BTreeMap<String, usize>,
    calls: Vec<(String, Option<Duration>)>,
}

impl FakeExecutor {
    /// An executor that knows no command.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs of command `id` take these wall times in turn (then again from
    /// the first), succeed, spend half their time in user mode and a
    /// quarter in the kernel, and peak at 1 MiB plus 1 KiB per millisecond.
    pub fn with_walls(self, id: &str, walls: impl IntoIterator<Item = Duration>) -> Self {
        let measurements = walls
            .into_iter()
            .map(|wall| Measurement {
                user: Some(wall / 2),
                system: Some(wall / 4),
                max_rss: Some((1 << 20) + 1024 * wall.as_millis().min(1 << 40) as u64),
                ..Measurement::of_wall(wall)
            })
            .collect();
        self.with_measurements(id, measurements)
    }

    /// Runs of command `id` return these measurements in turn (then again
    /// from the first).
    ///
    /// # Panics
    ///
    /// When `measurements` is empty: a script needs at least one.
    pub fn with_measurements(mut self, id: &str, measurements: Vec<Measurement>) -> Self {
        assert!(
            !measurements.is_empty(),
            "a fake command's script needs at least one measurement"
        );
        self.scripts.insert(id.to_owned(), measurements);
        self
    }

    /// The ids of the commands run so far, in order.
    pub fn calls(&self) -> Vec<String> {
        let state = self.state.borrow();
        state.calls.iter().map(|(id, _)| id.clone()).collect()
    }

    /// The timeouts the runs were given, in order.
    pub fn timeouts(&self) -> Vec<Option<Duration>> {
        let state = self.state.borrow();
        state.calls.iter().map(|(_, timeout)| *timeout).collect()
    }
}

impl Executor for FakeExecutor {
    fn execute(
        &self,
        command: &CommandSpec,
        timeout: Option<Duration>,
    ) -> Result<Measurement, MeasureError> {
        let id = command.id();
        let mut state = self.state.borrow_mut();
        state.calls.push((id.clone(), timeout));
        let Some(script) = self.scripts.get(&id) else {
            return Err(MeasureError::Spawn {
                command: id,
                shell_words: false,
                error: std::io::ErrorKind::NotFound.into(),
            });
        };
        let next = state.next.entry(id).or_default();
        let measurement = script[*next % script.len()];
        *next += 1;
        Ok(measurement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_cycle_and_calls_are_logged() {
        let ms = Duration::from_millis;
        let fake = FakeExecutor::new().with_walls("a", [ms(1), ms(2)]);
        let a = CommandSpec::new(["a"]);
        let walls: Vec<Duration> = (0..3)
            .map(|_| fake.execute(&a, Some(ms(9))).unwrap().wall)
            .collect();
        assert_eq!(walls, [ms(1), ms(2), ms(1)]);
        let err = fake.execute(&CommandSpec::new(["b"]), None).unwrap_err();
        assert!(matches!(err, MeasureError::Spawn { .. }), "{err}");
        assert_eq!(fake.calls(), ["a", "a", "a", "b"]);
        assert_eq!(fake.timeouts()[0], Some(ms(9)));
    }
}

/// Shorthands of the runner's unit tests.
#[cfg(test)]
pub(super) mod testing {
    use std::time::Duration;

    use super::super::{CommandSpec, RunSpec};

    pub(in crate::measure) fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    /// A suite named `demo` of commands given by their ids.
    pub(in crate::measure) fn spec(commands: &[&str]) -> RunSpec {
        let commands = commands.iter().map(|c| CommandSpec::new([*c])).collect();
        RunSpec::new("demo", commands)
    }
}
