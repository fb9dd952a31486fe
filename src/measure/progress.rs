//! The progress bar of `benchgate run`: drawn on standard error, and only
//! when it is a terminal, so logs and pipes never see it.

use std::io::IsTerminal;

use super::Progress;

/// A progress display fed [`Progress`] events: one indicatif bar per batch
/// of runs, cleared when the batch ends.
///
/// ```no_run
/// # use benchgate::measure::{self, ProcessExecutor, ProgressBar, RunSpec};
/// # fn demo(spec: &RunSpec) -> Result<(), measure::MeasureError> {
/// let mut bar = ProgressBar::on_stderr();
/// let results = measure::run(spec, &ProcessExecutor, &mut |event| bar.update(event))?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ProgressBar {
    visible: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl ProgressBar {
    /// A bar on standard error when it is a terminal, invisible otherwise.
    pub fn on_stderr() -> Self {
        Self::new(std::io::stderr().is_terminal())
    }

    /// A bar that draws on standard error when `visible`, and otherwise
    /// ignores every event.
    pub fn new(visible: bool) -> Self {
        Self { visible, bar: None }
    }

    /// Shows `event`.
    pub fn update(&mut self, event: Progress<'_>) {
        if !self.visible {
            return;
        }
        match event {
            Progress::Begin {
                label,
                phase,
                total,
            } => {
                self.clear();
                let bar = indicatif::ProgressBar::new(total as u64).with_style(style());
                bar.set_message(format!("{label} ({phase})"));
                self.bar = Some(bar);
            }
            Progress::Step { done, total } => {
                if let Some(bar) = &self.bar {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                }
            }
            Progress::End => self.clear(),
        }
    }

    fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for ProgressBar {
    /// Clears a bar left by a run that stopped with an error, so the error
    /// is printed on a clean line.
    fn drop(&mut self) {
        self.clear();
    }
}

fn style() -> indicatif::ProgressStyle {
    indicatif::ProgressStyle::with_template("{msg:40!} [{bar:30}] {pos}/{len} {eta}")
        .expect("the progress bar template is valid")
        .progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::super::Phase;
    use super::*;

    #[test]
    fn the_style_builds_and_a_hidden_bar_ignores_events() {
        let _ = style();
        let mut bar = ProgressBar::new(false);
        bar.update(Progress::Begin {
            label: "a",
            phase: Phase::Measure,
            total: 3,
        });
        assert!(bar.bar.is_none());
    }
}
