//! The placement ledger: for one decision, every instance's checks in ECS's order, each
//! strategy's key, and the winner. `sim explain --task ID` prints it; the UI draws it.

use serde::Serialize;

/// One step of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CheckKind {
    /// The instance's agent is connected.
    Agent,
    /// The instance is ACTIVE (DRAINING instances take no new tasks).
    Status,
    Cpu,
    Memory,
    PortsTcp,
    PortsUdp,
    /// awsvpc: a free task ENI slot.
    Eni,
    /// awsvpc: one of the task's subnets is in the instance's AZ and VPC.
    Location,
    /// Required attributes (capabilities, CPU architecture).
    Attribute,
    /// The n-th placement constraint.
    Constraint(usize),
}

/// One check's result on one instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub check: CheckKind,
    pub passed: bool,
    /// What was compared, in words ("needs 512 CPU units; 1536 remain").
    pub detail: String,
    /// The reason ECS reports when this check fails (`RESOURCE:CPU`, `AGENT`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One instance's part in a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceRecord {
    pub container_instance_arn: String,
    pub ec2_instance_id: String,
    pub checks: Vec<Check>,
    /// Passed every check: a candidate for the strategies.
    pub eligible: bool,
    /// One key per strategy, lower is better (remaining units, tasks in the spread bucket, a
    /// random number).
    pub strategy_keys: Vec<u64>,
    /// The seeded number that breaks ties after all strategies.
    pub tie_break: u64,
}

impl InstanceRecord {
    /// How many checks passed before the first failure: the "closest matching" instance is
    /// the one that got furthest.
    pub fn progress(&self) -> usize {
        self.checks.iter().take_while(|c| c.passed).count()
    }

    /// The reason of the first failed check.
    pub fn failure_reason(&self) -> Option<&str> {
        self.checks
            .iter()
            .find(|c| !c.passed)
            .and_then(|c| c.reason.as_deref())
    }
}

/// A whole decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    pub group: String,
    pub constraints: Vec<String>,
    pub strategies: Vec<String>,
    /// True when no strategy was given and the sandbox's default (random) applied.
    pub default_strategy: bool,
    pub instances: Vec<InstanceRecord>,
    /// The winning container instance's ARN.
    pub winner: Option<String>,
    /// Why the winner won, or why no instance could take the task, in a sentence.
    pub summary: String,
    /// Whether `instances` lists every instance of the cluster. On large clusters placement
    /// takes the indexed path and records the winner alone; `sim explain` replays the
    /// decision to show every instance.
    pub complete: bool,
    /// The placement decision's number in the world (what a replay looks for).
    pub decision: u64,
}
