//! Where the scenario lives between visits: the URL (`#scenario=...`, so a link reproduces the
//! world) and localStorage (autosave). A scenario that cannot be read gives a message and a
//! clean start, never a blank page.

use crate::viz::scenario::{Scenario, INSTANCE_ROLE_SCRIPT};
use crate::viz::workspace::Workspace;

const STORAGE_KEY: &str = "ecs-sandbox-scenario";
const HASH_KEY: &str = "#scenario=";

/// The scenario a first visit shows: a cluster of three EC2 instances in three AZs, a
/// bridge-mode service of tasks spread over them, and two Fargate tasks, all starting up.
pub fn demo_script() -> String {
    format!(
        "# seed: 1\naws ecs create-cluster --cluster-name demo\n{INSTANCE_ROLE_SCRIPT}{DEMO_REST}"
    )
}

/// The demo after its cluster and instance role.
const DEMO_REST: &str = r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1a --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1b --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo
aws ec2 run-instances --image-id $AMI --instance-type c5.large --placement AvailabilityZone=us-east-1c --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo
sleep 75
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":256,"memory":512,"portMappings":[{"containerPort":80}]}]'
aws ecs register-task-definition --family api --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"api","image":"public.ecr.aws/docker/library/httpd:2.4","portMappings":[{"containerPort":80}]}]'
aws ecs run-task --cluster demo --task-definition web --count 5 --placement-strategy type=spread,field=attribute:ecs.availability-zone
SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)
aws ecs run-task --cluster demo --task-definition api --launch-type FARGATE --count 2 --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],assignPublicIp=ENABLED}"
"#;

pub fn demo_scenario() -> Scenario {
    Scenario::from_script(&demo_script()).unwrap_or_else(|_| Scenario::new(1))
}

fn decode(component: &str) -> Option<String> {
    js_sys::decode_uri_component(component)
        .ok()
        .and_then(|s| s.as_string())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Whether a workspace holds the demo as it opens.
pub fn is_demo(ws: &Workspace) -> bool {
    ws.scenario == demo_scenario()
}

/// The workspace a visit starts with: the link's scenario, else the autosaved one, else the
/// demo; and a message when a scenario could not be read.
pub fn initial_workspace() -> (Workspace, Option<String>) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix(HASH_KEY) {
        return match decode(encoded).ok_or_else(|| "it is not valid text".to_string()) {
            Ok(script) => match Scenario::from_script(&script) {
                Ok(s) => (Workspace::from_scenario(s), None),
                Err(e) => (
                    Workspace::new(super::DEFAULT_SEED),
                    Some(format!(
                        "The scenario in this link could not be loaded ({e}); starting empty."
                    )),
                ),
            },
            Err(e) => (
                Workspace::new(super::DEFAULT_SEED),
                Some(format!(
                    "The scenario in this link could not be loaded ({e}); starting empty."
                )),
            ),
        };
    }
    if let Some(saved) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        return match Scenario::from_script(&saved) {
            Ok(s) => (Workspace::from_scenario(s), None),
            Err(e) => (
                Workspace::new(super::DEFAULT_SEED),
                Some(format!(
                    "The saved scenario could not be loaded ({e}); starting empty."
                )),
            ),
        };
    }
    (Workspace::from_scenario(demo_scenario()), None)
}

/// The link that reproduces a scenario script.
pub fn link_for(script: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(script).into();
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}{HASH_KEY}{encoded}")
}

/// Autosaves the scenario and puts it in the address bar.
pub fn save(scenario: &Scenario) {
    let script = scenario.to_script();
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &script);
    }
    if let Some(w) = web_sys::window() {
        let encoded: String = js_sys::encode_uri_component(&script).into();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{HASH_KEY}{encoded}")),
            );
        }
    }
}
