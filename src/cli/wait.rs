//! `aws ecs wait ...`: the CLI's waiters, polling in simulated time exactly as botocore's
//! waiter model says (a call, then `delay` seconds between attempts, up to `maxAttempts`),
//! succeeding and failing on the same acceptors.

use serde_json::Value;

use super::query::Query;
use super::script::Output;

/// How an acceptor matches the response.
#[derive(Debug, Clone, Copy)]
enum Matcher {
    /// Every element of the path equals the expected value (and there is at least one).
    PathAll,
    /// Some element of the path equals the expected value.
    PathAny,
    /// The path's value is the expected value (`true` or `false` here).
    Path,
}

struct Acceptor {
    success: bool,
    matcher: Matcher,
    argument: &'static str,
    expected: &'static str,
}

/// A waiter from botocore's `ecs/2014-11-13/waiters-2.json`.
pub struct Waiter {
    pub name: &'static str,
    /// The CLI's name: `tasks-running`.
    pub cli_name: &'static str,
    /// The operation it polls (its options are the waiter's options).
    pub operation: &'static str,
    pub delay_s: u64,
    pub max_attempts: u32,
    acceptors: &'static [Acceptor],
}

pub const ECS_WAITERS: &[Waiter] = &[
    Waiter {
        name: "TasksRunning",
        cli_name: "tasks-running",
        operation: "describe-tasks",
        delay_s: 6,
        max_attempts: 100,
        acceptors: &[
            Acceptor {
                success: false,
                matcher: Matcher::PathAny,
                argument: "tasks[].lastStatus",
                expected: "STOPPED",
            },
            Acceptor {
                success: false,
                matcher: Matcher::PathAny,
                argument: "failures[].reason",
                expected: "MISSING",
            },
            Acceptor {
                success: true,
                matcher: Matcher::PathAll,
                argument: "tasks[].lastStatus",
                expected: "RUNNING",
            },
        ],
    },
    Waiter {
        name: "TasksStopped",
        cli_name: "tasks-stopped",
        operation: "describe-tasks",
        delay_s: 6,
        max_attempts: 100,
        acceptors: &[Acceptor {
            success: true,
            matcher: Matcher::PathAll,
            argument: "tasks[].lastStatus",
            expected: "STOPPED",
        }],
    },
    Waiter {
        name: "ServicesStable",
        cli_name: "services-stable",
        operation: "describe-services",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[
            Acceptor {
                success: false,
                matcher: Matcher::PathAny,
                argument: "failures[].reason",
                expected: "MISSING",
            },
            Acceptor {
                success: false,
                matcher: Matcher::PathAny,
                argument: "services[].status",
                expected: "DRAINING",
            },
            Acceptor {
                success: false,
                matcher: Matcher::PathAny,
                argument: "services[].status",
                expected: "INACTIVE",
            },
            Acceptor {
                success: true,
                matcher: Matcher::Path,
                argument: "length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`",
                expected: "true",
            },
        ],
    },
    Waiter {
        name: "ServicesInactive",
        cli_name: "services-inactive",
        operation: "describe-services",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[
            Acceptor {
                success: false,
                matcher: Matcher::PathAny,
                argument: "failures[].reason",
                expected: "MISSING",
            },
            Acceptor {
                success: true,
                matcher: Matcher::PathAny,
                argument: "services[].status",
                expected: "INACTIVE",
            },
        ],
    },
];

/// Waiters from botocore's `elbv2/2015-12-01/waiters-2.json` (their retry acceptors are what
/// any other answer does here).
pub const ELBV2_WAITERS: &[Waiter] = &[
    Waiter {
        name: "LoadBalancerAvailable",
        cli_name: "load-balancer-available",
        operation: "describe-load-balancers",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[Acceptor {
            success: true,
            matcher: Matcher::PathAll,
            argument: "LoadBalancers[].State.Code",
            expected: "active",
        }],
    },
    Waiter {
        name: "TargetInService",
        cli_name: "target-in-service",
        operation: "describe-target-health",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[Acceptor {
            success: true,
            matcher: Matcher::PathAll,
            argument: "TargetHealthDescriptions[].TargetHealth.State",
            expected: "healthy",
        }],
    },
    Waiter {
        name: "TargetDeregistered",
        cli_name: "target-deregistered",
        operation: "describe-target-health",
        delay_s: 15,
        max_attempts: 40,
        acceptors: &[Acceptor {
            success: true,
            matcher: Matcher::PathAll,
            argument: "TargetHealthDescriptions[].TargetHealth.State",
            expected: "unused",
        }],
    },
];

/// What one poll decided.
pub enum Verdict {
    Success,
    Failure(String),
    Retry,
}

impl Waiter {
    /// Checks a response against the acceptors, in order, as botocore does.
    pub fn judge(&self, response: &Value) -> Verdict {
        for a in self.acceptors {
            let Ok(q) = Query::compile(a.argument) else {
                continue;
            };
            let Ok(found) = q.search(response) else {
                continue;
            };
            if let Matcher::Path = a.matcher {
                if found == Value::Bool(a.expected == "true") {
                    return if a.success {
                        Verdict::Success
                    } else {
                        Verdict::Failure(format!(
                            "Waiter encountered a terminal failure state: For expression \"{}\" we matched expected path: \"{}\"",
                            a.argument, a.expected
                        ))
                    };
                }
                continue;
            }
            let values: Vec<&Value> = match &found {
                Value::Array(items) => items.iter().collect(),
                Value::Null => Vec::new(),
                other => vec![other],
            };
            let matches = match a.matcher {
                Matcher::PathAll => {
                    !values.is_empty() && values.iter().all(|v| v.as_str() == Some(a.expected))
                }
                Matcher::PathAny => values.iter().any(|v| v.as_str() == Some(a.expected)),
                Matcher::Path => false,
            };
            if matches {
                return if a.success {
                    Verdict::Success
                } else {
                    let how = match a.matcher {
                        Matcher::PathAny => "at least once",
                        Matcher::PathAll | Matcher::Path => "for all elements",
                    };
                    Verdict::Failure(format!(
                        "Waiter encountered a terminal failure state: For expression \"{}\" we matched expected path: \"{}\" {how}",
                        a.argument, a.expected
                    ))
                };
            }
        }
        Verdict::Retry
    }

    /// The failure the CLI prints (exit 255).
    pub fn failed(&self, reason: &str) -> Output {
        Output {
            stdout: String::new(),
            stderr: format!("\nWaiter {} failed: {reason}\n", self.name),
            exit: 255,
        }
    }
}

pub fn find(service: &str, cli_name: &str) -> Option<&'static Waiter> {
    match service {
        "ecs" => ECS_WAITERS.iter().find(|w| w.cli_name == cli_name),
        "elbv2" => ELBV2_WAITERS.iter().find(|w| w.cli_name == cli_name),
        _ => None,
    }
}

pub fn names(service: &str) -> Vec<&'static str> {
    match service {
        // Sorted, as botocore lists a service's waiter names.
        "ecs" => {
            let mut names: Vec<&str> = ECS_WAITERS.iter().map(|w| w.cli_name).collect();
            names.sort_unstable();
            names
        }
        "elbv2" => {
            let mut names: Vec<&str> = ELBV2_WAITERS.iter().map(|w| w.cli_name).collect();
            names.sort_unstable();
            names
        }
        _ => Vec::new(),
    }
}
