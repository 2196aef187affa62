//! What placement is asked: the task's needs, the constraints and the strategies, parsed and
//! validated once per RunTask call.

use super::query::{self, Expr};

/// What one task needs from an instance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskNeeds {
    pub cpu_units: u32,
    pub memory_mib: u32,
    /// Static host ports (bridge/host mode).
    pub tcp_ports: Vec<u16>,
    pub udp_ports: Vec<u16>,
    /// Attributes the instance must advertise (the task definition's `requiresAttributes`,
    /// and `ecs.cpu-architecture` from its runtime platform).
    pub attributes: Vec<(String, Option<String>)>,
    /// The task group: `family:<family>` by default, or `--group`.
    pub group: String,
    /// awsvpc: the task needs an ENI slot and a subnet where the instance is.
    pub eni: Option<EniNeeds>,
}

/// Where an awsvpc task's subnets are: the instance must be in one of these AZs, in this VPC.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EniNeeds {
    pub vpc_id: String,
    pub azs: Vec<&'static str>,
}

impl EniNeeds {
    pub fn slot_free(&self, ci: &crate::model::ecs::ContainerInstance) -> bool {
        ci.task_enis < ci.eni_slots
    }

    pub fn located(&self, ci: &crate::model::ecs::ContainerInstance) -> bool {
        ci.vpc_id == self.vpc_id && self.azs.contains(&ci.az)
    }
}

/// A binding placement constraint.
#[derive(Debug, Clone)]
pub enum Constraint {
    /// Each task of the group on a different instance.
    DistinctInstance,
    /// The instance must satisfy a cluster query language expression.
    MemberOf(Expr),
}

impl Constraint {
    /// As it reads in a ledger: `distinctInstance`, `memberOf(attribute:stack == prod)`.
    pub fn describe(&self) -> String {
        match self {
            Constraint::DistinctInstance => "distinctInstance".into(),
            Constraint::MemberOf(e) => format!("memberOf({})", e.as_str()),
        }
    }

    /// Whether [`Constraint::describe`] reads `text`, without writing it.
    pub fn describes_as(&self, text: &str) -> bool {
        match self {
            Constraint::DistinctInstance => text == "distinctInstance",
            Constraint::MemberOf(e) => text
                .strip_prefix("memberOf(")
                .and_then(|t| t.strip_suffix(')'))
                .is_some_and(|t| t == e.as_str()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Cpu,
    Memory,
}

/// What `spread` balances over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpreadField {
    /// `instanceId` (alias `host`).
    Instance,
    /// `attribute:<name>`.
    Attribute(String),
}

/// A best-effort placement strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    Binpack(Resource),
    Spread(SpreadField),
    Random,
}

impl Strategy {
    /// As the API spells it: `binpack(memory)`, `spread(attribute:ecs.availability-zone)`.
    pub fn describe(&self) -> String {
        match self {
            Strategy::Binpack(Resource::Cpu) => "binpack(cpu)".into(),
            Strategy::Binpack(Resource::Memory) => "binpack(memory)".into(),
            Strategy::Spread(SpreadField::Instance) => "spread(instanceId)".into(),
            Strategy::Spread(SpreadField::Attribute(a)) => format!("spread(attribute:{a})"),
            Strategy::Random => "random".into(),
        }
    }

    /// Parses one `{type, field}` as RunTask accepts it; errors are ECS's
    /// InvalidParameterException messages.
    pub fn parse(kind: &str, field: Option<&str>) -> Result<Strategy, String> {
        if field.is_some_and(|f| f.len() > 255) {
            return Err("Placement strategy field must be at most 255 characters.".into());
        }
        match kind {
            "random" => Ok(Strategy::Random),
            "binpack" => match field.map(str::to_ascii_lowercase).as_deref() {
                Some("cpu") => Ok(Strategy::Binpack(Resource::Cpu)),
                Some("memory") => Ok(Strategy::Binpack(Resource::Memory)),
                _ => Err(format!(
                    "Invalid placement strategy field '{}' for binpack. Valid fields are: cpu, memory.",
                    field.unwrap_or("")
                )),
            },
            "spread" => match field {
                Some("instanceId") | Some("host") => Ok(Strategy::Spread(SpreadField::Instance)),
                Some(f) if f.starts_with("attribute:") && f.len() > "attribute:".len() => {
                    Ok(Strategy::Spread(SpreadField::Attribute(f["attribute:".len()..].to_string())))
                }
                _ => Err(format!(
                    "Invalid placement strategy field '{}' for spread. Valid fields are: instanceId, host, or attribute:<name>.",
                    field.unwrap_or("")
                )),
            },
            other => Err(format!(
                "placementStrategy.type should be one of [random,spread,binpack], not '{other}'."
            )),
        }
    }
}

/// Parses one `{type, expression}` constraint.
pub fn parse_constraint(kind: &str, expression: Option<&str>) -> Result<Constraint, String> {
    match kind {
        "distinctInstance" => {
            if expression.is_some_and(|e| !e.is_empty()) {
                return Err(
                    "Expression is not supported for distinctInstance placement constraint.".into(),
                );
            }
            Ok(Constraint::DistinctInstance)
        }
        "memberOf" => {
            let text = expression.unwrap_or("");
            if text.is_empty() {
                return Err("Expression is required for memberOf placement constraint.".into());
            }
            query::parse(text)
                .map(Constraint::MemberOf)
                .map_err(|e| e.message)
        }
        _ => Err("constraint.type should be one of [distinctInstance,memberOf]".into()),
    }
}

/// Limits ECS enforces on a placement request.
pub const MAX_CONSTRAINTS: usize = 10;
pub const MAX_STRATEGIES: usize = 5;

/// A whole placement request.
#[derive(Debug, Clone)]
pub struct PlacementRequest {
    pub needs: TaskNeeds,
    pub constraints: Vec<Constraint>,
    pub strategies: Vec<Strategy>,
    /// True when the strategies were not given and the sandbox's default applied.
    pub default_strategy: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constraint_describes_as_its_own_text_alone() {
        let constraints = [
            parse_constraint("distinctInstance", None),
            parse_constraint("memberOf", Some("attribute:a == b")),
            parse_constraint("memberOf", Some("(attribute:a == b) or task:group == x")),
        ];
        let constraints: Vec<Constraint> = constraints.into_iter().flatten().collect();
        assert_eq!(constraints.len(), 3);
        for (i, c) in constraints.iter().enumerate() {
            for (j, other) in constraints.iter().enumerate() {
                assert_eq!(c.describes_as(&other.describe()), i == j, "{i} {j}");
            }
        }
        assert!(!constraints[1].describes_as("memberOf(attribute:a == b"));
        assert!(!constraints[1].describes_as("memberOf(attribute:a == b))"));
    }
}
