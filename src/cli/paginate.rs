//! Pagination as the AWS CLI does it for paginated operations: it fetches every page and
//! prints the merged result; `--max-items N` cuts the result at N items and adds a
//! `NextToken` that `--starting-token` resumes from; `--page-size` only sizes the calls behind
//! the scenes (nothing to see in a simulation).

use serde_json::Value;

use crate::json::put;

/// The paginated operations and the key of their result list (botocore's paginators).
const PAGINATED: &[(&str, &str, &str)] = &[
    ("ecs", "list-clusters", "clusterArns"),
    ("ecs", "list-container-instances", "containerInstanceArns"),
    ("ecs", "list-tasks", "taskArns"),
    ("ecs", "list-services", "serviceArns"),
    ("ecs", "list-task-definitions", "taskDefinitionArns"),
    ("ecs", "list-task-definition-families", "families"),
    ("ecs", "list-attributes", "attributes"),
    ("ecs", "list-account-settings", "settings"),
    ("ec2", "describe-vpcs", "Vpcs"),
    ("ec2", "describe-subnets", "Subnets"),
    ("ec2", "describe-security-groups", "SecurityGroups"),
    ("ec2", "describe-instances", "Reservations"),
    ("ec2", "describe-network-interfaces", "NetworkInterfaces"),
    ("ec2", "describe-instance-types", "InstanceTypes"),
    ("elbv2", "describe-load-balancers", "LoadBalancers"),
    ("elbv2", "describe-target-groups", "TargetGroups"),
    ("elbv2", "describe-listeners", "Listeners"),
    ("iam", "list-roles", "Roles"),
    ("iam", "list-attached-role-policies", "AttachedPolicies"),
    ("iam", "list-role-policies", "PolicyNames"),
];

/// The result key, when the operation is paginated.
pub fn result_key(service: &str, operation: &str) -> Option<&'static str> {
    PAGINATED
        .iter()
        .find(|(s, o, _)| *s == service && *o == operation)
        .map(|(_, _, k)| *k)
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unbase64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// The token the CLI prints: base64 of `{"nextToken": null, "boto_truncate_amount": N}`.
pub fn token(offset: usize) -> String {
    base64(format!("{{\"nextToken\": null, \"boto_truncate_amount\": {offset}}}").as_bytes())
}

/// Reads a token back to its offset.
pub fn offset(token: &str) -> Option<usize> {
    let text = String::from_utf8(unbase64(token)?).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    usize::try_from(v.get("boto_truncate_amount")?.as_u64()?).ok()
}

/// Applies `--starting-token` and `--max-items` to a merged result.
pub fn apply(response: &mut Value, key: &str, start: usize, max_items: Option<usize>) {
    let Some(Value::Array(items)) = response.get_mut(key) else {
        return;
    };
    let all = std::mem::take(items);
    let total = all.len();
    let end = max_items.map_or(total, |m| start.saturating_add(m).min(total));
    *items = all
        .into_iter()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    if end < total {
        if let Some(m) = response.as_object_mut() {
            put(m, "NextToken", Value::String(token(end)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokens_round_trip_and_look_like_the_clis() {
        assert_eq!(
            token(2),
            "eyJuZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="
        );
        assert_eq!(offset(&token(17)), Some(17));
        assert_eq!(offset("not a token"), None);
    }

    #[test]
    fn max_items_cuts_and_starting_token_resumes() {
        let mut r = json!({"taskArns": ["a", "b", "c"]});
        apply(&mut r, "taskArns", 0, Some(2));
        assert_eq!(r, json!({"taskArns": ["a", "b"], "NextToken": token(2)}));
        let mut r = json!({"taskArns": ["a", "b", "c"]});
        apply(&mut r, "taskArns", 2, Some(2));
        assert_eq!(r, json!({"taskArns": ["c"]}));
    }
}
