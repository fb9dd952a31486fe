//! Metric names → registry index, guessing from the order k6 writes them.

use super::sinks::FastMap;

/// Metric names → registry index, with guesses: k6 writes one request's
/// metrics in the same order every time, so the metric after metric `i` is
/// most often one of the last two that followed it.
#[derive(Debug, Default)]
pub(super) struct Names {
    map: FastMap<Box<[u8]>, usize>,
    /// By registry index: its name (once looked up) and the indices that
    /// followed it last, most recent first.
    by_index: Vec<(Box<[u8]>, [usize; 2])>,
    previous: usize,
}

impl Names {
    #[inline]
    pub(super) fn get(&mut self, name: &[u8]) -> Option<usize> {
        let guesses = self
            .by_index
            .get(self.previous)
            .map_or([usize::MAX; 2], |p| p.1);
        let is = |g: usize| {
            self.by_index
                .get(g)
                .is_some_and(|(known, _)| **known == *name)
        };
        let found = match guesses {
            [g, _] if is(g) => g,
            [_, g] if is(g) => g,
            _ => self.map.get(name).copied()?,
        };
        if let Some((_, next)) = self.by_index.get_mut(self.previous)
            && next[0] != found
        {
            *next = [found, next[0]];
        }
        self.previous = found;
        Some(found)
    }

    pub(super) fn insert(&mut self, name: &[u8], index: usize) {
        self.map.insert(name.into(), index);
        if self.by_index.len() <= index {
            self.by_index
                .resize_with(index + 1, || (Box::default(), [usize::MAX; 2]));
        }
        if let Some(slot) = self.by_index.get_mut(index) {
            slot.0 = name.into();
        }
    }
}
