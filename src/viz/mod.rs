//! View models for the browser: what to draw, computed from the world without any browser
//! crate, so they are tested natively.

pub mod alb;
pub mod charts;
pub mod cluster;
pub mod commands;
pub mod efs;
pub mod first_frame;
pub mod gloss;
/// What holds each address of a subnet (the simulation answers; `sim ips` prints the same).
pub use crate::sim::ip_map;
pub mod ledger;
pub mod lesson;
pub mod network;
pub mod outcome;
pub mod palette;
pub mod policy_editor;
pub mod roles;
pub mod scenario;
pub mod services;
pub mod task_iam;
pub mod taskdef_form;
pub mod taskdef_volumes;
pub mod workspace;

/// A count as people read it: 65531 -> "65,531".
pub fn thousands(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        for (n, want) in [
            (0, "0"),
            (11, "11"),
            (4091, "4,091"),
            (65531, "65,531"),
            (1_000_000, "1,000,000"),
        ] {
            assert_eq!(super::thousands(n as u32), want);
        }
    }
}
