//! SSM Parameter Store, read-only: the public parameters that name the current ECS-optimized
//! AMIs (`/aws/service/ecs/optimized-ami/...`) and plain Amazon Linux AMIs.

use serde_json::Value;

use crate::json::json;

use super::error::ApiError;
use super::input::Input;
use crate::model::catalog::{Ami, AMIS, REGION};
use crate::sim::Sim;

/// The version every public parameter reports (the sandbox's own number).
const PARAMETER_VERSION: u32 = 118;

/// The value of a parameter, if the sandbox serves it: `<path>` is the JSON document,
/// `<path>/<field>` one field of it; plain AMI parameters hold the AMI ID itself.
fn lookup(name: &str) -> Option<String> {
    for ami in AMIS {
        if ami.ecs_agent_version.is_none() {
            if name == ami.ssm_path {
                return Some(ami.id.to_string());
            }
            continue;
        }
        if name == ami.ssm_path {
            return Some(document(ami).to_string());
        }
        if let Some(field) = name
            .strip_prefix(ami.ssm_path)
            .and_then(|r| r.strip_prefix('/'))
        {
            return match document(ami).get(field)? {
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            };
        }
    }
    None
}

fn document(ami: &Ami) -> Value {
    let al2023 = ami.ssm_path.contains("amazon-linux-2023");
    let os = if al2023 {
        "Amazon Linux 2023"
    } else {
        "Amazon Linux 2"
    };
    // `...-ecs-hvm-2023.0.20251104-...` -> `2023.0.20251104`.
    let version = ami
        .name
        .split("hvm-")
        .nth(1)
        .and_then(|rest| rest.split('-').next())
        .unwrap_or_default();
    let arch = if ami.arch == crate::model::catalog::Arch::Arm64 {
        "arm64"
    } else {
        "x86_64"
    };
    // The minimal AMI each ECS-optimized image is built from (the sandbox's own names).
    let source = if al2023 {
        format!("al2023-ami-minimal-2023.9.20251103.0-kernel-6.1-{arch}")
    } else {
        format!("amzn2-ami-minimal-hvm-2.0.20251103.0-{arch}-ebs")
    };
    json!({
        "ecs_agent_version": ami.ecs_agent_version.unwrap_or_default(),
        "ecs_runtime_version": format!("Docker version {}", ami.docker_version),
        "image_id": ami.id,
        "image_name": ami.name,
        "image_version": version,
        "os": os,
        "schema_version": 1,
        "source_image_name": source
    })
}

fn parameter_json(name: &str, value: String) -> Value {
    json!({
        "Name": name,
        "Type": "String",
        "Value": value,
        "Version": PARAMETER_VERSION,
        "LastModifiedDate": "2025-11-04T18:21:07.233000+00:00",
        "ARN": format!("arn:aws:ssm:{REGION}::parameter{name}"),
        "DataType": "text"
    })
}

pub fn get_parameter(_sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.req_str("Name", || {
        ApiError::new("ValidationException", "Name is required")
    })?;
    let value = lookup(name).ok_or_else(|| ApiError::new("ParameterNotFound", ""))?;
    Ok(json!({ "Parameter": parameter_json(name, value) }))
}

pub fn get_parameters(_sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let names = input.strings("Names")?;
    if names.is_empty() || names.len() > 10 {
        return Err(ApiError::new(
            "ValidationException",
            format!("1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length between 1 and 10 (got {}).", names.len()),
        ));
    }
    let mut found = Vec::new();
    let mut invalid = Vec::new();
    for n in names {
        match lookup(n) {
            Some(v) => found.push(parameter_json(n, v)),
            None => invalid.push(n),
        }
    }
    Ok(json!({ "Parameters": found, "InvalidParameters": invalid }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecs_parameters_resolve_to_catalog_amis() {
        let id = lookup("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")
            .unwrap();
        assert!(crate::model::catalog::ami(&id)
            .unwrap()
            .ecs_agent_version
            .is_some());
        let doc: Value = serde_json::from_str(
            &lookup("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended").unwrap(),
        )
        .unwrap();
        assert_eq!(doc["os"], "Amazon Linux 2");
        assert_eq!(
            lookup("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/schema_version")
                .unwrap(),
            "1"
        );
        let plain = lookup("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")
            .unwrap();
        assert!(crate::model::catalog::ami(&plain)
            .unwrap()
            .ecs_agent_version
            .is_none());
        assert_eq!(
            lookup("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/nope"),
            None
        );
        assert_eq!(lookup("/nope"), None);
    }
}
