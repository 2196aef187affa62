//! The AWS managed policies the sandbox knows, with their real statements: data files in
//! `managed/` (the default version's document as IAM prints it), read once. Only policies
//! whose whole document we hold are listed; `AmazonECS_FullAccess` and `ReadOnlyAccess`,
//! whose documents run to hundreds of actions, are left out rather than approximated.

use std::sync::OnceLock;

use super::document::{self, Document, Kind};

/// An AWS managed policy: where IAM keeps it and its default version.
#[derive(Debug)]
pub struct Managed {
    pub name: &'static str,
    /// `/` or `/service-role/`.
    pub path: &'static str,
    /// What the policy is for, as IAM describes it.
    pub description: &'static str,
    pub default_version_id: &'static str,
    /// The document as IAM prints it.
    pub text: &'static str,
}

impl Managed {
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::aws:policy{}{}", self.path, self.name)
    }

    /// The document, read once (the files are checked by a test, so reading cannot fail).
    pub fn document(&self) -> &'static Document {
        let i = CATALOGUE
            .iter()
            .position(|m| m.name == self.name)
            .unwrap_or(0);
        &documents()[i]
    }
}

macro_rules! managed {
    ($name:literal, $path:literal, $version:literal, $description:literal) => {
        Managed {
            name: $name,
            path: $path,
            description: $description,
            default_version_id: $version,
            text: include_str!(concat!("managed/", $name, ".json")),
        }
    };
}

pub static CATALOGUE: &[Managed] = &[
    managed!(
        "AdministratorAccess",
        "/",
        "v1",
        "Provides full access to AWS services and resources."
    ),
    managed!(
        "AmazonDynamoDBReadOnlyAccess",
        "/",
        "v15",
        "Provides read only access to Amazon DynamoDB."
    ),
    managed!(
        "AmazonEC2ContainerServiceEventsRole",
        "/service-role/",
        "v3",
        "Policy to enable CloudWatch Events for EC2 Container Service"
    ),
    managed!(
        "AmazonEC2ContainerServiceforEC2Role",
        "/service-role/",
        "v7",
        "Default policy for the Amazon EC2 Role for Amazon EC2 Container Service."
    ),
    managed!(
        "AmazonECSTaskExecutionRolePolicy",
        "/service-role/",
        "v1",
        "Provides access to other AWS service resources that are required to run Amazon ECS \
         tasks"
    ),
    managed!(
        "AmazonElasticFileSystemClientReadWriteAccess",
        "/",
        "v1",
        "Provides read-write client access to an Amazon EFS file system"
    ),
    managed!(
        "AmazonS3FullAccess",
        "/",
        "v2",
        "Provides full access to all buckets via the AWS Management Console."
    ),
    managed!(
        "AmazonS3ReadOnlyAccess",
        "/",
        "v3",
        "Provides read only access to all buckets via the AWS Management Console."
    ),
    managed!(
        "AmazonSSMManagedInstanceCore",
        "/",
        "v2",
        "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality."
    ),
    managed!(
        "CloudWatchLogsFullAccess",
        "/",
        "v3",
        "Provides full access to CloudWatch Logs"
    ),
];

fn documents() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        CATALOGUE
            .iter()
            .map(|m| {
                document::parse(m.text, Kind::Identity).unwrap_or(Document {
                    version: document::Version::V2012,
                    statements: Vec::new(),
                })
            })
            .collect()
    })
}

/// The AWS managed policy with this ARN.
pub fn by_arn(arn: &str) -> Option<&'static Managed> {
    let rest = arn.strip_prefix("arn:aws:iam::aws:policy")?;
    CATALOGUE
        .iter()
        .find(|m| rest.strip_prefix(m.path) == Some(m.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_a_valid_policy() {
        for m in CATALOGUE {
            let d = document::parse(m.text, Kind::Identity)
                .unwrap_or_else(|e| panic!("{}: {e}", m.name));
            assert!(!d.statements.is_empty(), "{}", m.name);
            assert_eq!(m.document(), &d);
        }
        let ec2 =
            by_arn("arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")
                .expect("known");
        assert_eq!(ec2.name, "AmazonEC2ContainerServiceforEC2Role");
        assert!(by_arn("arn:aws:iam::aws:policy/AmazonEC2ContainerServiceforEC2Role").is_none());
        assert!(by_arn("arn:aws:iam::aws:policy/Nope").is_none());
    }
}
