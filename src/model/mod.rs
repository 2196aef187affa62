//! Domain types of the simulated AWS account: plain data with the invariants that belong to
//! the data itself (an IP pool never hands out a reserved address). What happens over time
//! lives in `sim`; what the API accepts and returns lives in `api`.

pub mod autoscaling;
pub mod catalog;
pub mod ec2;
pub mod ecs;
pub mod efs;
pub mod elb;
pub mod iam;
pub mod ip_pool;
pub mod ledger;
pub mod net;
pub mod service;
pub mod task;
pub mod task_def;

pub mod time;

use serde::Serialize;

/// A key/value tag. EC2 and IAM spell them `Key`/`Value`, ECS `key`/`value`; the API layer
/// renders the right casing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// A case-sensitive glob with `*` (any run) and `?` (one character), as IAM actions and EC2
/// filter values use them. Iterative, backtracking only to the last `*`: no recursion on input.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, s): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}
