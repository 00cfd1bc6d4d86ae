//! Where the bytes of a normalised text come from in the original.
//!
//! Normalising mostly copies: byte `i + 1` of the normalised text usually comes from the
//! byte after the one byte `i` came from. The map therefore records only the *shifts*, the
//! bytes where that stops being true (collapsed whitespace, a dropped hidden character, a
//! curly quote replaced, a character NFKC changed in length), instead of one offset per byte:
//! most sentences have no shift at all and cost no allocation.

/// Maps byte offsets of a normalised text to byte offsets of the text it was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OriginMap {
    /// Before the first shift, byte `i` comes from `base + i`.
    base: u32,
    /// `(at, origin)`, in increasing order of `at`: byte `at + k` comes from `origin + k`, up
    /// to the next shift.
    shifts: Vec<(u32, u32)>,
}

impl OriginMap {
    /// A map for a text read from `base` on: a text copied from there needs no shift.
    pub fn starting_at(base: usize) -> OriginMap {
        OriginMap { base: base as u32, shifts: Vec::new() }
    }

    /// Where byte `at` comes from.
    pub fn get(&self, at: usize) -> usize {
        let after = self.shifts.partition_point(|&(shift, _)| shift as usize <= at);
        match after.checked_sub(1).map(|last| self.shifts[last]) {
            Some((shift, origin)) => origin as usize + (at - shift as usize),
            None => self.base as usize + at,
        }
    }

    /// Records that byte `at`, at or after every byte mapped so far, comes from `origin`;
    /// the bytes after it follow on until the next call.
    pub fn map(&mut self, at: usize, origin: usize) {
        let follows = match self.shifts.last() {
            Some(&(shift, from)) => from as usize + (at - shift as usize) == origin,
            None => self.base as usize + at == origin,
        };
        if !follows {
            self.shifts.push((at as u32, origin as u32));
        }
    }

    /// Forgets the bytes from `len` on, for a text cut back to `len` bytes.
    pub fn truncate(&mut self, len: usize) {
        let kept = self.shifts.partition_point(|&(shift, _)| (shift as usize) < len);
        self.shifts.truncate(kept);
    }

    /// The map of bytes `start..end`, counted from `start` and relative to where byte `start`
    /// comes from; byte `end` (one past the last) comes from `end_origin`.
    pub fn window(&self, start: usize, end: usize, end_origin: usize) -> OriginMap {
        let base = self.get(start);
        let first = self.shifts.partition_point(|&(shift, _)| shift as usize <= start);
        let inside = self.shifts[first..].iter().take_while(|&&(shift, _)| (shift as usize) < end);
        let mut window = OriginMap { base: 0, shifts: inside.map(|&(shift, origin)| (shift - start as u32, origin - base as u32)).collect() };
        window.map(end - start, end_origin - base);
        window
    }

    /// [`OriginMap::window`] of all `len` bytes of the text, made from the map itself: a clause
    /// that is one sentence hands its map on without a copy.
    pub fn into_window(mut self, len: usize, end_origin: usize) -> OriginMap {
        let base = self.get(0);
        self.truncate(len);
        self.shifts.retain(|&(shift, _)| shift > 0);
        self.shifts.iter_mut().for_each(|(_, origin)| *origin -= base as u32);
        self.base = 0;
        self.map(len, end_origin - base);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::XorShift;

    /// The map agrees with a plain list of one origin per byte, built by the same steps.
    #[test]
    fn agrees_with_an_origin_per_byte() {
        let mut random = XorShift::default();
        for _ in 0..500 {
            let mut origin = random.next() as usize % 4;
            let (mut map, mut plain) = (OriginMap::starting_at(origin), Vec::<usize>::new());
            for _ in 0..random.next() % 40 {
                match random.next() % 8 {
                    0 if !plain.is_empty() => {
                        let len = random.next() as usize % plain.len();
                        plain.truncate(len);
                        map.truncate(len);
                    }
                    step => {
                        origin += (step % 3) as usize;
                        map.map(plain.len(), origin);
                        plain.push(origin);
                        for _ in 0..step % 4 {
                            origin += 1;
                            plain.push(origin);
                        }
                    }
                }
                let len = plain.len();
                assert!((0..len).all(|at| map.get(at) == plain[at]), "{map:?} {plain:?}");
                if len > 0 {
                    let start = random.next() as usize % len;
                    let end = start + random.next() as usize % (len - start) + 1;
                    let end_origin = plain[end - 1] + 1 + (random.next() % 3) as usize;
                    let window = map.window(start, end, end_origin);
                    assert!((0..end - start).all(|at| window.get(at) == plain[start + at] - plain[start]));
                    assert_eq!(window.get(end - start), end_origin - plain[start]);
                    if start == 0 {
                        assert_eq!(map.clone().into_window(end, end_origin), window);
                    }
                }
            }
        }
    }

    #[test]
    fn text_copied_with_a_constant_offset_needs_no_shift() {
        let mut map = OriginMap::starting_at(7);
        map.map(0, 7);
        map.map(5, 12);
        assert_eq!(map, OriginMap::starting_at(7));
        assert_eq!(map.window(2, 4, 11), OriginMap::default());
    }
}
