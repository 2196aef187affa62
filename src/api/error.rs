//! AWS service errors, as the service returns them: a code and a message.

use std::fmt;

/// A refused request. The CLI prints it as
/// `An error occurred (CODE) when calling the OPERATION operation: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            code: code.to_string(),
            message: message.into(),
        }
    }

    /// ECS's catch-all for a bad parameter value.
    pub fn invalid_parameter(message: impl Into<String>) -> ApiError {
        ApiError::new("InvalidParameterException", message)
    }

    /// ECS's error for a request the client got wrong (task definitions, unknown resources).
    pub fn client(message: impl Into<String>) -> ApiError {
        ApiError::new("ClientException", message)
    }

    /// ECS: the named cluster does not exist.
    pub fn cluster_not_found() -> ApiError {
        ApiError::new("ClusterNotFoundException", "Cluster not found.")
    }

    /// ECS: a field's value is not one of its enum's.
    pub fn one_of(field: &str, values: &[&str]) -> ApiError {
        ApiError::invalid_parameter(format!("{field} should be one of [{}]", values.join(",")))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
