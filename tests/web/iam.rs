//! Issue 14's visualizer in the browser: the Roles tab's policy editor answers with IAM's own
//! validation as one types and saves through `put-role-policy` (the role then has the policy);
//! an instance's card names its role, and one whose role allows nothing says it never joined,
//! until a policy saved in the editor lets it in; and "try a call" from a task's details
//! answers allowed or denied with the statement that decided.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement};

use super::common::mount;
use super::{button, click_svg, find, text, type_into, until};
use ecs_sandbox::viz::scenario::INSTANCE_ROLE_SCRIPT;

/// A cluster `apps` with one instance of `ecsInstanceRole` (joined), one of role `node`, which
/// allows nothing (never joins), and a task of task role `reader` (S3 reads of `assets`).
fn cluster_script() -> String {
    format!(
        "# seed: 1\naws ecs create-cluster --cluster-name apps\n{INSTANCE_ROLE_SCRIPT}{}",
        r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=apps
aws iam create-role --role-name node --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam create-instance-profile --instance-profile-name node
aws iam add-role-to-instance-profile --instance-profile-name node --role-name node
aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=node --user-data ECS_CLUSTER=apps
sleep 90
aws iam create-role --role-name reader --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam put-role-policy --role-name reader --policy-name assets --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/*"}]}'
aws ecs register-task-definition --family app --task-role-arn arn:aws:iam::123456789012:role/reader --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs run-task --cluster apps --task-definition app
sleep 30
"#
    )
}

/// Chooses `value` in a `<select>` as a user would (a `change` event that bubbles).
fn choose(select: &Element, value: &str) {
    select
        .dyn_ref::<HtmlSelectElement>()
        .expect("a select")
        .set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let e = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&e).expect("dispatch");
}

fn has_class(el: &Element, class: &str) -> bool {
    el.get_attribute("class")
        .unwrap_or_default()
        .split_whitespace()
        .any(|c| c == class)
}

fn editor_select(root: &Element, i: u32) -> Element {
    root.query_selector_all(".policy-editor select")
        .expect("selects")
        .item(i)
        .expect("a select")
        .dyn_into()
        .expect("element")
}

/// Opens the Roles tab's editor on a new inline policy of `role` and types `doc` into it.
async fn new_policy(root: &Element, role: &str, doc: &str) {
    choose(&editor_select(root, 0), role);
    yew::scheduler::flush().await;
    choose(&editor_select(root, 1), "new");
    yew::scheduler::flush().await;
    type_into(&find(root, ".policy-editor #policy-json"), doc);
    yew::scheduler::flush().await;
}

fn save_button(root: &Element) -> HtmlElement {
    let b = button(root, "Save");
    assert!(b.closest(".policy-editor").ok().flatten().is_some());
    b
}

#[wasm_bindgen_test]
async fn the_policy_editor_answers_with_iam_s_validation_and_saves_a_good_policy() {
    let (root, handle) = mount(&format!("# seed: 1\n{INSTANCE_ROLE_SCRIPT}"));
    yew::scheduler::flush().await;
    button(&root, "Roles").click();
    yew::scheduler::flush().await;
    // The trust policy is shown first, as stored, and IAM accepts it.
    let area = find(&root, ".policy-editor #policy-json");
    let stored = area
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .expect("textarea")
        .value();
    assert!(stored.contains("ec2.amazonaws.com"), "{stored}");
    let verdict = text(&find(&root, ".policy-editor .validation"));
    assert_eq!(verdict, "IAM would accept this trust policy.");
    // A statement without a Resource: IAM's refusal, and no Save.
    new_policy(
        &root,
        "ecsInstanceRole",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"#,
    )
    .await;
    let verdict = find(&root, ".policy-editor .validation");
    assert!(
        text(&verdict).starts_with("MalformedPolicyDocument: ") && has_class(&verdict, "error"),
        "{}",
        text(&verdict)
    );
    assert!(save_button(&root).has_attribute("disabled"));
    // Broken JSON, in IAM's words.
    type_into(&find(&root, ".policy-editor #policy-json"), "{\"Version\":");
    yew::scheduler::flush().await;
    assert_eq!(
        text(&find(&root, ".policy-editor .validation")),
        "MalformedPolicyDocument: This policy contains invalid Json"
    );
    // A good one: accepted, and Save runs put-role-policy.
    type_into(
        &find(&root, ".policy-editor #policy-json"),
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"ReadAssets\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::assets/*\"}]\n}",
    );
    yew::scheduler::flush().await;
    assert_eq!(
        text(&find(&root, ".policy-editor .validation")),
        "IAM would accept this policy."
    );
    let preview = text(&find(&root, ".policy-editor .command-preview pre"));
    assert!(
        preview.starts_with("aws iam put-role-policy --role-name ecsInstanceRole --policy-name read-assets --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadAssets\""),
        "{preview}"
    );
    save_button(&root).click();
    yew::scheduler::flush().await;
    let result = text(&find(&root, ".policy-editor .result"));
    assert_eq!(
        result,
        "Saved: ecsInstanceRole has inline policy read-assets."
    );
    // The role has it (its card, from the world), and the editor now shows it.
    let card = text(&find(&root, ".roles .role"));
    assert!(card.contains("Inline policies: read-assets"), "{card}");
    let chosen = editor_select(&root, 1)
        .dyn_into::<HtmlSelectElement>()
        .expect("select")
        .value();
    assert_eq!(chosen, "inline:read-assets");
    // It is an action like any other: the console shows the line, undo takes it back.
    button(&root, "Undo").click();
    yew::scheduler::flush().await;
    let card = text(&find(&root, ".roles .role"));
    assert!(card.contains("Inline policies: none"), "{card}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_instance_card_names_its_role_and_one_that_never_joined_says_why_until_fixed() {
    let (root, handle) = mount(&cluster_script());
    until(20_000.0, || {
        root.query_selector("svg.cluster").ok().flatten().is_some()
    })
    .await;
    yew::scheduler::flush().await;
    let badge = find(&root, "g.instance g.role-badge");
    let title = text(&find(&badge, "title"));
    assert!(
        title.starts_with("instance role ecsInstanceRole"),
        "{title}"
    );
    let shown = text(&find(&badge, "text"));
    let name = shown.trim_start_matches("role ").trim_end_matches('…');
    assert!(
        !name.is_empty() && "ecsInstanceRole".starts_with(name),
        "{shown}"
    );
    // The instance of role node never joined: why, in IAM's words.
    let booting = find(&root, "g.booting");
    let words = text(&booting);
    assert!(
        words.contains("never joined: IAM denied") && words.contains("role node"),
        "{words}"
    );
    let full = booting.get_attribute("aria-label").unwrap_or_default();
    assert!(
        full.contains("is not authorized to perform: ecs:RegisterContainerInstance"),
        "{full}"
    );
    // Fixed in the editor: a policy letting the agent in, and it joins.
    button(&root, "Roles").click();
    yew::scheduler::flush().await;
    let cards = root.query_selector_all(".roles .role").expect("cards");
    let node = (0..cards.length())
        .filter_map(|i| cards.item(i)?.text_content())
        .find(|t| t.starts_with("node"))
        .expect("node's card");
    assert!(
        node.contains("Never joined: i-")
            && node.contains("IAM denied ecs:RegisterContainerInstance to role node"),
        "{node}"
    );
    new_policy(
        &root,
        "node",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:RegisterContainerInstance","ecs:DeregisterContainerInstance","ecs:DiscoverPollEndpoint","ecs:Poll","ecs:Submit*","ecs:StartTelemetrySession"],"Resource":"*"}]}"#,
    )
    .await;
    save_button(&root).click();
    yew::scheduler::flush().await;
    for _ in 0..20 {
        if root.query_selector("g.booting").ok().flatten().is_none() {
            break;
        }
        button(&root, "Step").click();
        yew::scheduler::flush().await;
    }
    assert!(root.query_selector("g.booting").ok().flatten().is_none());
    let badges = root
        .query_selector_all("g.instance g.role-badge title")
        .expect("badges");
    let titles: Vec<String> = (0..badges.length())
        .filter_map(|i| badges.item(i)?.text_content())
        .collect();
    assert!(
        titles.iter().any(|t| t.starts_with("instance role node")),
        "{titles:?}"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn try_a_call_from_a_task_shows_allowed_or_denied_and_the_deciding_statement() {
    let (root, handle) = mount(&cluster_script());
    until(20_000.0, || {
        root.query_selector("svg.cluster g.task[data-task]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    yew::scheduler::flush().await;
    click_svg(&find(&root, "g.task[data-task] rect"));
    yew::scheduler::flush().await;
    let roles = text(&find(&root, ".task-iam dl"));
    assert!(
        roles.contains("Task rolereader") && roles.contains("its task role reader"),
        "{roles}"
    );
    let inputs = root
        .query_selector_all(".task-iam .try-call-form input")
        .expect("inputs");
    let input = |i: u32| -> Element { inputs.item(i).expect("input").dyn_into().expect("el") };
    type_into(&input(0), "s3:GetObject");
    type_into(&input(1), "arn:aws:s3:::assets/logo.png");
    yew::scheduler::flush().await;
    let result = find(&root, ".task-iam .try-result");
    assert!(has_class(&result, "allowed"));
    let words = text(&result);
    assert!(
        words.contains("allowed as role reader")
            && words.contains("decided by statement 0 \"Read\" of assets (role)"),
        "{words}"
    );
    assert!(text(&find(&result, "mark")).contains("\"Sid\": \"Read\""));
    type_into(&input(1), "arn:aws:s3:::other/key");
    yew::scheduler::flush().await;
    let result = find(&root, ".task-iam .try-result");
    assert!(has_class(&result, "denied"));
    let words = text(&result);
    assert!(
        words.contains("implicitDeny")
            && words.contains("An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/reader/"),
        "{words}"
    );
    let twin = text(&find(&root, ".task-iam .command-preview pre"));
    assert!(
        twin.starts_with("sim call --task ")
            && twin.ends_with("--action s3:GetObject --resource arn:aws:s3:::other/key"),
        "{twin}"
    );
    handle.destroy();
}
