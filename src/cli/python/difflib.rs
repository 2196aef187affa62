//! Python's `difflib.get_close_matches` and `SequenceMatcher.ratio`, for the CLI's "maybe you
//! meant" suggestions.
//!
//! Not a stand-in for a crate: the suggestions are the CLI's own output, so they must be
//! Python's (its junk heuristic, its block search and its `(ratio, word)` ordering), which no
//! string-similarity crate reproduces (strsim's ratios differ; it was a dependency nothing
//! used, now dropped).

/// difflib.get_close_matches(word, choices, n=3, cutoff) with Python's SequenceMatcher.ratio, reproduced exactly (autojunk behaviour included).
///
/// This is how the CLI picks the "maybe you meant" suggestions (n=3,
/// cutoff=0.8). Results are ordered by ratio, then by choice, both
/// descending (`heapq.nlargest` on `(ratio, choice)` tuples). Where Python
/// raises `ValueError` (`n == 0`, cutoff outside 0..=1) this returns nothing.
pub fn close_matches(word: &str, choices: &[&str], n: usize, cutoff: f64) -> Vec<String> {
    if n == 0 || !(0.0..=1.0).contains(&cutoff) {
        return Vec::new();
    }
    let matcher = SequenceMatcher::with_b(word);
    let mut scored: Vec<(f64, &str)> = Vec::new();
    for &choice in choices {
        let a: Vec<char> = choice.chars().collect();
        if matcher.real_quick_ratio(&a) >= cutoff
            && matcher.quick_ratio(&a) >= cutoff
            && matcher.ratio(&a) >= cutoff
        {
            scored.push((matcher.ratio(&a), choice));
        }
    }
    crate::sort::sort_by(&mut scored, |x, y| {
        y.0.total_cmp(&x.0).then_with(|| y.1.cmp(x.1))
    });
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// `difflib.SequenceMatcher(None, a, b).ratio()` (autojunk on): twice the
/// number of matched characters over the total length, where matches come
/// from the recursive longest-matching-block search.
pub fn sequence_ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    SequenceMatcher::with_b(b).ratio(&a)
}

/// The `b` side of a `SequenceMatcher` with `isjunk=None, autojunk=True`.
/// Python's `b2j` (each element of `b` to its indices, minus "popular"
/// elements: more than 1% + 1 of a `b` of 200 or more elements) is [`Self::b2j`],
/// computed by scanning `b`: the words compared are short, and plain slices
/// keep the wasm small (no map types).
struct SequenceMatcher {
    b: Vec<char>,
}

impl SequenceMatcher {
    fn with_b(b: &str) -> SequenceMatcher {
        SequenceMatcher {
            b: b.chars().collect(),
        }
    }

    /// `b2j[c]`: the indices of `c` in `b`, ascending; none when `c` is popular.
    fn b2j(&self, c: char) -> Vec<usize> {
        let indices: Vec<usize> = (0..self.b.len()).filter(|&j| self.b[j] == c).collect();
        if self.b.len() >= 200 && indices.len() > self.b.len() / 100 + 1 {
            return Vec::new();
        }
        indices
    }

    fn ratio(&self, a: &[char]) -> f64 {
        calculate_ratio(self.matching_characters(a), a.len() + self.b.len())
    }

    /// Upper bound from the multiset intersection of the two sequences.
    fn quick_ratio(&self, a: &[char]) -> f64 {
        let mut available = self.b.clone();
        let mut matches = 0;
        for c in a {
            if let Some(at) = available.iter().position(|x| x == c) {
                available.swap_remove(at);
                matches += 1;
            }
        }
        calculate_ratio(matches, a.len() + self.b.len())
    }

    fn real_quick_ratio(&self, a: &[char]) -> f64 {
        calculate_ratio(a.len().min(self.b.len()), a.len() + self.b.len())
    }

    /// Sum of the sizes of `get_matching_blocks()`.
    fn matching_characters(&self, a: &[char]) -> usize {
        let mut total = 0;
        let mut queue = vec![(0, a.len(), 0, self.b.len())];
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.find_longest_match(a, alo, ahi, blo, bhi);
            if k == 0 {
                continue;
            }
            total += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
        total
    }

    /// `find_longest_match`: the earliest longest block free of popular
    /// elements, then extended over equal (popular) neighbours. There is no
    /// junk (`isjunk=None`), so the junk-extension loops never apply.
    fn find_longest_match(
        &self,
        a: &[char],
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
        // `j2len` of the previous row: (j, length) pairs, ascending in j.
        let mut j2len: Vec<(usize, usize)> = Vec::new();
        for (i, &c) in a.iter().enumerate().take(ahi).skip(alo) {
            let mut new_j2len = Vec::new();
            for j in self.b2j(c) {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let k = j
                    .checked_sub(1)
                    .and_then(|p| j2len.binary_search_by_key(&p, |e| e.0).ok())
                    .map_or(0, |at| j2len[at].1)
                    + 1;
                new_j2len.push((j, k));
                if k > bestsize {
                    (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
                }
            }
            j2len = new_j2len;
        }
        while besti > alo && bestj > blo && a[besti - 1] == self.b[bestj - 1] {
            (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == self.b[bestj + bestsize]
        {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }
}

/// `difflib._calculate_ratio`: `2.0 * matches / length`, 1.0 for two empty sequences.
fn calculate_ratio(matches: usize, length: usize) -> f64 {
    if length == 0 {
        return 1.0;
    }
    2.0 * matches as f64 / length as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    type CloseCase<'a> = (&'a str, &'a [&'a str], usize, f64, &'a [&'a str]);

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_string()).collect()
    }

    const ECS_OPS: &[&str] = &[
        "create-cluster",
        "create-service",
        "delete-cluster",
        "describe-clusters",
        "describe-tasks",
        "list-clusters",
        "list-tasks",
        "run-task",
        "stop-task",
        "wait",
        "help",
    ];

    /// Ratios worked out by hand from SequenceMatcher's algorithm.
    #[test]
    fn sequence_matcher_ratios() {
        let cases: &[(&str, &str, f64)] = &[
            // difflib docs: 't' is the only block -> 2*1/8; the other way
            // round 'd' then 'e' match -> 2*2/8.
            ("tide", "diet", 0.25),
            ("diet", "tide", 0.5),
            // "bcd" -> 2*3/8
            ("abcd", "bcde", 0.75),
            // "ecs" -> 2*3/7
            ("ecs", "ecss", 6.0 / 7.0),
            // "st-tasks" then "l" -> 2*9/19
            ("list-tasks", "lst-tasks", 18.0 / 19.0),
            ("", "", 1.0),
            ("abc", "", 0.0),
            // b of 199 elements: no autojunk, "xxxxx" matches -> 2*5/205
            ("xxxxxq", &format!("q{}", "x".repeat(198)), 10.0 / 205.0),
            // b of 200: 'x' (199 > 200/100+1 times) is popular, so only
            // "q" is found and it cannot be extended -> 2*1/206
            ("xxxxxq", &format!("q{}", "x".repeat(199)), 2.0 / 206.0),
        ];
        for (a, b, expected) in cases {
            assert_eq!(sequence_ratio(a, b), *expected, "{a:?} vs {b:?}");
        }
        assert_eq!(sequence_ratio("tide", "diet"), 0.25);
    }

    #[test]
    fn close_matches_order_and_limits() {
        let cases: &[CloseCase] = &[
            ("list-task", ECS_OPS, 3, 0.8, &["list-tasks"]),
            (
                "describe-cluster",
                ECS_OPS,
                3,
                0.6,
                &["describe-clusters", "delete-cluster", "create-cluster"],
            ),
            // ties are broken by the choice itself, descending
            ("aa", &["ab", "ac", "ad"], 3, 0.5, &["ad", "ac", "ab"]),
            ("ab", &["ab", "ba", "abc", "abd"], 2, 0.0, &["ab", "abd"]),
            ("x", &["a"], 3, 0.8, &[]),
            ("ab", &["ab"], 0, 0.5, &[]),
            ("ab", &["ab"], 3, 1.5, &[]),
        ];
        for (word, choices, n, cutoff, expected) in cases {
            assert_eq!(
                close_matches(word, choices, *n, *cutoff),
                words(expected),
                "{word:?}"
            );
        }
    }
}
