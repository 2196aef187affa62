//! The ledger as a table: one row per candidate instance, one column per check in ECS's
//! order, then the strategies' keys and the verdict. What learners read to see *why*.

use crate::placement::{CheckKind, Ledger};

/// One check's cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// None when the check did not apply to this instance's record.
    pub passed: Option<bool>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub ec2_instance_id: String,
    pub container_instance_arn: String,
    pub cells: Vec<Cell>,
    pub strategy_keys: Vec<u64>,
    /// The keys as a learner reads them, one per strategy (see [`key_text`]).
    pub strategy_key_texts: Vec<String>,
    pub winner: bool,
    /// "placed here", "eligible, ranked lower", or the failure reason.
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LedgerTable {
    pub columns: Vec<String>,
    pub strategies: Vec<String>,
    pub rows: Vec<Row>,
    pub summary: String,
    /// Says where the sandbox chose (no strategy given: random).
    pub note: Option<String>,
}

fn column_name(kind: CheckKind, constraints: &[String]) -> String {
    match kind {
        CheckKind::Agent => "Agent".into(),
        CheckKind::Status => "Status".into(),
        CheckKind::Cpu => "CPU".into(),
        CheckKind::Memory => "Memory".into(),
        CheckKind::PortsTcp => "TCP ports".into(),
        CheckKind::PortsUdp => "UDP ports".into(),
        CheckKind::Eni => "ENI slot".into(),
        CheckKind::Location => "AZ / VPC".into(),
        CheckKind::Attribute => "Attributes".into(),
        CheckKind::Constraint(i) => constraints
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("constraint {}", i + 1)),
    }
}

/// A strategy's key for one instance, readably: `random`'s key is a seeded 64-bit draw
/// (printed raw it is a 19-digit number that says nothing), so it reads as the fraction of
/// the range it fell at, `draw 0.869`; binpack's and spread's keys are counts and stay so.
/// Lower ranks first either way.
pub fn key_text(strategy: &str, key: u64) -> String {
    if strategy == "random" {
        format!("draw {:.3}", key as f64 / u64::MAX as f64)
    } else {
        key.to_string()
    }
}

pub fn ledger_table(ledger: &Ledger) -> LedgerTable {
    let mut kinds: Vec<CheckKind> = Vec::new();
    for r in &ledger.instances {
        for c in &r.checks {
            if !kinds.contains(&c.check) {
                kinds.push(c.check);
            }
        }
    }
    let rows = ledger
        .instances
        .iter()
        .map(|r| {
            let winner = ledger.winner.as_deref() == Some(r.container_instance_arn.as_str());
            let cells = kinds
                .iter()
                .map(|k| match r.checks.iter().find(|c| c.check == *k) {
                    Some(c) => Cell {
                        passed: Some(c.passed),
                        detail: c.detail.clone(),
                    },
                    None => Cell {
                        passed: None,
                        detail: String::new(),
                    },
                })
                .collect();
            let verdict = if winner {
                "placed here".to_string()
            } else if r.eligible {
                "eligible, ranked lower".to_string()
            } else {
                format!(
                    "refused: {}",
                    r.failure_reason().unwrap_or("a check failed")
                )
            };
            Row {
                ec2_instance_id: r.ec2_instance_id.clone(),
                container_instance_arn: r.container_instance_arn.clone(),
                cells,
                strategy_keys: r.strategy_keys.clone(),
                strategy_key_texts: r
                    .strategy_keys
                    .iter()
                    .enumerate()
                    .map(|(i, k)| key_text(ledger.strategies.get(i).map_or("", |s| s.as_str()), *k))
                    .collect(),
                winner,
                verdict,
            }
        })
        .collect();
    LedgerTable {
        columns: kinds
            .iter()
            .map(|k| column_name(*k, &ledger.constraints))
            .collect(),
        strategies: ledger.strategies.to_vec(),
        rows,
        summary: ledger.summary.to_string(),
        note: ledger.default_strategy.then(|| {
            "No placement strategy was given: ECS documents no default for standalone tasks, so the sandbox chose 'random' (our choice).".to_string()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    #[test]
    fn rows_show_every_check_and_the_winner() {
        let mut s = Session::new(2);
        let out = s.run_script(
            r#"aws ecs create-cluster --cluster-name c
aws iam create-role --role-name r --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name r
aws iam add-role-to-instance-profile --instance-profile-name r --role-name r
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --iam-instance-profile Name=r --user-data ECS_CLUSTER=c
aws ec2 run-instances --image-id $AMI --instance-type m5.large --iam-instance-profile Name=r --user-data ECS_CLUSTER=c
sleep 90
aws ecs register-task-definition --family big --container-definitions '[{"name":"a","image":"nginx","memory":2048}]'
aws ecs run-task --cluster c --task-definition big --placement-strategy type=binpack,field=memory"#,
        );
        assert!(out.iter().all(|r| r.output.exit == 0));
        let task = s.sim.world.tasks().values().next().expect("a task");
        // A task keeps its decision compactly; the full ledger is a replay away, as the UI
        // asks for it.
        assert!(!task.ledger.complete);
        let ledger = s.replay_decision(task.ledger.decision).expect("a replay");
        let t = ledger_table(&ledger);
        assert_eq!(
            t.columns,
            [
                "Agent",
                "Status",
                "CPU",
                "Memory",
                "TCP ports",
                "UDP ports",
                "Attributes"
            ]
        );
        assert_eq!(t.rows.len(), 2);
        let small = t.rows.iter().find(|r| !r.winner).expect("the refused one");
        assert_eq!(small.verdict, "refused: RESOURCE:MEMORY");
        assert_eq!(small.cells[3].passed, Some(false));
        assert!(t
            .rows
            .iter()
            .any(|r| r.winner && r.verdict == "placed here"));
        assert_eq!(t.strategies, ["binpack(memory)"]);
        assert!(t.note.is_none());
        assert_eq!(key_text("random", u64::MAX), "draw 1.000");
        assert_eq!(key_text("random", 16034598681887225811), "draw 0.869");
        assert_eq!(key_text("binpack(memory)", 998), "998");
    }
}
