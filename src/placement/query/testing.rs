//! A container instance for the query tests, and helpers to evaluate or refuse an expression.

use super::{parse, Facts};

/// A container instance for tests.
#[derive(Clone)]
pub(super) struct Instance {
    pub(super) attributes: Vec<(&'static str, &'static str)>,
    pub(super) instance_id: &'static str,
    pub(super) connected: bool,
    pub(super) version: &'static str,
    pub(super) registered_ms: i64,
    pub(super) running: u32,
    pub(super) groups: Vec<&'static str>,
}

impl Default for Instance {
    fn default() -> Self {
        Instance {
            attributes: vec![
                ("ecs.instance-type", "t2.micro"),
                ("ecs.availability-zone", "us-east-1a"),
                ("ecs.os-type", "linux"),
                ("stack", "prod"),
                ("ecs.capability.task-eni", ""),
            ],
            instance_id: "i-abcd1234",
            connected: true,
            version: "1.87.1",
            // 2018-06-18T22:28:28Z
            registered_ms: 1_529_360_908_000,
            running: 1,
            groups: vec!["service:production", "family:web"],
        }
    }
}

impl Facts for Instance {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
    fn ec2_instance_id(&self) -> &str {
        self.instance_id
    }
    fn agent_connected(&self) -> bool {
        self.connected
    }
    fn agent_version(&self) -> &str {
        self.version
    }
    fn registered_at_epoch_ms(&self) -> i64 {
        self.registered_ms
    }
    fn running_tasks_count(&self) -> u32 {
        self.running
    }
    fn has_task_group(&self, group: &str) -> bool {
        self.groups.contains(&group)
    }
}

pub(super) fn eval(expression: &str, instance: &Instance) -> bool {
    match parse(expression) {
        Ok(expr) => expr.eval(instance),
        Err(e) => panic!("{expression:?} should parse: {}", e.message),
    }
}

pub(super) fn error(expression: &str) -> String {
    match parse(expression) {
        Ok(expr) => panic!("{expression:?} should not parse: {expr:?}"),
        Err(e) => e.message,
    }
}
