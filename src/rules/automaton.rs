//! An Aho-Corasick automaton for the lexicon's one pass per sentence, which reports every
//! occurrence of every pattern, overlapping ones included, after a byte its pattern allows.
//!
//! Patterns may refuse kinds of bytes before them (most of the lexicon's refuse word bytes).
//! The automaton then has one root per kind of byte: after a byte, the walk starts afresh
//! from the root of its kind, whose trie holds only the patterns that allow it, and a state
//! stands for the longest suffix of the text read that may still become an occurrence (a
//! prefix of a pattern that allows the byte before it). Inside a word the walk so stays on
//! the root of word bytes and the few states of the patterns that may start there, and a
//! state reports its outputs without looking at the text.
//!
//! Shallow states get complete rows (a DFA's), deeper ones keep their few transitions and a
//! failure link: on the 1.18 MB test document, 55 % of the bytes are read in a row and 35 %
//! by a deep state's first transition. With the baseline (about 2,300 patterns, 14,800
//! states) the walk costs 36 M instructions instead of the aho-corasick crate's contiguous
//! NFA's 58 M (about 12 % less time natively), a whole check 280 M instead of 300 M (in
//! V8's wasm, 82 ms instead of 90), building costs 6 M fewer, and the tables take 400 KB
//! (the NFA's 256 KB, the crate's full DFA's 3.8 MB, which a page would build at every load).

/// A state's id. u16 ids (which fit the baseline's only with rows to depth 2) walked no
/// faster than u32 ids do to depth 2, and 8 % slower than to depth 3.
type StateId = u32;

/// Tags a state id whose state ends at least one pattern: the walk tests one bit per byte.
const MATCHES: StateId = 1 << (StateId::BITS - 1);

/// States up to this depth get complete rows: 620 of them with the baseline, 107 KB. Depth 4
/// and 6 walked 3 % and 5 % faster (natively) for 200 and 400 KB more.
const DENSE_DEPTH: usize = 3;

/// At most this many entries of complete rows (4 bytes each): a lexicon with many short
/// patterns over many bytes gets fewer dense levels rather than a huge table.
const DENSE_BUDGET: usize = 1 << 20;

/// At most this many entries in all states' output lists.
const OUTPUT_BUDGET: usize = 1 << 24;

pub struct Automaton {
    /// Each byte's class: the bytes of no pattern share one per kind of byte.
    classes: [u8; 256],
    /// The length of a dense row: one next state per class, then where the state's outputs
    /// start in `outputs`.
    stride: usize,
    /// The rows of the dense states; a dense state's id is its row's offset, so ids from
    /// `dense.len()` on are sparse states, numbered from 0 in `sparse`.
    dense: Vec<StateId>,
    sparse: Vec<SparseState>,
    /// The transitions after their first of the sparse states that have more, as (class,
    /// next state) in no particular order (few states have more than two), each state's
    /// followed by its failure link.
    more_edges: Vec<(u8, StateId)>,
    /// The states' output lists, one after the other, each ending with an entry marked last.
    /// A state's slot holds its list's start, so a report reads the slot, then the list.
    outputs: Vec<Output>,
}

/// Most sparse states have one transition, kept here so that the walk reads one record
/// (of 16 bytes).
#[derive(Clone, Copy)]
struct SparseState {
    /// The first transition's target; a leaf has none, and holds instead its transition on
    /// class 0, as its failure links resolve it (right, as any transition is).
    next: StateId,
    class: u8,
    more_len: u8,
    /// The failure link, or (with `more_len` further transitions) where they start in
    /// `more_edges`, the failure link after them.
    link: u32,
    /// Where the state's outputs start in `outputs`, if it has any: in the record that the
    /// next byte's step reads anyway, not in a table of its own.
    outputs: u32,
}

#[derive(Clone, Copy)]
struct Output {
    pattern: u32,
    len: u32,
    last: bool,
}

impl Automaton {
    /// The automaton of `patterns` (matched byte for byte), or why it cannot be built. Each
    /// pattern comes with the kinds of bytes (bits of `kinds`, per byte) that may not stand
    /// right before its occurrences: the lexicon's phrases and most literals only count at the
    /// start of a word, and a third of all occurrences ("at" in "that") sit inside words.
    pub fn new<'p>(patterns: impl IntoIterator<Item = (&'p [u8], u8)>, kinds: [u8; 256]) -> Result<Automaton, &'static str> {
        let (trie, classes) = Trie::new(patterns, &kinds)?;
        let order = BreadthFirst::new(&trie);
        Builder::new(classes, &trie, &order)?.build()
    }

    /// Calls `found(pattern, start, end)` for every occurrence of every pattern in `text`
    /// after a byte that the pattern allows (or at the start), in order of their ends.
    pub fn occurrences(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        // The first root: the one of the text's start, which every pattern allows.
        let mut state = 0;
        for (at, &byte) in text.iter().enumerate() {
            state = self.next(state, self.classes[usize::from(byte)]);
            if state & MATCHES != 0 {
                self.report(state, at + 1, &mut found);
            }
        }
    }

    /// The state after `state` reads a byte of `class`.
    #[inline]
    fn next(&self, state: StateId, class: u8) -> StateId {
        let id = (state & !MATCHES) as usize;
        // A sparse state's id is past the rows: `get` tells the kinds apart.
        match self.dense.get(id + usize::from(class)) {
            Some(&next) => next,
            None => self.sparse_next(id, class),
        }
    }

    /// Inlined into the walk: left out of line, a check took 12 M instructions more.
    #[inline]
    fn sparse_next(&self, mut id: usize, class: u8) -> StateId {
        loop {
            let state = &self.sparse[id - self.dense.len()];
            if state.class == class {
                return state.next;
            }
            id = state.link as usize;
            if state.more_len > 0 {
                let (more, fail) = self.more_edges[id..].split_at(usize::from(state.more_len));
                if let Some(&(_, next)) = more.iter().find(|e| e.0 == class) {
                    return next;
                }
                id = fail[0].1 as usize;
            }
            if let Some(&next) = self.dense.get(id + usize::from(class)) {
                return next;
            }
        }
    }

    fn report(&self, state: StateId, end: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let id = (state & !MATCHES) as usize;
        let first = match id.checked_sub(self.dense.len()) {
            None => self.dense[id + self.stride - 1],
            Some(index) => self.sparse[index].outputs,
        };
        for output in &self.outputs[first as usize..] {
            found(output.pattern as usize, end - output.len as usize, end);
            if output.last {
                break;
            }
        }
    }

    /// Bytes held by the automaton's tables.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.dense.len() * 4
            + self.sparse.len() * std::mem::size_of::<SparseState>()
            + self.more_edges.len() * 8
            + self.outputs.len() * std::mem::size_of::<Output>()
    }
}

/// Byte classes, numbered as bytes first occur in the patterns from 1 on: the bytes of no
/// pattern share class 0 and, when they lead to different roots, one more class per root
/// (when every byte occurs, class 0 is the last byte's own).
struct Classes {
    of: [u8; 256],
    count: usize,
    /// Per class, the root its bytes lead to (see `Trie::roots`).
    roots: Vec<u32>,
}

impl Classes {
    fn of_pattern_byte(&mut self, byte: u8) -> u8 {
        let class = &mut self.of[usize::from(byte)];
        if *class == 0 && self.count < 256 {
            *class = self.count as u8;
            self.count += 1;
        }
        *class
    }

    /// Sets each class's root, `root_of` each byte's, splitting class 0 by root: every other
    /// class holds one byte. There is room: a class per byte at most.
    /// No class is left without a byte, nor without a root: class 0 holds two bytes of no
    /// pattern or more, or one byte.
    fn split_by_root(&mut self, root_of: impl Fn(usize) -> u32) {
        let mut roots = vec![NONE; self.count];
        for byte in 0..256 {
            let (class, root) = (usize::from(self.of[byte]), root_of(byte));
            if roots[class] == NONE {
                roots[class] = root;
            } else if roots[class] != root {
                let split = roots.iter().skip(self.count).position(|&r| r == root);
                let split = split.map(|index| self.count + index).unwrap_or_else(|| {
                    roots.push(root);
                    roots.len() - 1
                });
                self.of[byte] = split as u8;
            }
        }
        self.count = roots.len();
        self.roots = roots;
    }
}

const NONE: u32 = u32::MAX;

const TOO_LARGE: &str = "too many states or pattern ends";

/// The patterns' tries, one per root, their edges as sibling lists.
struct Trie {
    /// The roots are the first nodes: the first for the text's start, one per other
    /// combination of kinds that bytes have. Each holds the patterns that allow those kinds.
    roots: usize,
    first_edge: Vec<u32>,
    depth: Vec<u32>,
    edges: Vec<TrieEdge>,
    /// Per node, the last pattern end there, in `ends`: (pattern, the end before it at the
    /// same node or `NONE`).
    last_end: Vec<u32>,
    ends: Vec<(u32, u32)>,
}

struct TrieEdge {
    class: u8,
    target: u32,
    sibling: u32,
}

impl Trie {
    fn new<'p>(patterns: impl IntoIterator<Item = (&'p [u8], u8)>, kinds: &[u8; 256]) -> Result<(Trie, Classes), &'static str> {
        let mut root_kinds = vec![0];
        for &kind in kinds {
            if !root_kinds.contains(&kind) {
                root_kinds.push(kind);
            }
        }
        let roots = root_kinds.len();
        let mut trie = Trie {
            roots,
            first_edge: vec![NONE; roots],
            depth: vec![0; roots],
            edges: Vec::new(),
            last_end: vec![NONE; roots],
            ends: Vec::new(),
        };
        let mut classes = Classes { of: [0; 256], count: 1, roots: Vec::new() };
        for (index, (pattern, not_after)) in patterns.into_iter().enumerate() {
            let index = u32::try_from(index).map_err(|_| TOO_LARGE)?;
            for root in (0..roots).filter(|&root| root_kinds[root] & not_after == 0) {
                let mut node = root as u32;
                for &byte in pattern {
                    node = trie.child_or_new(node, classes.of_pattern_byte(byte));
                }
                let earlier = std::mem::replace(&mut trie.last_end[node as usize], trie.ends.len() as u32);
                trie.ends.push((index, earlier));
            }
            if trie.first_edge.len() >= MATCHES as usize {
                return Err(TOO_LARGE);
            }
        }
        let root_of = |byte: usize| root_kinds.iter().position(|&kind| kind == kinds[byte]).unwrap_or(0) as u32;
        classes.split_by_root(root_of);
        Ok((trie, classes))
    }

    fn child_or_new(&mut self, node: u32, class: u8) -> u32 {
        let mut edge = self.first_edge[node as usize];
        while edge != NONE {
            let e = &self.edges[edge as usize];
            if e.class == class {
                return e.target;
            }
            edge = e.sibling;
        }
        let child = self.first_edge.len() as u32;
        self.first_edge.push(NONE);
        self.last_end.push(NONE);
        self.depth.push(self.depth[node as usize] + 1);
        self.edges.push(TrieEdge { class, target: child, sibling: self.first_edge[node as usize] });
        self.first_edge[node as usize] = self.edges.len() as u32 - 1;
        child
    }

    fn patterns_ending_at(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        let last = self.last_end[node as usize];
        std::iter::successors((last != NONE).then(|| self.ends[last as usize]), |&(_, earlier)| {
            (earlier != NONE).then(|| self.ends[earlier as usize])
        })
        .map(|(pattern, _)| pattern)
    }

    fn children(&self, node: u32) -> impl Iterator<Item = (u8, u32)> + '_ {
        let first = self.first_edge[node as usize];
        std::iter::successors((first != NONE).then_some(first), |&e| {
            let sibling = self.edges[e as usize].sibling;
            (sibling != NONE).then_some(sibling)
        })
        .map(|e| (self.edges[e as usize].class, self.edges[e as usize].target))
    }
}

/// The trie's nodes in breadth-first order (so by depth), each with its children by class.
struct BreadthFirst {
    nodes: Vec<u32>,
    /// Per node in order, where its children start in `children` (one more at the end).
    children_start: Vec<u32>,
    /// (class, position in `nodes`), in no particular order.
    children: Vec<(u8, u32)>,
}

impl BreadthFirst {
    /// The roots come first, in the order of their nodes.
    fn new(trie: &Trie) -> BreadthFirst {
        let mut order = BreadthFirst { nodes: vec![0; trie.roots], children_start: Vec::new(), children: Vec::new() };
        for (root, node) in order.nodes.iter_mut().enumerate() {
            *node = root as u32;
        }
        let mut next = 0;
        while let Some(&node) = order.nodes.get(next) {
            next += 1;
            order.children_start.push(order.children.len() as u32);
            for (class, child) in trie.children(node) {
                order.children.push((class, order.nodes.len() as u32));
                order.nodes.push(child);
            }
        }
        order.children_start.push(order.children.len() as u32);
        order
    }

    /// The states from `first` on, in depth-first order from the shallowest: a chain of
    /// single transitions, the most frequent shape, then lies in consecutive records (the
    /// walk took 6 % less time than with the records in breadth-first order).
    fn depth_first_below(&self, first: usize) -> Vec<u32> {
        let mut ordered = Vec::with_capacity(self.nodes.len().saturating_sub(first));
        let mut stack = Vec::new();
        let children_from = |position: usize| self.children_of(position).iter().rev().map(|&(_, child)| child).filter(|&c| c as usize >= first);
        for parent in 0..first.min(self.nodes.len()) {
            stack.extend(children_from(parent));
            while let Some(position) = stack.pop() {
                ordered.push(position);
                stack.extend(children_from(position as usize));
            }
        }
        ordered
    }

    fn children_of(&self, position: usize) -> &[(u8, u32)] {
        &self.children[self.children_start[position] as usize..self.children_start[position + 1] as usize]
    }
}

/// The automaton under construction, in breadth-first order: a state's failure link points
/// to a shallower state, complete when the state is reached.
struct Builder<'a> {
    automaton: Automaton,
    order: &'a BreadthFirst,
    trie: &'a Trie,
    dense_count: usize,
    /// Per state (by position), its failure link's position.
    fail: Vec<u32>,
    /// The sparse states' positions in the order of their ids, and per sparse state (by
    /// position minus `dense_count`), its index in that order.
    sparse_positions: Vec<u32>,
    sparse_index: Vec<u32>,
    /// Per class, the root (its position) that its bytes lead to.
    class_roots: Vec<u32>,
}

impl<'a> Builder<'a> {
    fn new(classes: Classes, trie: &'a Trie, order: &'a BreadthFirst) -> Result<Builder<'a>, &'static str> {
        let stride = classes.count + 1;
        let depth = |position: &u32| trie.depth[*position as usize] as usize;
        let within_budget = |count: usize| count * stride <= DENSE_BUDGET;
        // The roots' rows are complete: at most 256 of 257 entries, within the budget.
        let mut dense_count = trie.roots;
        for level in 1..=DENSE_DEPTH {
            let count = order.nodes.iter().take_while(|p| depth(p) <= level).count();
            if !within_budget(count) {
                break;
            }
            dense_count = count;
        }
        let dense_limit = dense_count * stride;
        let sparse_count = order.nodes.len() - dense_count;
        if dense_limit + sparse_count >= MATCHES as usize {
            return Err(TOO_LARGE);
        }
        let automaton = Automaton {
            classes: classes.of,
            stride,
            dense: vec![0; dense_limit],
            sparse: vec![SparseState { next: 0, class: 0, more_len: 0, link: 0, outputs: 0 }; sparse_count],
            more_edges: Vec::new(),
            outputs: Vec::new(),
        };
        let sparse_positions = order.depth_first_below(dense_count);
        let mut sparse_index = vec![0; sparse_count];
        for (index, &position) in sparse_positions.iter().enumerate() {
            sparse_index[position as usize - dense_count] = index as u32;
        }
        let fail = vec![0; order.nodes.len()];
        let class_roots = classes.roots;
        Ok(Builder { automaton, order, trie, dense_count, fail, sparse_positions, sparse_index, class_roots })
    }

    fn id(&self, position: u32) -> StateId {
        let position = position as usize;
        match position.checked_sub(self.dense_count) {
            None => (position * self.automaton.stride) as StateId,
            Some(index) => (self.automaton.dense.len() + self.sparse_index[index] as usize) as StateId,
        }
    }

    fn position(&self, id: StateId) -> u32 {
        let id = id as usize;
        match id.checked_sub(self.automaton.dense.len()) {
            None => (id / self.automaton.stride) as u32,
            Some(index) => self.sparse_positions[index],
        }
    }

    fn build(mut self) -> Result<Automaton, &'static str> {
        for position in 0..self.order.nodes.len() {
            self.add_transitions(position);
            self.link_children(position);
        }
        let firsts = self.add_outputs()?;
        self.tag_matching(&firsts);
        Ok(self.automaton)
    }

    fn add_transitions(&mut self, position: usize) {
        let children = self.order.children_of(position);
        if position < self.dense_count {
            let stride = self.automaton.stride;
            let row = position * stride;
            if position < self.trie.roots {
                for (class, &root) in self.class_roots.iter().enumerate() {
                    self.automaton.dense[row + class] = self.id(root);
                }
            } else {
                let fail_row = self.fail[position] as usize * stride;
                self.automaton.dense.copy_within(fail_row..fail_row + stride, row);
            }
            for &(class, child) in children {
                self.automaton.dense[row + usize::from(class)] = self.id(child);
            }
        } else {
            let fail = self.id(self.fail[position]);
            let (class, next) = match children.first() {
                Some(&(class, child)) => (class, self.id(child)),
                None => (0, self.automaton.next(fail, 0)),
            };
            let more = children.get(1..).unwrap_or_default();
            let link = if more.is_empty() { fail } else { self.automaton.more_edges.len() as u32 };
            for &(class, child) in more {
                let next = self.id(child);
                self.automaton.more_edges.push((class, next));
            }
            if !more.is_empty() {
                self.automaton.more_edges.push((0, fail));
            }
            // At most 256 classes: the first and 255 more.
            let more_len = more.len() as u8;
            let index = self.sparse_index[position - self.dense_count] as usize;
            self.automaton.sparse[index] = SparseState { next, class, more_len, link, outputs: NONE };
        }
    }

    /// Sets the failure links of a state's children: where the state's own link goes on
    /// their class, as in the classic construction: a suffix that may become an occurrence
    /// after one more byte may already before it. A root's children fail to the root of
    /// their own byte, the longest such suffix of one byte being the empty one after it.
    fn link_children(&mut self, position: usize) {
        for &(class, child) in self.order.children_of(position) {
            self.fail[child as usize] = match position < self.trie.roots {
                true => self.class_roots[usize::from(class)],
                false => self.position(self.automaton.next(self.id(self.fail[position]), class)),
            };
        }
    }

    /// Every state's outputs, its own and those of its failure link's (each allowed by the
    /// byte before it, a state's path or its root), and per state where its list starts
    /// (`NONE`: no outputs).
    fn add_outputs(&mut self) -> Result<Vec<u32>, &'static str> {
        let mut firsts = vec![NONE; self.order.nodes.len()];
        for (position, &node) in self.order.nodes.iter().enumerate() {
            let outputs = &mut self.automaton.outputs;
            let start = outputs.len();
            let len = self.trie.depth[node as usize];
            for pattern in self.trie.patterns_ending_at(node) {
                outputs.push(Output { pattern, len, last: false });
            }
            let inherited = if position >= self.trie.roots { firsts[self.fail[position] as usize] } else { NONE };
            if inherited != NONE {
                for index in inherited as usize.. {
                    let output = outputs[index];
                    outputs.push(Output { last: false, ..output });
                    if output.last {
                        break;
                    }
                }
            }
            if outputs.len() > OUTPUT_BUDGET {
                return Err(TOO_LARGE);
            }
            if let Some(last) = outputs.get_mut(start..).and_then(<[Output]>::last_mut) {
                last.last = true;
                firsts[position] = start as u32;
            }
        }
        Ok(firsts)
    }

    /// Stores where the output lists start and tags the ids of the states that have outputs
    /// wherever a transition leads to them.
    fn tag_matching(&mut self, firsts: &[u32]) {
        let stride = self.automaton.stride;
        for position in 0..self.dense_count {
            let row = position * stride;
            for entry in row..row + stride - 1 {
                self.automaton.dense[entry] = self.tagged(firsts, self.automaton.dense[entry]);
            }
            self.automaton.dense[row + stride - 1] = firsts[position];
        }
        for index in 0..self.automaton.sparse.len() {
            let state = self.automaton.sparse[index];
            let outputs = firsts[self.sparse_positions[index] as usize];
            self.automaton.sparse[index] = SparseState { next: self.tagged(firsts, state.next), outputs, ..state };
            // The transitions only: the failure link after them stays untagged.
            for edge in state.link as usize..state.link as usize + usize::from(state.more_len) {
                self.automaton.more_edges[edge].1 = self.tagged(firsts, self.automaton.more_edges[edge].1);
            }
        }
    }

    fn tagged(&self, firsts: &[u32], id: StateId) -> StateId {
        match firsts[self.position(id) as usize] {
            NONE => id,
            _ => id | MATCHES,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use crate::testing::XorShift;

    /// Every occurrence as (end, pattern, start), sorted.
    fn walk<P: AsRef<[u8]>>(patterns: &[P], text: &[u8]) -> Vec<(usize, usize, usize)> {
        walk_refusing(&patterns.iter().map(|p| (p.as_ref(), 0)).collect::<Vec<_>>(), [0; 256], text)
    }

    /// Every occurrence as (end, pattern, start), sorted, of patterns that refuse some kinds
    /// of bytes before them.
    fn walk_refusing(patterns: &[(&[u8], u8)], kinds: [u8; 256], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let automaton = Automaton::new(patterns.iter().copied(), kinds).expect("builds");
        let mut found = Vec::new();
        let mut last_end = 0;
        automaton.occurrences(text, |pattern, start, end| {
            assert!(end >= last_end, "in order of ends");
            last_end = end;
            found.push((end, pattern, start));
        });
        found.sort_unstable();
        found
    }

    fn reference<P: AsRef<[u8]>>(patterns: &[P], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let searcher = AhoCorasick::builder().match_kind(MatchKind::Standard).build(patterns).expect("builds");
        let mut found: Vec<_> = searcher.find_overlapping_iter(text).map(|m| (m.end(), m.pattern().as_usize(), m.start())).collect();
        found.sort_unstable();
        found
    }

    /// `len` bytes picked from `alphabet`.
    fn random_bytes(random: &mut XorShift, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len).map(|_| alphabet[random.below(alphabet.len())]).collect()
    }

    #[test]
    fn agrees_with_the_overlapping_search_on_random_texts() {
        let mut random = XorShift(0x9e37_79b9_7f4a_7c15);
        let alphabet = b"ab c\xc3\xa9\xff";
        for round in 0..400 {
            let mut patterns: Vec<Vec<u8>> = (0..1 + random.below(12)).map(|_| {
                let len = 1 + random.below(6);
                random_bytes(&mut random, alphabet, len)
            }).collect();
            // A duplicate, a prefix and a suffix of an earlier pattern.
            let earlier = patterns[random.below(patterns.len())].clone();
            patterns.push(earlier.clone());
            patterns.push(earlier[..1 + random.below(earlier.len())].to_vec());
            patterns.push(earlier[random.below(earlier.len())..].to_vec());
            let text_len = random.below(200);
            let text = random_bytes(&mut random, alphabet, text_len);
            assert_eq!(walk(&patterns, &text), reference(&patterns, &text), "round {round}: {patterns:?} in {text:?}");
        }
    }

    /// Occurrences after a byte of a kind their pattern refuses are not reported, whether the
    /// state that ends them is the pattern's own or one that inherits it.
    #[test]
    fn refused_bytes_before_an_occurrence_hide_it() {
        let mut random = XorShift(0x2545_f491_4f6c_dd1d);
        let alphabet = b"ab c-\xc3";
        // Kind 1: letters; kind 2: letters and the byte 0xc3.
        let mut kinds = [0; 256];
        kinds[usize::from(b'a')] = 3;
        kinds[usize::from(b'b')] = 3;
        kinds[0xc3] = 2;
        for round in 0..400 {
            let patterns: Vec<(Vec<u8>, u8)> = (0..1 + random.below(10)).map(|_| {
                let len = 1 + random.below(5);
                (random_bytes(&mut random, alphabet, len), random.below(4) as u8)
            }).collect();
            let borrowed: Vec<(&[u8], u8)> = patterns.iter().map(|(p, k)| (p.as_slice(), *k)).collect();
            let text_len = random.below(120);
            let text = random_bytes(&mut random, alphabet, text_len);
            let plain: Vec<&[u8]> = borrowed.iter().map(|&(p, _)| p).collect();
            let mut expected = reference(&plain, &text);
            expected.retain(|&(_, pattern, start)| start == 0 || kinds[usize::from(text[start - 1])] & patterns[pattern].1 == 0);
            assert_eq!(walk_refusing(&borrowed, kinds, &text), expected, "round {round}: {patterns:?} in {text:?}");
        }
    }

    /// The baseline's phrases, as the lexicon gives them to its automaton.
    fn baseline_phrases() -> Vec<String> {
        let source = crate::rules::builtin::profile("baseline").expect("baseline");
        let pack = crate::rules::pack::read(&source.text).expect("reads");
        let concepts = pack.concepts.iter().map(|(_, concept)| &concept.value);
        let phrases = concepts.flat_map(|concept| concept.phrases.iter().chain(&concept.exclude));
        phrases.map(|phrase| crate::rules::lexicon::normalise_phrase(phrase).trim_end_matches('*').to_string()).collect()
    }

    /// With every byte in some pattern, no class is left for the bytes of none.
    #[test]
    fn every_byte_in_a_pattern() {
        let mut patterns: Vec<Vec<u8>> = (0..=255).map(|b| vec![b]).collect();
        patterns.extend([b"ab".to_vec(), vec![0, 255, 0], vec![255, 255]]);
        let text: Vec<u8> = (0..=255).chain([0, 255, 0, 255, 255, b'a', b'b']).collect();
        assert_eq!(walk(&patterns, &text), reference(&patterns, &text));
    }

    /// Over the corpus, every occurrence of the baseline's phrases, and the allowed ones
    /// when a third of them refuse word bytes before them and a third ASCII letters and
    /// digits (as the lexicon's phrases and literals do).
    #[test]
    fn agrees_with_the_overlapping_search_on_the_corpus() {
        let phrases = baseline_phrases();
        let kinds: [u8; 256] = std::array::from_fn(|b| u8::from((b as u8).is_ascii_alphanumeric()) + 2 * u8::from(crate::language::words::is_word_byte(b as u8)));
        let refusing: Vec<(&[u8], u8)> = phrases.iter().enumerate().map(|(i, p)| (p.as_bytes(), [2, 0, 1][i % 3])).collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let (mut occurrences, mut refused) = (0, 0);
        for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
            let text = std::fs::read_to_string(&path).unwrap_or_default().to_ascii_lowercase();
            let found = walk(&phrases, text.as_bytes());
            assert_eq!(found, reference(&phrases, text.as_bytes()), "{}", path.display());
            let allowed = |&(_, pattern, start): &(usize, usize, usize)| start == 0 || kinds[usize::from(text.as_bytes()[start - 1])] & refusing[pattern].1 == 0;
            let expected: Vec<_> = found.iter().copied().filter(allowed).collect();
            assert_eq!(walk_refusing(&refusing, kinds, text.as_bytes()), expected, "{}", path.display());
            occurrences += found.len();
            refused += found.len() - expected.len();
        }
        assert!(phrases.len() > 1000 && occurrences > 10_000 && refused > 100, "{} phrases, {occurrences} occurrences, {refused} refused", phrases.len());
    }

    /// The baseline's automaton stays well under the full DFA's 3.8 MB.
    #[test]
    fn the_baseline_automaton_stays_small() {
        let automaton = Automaton::new(baseline_phrases().iter().map(|p| (p.as_bytes(), 0)), [0; 256]).expect("builds");
        assert!(automaton.heap_bytes() < 600_000, "{} bytes", automaton.heap_bytes());
    }
}
