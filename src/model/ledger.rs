//! The placement ledger: for one decision, every instance's checks in ECS's order, each
//! strategy's key, and the winner. `sim explain --task ID` prints it; the UI draws it.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

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
    pub constraints: Texts,
    pub strategies: Texts,
    /// True when no strategy was given and the sandbox's default (random) applied.
    pub default_strategy: bool,
    pub instances: Vec<InstanceRecord>,
    /// The winning container instance's ARN.
    pub winner: Option<String>,
    /// Why the winner won, or why no instance could take the task, in a sentence.
    pub summary: Summary,
    /// Whether `instances` lists every instance of the cluster. On large clusters placement
    /// takes the indexed path and records the winner alone; `sim explain` replays the
    /// decision to show every instance.
    pub complete: bool,
    /// The placement decision's number in the world (what a replay looks for).
    pub decision: u64,
}

/// A list of texts shared by every decision of one request (the constraints and strategies as
/// they read), so a ledger does not copy them: it reads and serializes as a list of strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts(Arc<[String]>);

impl Deref for Texts {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl From<Vec<String>> for Texts {
    fn from(texts: Vec<String>) -> Texts {
        Texts(texts.into())
    }
}

impl FromIterator<String> for Texts {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Texts {
        Texts(iter.into_iter().collect())
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

/// A ledger's summary sentence. The indexed path and Fargate keep what their sentence says
/// and write the sentence only when it is read (`sim explain`, describe, the UI): placing a
/// task formats nothing. Reads as a `str`; serializes as a string.
#[derive(Clone)]
pub struct Summary {
    text: OnceLock<String>,
    indexed: Option<Indexed>,
    fargate: Option<Box<FargateDecision>>,
}

/// One AZ Fargate could put a task in, and the live tasks of the task's group there.
#[derive(Debug, Clone, PartialEq)]
pub struct AzTasks {
    pub az: &'static str,
    pub tasks: usize,
}

/// Fargate's choice for one task (see `placement::fargate`): every AZ of the task's subnets
/// with its count, the AZ chosen and the subnet chosen in it.
#[derive(Debug, Clone, PartialEq)]
pub struct FargateDecision {
    pub group: String,
    pub azs: Vec<AzTasks>,
    pub az: &'static str,
    pub subnet_id: String,
    /// How many of the task's subnets are in the chosen AZ.
    pub subnets_in_az: usize,
}

impl FargateDecision {
    /// The fewest live tasks of the group in any of the AZs.
    pub fn fewest(&self) -> usize {
        self.azs.iter().map(|a| a.tasks).min().unwrap_or(0)
    }
}

impl fmt::Display for FargateDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Fargate: {} had the fewest running or pending tasks of {} ({}) among ",
            self.az,
            self.group,
            self.fewest()
        )?;
        for (i, a) in self.azs.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}: {}", a.az, a.tasks)?;
        }
        // A tie is said as one: which AZs shared the fewest, and that the seeded draw (our
        // choice: ECS documents no rule) picked among them.
        let tied: Vec<&str> = self
            .azs
            .iter()
            .filter(|a| a.tasks == self.fewest())
            .map(|a| a.az)
            .collect();
        if tied.len() > 1 {
            write!(
                f,
                "; {} were tied with {}, and the seeded draw picked {} (our choice: ECS documents no tie-break)",
                tied.join(", "),
                self.fewest(),
                self.az
            )?;
        }
        write!(
            f,
            "; subnet {} chosen at random among the task's {} subnet(s) there.",
            self.subnet_id, self.subnets_in_az
        )
    }
}

/// What the indexed path's sentence says.
#[derive(Debug, Clone)]
struct Indexed {
    instances: usize,
    ec2_instance_id: String,
    strategies: Texts,
}

impl Summary {
    /// The indexed path's sentence: of `instances` instances, `ec2_instance_id` ranked first
    /// by `strategies`.
    pub fn indexed(instances: usize, ec2_instance_id: String, strategies: Texts) -> Summary {
        Summary {
            text: OnceLock::new(),
            indexed: Some(Indexed {
                instances,
                ec2_instance_id,
                strategies,
            }),
            fargate: None,
        }
    }

    /// Fargate's sentence, written from its decision when read.
    pub fn fargate(decision: FargateDecision) -> Summary {
        Summary {
            text: OnceLock::new(),
            indexed: None,
            fargate: Some(Box::new(decision)),
        }
    }

    /// The Fargate decision this sentence tells, if it tells one.
    pub fn fargate_decision(&self) -> Option<&FargateDecision> {
        self.fargate.as_deref()
    }

    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| match (&self.indexed, &self.fargate) {
            (_, Some(d)) => d.to_string(),
            (Some(i), None) => format!(
                "Of {} instances, {} ranked first by {} (sim explain replays the decision over every instance).",
                i.instances,
                i.ec2_instance_id,
                i.strategies.join(", then ")
            ),
            (None, None) => String::new(),
        })
    }
}

impl From<String> for Summary {
    fn from(text: String) -> Summary {
        Summary {
            text: OnceLock::from(text),
            indexed: None,
            fargate: None,
        }
    }
}

impl Deref for Summary {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Summary {
    fn eq(&self, other: &Summary) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
