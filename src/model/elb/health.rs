//! A target's health as an Application Load Balancer judges it (ECS-REFERENCE.md §7.3): the
//! states and reason codes `describe-target-health` reports, and the state machine that
//! consecutive health check results drive.
//!
//! Why a machine of its own: the rules are easy to get subtly wrong and are what learners
//! watch. As the ALB guide says, a newly registered target "must pass one health check to be
//! considered healthy"; `HealthyThresholdCount` consecutive passes bring an *unhealthy* target
//! back; `UnhealthyThresholdCount` consecutive failures make a target unhealthy.

use serde::Serialize;

/// `TargetHealth.State`, as elbv2 spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetState {
    Initial,
    Healthy,
    Unhealthy,
    Unused,
    Draining,
    Unavailable,
}

impl TargetState {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetState::Initial => "initial",
            TargetState::Healthy => "healthy",
            TargetState::Unhealthy => "unhealthy",
            TargetState::Unused => "unused",
            TargetState::Draining => "draining",
            TargetState::Unavailable => "unavailable",
        }
    }
}

impl std::fmt::Display for TargetState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `TargetHealth.Reason`, as elbv2 spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReasonCode {
    #[serde(rename = "Elb.RegistrationInProgress")]
    RegistrationInProgress,
    #[serde(rename = "Elb.InitialHealthChecking")]
    InitialHealthChecking,
    #[serde(rename = "Target.ResponseCodeMismatch")]
    ResponseCodeMismatch,
    #[serde(rename = "Target.Timeout")]
    Timeout,
    #[serde(rename = "Target.FailedHealthChecks")]
    FailedHealthChecks,
    #[serde(rename = "Target.NotRegistered")]
    NotRegistered,
    #[serde(rename = "Target.NotInUse")]
    NotInUse,
    #[serde(rename = "Target.DeregistrationInProgress")]
    DeregistrationInProgress,
    #[serde(rename = "Target.HealthCheckDisabled")]
    HealthCheckDisabled,
}

impl ReasonCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::RegistrationInProgress => "Elb.RegistrationInProgress",
            ReasonCode::InitialHealthChecking => "Elb.InitialHealthChecking",
            ReasonCode::ResponseCodeMismatch => "Target.ResponseCodeMismatch",
            ReasonCode::Timeout => "Target.Timeout",
            ReasonCode::FailedHealthChecks => "Target.FailedHealthChecks",
            ReasonCode::NotRegistered => "Target.NotRegistered",
            ReasonCode::NotInUse => "Target.NotInUse",
            ReasonCode::DeregistrationInProgress => "Target.DeregistrationInProgress",
            ReasonCode::HealthCheckDisabled => "Target.HealthCheckDisabled",
        }
    }
}

/// What one health check request found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CheckOutcome {
    /// The target answered with a code the matcher accepts.
    Passed,
    /// The target answered with a code the matcher does not accept.
    CodeMismatch(u16),
    /// Nothing answered within the timeout (no such address, an instance not running).
    TimedOut,
    /// The connection was refused: nothing listens on the port (a stopped task).
    Refused,
}

/// A target's `TargetHealth`: state, reason code and description, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetHealth {
    pub state: TargetState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<ReasonCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl TargetHealth {
    pub fn new(state: TargetState, reason: Option<ReasonCode>, description: &str) -> Self {
        TargetHealth {
            state,
            reason,
            description: reason.map(|_| description.to_string()),
        }
    }

    pub fn healthy() -> Self {
        TargetHealth::new(TargetState::Healthy, None, "")
    }

    /// `unused`: the target group is attached to no load balancer.
    pub fn group_not_in_use() -> Self {
        TargetHealth::new(
            TargetState::Unused,
            Some(ReasonCode::NotInUse),
            "Target group is not configured to receive traffic from the load balancer",
        )
    }

    /// `unused`: the target's Availability Zone is not one of the load balancer's.
    pub fn zone_not_enabled() -> Self {
        TargetHealth::new(
            TargetState::Unused,
            Some(ReasonCode::NotInUse),
            "Target is in an Availability Zone that is not enabled for the load balancer",
        )
    }

    pub fn not_registered() -> Self {
        TargetHealth::new(
            TargetState::Unused,
            Some(ReasonCode::NotRegistered),
            "Target is not registered to the target group",
        )
    }

    pub fn draining() -> Self {
        TargetHealth::new(
            TargetState::Draining,
            Some(ReasonCode::DeregistrationInProgress),
            "Target deregistration is in progress",
        )
    }

    pub fn checks_disabled() -> Self {
        TargetHealth::new(
            TargetState::Unavailable,
            Some(ReasonCode::HealthCheckDisabled),
            "Health checks are disabled",
        )
    }
}

/// The checked part of a target's health: `initial`, `healthy` or `unhealthy`, with the
/// counts of consecutive results that move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub state: TargetState,
    /// Health checks done since registration (or since checking last started).
    pub checks: u32,
    pub passes: u32,
    pub failures: u32,
    /// The last failed check, for the reason an unhealthy target reports.
    pub last_failure: Option<CheckOutcome>,
}

impl Default for Health {
    fn default() -> Self {
        Health::new()
    }
}

impl Health {
    /// A newly registered target: `initial`, nothing checked yet.
    pub fn new() -> Health {
        Health {
            state: TargetState::Initial,
            checks: 0,
            passes: 0,
            failures: 0,
            last_failure: None,
        }
    }

    /// Takes one check result; returns the state before it when the state changed.
    pub fn observe(
        &mut self,
        outcome: CheckOutcome,
        healthy_threshold: u32,
        unhealthy_threshold: u32,
    ) -> Option<TargetState> {
        let before = self.state;
        self.checks = self.checks.saturating_add(1);
        if outcome == CheckOutcome::Passed {
            self.passes = self.passes.saturating_add(1);
            self.failures = 0;
            let needed = match self.state {
                // "After your target is registered, it must pass one health check."
                TargetState::Initial => 1,
                _ => healthy_threshold.max(1),
            };
            if self.passes >= needed {
                self.state = TargetState::Healthy;
            }
        } else {
            self.failures = self.failures.saturating_add(1);
            self.passes = 0;
            self.last_failure = Some(outcome);
            if self.failures >= unhealthy_threshold.max(1) {
                self.state = TargetState::Unhealthy;
            }
        }
        (self.state != before).then_some(before)
    }

    /// What `describe-target-health` says of a checked target.
    pub fn report(&self) -> TargetHealth {
        match self.state {
            TargetState::Initial if self.checks == 0 => TargetHealth::new(
                TargetState::Initial,
                Some(ReasonCode::RegistrationInProgress),
                "Target registration is in progress",
            ),
            TargetState::Initial => TargetHealth::new(
                TargetState::Initial,
                Some(ReasonCode::InitialHealthChecking),
                "Initial health checks in progress",
            ),
            TargetState::Unhealthy => match self.last_failure {
                Some(CheckOutcome::CodeMismatch(code)) => TargetHealth::new(
                    TargetState::Unhealthy,
                    Some(ReasonCode::ResponseCodeMismatch),
                    &format!("Health checks failed with these codes: [{code}]"),
                ),
                Some(CheckOutcome::TimedOut) => TargetHealth::new(
                    TargetState::Unhealthy,
                    Some(ReasonCode::Timeout),
                    "Request timed out",
                ),
                _ => TargetHealth::new(
                    TargetState::Unhealthy,
                    Some(ReasonCode::FailedHealthChecks),
                    "Health checks failed",
                ),
            },
            state => TargetHealth::new(state, None, ""),
        }
    }
}

/// A health check `Matcher` (`HttpCode`): one code, a range `200-299`, or a list `200,202`,
/// each code 200-499 as an ALB allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matcher(pub String);

impl Matcher {
    /// The matcher, or None when it is not of the forms above.
    pub fn parse(text: &str) -> Option<Matcher> {
        let code = |s: &str| {
            s.trim()
                .parse::<u16>()
                .ok()
                .filter(|c| (200..=499).contains(c))
        };
        let ok = text.split(',').all(|part| match part.split_once('-') {
            Some((a, b)) => matches!((code(a), code(b)), (Some(a), Some(b)) if a <= b),
            None => code(part).is_some(),
        });
        ok.then(|| Matcher(text.to_string()))
    }

    pub fn accepts(&self, status: u16) -> bool {
        self.0.split(',').any(|part| {
            let n = |s: &str| s.trim().parse::<u16>().unwrap_or(0);
            match part.split_once('-') {
                Some((a, b)) => (n(a)..=n(b)).contains(&status),
                None => n(part) == status,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CheckOutcome::*;
    use TargetState::*;

    fn run(outcomes: &[CheckOutcome]) -> Vec<TargetState> {
        let mut h = Health::new();
        outcomes
            .iter()
            .map(|o| {
                h.observe(*o, 5, 2);
                h.state
            })
            .collect()
    }

    #[test]
    fn a_new_target_is_healthy_after_one_passing_check() {
        assert_eq!(
            Health::new().report().reason,
            Some(ReasonCode::RegistrationInProgress)
        );
        assert_eq!(run(&[Passed]), vec![Healthy]);
    }

    #[test]
    fn unhealthy_after_the_unhealthy_threshold_of_consecutive_failures() {
        assert_eq!(run(&[Refused, Refused]), vec![Initial, Unhealthy]);
        assert_eq!(
            run(&[Passed, TimedOut, Passed, TimedOut, TimedOut]),
            vec![Healthy, Healthy, Healthy, Healthy, Unhealthy]
        );
    }

    #[test]
    fn an_unhealthy_target_needs_the_healthy_threshold_of_passes() {
        let states = run(&[Refused, Refused, Passed, Passed, Passed, Passed, Passed]);
        assert_eq!(
            states,
            vec![Initial, Unhealthy, Unhealthy, Unhealthy, Unhealthy, Unhealthy, Healthy]
        );
        // A failure in between starts the count again.
        let states = run(&[Refused, Refused, Passed, Passed, Refused, Passed, Passed]);
        assert!(states.iter().skip(1).all(|s| *s == Unhealthy));
    }

    #[test]
    fn reasons_follow_the_last_failure() {
        let mut h = Health::new();
        h.observe(CodeMismatch(500), 5, 2);
        let r = h.report();
        assert_eq!(
            (r.state, r.reason),
            (Initial, Some(ReasonCode::InitialHealthChecking))
        );
        h.observe(CodeMismatch(502), 5, 2);
        let r = h.report();
        assert_eq!(r.reason, Some(ReasonCode::ResponseCodeMismatch));
        assert_eq!(
            r.description.as_deref(),
            Some("Health checks failed with these codes: [502]")
        );
        h.observe(TimedOut, 5, 2);
        assert_eq!(h.report().reason, Some(ReasonCode::Timeout));
        h.observe(Refused, 5, 2);
        assert_eq!(h.report().reason, Some(ReasonCode::FailedHealthChecks));
    }

    #[test]
    fn observe_reports_the_state_it_left() {
        let mut h = Health::new();
        assert_eq!(h.observe(Passed, 5, 2), Some(Initial));
        assert_eq!(h.observe(Passed, 5, 2), None);
    }

    #[test]
    fn matchers_take_codes_ranges_and_lists() {
        let m = Matcher::parse("200-299").expect("range");
        assert!(m.accepts(200) && m.accepts(299) && !m.accepts(300));
        let m = Matcher::parse("200,202").expect("list");
        assert!(m.accepts(202) && !m.accepts(201));
        for bad in ["", "abc", "100", "600", "299-200", "200-"] {
            assert!(Matcher::parse(bad).is_none(), "{bad}");
        }
    }
}
