//! IAM evaluations per second (DESIGN.md §6: 100,000 a second natively against a role with 10
//! policies of 10 statements, with wildcards and conditions), in the core and through the path
//! a learner uses (`aws iam simulate-principal-policy` lines through `ecs-sim`'s session).
//!
//! Variants: identity policies alone and under a permissions boundary (the core); 1,000
//! evaluations per `simulate-principal-policy` line; one per `sim call` line (a task's question).
//!
//! `cargo bench --bench iam`

use std::time::Instant;

use ecs_sandbox::bench::thread_cpu_ns;
use ecs_sandbox::cli::Session;
use ecs_sandbox::model::iam::document::{parse, Document, Kind};
use ecs_sandbox::model::iam::eval::{evaluate_bounded, Context, Request, Source, SourceType};

/// Statement `s` of policy `p`: wildcards in actions and resources, and a condition on every
/// other statement; a Deny in every tenth.
fn policy_text(p: usize) -> String {
    let statements: Vec<String> = (0..10)
        .map(|s| {
            let effect = if s == 9 { "Deny" } else { "Allow" };
            let condition = match s % 3 {
                0 => String::new(),
                1 => r#","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#.to_string(),
                _ => r#","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringLike":{"s3:prefix":"home/${aws:username}/*"}}"#.to_string(),
            };
            format!(
                r#"{{"Sid":"P{p}S{s}","Effect":"{effect}","Action":["s3:Get*","s3:List*","dynamodb:*Item","svc{p}:Op{s}*"],"Resource":["arn:aws:s3:::bucket-{p}-{s}/*","arn:aws:dynamodb:*:*:table/t{s}*"]{condition}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn core() {
    let docs: Vec<Document> = (0..10)
        .map(|p| parse(&policy_text(p), Kind::Identity).expect("valid"))
        .collect();
    let ids: Vec<String> = (0..10).map(|p| format!("p{p}")).collect();
    let sources: Vec<Source> = docs
        .iter()
        .zip(&ids)
        .map(|(d, id)| Source {
            id,
            kind: SourceType::UserManaged,
            document: d,
        })
        .collect();
    let ctx = Context::new()
        .with("aws:RequestedRegion", "us-east-1")
        .with("aws:SourceIp", "10.1.2.3")
        .with("aws:username", "alice")
        .with("s3:prefix", "home/alice/docs");
    let requests: Vec<(String, String)> = (0..64)
        .map(|i| {
            let action = [
                "s3:GetObject",
                "s3:PutObject",
                "dynamodb:GetItem",
                "iam:PassRole",
            ][i % 4];
            (
                action.to_string(),
                format!("arn:aws:s3:::bucket-{}-{}/key", i % 10, i % 7),
            )
        })
        .collect();
    // Both ways a role is evaluated: its identity policies alone, and under a permissions
    // boundary (here the same ten policies, so every request is evaluated twice over).
    for (variant, boundary) in [
        ("identity policies", None),
        ("under a boundary", Some(&sources[..])),
    ] {
        let n = 200_000;
        let (t, cpu) = (Instant::now(), thread_cpu_ns());
        let mut allowed = 0;
        for i in 0..n {
            let (action, resource) = &requests[i % requests.len()];
            let request = Request {
                action,
                resource,
                context: &ctx,
            };
            let e = evaluate_bounded(&sources, boundary, &request);
            allowed += usize::from(e.allowed());
        }
        let (s, cpu) = (
            t.elapsed().as_secs_f64(),
            (thread_cpu_ns().unwrap_or(0) - cpu.unwrap_or(0)) as f64 / 1e9,
        );
        println!(
            "core, {variant}: {n} evaluations (10 policies x 10 statements) in {s:.3} s wall, \
             {cpu:.3} s CPU: {:.0}/s of CPU time ({allowed} allowed)",
            n as f64 / cpu
        );
    }
}

fn whole_path() {
    let mut session = Session::new(1);
    let mut setup = String::from(
        "aws iam create-role --role-name app --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'\n",
    );
    for p in 0..10 {
        setup.push_str(&format!(
            "aws iam put-role-policy --role-name app --policy-name p{p} --policy-document '{}'\n",
            policy_text(p)
        ));
    }
    for r in session.run_script(&setup) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    // One line: 100 actions on 10 resources = 1,000 evaluations.
    let actions: Vec<String> = (0..100)
        .map(|i| {
            [
                "s3:GetObject",
                "s3:PutObject",
                "dynamodb:GetItem",
                "svc3:Op4x",
            ][i % 4]
                .to_string()
        })
        .collect();
    let resources: Vec<String> = (0..10)
        .map(|i| format!("arn:aws:s3:::bucket-{i}-{i}/key"))
        .collect();
    let line = format!(
        "aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/app --action-names {} --resource-arns {} --context-entries ContextKeyName=aws:SourceIp,ContextKeyValues=10.1.2.3,ContextKeyType=ip --query 'length(EvaluationResults)' --output text",
        actions.join(" "),
        resources.join(" ")
    );
    let lines = 50;
    let (t, cpu) = (Instant::now(), thread_cpu_ns());
    for _ in 0..lines {
        let r = session.run_script(&line);
        assert_eq!(r[0].output.stdout.trim(), "1000", "{}", r[0].output.stderr);
    }
    let (s, cpu) = (
        t.elapsed().as_secs_f64(),
        (thread_cpu_ns().unwrap_or(0) - cpu.unwrap_or(0)) as f64 / 1e9,
    );
    let n = lines * 1000;
    println!(
        "whole path: {lines} simulate-principal-policy lines of 1,000 evaluations in {s:.3} s \
         wall, {cpu:.3} s CPU: {:.0} evaluations/s of CPU time (JSON output and the query \
         included)",
        n as f64 / cpu
    );
}

/// `sim call` lines: one evaluation each, with the task role's credentials (the 10 policies),
/// as a learner asks what a task's code may do.
fn sim_call_path() {
    let mut session = Session::new(1);
    let mut setup = String::from(
        "aws iam create-role --role-name app --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'\n",
    );
    for p in 0..10 {
        setup.push_str(&format!(
            "aws iam put-role-policy --role-name app --policy-name p{p} --policy-document '{}'\n",
            policy_text(p)
        ));
    }
    setup.push_str(
        r#"SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --task-role-arn arn:aws:iam::123456789012:role/app --container-definitions '[{"name":"a","image":"nginx"}]'
TASK=$(aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]} --query 'tasks[0].taskArn' --output text)
sleep 60
"#,
    );
    for r in session.run_script(&setup) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    let lines: String = (0..2_000)
        .map(|i| {
            let action = ["s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "svc3:Op4x"][i % 4];
            format!(
                "sim call --task $TASK --action {action} --resource arn:aws:s3:::bucket-{}-{}/key --context aws:SourceIp=10.1.2.3\n",
                i % 10,
                i % 7
            )
        })
        .collect();
    let (t, cpu) = (Instant::now(), thread_cpu_ns());
    let out = session.run_script(&lines);
    let (s, cpu) = (
        t.elapsed().as_secs_f64(),
        (thread_cpu_ns().unwrap_or(0) - cpu.unwrap_or(0)) as f64 / 1e9,
    );
    let allowed = out.iter().filter(|r| r.output.exit == 0).count();
    println!(
        "sim call: {} lines, one evaluation each, in {s:.3} s wall, {cpu:.3} s CPU: {:.0} \
         lines/s of CPU time ({allowed} allowed)",
        out.len(),
        out.len() as f64 / cpu
    );
}

fn main() {
    core();
    whole_path();
    sim_call_path();
}
