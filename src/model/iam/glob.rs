//! IAM's wildcard match: `*` is any run of characters (it spans `/` and `:` in ARNs), `?` is
//! exactly one character. Without allocation: a policy evaluation matches hundreds of patterns
//! (DESIGN.md §6 asks for 100,000 evaluations a second).

/// Whether `text` matches `pattern`, exactly (callers lower-case both for actions, which IAM
/// matches case-insensitively; ARNs are matched as written).
pub fn matches(pattern: &str, text: &str) -> bool {
    let (p, s) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut si) = (0, 0);
    // Where the last `*` was, and the text position it has taken up to.
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == b'?' {
            pi += 1;
            si += char_len(s[si]);
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, si));
            pi += 1;
        } else if pi < p.len() && p[pi] == s[si] {
            pi += 1;
            si += 1;
        } else if let Some((sp, ss)) = star {
            // Let the last star take one more character, and try again after it.
            let next = ss + char_len(s[ss]);
            star = Some((sp, next));
            pi = sp + 1;
            si = next;
        } else {
            return false;
        }
    }
    si == s.len() && p[pi..].iter().all(|&c| c == b'*')
}

/// The length of the UTF-8 character that starts with `lead` (`?` is one character, not one
/// byte).
fn char_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn stars_and_question_marks() {
        let cases = [
            ("*", "", true),
            ("*", "anything/at:all", true),
            ("s3:get*", "s3:getobject", true),
            ("s3:get*", "s3:putobject", false),
            ("iam:*accesskey*", "iam:createaccesskey", true),
            ("ec2:describe?ags", "ec2:describetags", true),
            ("ec2:describe?ags", "ec2:describeags", false),
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true),
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false),
            ("a?c", "aéc", true),
            ("", "", true),
            ("", "x", false),
            ("abc", "ab", false),
        ];
        for (p, t, want) in cases {
            assert_eq!(matches(p, t), want, "{p} vs {t}");
        }
    }
}
