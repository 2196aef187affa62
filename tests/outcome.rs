//! Executing a line returns, beside what it printed, the operation's response as data and the
//! events it caused: what views read instead of parsing stdout back.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::Session;
use ecs_sandbox::sim::log::What;

#[test]
fn a_line_carries_its_response_and_its_events() {
    let mut s = Session::new(7);
    let out = s.run_script(
        "aws ecs create-cluster --cluster-name c --query cluster.status --output text\n\
         aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"w\",\"image\":\"nginx\"}]' --query taskDefinition.revision\n\
         SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)\n\
         aws ecs run-task --cluster c --task-definition web --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]} --output text\n\
         aws ecs describe-task-definition --task-definition nope\n\
         echo done",
    );
    // The text printed is the query's; the response is the whole answer.
    assert_eq!(out[0].output.stdout, "ACTIVE\n");
    let created = out[0].outcome.response.as_ref().expect("a response");
    assert_eq!(created["cluster"]["clusterName"], "c");
    assert_eq!(
        out[1].outcome.response.as_ref().unwrap()["taskDefinition"]["family"],
        "web"
    );
    // run-task printed text; its response lists both tasks, and its events are the placements.
    let run = &out[3];
    let tasks = run.outcome.response.as_ref().unwrap()["tasks"]
        .as_array()
        .expect("tasks")
        .clone();
    assert_eq!(tasks.len(), 2);
    let events = &s.sim.events()[run.outcome.events.clone()];
    let placed: Vec<&str> = events
        .iter()
        .filter_map(|e| match &e.what {
            What::TaskPlaced { task_arn, .. } => Some(&**task_arn),
            _ => None,
        })
        .collect();
    let arns: Vec<&str> = tasks.iter().filter_map(|t| t["taskArn"].as_str()).collect();
    assert_eq!(placed, arns);
    // A failed call has no response; a shell builtin neither, and caused no event.
    assert_ne!(out[4].output.exit, 0);
    assert_eq!(out[4].outcome.response, None);
    assert_eq!(out[5].outcome.response, None);
    assert!(out[5].outcome.events.is_empty());
}
