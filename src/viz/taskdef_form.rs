//! The task definition editor's model: a form (the fields a learner meets first) and its JSON,
//! each editable and each rebuilt from the other. Members the form has no field for are kept
//! as they were, so a pasted definition survives a round trip through the form.
//!
//! A definition pasted from AWS (describe-task-definition output, or the console's JSON) has
//! read-only members RegisterTaskDefinition refuses; [`registrable`] drops them.

use serde_json::{Map, Value};

use crate::json::json;
use crate::model::task_def::Compatibility;
use crate::viz::taskdef_volumes::{mount_points_form, volumes_form, EfsVolumeForm, MountPointForm};

/// Members DescribeTaskDefinition returns that RegisterTaskDefinition does not take.
const READ_ONLY: [&str; 9] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "tags",
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContainerForm {
    pub name: String,
    pub image: String,
    pub cpu: String,
    pub memory: String,
    pub memory_reservation: String,
    /// "80, 8080:80, 53/udp" (hostPort:containerPort where the mode allows it).
    pub ports: String,
    pub essential: bool,
    /// Words separated by spaces ("sleep 300").
    pub command: String,
    pub mount_points: Vec<MountPointForm>,
    /// Members without a field.
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskDefForm {
    pub family: String,
    pub ec2: bool,
    pub fargate: bool,
    /// "" for the default (bridge on Linux).
    pub network_mode: String,
    pub cpu: String,
    pub memory: String,
    pub containers: Vec<ContainerForm>,
    /// EFS volumes (`volumes` the form cannot say stay in `extra`).
    pub volumes: Vec<EfsVolumeForm>,
    pub extra: Map<String, Value>,
}

impl TaskDefForm {
    /// A first definition to start from.
    pub fn starter() -> TaskDefForm {
        TaskDefForm {
            family: "web".into(),
            ec2: true,
            fargate: false,
            network_mode: String::new(),
            cpu: String::new(),
            memory: String::new(),
            containers: vec![ContainerForm {
                name: "web".into(),
                image: "nginx:1.27".into(),
                cpu: "256".into(),
                memory: "512".into(),
                ports: "80".into(),
                essential: true,
                ..ContainerForm::default()
            }],
            volumes: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Whether the form's fields hold the volumes (else they stay in the JSON as they are).
    pub fn volumes_in_form(&self) -> bool {
        !self.extra.contains_key("volumes")
    }

    /// The RegisterTaskDefinition request the form describes.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("family".into(), json!(self.family));
        let compat: Vec<&str> = [
            (Compatibility::Ec2, self.ec2),
            (Compatibility::Fargate, self.fargate),
        ]
        .iter()
        .filter(|(_, on)| *on)
        .map(|(c, _)| c.as_str())
        .collect();
        if !compat.is_empty() {
            m.insert("requiresCompatibilities".into(), json!(compat));
        }
        if !self.network_mode.is_empty() {
            m.insert("networkMode".into(), json!(self.network_mode));
        }
        if !self.cpu.trim().is_empty() {
            m.insert("cpu".into(), json!(self.cpu.trim()));
        }
        if !self.memory.trim().is_empty() {
            m.insert("memory".into(), json!(self.memory.trim()));
        }
        let containers: Vec<Value> = self.containers.iter().map(container_json).collect();
        m.insert("containerDefinitions".into(), Value::Array(containers));
        if !self.volumes.is_empty() {
            let volumes = self.volumes.iter().map(EfsVolumeForm::to_json).collect();
            m.insert("volumes".into(), Value::Array(volumes));
        }
        for (k, v) in &self.extra {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Value::Object(m)
    }

    /// Reads a definition (after [`registrable`]) into the form.
    pub fn from_json(v: &Value) -> Result<TaskDefForm, String> {
        let o = v.as_object().ok_or("a task definition is a JSON object")?;
        let text = |k: &str| match o.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let compat: Vec<&str> = o
            .get("requiresCompatibilities")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut containers = Vec::new();
        for c in o
            .get("containerDefinitions")
            .and_then(Value::as_array)
            .ok_or("containerDefinitions must be a list")?
        {
            containers.push(container_form(c)?);
        }
        let volumes = volumes_form(o.get("volumes"));
        let mut known = vec![
            "family",
            "requiresCompatibilities",
            "networkMode",
            "cpu",
            "memory",
            "containerDefinitions",
        ];
        if volumes.is_some() {
            known.push("volumes");
        }
        Ok(TaskDefForm {
            family: text("family"),
            ec2: compat.contains(&Compatibility::Ec2.as_str()),
            fargate: compat.contains(&Compatibility::Fargate.as_str()),
            network_mode: text("networkMode"),
            cpu: text("cpu"),
            memory: text("memory"),
            containers,
            volumes: volumes.unwrap_or_default(),
            extra: o
                .iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        })
    }
}

fn number_or_text(s: &str) -> Option<Value> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.parse::<i64>().map_or_else(|_| json!(t), |n| json!(n)))
    }
}

fn container_json(c: &ContainerForm) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(c.name));
    m.insert("image".into(), json!(c.image));
    for (key, value) in [
        ("cpu", &c.cpu),
        ("memory", &c.memory),
        ("memoryReservation", &c.memory_reservation),
    ] {
        if let Some(v) = number_or_text(value) {
            m.insert(key.into(), v);
        }
    }
    let ports: Vec<Value> = c
        .ports
        .split([',', ' '])
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (p, protocol) = p.trim().split_once('/').unwrap_or((p.trim(), "tcp"));
            let mut pm = Map::new();
            match p.split_once(':') {
                Some((host, container)) => {
                    pm.insert(
                        "containerPort".into(),
                        number_or_text(container).unwrap_or(json!(0)),
                    );
                    pm.insert("hostPort".into(), number_or_text(host).unwrap_or(json!(0)));
                }
                None => {
                    pm.insert(
                        "containerPort".into(),
                        number_or_text(p).unwrap_or(json!(0)),
                    );
                }
            }
            if protocol != "tcp" {
                pm.insert("protocol".into(), json!(protocol));
            }
            Value::Object(pm)
        })
        .collect();
    if !ports.is_empty() {
        m.insert("portMappings".into(), Value::Array(ports));
    }
    if !c.essential {
        m.insert("essential".into(), json!(false));
    }
    let words: Vec<&str> = c.command.split_whitespace().collect();
    if !words.is_empty() {
        m.insert("command".into(), json!(words));
    }
    if !c.mount_points.is_empty() {
        let mounts = c.mount_points.iter().map(MountPointForm::to_json).collect();
        m.insert("mountPoints".into(), Value::Array(mounts));
    }
    for (k, v) in &c.extra {
        m.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Value::Object(m)
}

fn container_form(v: &Value) -> Result<ContainerForm, String> {
    let o = v
        .as_object()
        .ok_or("each container definition is a JSON object")?;
    let text = |k: &str| match o.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let ports: Vec<String> = o
        .get("portMappings")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|p| {
                    let cp = p
                        .get("containerPort")
                        .map(|x| x.to_string())
                        .unwrap_or_default();
                    let hp = p.get("hostPort").and_then(Value::as_i64);
                    let proto = p.get("protocol").and_then(Value::as_str).unwrap_or("tcp");
                    let mut s = match hp {
                        Some(h) => format!("{h}:{cp}"),
                        None => cp,
                    };
                    if proto != "tcp" {
                        s.push('/');
                        s.push_str(proto);
                    }
                    s
                })
                .collect()
        })
        .unwrap_or_default();
    // Mappings with members the field cannot say (names, app protocols) stay verbatim.
    let simple_ports = o
        .get("portMappings")
        .and_then(Value::as_array)
        .is_none_or(|a| {
            a.iter().all(|p| {
                p.as_object().is_some_and(|m| {
                    m.keys()
                        .all(|k| ["containerPort", "hostPort", "protocol"].contains(&k.as_str()))
                })
            })
        });
    let command = o.get("command").and_then(Value::as_array).filter(|a| {
        a.iter()
            .all(|w| w.as_str().is_some_and(|w| !w.contains(' ')))
    });
    let mount_points = mount_points_form(o.get("mountPoints"));
    let known: Vec<&str> = {
        let mut k = vec![
            "name",
            "image",
            "cpu",
            "memory",
            "memoryReservation",
            "essential",
        ];
        if simple_ports {
            k.push("portMappings");
        }
        if command.is_some() {
            k.push("command");
        }
        if mount_points.is_some() {
            k.push("mountPoints");
        }
        k
    };
    Ok(ContainerForm {
        name: text("name"),
        image: text("image"),
        cpu: text("cpu"),
        memory: text("memory"),
        memory_reservation: text("memoryReservation"),
        ports: if simple_ports {
            ports.join(", ")
        } else {
            String::new()
        },
        essential: o.get("essential").and_then(Value::as_bool).unwrap_or(true),
        command: command
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        mount_points: mount_points.unwrap_or_default(),
        extra: o
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

/// A pasted definition as RegisterTaskDefinition takes it: unwraps `{"taskDefinition": ...}`
/// and drops the members only AWS sets.
pub fn registrable(text: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let mut v = match v {
        Value::Object(mut o) if o.contains_key("taskDefinition") && !o.contains_key("family") => {
            o.remove("taskDefinition").unwrap_or_default()
        }
        other => other,
    };
    let o = v
        .as_object_mut()
        .ok_or("a task definition is a JSON object")?;
    for k in READ_ONLY {
        o.remove(k);
    }
    Ok(v)
}

/// ECS's own verdict on a request, without registering it.
pub fn check(request: &Value) -> Result<(), String> {
    crate::model::task_def::validate(request)
        .map(|_| ())
        .map_err(|e| format!("{}: {}", e.code, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_and_its_json_round_trip() {
        let f = TaskDefForm::starter();
        let v = f.to_json();
        assert_eq!(
            serde_json::to_string(&v).expect("json"),
            r#"{"family":"web","requiresCompatibilities":["EC2"],"containerDefinitions":[{"name":"web","image":"nginx:1.27","cpu":256,"memory":512,"portMappings":[{"containerPort":80}]}]}"#
        );
        assert_eq!(TaskDefForm::from_json(&v).expect("form"), f);
        assert!(check(&v).is_ok());
    }

    #[test]
    fn a_pasted_aws_definition_loads_and_keeps_what_the_form_cannot_show() {
        let pasted = r#"{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/api:3",
            "family": "api", "revision": 3, "status": "ACTIVE", "networkMode": "awsvpc",
            "compatibilities": ["EC2", "FARGATE"], "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
            "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}],
            "containerDefinitions": [{"name": "api", "image": "httpd", "essential": true,
                "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp", "name": "http"}],
                "environment": [{"name": "MODE", "value": "demo"}]}],
            "registeredAt": "2026-01-05T09:00:00+00:00"}}"#;
        let v = registrable(pasted).expect("registrable");
        assert!(v.get("revision").is_none() && v.get("status").is_none());
        let f = TaskDefForm::from_json(&v).expect("form");
        assert!(f.fargate && !f.ec2);
        assert_eq!(
            f.containers[0].ports, "",
            "a named mapping stays in the JSON"
        );
        assert!(f.containers[0].extra.contains_key("environment"));
        assert!(f.containers[0].extra.contains_key("portMappings"));
        assert!(check(&f.to_json()).is_ok(), "{:?}", check(&f.to_json()));
    }

    #[test]
    fn ecs_messages_come_through() {
        let mut f = TaskDefForm::starter();
        f.fargate = true;
        f.network_mode = "awsvpc".into();
        f.cpu = "256".into();
        f.memory = "4096".into();
        let err = check(&f.to_json()).expect_err("invalid size");
        assert!(
            err.contains("No Fargate configuration exists for given values: 256 CPU, 4096 memory"),
            "{err}"
        );
        assert!(registrable("{").is_err());
    }
}
