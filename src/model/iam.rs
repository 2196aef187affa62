//! IAM records: roles, their policies and instance profiles. (Policy evaluation comes later;
//! for now the records exist so scenarios can set roles up as they would on AWS.)

use std::collections::BTreeMap;

use serde::Serialize;

use super::time::SimTime;
use super::Tag;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub description: Option<String>,
    pub max_session_duration: u32,
    pub created: SimTime,
    /// The trust policy, parsed.
    pub assume_role_policy: serde_json::Value,
    /// Managed policy ARNs attached, in attach order.
    pub attached_policies: Vec<String>,
    /// Inline policies: name -> document.
    pub inline_policies: BTreeMap<String, serde_json::Value>,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceProfile {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub created: SimTime,
    /// An instance profile holds at most one role.
    pub role: Option<String>,
    pub tags: Vec<Tag>,
}

/// An AWS managed policy the sandbox knows by ARN, with the actions it allows (ECS-REFERENCE.md
/// §8.1), all on `Resource: "*"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManagedPolicy {
    pub name: &'static str,
    pub arn: &'static str,
    pub actions: &'static [&'static str],
}

pub const MANAGED_POLICIES: &[ManagedPolicy] = &[
    ManagedPolicy {
        name: "AmazonEC2ContainerServiceforEC2Role",
        arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
        actions: &[
            "ec2:DescribeTags",
            "ecs:CreateCluster",
            "ecs:DeregisterContainerInstance",
            "ecs:DiscoverPollEndpoint",
            "ecs:Poll",
            "ecs:RegisterContainerInstance",
            "ecs:StartTelemetrySession",
            "ecs:UpdateContainerInstancesState",
            "ecs:Submit*",
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ],
    },
    ManagedPolicy {
        name: "AmazonECSTaskExecutionRolePolicy",
        arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        actions: &[
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ],
    },
    ManagedPolicy {
        name: "AmazonEC2ContainerServiceEventsRole",
        arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole",
        actions: &["ecs:RunTask", "iam:PassRole", "ecs:TagResource"],
    },
    ManagedPolicy {
        name: "AmazonECS_FullAccess",
        arn: "arn:aws:iam::aws:policy/AmazonECS_FullAccess",
        actions: &[
            "ecs:*",
            "ec2:Describe*",
            "elasticloadbalancing:*",
            "iam:PassRole",
            "logs:*",
        ],
    },
    ManagedPolicy {
        name: "AmazonSSMManagedInstanceCore",
        arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        actions: &["ssm:*", "ssmmessages:*", "ec2messages:*"],
    },
    ManagedPolicy {
        name: "AmazonS3ReadOnlyAccess",
        arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        actions: &["s3:Get*", "s3:List*", "s3:Describe*"],
    },
    ManagedPolicy {
        name: "AmazonS3FullAccess",
        arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        actions: &["s3:*"],
    },
    ManagedPolicy {
        name: "AmazonDynamoDBReadOnlyAccess",
        arn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
        actions: &[
            "dynamodb:BatchGetItem",
            "dynamodb:Describe*",
            "dynamodb:List*",
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
        ],
    },
    ManagedPolicy {
        name: "CloudWatchLogsFullAccess",
        arn: "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess",
        actions: &["logs:*"],
    },
    ManagedPolicy {
        name: "AmazonElasticFileSystemClientReadWriteAccess",
        arn: "arn:aws:iam::aws:policy/AmazonElasticFileSystemClientReadWriteAccess",
        actions: &[
            "elasticfilesystem:ClientMount",
            "elasticfilesystem:ClientWrite",
            "elasticfilesystem:DescribeMountTargets",
        ],
    },
    ManagedPolicy {
        name: "ReadOnlyAccess",
        arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        actions: &["*:Describe*", "*:Get*", "*:List*"],
    },
    ManagedPolicy {
        name: "AdministratorAccess",
        arn: "arn:aws:iam::aws:policy/AdministratorAccess",
        actions: &["*"],
    },
];

pub fn managed_policy(arn: &str) -> Option<&'static ManagedPolicy> {
    MANAGED_POLICIES.iter().find(|p| p.arn == arn)
}

/// IAM's name rule for roles and instance profiles: 1-64 characters of `[\w+=,.@-]`.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_iams_rule() {
        for ok in ["ecsInstanceRole", "a", "role+=,.@-_1"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "has space", "slash/", &"x".repeat(65)] {
            assert!(!valid_name(bad), "{bad}");
        }
        assert!(managed_policy(
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        )
        .is_some());
        assert!(managed_policy("arn:aws:iam::aws:policy/Nope").is_none());
    }
}

/// IAM's action matching: `service:Name`, case-insensitive, with `*` and `?` wildcards.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    super::glob(&pattern.to_ascii_lowercase(), &action.to_ascii_lowercase())
}

/// The `Action` (or `NotAction`) of a statement as a list.
fn string_or_list(v: Option<&serde_json::Value>) -> Vec<&str> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(|i| i.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn statements(doc: &serde_json::Value) -> Vec<&serde_json::Value> {
    match doc.get("Statement") {
        Some(serde_json::Value::Array(items)) => items.iter().collect(),
        Some(one @ serde_json::Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

fn statement_matches(st: &serde_json::Value, action: &str) -> bool {
    if st.get("NotAction").is_some() {
        return !string_or_list(st.get("NotAction"))
            .iter()
            .any(|p| action_matches(p, action));
    }
    string_or_list(st.get("Action"))
        .iter()
        .any(|p| action_matches(p, action))
}

/// Whether a role's policies allow an action: an explicit Deny wins, then any Allow, else the
/// implicit deny. (Resource and Condition elements are not evaluated yet.)
pub fn role_allows(role: &Role, action: &str) -> bool {
    let mut allowed = false;
    for arn in &role.attached_policies {
        if let Some(p) = managed_policy(arn) {
            allowed |= p.actions.iter().any(|a| action_matches(a, action));
        }
    }
    for doc in role.inline_policies.values() {
        for st in statements(doc) {
            if !statement_matches(st, action) {
                continue;
            }
            match st.get("Effect").and_then(|e| e.as_str()) {
                Some("Deny") => return false,
                Some("Allow") => allowed = true,
                _ => {}
            }
        }
    }
    allowed
}

/// Whether a trust policy lets an AWS service (`ec2.amazonaws.com`) assume the role.
pub fn trusts_service(trust: &serde_json::Value, service: &str) -> bool {
    statements(trust).iter().any(|st| {
        st.get("Effect").and_then(|e| e.as_str()) == Some("Allow")
            && statement_matches(st, "sts:AssumeRole")
            && string_or_list(st.get("Principal").and_then(|p| p.get("Service"))).contains(&service)
    })
}

#[cfg(test)]
mod eval_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn actions_match_with_wildcards_and_any_case() {
        let cases = [
            ("ecs:*", "ecs:RegisterContainerInstance", true),
            (
                "ECS:registercontainerinstance",
                "ecs:RegisterContainerInstance",
                true,
            ),
            ("ecs:Submit*", "ecs:SubmitTaskStateChange", true),
            ("ecs:Submit*", "ecs:Poll", false),
            ("*", "s3:GetObject", true),
            ("ec2:Describe?ags", "ec2:DescribeTags", true),
            ("iam:*AccessKey*", "iam:CreateAccessKey", true),
            ("s3:Get", "s3:GetObject", false),
        ];
        for (p, a, want) in cases {
            assert_eq!(action_matches(p, a), want, "{p} vs {a}");
        }
    }

    #[test]
    fn trust_and_allow_follow_the_documents() {
        let trust = json!({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]});
        assert!(trusts_service(&trust, "ec2.amazonaws.com"));
        assert!(!trusts_service(&trust, "ecs-tasks.amazonaws.com"));
        let mut role = Role {
            name: "r".into(),
            id: "AROA".into(),
            arn: "arn".into(),
            path: "/".into(),
            description: None,
            max_session_duration: 3600,
            created: 0,
            assume_role_policy: trust,
            attached_policies: vec![],
            inline_policies: BTreeMap::new(),
            tags: vec![],
        };
        assert!(!role_allows(&role, "ecs:RegisterContainerInstance"));
        role.attached_policies
            .push(MANAGED_POLICIES[0].arn.to_string());
        assert!(role_allows(&role, "ecs:RegisterContainerInstance"));
        role.inline_policies.insert(
            "deny".into(),
            json!({"Statement":{"Effect":"Deny","Action":"ecs:Register*","Resource":"*"}}),
        );
        assert!(!role_allows(&role, "ecs:RegisterContainerInstance"));
        assert!(role_allows(&role, "ecs:Poll"));
    }
}
