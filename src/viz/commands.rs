//! The `aws ...` lines the UI's forms and buttons stand for. Built here, free of browser
//! crates, so they are tested natively: every value goes through [`shell_quote`], so a name
//! with spaces, quotes or `$` reads back through the script dialect as the one word it was.

/// Quotes a word for the script dialect: as it is when it is plainly one word, else in
/// single quotes (`'\''` for a quote inside), which expand nothing.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A command line of literal words (`aws`, the service, the operation, options) and values,
/// every value quoted.
fn line(words: &[(&str, Option<&str>)]) -> String {
    let mut out = String::new();
    for (word, value) in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if let Some(v) = value {
            out.push(' ');
            out.push_str(&shell_quote(v));
        }
    }
    out
}

pub fn create_cluster(name: &str) -> String {
    line(&[("aws ecs create-cluster --cluster-name", Some(name))])
}

pub fn create_vpc(cidr: &str) -> String {
    line(&[("aws ec2 create-vpc --cidr-block", Some(cidr))])
}

pub fn create_subnet(vpc_id: &str, cidr: &str, az: &str) -> String {
    line(&[
        ("aws ec2 create-subnet --vpc-id", Some(vpc_id)),
        ("--cidr-block", Some(cidr)),
        ("--availability-zone", Some(az)),
    ])
}

/// Looks the ECS-optimized AMI up into `$AMI`, as AWS's documentation does.
pub const AMI_LOOKUP: &str = "AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)";

/// Launches container instances for `cluster` (their user data names it) with the
/// `ecsInstanceRole` profile; the image is `$AMI` ([`AMI_LOOKUP`]).
pub fn run_instances(instance_type: &str, subnet_id: &str, count: &str, cluster: &str) -> String {
    line(&[
        (
            "aws ec2 run-instances --image-id $AMI --instance-type",
            Some(instance_type),
        ),
        ("--subnet-id", Some(subnet_id)),
        ("--count", Some(count)),
        (
            "--iam-instance-profile Name=ecsInstanceRole --user-data",
            Some(&format!("ECS_CLUSTER={cluster}")),
        ),
    ])
}

pub fn set_trunking(enabled: bool) -> String {
    let value = if enabled { "enabled" } else { "disabled" };
    line(&[(
        "aws ecs put-account-setting-default --name awsvpcTrunking --value",
        Some(value),
    )])
}

pub fn update_instance_state(cluster: &str, container_instance_arn: &str, status: &str) -> String {
    line(&[
        (
            "aws ecs update-container-instances-state --cluster",
            Some(cluster),
        ),
        ("--container-instances", Some(container_instance_arn)),
        ("--status", Some(status)),
    ])
}

pub fn terminate_instance(instance_id: &str) -> String {
    line(&[(
        "aws ec2 terminate-instances --instance-ids",
        Some(instance_id),
    )])
}

pub fn stop_task(cluster: &str, task_arn: &str) -> String {
    line(&[
        ("aws ecs stop-task --cluster", Some(cluster)),
        ("--task", Some(task_arn)),
    ])
}

/// Registers a task definition given as JSON text.
pub fn register_task_definition(json: &str) -> String {
    line(&[(
        "aws ecs register-task-definition --cli-input-json",
        Some(json),
    )])
}

/// What the Run panel asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunTask<'a> {
    pub cluster: &'a str,
    pub task_definition: &'a str,
    pub fargate: bool,
    pub count: u32,
    /// Whether the task definition uses awsvpc: the line then carries the network
    /// configuration (the task's subnets and security groups).
    pub awsvpc: bool,
    pub subnets: &'a [String],
    pub security_groups: &'a [String],
    pub public_ip: bool,
    /// Placement strategies, each in shorthand (`type=binpack,field=memory`); EC2 only.
    pub strategies: &'a [&'a str],
    pub distinct_instance: bool,
    /// A memberOf expression, or "" for none.
    pub member_of: &'a str,
}

pub fn run_task(r: &RunTask) -> String {
    let mut out = line(&[
        ("aws ecs run-task --cluster", Some(r.cluster)),
        ("--task-definition", Some(r.task_definition)),
    ]);
    if r.fargate {
        out.push_str(" --launch-type FARGATE");
    }
    if r.count > 1 {
        out.push_str(&format!(" --count {}", r.count));
    }
    if r.awsvpc {
        let mut cfg = format!("awsvpcConfiguration={{subnets=[{}]", r.subnets.join(","));
        if !r.security_groups.is_empty() {
            cfg.push_str(&format!(
                ",securityGroups=[{}]",
                r.security_groups.join(",")
            ));
        }
        if r.fargate && r.public_ip {
            cfg.push_str(",assignPublicIp=ENABLED");
        }
        cfg.push('}');
        out.push(' ');
        out.push_str(&line(&[("--network-configuration", Some(&cfg))]));
    }
    if r.fargate {
        return out;
    }
    if !r.strategies.is_empty() {
        out.push_str(" --placement-strategy");
        for s in r.strategies {
            out.push(' ');
            out.push_str(&shell_quote(s));
        }
    }
    let mut constraints = Vec::new();
    if r.distinct_instance {
        constraints.push(crate::json::json!({"type": "distinctInstance"}));
    }
    let member_of = r.member_of.trim();
    if !member_of.is_empty() {
        constraints.push(crate::json::json!({"type": "memberOf", "expression": member_of}));
    }
    if !constraints.is_empty() {
        let text = serde_json::to_string(&constraints).unwrap_or_default();
        out.push(' ');
        out.push_str(&line(&[("--placement-constraints", Some(&text))]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::script::{self, Host, Output};
    use std::collections::BTreeMap;

    /// Records the words of every command, as the script dialect hands them over.
    #[derive(Default)]
    struct Words(Vec<Vec<String>>);

    impl Host for Words {
        fn exec(&mut self, argv: &[String], _line: u32) -> Output {
            self.0.push(argv.to_vec());
            Output::default()
        }

        fn now_ms(&self) -> u64 {
            0
        }

        fn take_response(&mut self) -> Option<serde_json::Value> {
            None
        }

        fn event_count(&self) -> usize {
            0
        }
    }

    fn words(line: &str) -> Vec<String> {
        let mut host = Words::default();
        let mut vars = BTreeMap::from([("AMI".to_string(), "ami-1".to_string())]);
        script::run(line, &mut host, &mut vars);
        assert_eq!(host.0.len(), 1, "{line}");
        host.0.remove(0)
    }

    const HOSTILE: &str = "a b'c\"d$HOME`x`\\e;f|g&&h";

    #[test]
    fn every_value_reads_back_as_one_word() {
        for value in ["web", "", HOSTILE, "10.0.0.0/28", "$(rm -rf /)", "it's"] {
            assert_eq!(
                words(&create_cluster(value)),
                ["aws", "ecs", "create-cluster", "--cluster-name", value]
            );
            assert_eq!(
                words(&create_subnet(value, "10.0.0.0/24", value)),
                [
                    "aws",
                    "ec2",
                    "create-subnet",
                    "--vpc-id",
                    value,
                    "--cidr-block",
                    "10.0.0.0/24",
                    "--availability-zone",
                    value
                ]
            );
            assert_eq!(
                words(&stop_task(value, value)),
                [
                    "aws",
                    "ecs",
                    "stop-task",
                    "--cluster",
                    value,
                    "--task",
                    value
                ]
            );
            assert_eq!(
                words(&register_task_definition(value))[4],
                value,
                "the JSON text is one word"
            );
            let w = words(&run_instances("t3.micro", "subnet-1", "2", value));
            assert_eq!(w[4], "ami-1", "$AMI is expanded");
            assert_eq!(
                w.last().map(String::as_str),
                Some(&*format!("ECS_CLUSTER={value}"))
            );
        }
        assert_eq!(
            words(&update_instance_state("c", "arn:aws:ecs:x/c/1", "DRAINING")),
            [
                "aws",
                "ecs",
                "update-container-instances-state",
                "--cluster",
                "c",
                "--container-instances",
                "arn:aws:ecs:x/c/1",
                "--status",
                "DRAINING"
            ]
        );
        assert_eq!(words(&set_trunking(true)).last().unwrap(), "enabled");
        assert_eq!(
            words(&terminate_instance("i-0123")),
            [
                "aws",
                "ec2",
                "terminate-instances",
                "--instance-ids",
                "i-0123"
            ]
        );
    }

    #[test]
    fn run_task_lines_carry_network_placement_and_constraints_as_words() {
        let subnets = vec!["subnet-1".to_string(), "subnet-2".to_string()];
        let groups = vec!["sg-1".to_string()];
        let line = run_task(&RunTask {
            cluster: "my cluster",
            task_definition: "web:3",
            count: 4,
            awsvpc: true,
            subnets: &subnets,
            security_groups: &groups,
            strategies: &[
                "type=spread,field=attribute:ecs.availability-zone",
                "type=binpack,field=memory",
            ],
            distinct_instance: true,
            member_of: "attribute:ecs.instance-type =~ t3.* ",
            ..RunTask::default()
        });
        let w = words(&line);
        assert_eq!(
            &w[..7],
            [
                "aws",
                "ecs",
                "run-task",
                "--cluster",
                "my cluster",
                "--task-definition",
                "web:3"
            ]
        );
        assert_eq!(&w[7..9], ["--count", "4"]);
        assert_eq!(
            &w[9..11],
            [
                "--network-configuration",
                "awsvpcConfiguration={subnets=[subnet-1,subnet-2],securityGroups=[sg-1]}"
            ]
        );
        assert_eq!(
            &w[11..14],
            [
                "--placement-strategy",
                "type=spread,field=attribute:ecs.availability-zone",
                "type=binpack,field=memory"
            ]
        );
        assert_eq!(w[14], "--placement-constraints");
        let constraints: serde_json::Value = serde_json::from_str(&w[15]).unwrap();
        assert_eq!(
            constraints,
            serde_json::json!([
                {"type": "distinctInstance"},
                {"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}
            ])
        );
        // Fargate: no placement, a public IP when asked.
        let fargate = run_task(&RunTask {
            cluster: "c",
            task_definition: "web",
            fargate: true,
            count: 1,
            awsvpc: true,
            subnets: &subnets[..1],
            public_ip: true,
            strategies: &["type=random"],
            ..RunTask::default()
        });
        assert_eq!(
            words(&fargate),
            [
                "aws",
                "ecs",
                "run-task",
                "--cluster",
                "c",
                "--task-definition",
                "web",
                "--launch-type",
                "FARGATE",
                "--network-configuration",
                "awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=ENABLED}"
            ]
        );
    }
}
