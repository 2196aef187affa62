//! EC2's `Filters` parameter: `[{Name, Values}]`. Names AND together, values OR together, and
//! values may use `*` and `?` wildcards (EC2 documents both).

use super::error::ApiError;
use super::input::Input;
use crate::model::Tag;

/// The filters of a request, checked against the names the operation supports.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    items: Vec<(String, Vec<String>)>,
}

impl Filters {
    pub fn parse(input: &Input, valid: &[&str]) -> Result<Filters, ApiError> {
        let mut items = Vec::new();
        for f in input.list("Filters")? {
            let name = f.str("Name")?.unwrap_or_default().to_string();
            let known =
                valid.contains(&name.as_str()) || name.starts_with("tag:") || name == "tag-key";
            if !known {
                return Err(ApiError::new(
                    "InvalidParameterValue",
                    format!("The filter '{name}' is invalid"),
                ));
            }
            let values = f
                .strings("Values")?
                .into_iter()
                .map(str::to_string)
                .collect();
            items.push((name, values));
        }
        Ok(Filters { items })
    }

    /// Whether a resource passes every filter. `field` gives the resource's values for a filter
    /// name (several for multi-valued fields such as `group-id`); tag filters are handled here.
    pub fn matches(&self, tags: &[Tag], field: impl Fn(&str) -> Vec<String>) -> bool {
        self.items.iter().all(|(name, wanted)| {
            let have: Vec<String> = if let Some(key) = name.strip_prefix("tag:") {
                tags.iter()
                    .filter(|t| t.key == key)
                    .map(|t| t.value.clone())
                    .collect()
            } else if name == "tag-key" {
                tags.iter().map(|t| t.key.clone()).collect()
            } else {
                field(name)
            };
            wanted.iter().any(|w| have.iter().any(|h| glob(w, h)))
        })
    }
}

/// EC2 filter values are case-sensitive globs.
fn glob(pattern: &str, value: &str) -> bool {
    if pattern.contains(['*', '?']) {
        crate::model::glob(pattern, value)
    } else {
        pattern == value
    }
}

/// Renders tags as EC2 does (`[{Key, Value}]`).
pub fn ec2_tags(tags: &[Tag]) -> serde_json::Value {
    serde_json::Value::Array(
        tags.iter()
            .map(|t| crate::json::json!({"Key": t.key, "Value": t.value}))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_and_values_combine_as_ec2_documents() {
        let req = json!({"Filters": [
            {"Name": "availability-zone", "Values": ["us-east-1a", "us-east-1b"]},
            {"Name": "tag:Name", "Values": ["web-*"]}
        ]});
        let input = Input::new(&req, "InvalidParameterValue").unwrap();
        let f = Filters::parse(&input, &["availability-zone"]).unwrap();
        let tags = vec![Tag {
            key: "Name".into(),
            value: "web-1".into(),
        }];
        let az = |zone: &'static str| {
            move |n: &str| {
                if n == "availability-zone" {
                    vec![zone.to_string()]
                } else {
                    vec![]
                }
            }
        };
        assert!(f.matches(&tags, az("us-east-1b")));
        assert!(!f.matches(&tags, az("us-east-1c")));
        assert!(!f.matches(&[], az("us-east-1a")));
        let bad = json!({"Filters": [{"Name": "colour", "Values": ["x"]}]});
        let err =
            Filters::parse(&Input::new(&bad, "InvalidParameterValue").unwrap(), &[]).unwrap_err();
        assert_eq!(err.message, "The filter 'colour' is invalid");
        assert!(glob("Web-?", "Web-1"));
        assert!(!glob("web-*", "Web-1"));
    }
}
