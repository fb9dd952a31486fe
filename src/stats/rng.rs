//! The seeded generator behind the bootstrap.
//!
//! Written out here rather than taken from a crate because its output is
//! part of benchgate's behaviour: a bootstrap interval must be the same for
//! a seed on every platform and every release, and the `rand` family has
//! changed how it maps random words to ranges between versions. These two
//! published algorithms, plus Lemire's bounded integers, are 40 lines whose
//! output is fixed by their reference implementations and checked against
//! their published test values below.
//!
//! - xoshiro256** 1.0 and SplitMix64: D. Blackman and S. Vigna, "Scrambled
//!   linear pseudorandom number generators", ACM TOMS 47(4), 2021;
//!   reference C code at <https://prng.di.unimi.it/>. SplitMix64 expands the
//!   64-bit seed into the 256-bit state, as the authors recommend.
//! - D. Lemire, "Fast Random Integer Generation in an Interval", ACM TOMACS
//!   29(1), 2019: an unbiased integer in `[0, n)` from one multiplication,
//!   rarely two.

/// xoshiro256**: 256 bits of state, period 2²⁵⁶ − 1, passes BigCrush.
#[derive(Debug, Clone)]
pub(super) struct Xoshiro256StarStar {
    s: [u64; 4],
}

impl Xoshiro256StarStar {
    /// The generator whose state is four successive SplitMix64 outputs from
    /// `seed`. The state is never all zero (SplitMix64 is a bijection of
    /// distinct counters, so its four outputs cannot all be 0).
    pub(super) fn seed_from_u64(seed: u64) -> Self {
        let mut state = seed;
        Self {
            s: [(); 4].map(|()| splitmix64(&mut state)),
        }
    }

    /// The next 64 random bits.
    pub(super) fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// A uniform integer in `[0, n)`, without bias (Lemire 2019).
    ///
    /// # Panics
    ///
    /// If `n` is 0 (a programmer error: the range is empty).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "random integer below 0");
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }
}

/// One SplitMix64 step (Steele, Lea & Flood, OOPSLA 2014; Vigna's
/// `splitmix64.c`): advances `state` and returns the mixed word.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_published_values() {
        // Vigna's splitmix64.c from state 0 and from 1234567 (the values
        // used by Apache Commons RNG's and others' conformance tests).
        assert_eq!(splitmix64(&mut 0), 0xE220_A839_7B1D_CDAF);
        let mut state = 1_234_567;
        let words = [(); 3].map(|()| splitmix64(&mut state));
        assert_eq!(
            words,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423
            ]
        );
    }

    #[test]
    fn xoshiro256starstar_matches_the_reference_implementation() {
        // State {1, 2, 3, 4}: the test vector of rand_xoshiro, from Vigna's C code.
        let mut rng = Xoshiro256StarStar { s: [1, 2, 3, 4] };
        let expected = [
            11_520,
            0,
            1_509_978_240,
            1_215_971_899_390_074_240,
            1_216_172_134_540_287_360,
            607_988_272_756_665_600,
            16_172_922_978_634_559_625,
            8_476_171_486_693_032_832,
            10_595_114_339_597_558_777,
            2_904_607_092_377_533_576,
        ];
        assert_eq!([(); 10].map(|()| rng.next_u64()), expected);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(7);
        let mut seen = [false; 7];
        for _ in 0..1000 {
            seen[rng.below(7) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(rng.below(1), 0);
    }
}
