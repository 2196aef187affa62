//! Helpers shared by the task definition tests: the base requests and ways to patch them.

use super::types::{TaskDefError, CLIENT, INVALID_PARAMETER};
use super::validate;
use serde_json::json;
use serde_json::Value;

pub(super) const ROLE: &str = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole";

/// Shallow-merges `patch` into the top level of `base`; a `null` in the patch removes the key.
pub(super) fn patch(mut base: Value, patch: Value) -> Value {
    if let (Some(target), Value::Object(members)) = (base.as_object_mut(), patch) {
        for (key, value) in members {
            if value.is_null() {
                target.remove(&key);
            } else {
                target.insert(key, value);
            }
        }
    }
    base
}

/// Merges `extra` into the first container of `request`.
pub(super) fn patch_container(mut request: Value, extra: Value) -> Value {
    let first = request
        .get_mut("containerDefinitions")
        .and_then(|c| c.get_mut(0))
        .map(Value::take)
        .unwrap_or(Value::Null);
    let merged = patch(first, extra);
    if let Some(slot) = request
        .get_mut("containerDefinitions")
        .and_then(|c| c.get_mut(0))
    {
        *slot = merged;
    }
    request
}

/// A valid EC2 (bridge, default mode) request with one container.
pub(super) fn ec2() -> Value {
    json!({"family": "api", "containerDefinitions": [
        {"name": "api", "image": "nginx", "memory": 256}
    ]})
}

/// A valid Fargate request (the §10.4 example without the log configuration).
pub(super) fn fargate() -> Value {
    json!({"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
           "cpu": "256", "memory": "512", "executionRoleArn": ROLE,
           "containerDefinitions": [{"name": "app", "image": "httpd:2.4", "essential": true,
               "portMappings": [{"containerPort": 80, "protocol": "tcp"}]}]})
}

pub(super) fn expect_err(request: &Value) -> TaskDefError {
    match validate(request) {
        Err(e) => e,
        Ok(td) => panic!("expected an error, got {}", json!(td)),
    }
}

/// Runs a table of (case, request, code, message) rows.
pub(super) fn check_table(rows: Vec<(&str, Value, &str, String)>) {
    for (case, request, code, message) in rows {
        let err = expect_err(&request);
        assert_eq!(err.message, message, "case: {case}");
        assert_eq!(err.code, code, "case: {case}");
    }
}

pub(super) fn client(
    case: &'static str,
    request: Value,
    message: &str,
) -> (&'static str, Value, &'static str, String) {
    (case, request, CLIENT, message.to_string())
}

pub(super) fn invalid(
    case: &'static str,
    request: Value,
    message: &str,
) -> (&'static str, Value, &'static str, String) {
    (case, request, INVALID_PARAMETER, message.to_string())
}
