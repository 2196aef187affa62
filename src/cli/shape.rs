//! A small subset of the AWS service model (botocore "shapes"): just enough for the CLI to turn
//! command-line arguments into a request the way the real AWS CLI does (option names, which
//! options are required, how shorthand and scalar strings are converted to typed JSON).

/// The type of a parameter or of a member of a structure, as in botocore's service models.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    String,
    Integer,
    Long,
    Boolean,
    Double,
    /// A date-time; the CLI accepts ISO 8601 or epoch seconds.
    Timestamp,
    /// Bytes; the CLI takes text (base64 handling is per-parameter in the real CLI).
    Blob,
    List(Box<Shape>),
    /// A map with string keys.
    Map(Box<Shape>),
    Structure(Vec<Member>),
}

/// One member of a structure (or one top-level parameter of an operation).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The API's member name, with the API's casing (`taskDefinition`, `SubnetId`).
    pub name: String,
    pub shape: Shape,
    pub required: bool,
}

impl Shape {
    /// Scalars are everything that is not a list, map or structure.
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Shape::List(_) | Shape::Map(_) | Shape::Structure(_))
    }
}
