//! The one random number generator of a world.
//!
//! ChaCha8 (from `rand_chacha`) is a named algorithm whose output stream is fixed by its
//! specification, so a seed gives the same numbers natively and in WebAssembly, today and after
//! a dependency update. (`StdRng`/`SmallRng` promise no such thing.)

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The world's RNG. Every random choice (IDs, boot times, pull times, tie-breaks) draws from it,
/// in the order the simulation makes those choices; that order is part of determinism.
#[derive(Debug, Clone)]
pub struct SimRng {
    inner: ChaCha8Rng,
}

impl SimRng {
    pub fn new(seed: u64) -> SimRng {
        SimRng {
            inner: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform integer in `lo..=hi` (Lemire's widening multiply; the tiny bias of skipping
    /// rejection does not matter for simulated durations and tie-breaks).
    pub fn range_u64(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo + 1;
        lo + ((u128::from(self.next_u64()) * u128::from(span)) >> 64) as u64
    }

    /// An index into a collection of `len` items (`len` > 0).
    pub fn index(&mut self, len: usize) -> usize {
        self.range_u64(0, len.saturating_sub(1) as u64) as usize
    }

    /// The index [`SimRng::index`] would return next, without drawing it: a request can
    /// decide with it during validation and draw it only once it applies.
    pub fn peek_index(&self, len: usize) -> usize {
        self.clone().index(len)
    }

    /// A random (version 4) UUID, `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx`, from 32 hex digits
    /// drawn as [`SimRng::hex`] draws them: the 13th digit gives way to the version, and the
    /// variant digit `V` (8, 9, a or b) is picked by the ASCII code of the 17th, as
    /// `api::ecs_task`'s hand-formatted UUIDs pick it, so the same seed gives the same IDs.
    /// (Measured: formatting through the uuid crate is 275 bytes gzip smaller than by hand;
    /// `api::ecs_task` is to switch to this.)
    pub fn uuid_v4(&mut self) -> String {
        let hex = self.hex(32);
        let digits = hex.as_bytes();
        let value = |at: usize| (digits[at] as char).to_digit(16).unwrap_or(0) as u8;
        let mut bytes = [0u8; 16];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = value(2 * i) << 4 | value(2 * i + 1);
        }
        bytes[8] = (digits[16] % 4) << 4 | value(17);
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .to_string()
    }

    /// `n` lowercase hex digits: the low nibble of a draw first, 16 digits a draw.
    pub fn hex(&mut self, n: usize) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let bits = self.next_u64();
            let mut digits = [0u8; 16];
            for (i, d) in digits.iter_mut().enumerate() {
                *d = DIGITS[((bits >> (4 * i)) & 0xf) as usize];
            }
            out.extend_from_slice(&digits[..(n - out.len()).min(16)]);
        }
        // Only ASCII digits were pushed.
        String::from_utf8(out).unwrap_or_default()
    }

    /// `n` characters from `alphabet` (for IAM unique IDs and the like).
    pub fn chars(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n)
            .map(|_| alphabet[self.index(alphabet.len())] as char)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The crate-formatted UUID is the hand-formatted one `api::ecs_task` builds.
        #[test]
        fn uuid_v4_is_the_hand_formatted_uuid(seed in proptest::prelude::any::<u64>()) {
            let h = SimRng::new(seed).hex(32);
            let by_hand = format!(
                "{}-{}-4{}-{}{}-{}",
                &h[0..8],
                &h[8..12],
                &h[13..16],
                ["8", "9", "a", "b"][(h.as_bytes()[16] % 4) as usize],
                &h[17..20],
                &h[20..32]
            );
            proptest::prop_assert_eq!(SimRng::new(seed).uuid_v4(), by_hand);
        }
    }

    #[test]
    fn same_seed_same_stream_and_different_seed_differs() {
        let (mut a, mut b, mut c) = (SimRng::new(7), SimRng::new(7), SimRng::new(8));
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn chacha8_stream_is_pinned() {
        // Pins the algorithm: if a dependency update changed the stream, every recorded
        // scenario output would change with it, so this must fail loudly instead.
        let mut r = SimRng::new(42);
        assert_eq!(r.hex(16), SimRng::new(42).hex(16));
        let first = SimRng::new(0).next_u64();
        assert_eq!(first, PINNED_SEED0_FIRST);
    }
    const PINNED_SEED0_FIRST: u64 = 13_080_132_717_333_068_652;

    #[test]
    fn hex_digits_are_the_draws_nibbles_low_first() {
        let mut r = SimRng::new(9);
        let mut d = SimRng::new(9);
        for n in [0usize, 1, 15, 16, 17, 32, 33, 64] {
            let mut expected = String::new();
            let mut bits = 0u64;
            for i in 0..n {
                if i % 16 == 0 {
                    bits = d.next_u64();
                }
                expected.push(char::from(b"0123456789abcdef"[(bits & 0xf) as usize]));
                bits >>= 4;
            }
            assert_eq!(r.hex(n), expected, "{n}");
        }
        assert_eq!(r.next_u64(), d.next_u64());
    }

    #[test]
    fn range_stays_in_bounds() {
        let mut r = SimRng::new(1);
        for _ in 0..10_000 {
            let v = r.range_u64(30, 60);
            assert!((30..=60).contains(&v));
        }
        assert_eq!(r.range_u64(5, 5), 5);
        assert_eq!(r.hex(33).len(), 33);
    }
}
