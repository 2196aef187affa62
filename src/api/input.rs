//! Typed reads of a request's JSON members.
//!
//! The CLI has already checked the request against the operation's shape, but the API does not
//! rely on that (the UI and tests call it too): a member of the wrong type is an error, never a
//! panic.

use serde_json::{Map, Value};

use super::error::ApiError;

/// A request: the JSON object of its members, named as in the AWS API.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    members: &'a Map<String, Value>,
    /// The error code for a bad member: `InvalidParameterException` (ECS) or
    /// `InvalidParameterValue` (EC2)...
    code: &'static str,
}

static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();

impl<'a> Input<'a> {
    pub fn new(value: &'a Value, code: &'static str) -> Result<Input<'a>, ApiError> {
        match value {
            Value::Object(members) => Ok(Input { members, code }),
            Value::Null => Ok(Input {
                members: EMPTY.get_or_init(Map::new),
                code,
            }),
            _ => Err(ApiError::new(code, "The request must be a JSON object.")),
        }
    }

    fn bad(&self, key: &str, what: &str) -> ApiError {
        ApiError::new(
            self.code,
            format!("Invalid value for parameter {key}: expected {what}."),
        )
    }

    /// The whole request as a JSON value.
    pub fn as_value(&self) -> Value {
        Value::Object(self.members.clone())
    }

    pub fn has(&self, key: &str) -> bool {
        self.members.get(key).is_some_and(|v| !v.is_null())
    }

    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.members.get(key).filter(|v| !v.is_null())
    }

    pub fn str(&self, key: &str) -> Result<Option<&'a str>, ApiError> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.bad(key, "a string")),
        }
    }

    /// A required string; `missing` is the service's error when it is absent.
    pub fn req_str(
        &self,
        key: &str,
        missing: impl FnOnce() -> ApiError,
    ) -> Result<&'a str, ApiError> {
        self.str(key)?.ok_or_else(missing)
    }

    pub fn i64(&self, key: &str) -> Result<Option<i64>, ApiError> {
        match self.value(key) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.bad(key, "an integer")),
        }
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.bad(key, "a boolean")),
        }
    }

    pub fn strings(&self, key: &str) -> Result<Vec<&'a str>, ApiError> {
        match self.value(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| i.as_str().ok_or_else(|| self.bad(key, "a list of strings")))
                .collect(),
            Some(_) => Err(self.bad(key, "a list of strings")),
        }
    }

    /// A list of structures, each as an [`Input`].
    pub fn list(&self, key: &str) -> Result<Vec<Input<'a>>, ApiError> {
        match self.value(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| match i {
                    Value::Object(m) => Ok(Input {
                        members: m,
                        code: self.code,
                    }),
                    _ => Err(self.bad(key, "a list of structures")),
                })
                .collect(),
            Some(_) => Err(self.bad(key, "a list of structures")),
        }
    }

    pub fn object(&self, key: &str) -> Result<Option<Input<'a>>, ApiError> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(Input {
                members: m,
                code: self.code,
            })),
            Some(_) => Err(self.bad(key, "a structure")),
        }
    }
}
