//! A random number generator for tests, shared by the unit tests (`crate::testing`) and the
//! integration tests (`tests/common`, which include this file).

/// Marsaglia's xorshift64: small, deterministic (a failure replays from its seed), good
/// enough to pick test inputs.
pub struct XorShift(pub u64);

impl Default for XorShift {
    fn default() -> Self {
        XorShift(0x2545_F491_4F6C_DD1D)
    }
}

impl XorShift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }
}
