//! Amazon EFS records (ECS-REFERENCE.md §9): file systems, their mount targets (one per AZ,
//! each an ENI with an address of its subnet) and access points. The files themselves live
//! with the file system, so every task that mounts it sees the same data.

use std::collections::BTreeMap;

use serde::Serialize;

use super::time::SimTime;
use super::Tag;

/// `LifeCycleState` of file systems, mount targets and access points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LifeCycle {
    Creating,
    Available,
    Updating,
    Deleting,
    Deleted,
    Error,
}

impl LifeCycle {
    pub fn as_str(self) -> &'static str {
        match self {
            LifeCycle::Creating => "creating",
            LifeCycle::Available => "available",
            LifeCycle::Updating => "updating",
            LifeCycle::Deleting => "deleting",
            LifeCycle::Deleted => "deleted",
            LifeCycle::Error => "error",
        }
    }
}

/// `PerformanceMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PerformanceMode {
    #[serde(rename = "generalPurpose")]
    GeneralPurpose,
    #[serde(rename = "maxIO")]
    MaxIo,
}

impl PerformanceMode {
    pub fn parse(s: &str) -> Option<PerformanceMode> {
        match s {
            "generalPurpose" => Some(PerformanceMode::GeneralPurpose),
            "maxIO" => Some(PerformanceMode::MaxIo),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PerformanceMode::GeneralPurpose => "generalPurpose",
            PerformanceMode::MaxIo => "maxIO",
        }
    }
}

/// `ThroughputMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThroughputMode {
    Bursting,
    Provisioned,
    Elastic,
}

impl ThroughputMode {
    pub fn parse(s: &str) -> Option<ThroughputMode> {
        match s {
            "bursting" => Some(ThroughputMode::Bursting),
            "provisioned" => Some(ThroughputMode::Provisioned),
            "elastic" => Some(ThroughputMode::Elastic),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThroughputMode::Bursting => "bursting",
            ThroughputMode::Provisioned => "provisioned",
            ThroughputMode::Elastic => "elastic",
        }
    }
}

/// A file written to a file system: its bytes, its owner, and who wrote it (for the file
/// browser: "written by task ... in us-east-1a").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    pub data: String,
    pub uid: u32,
    pub gid: u32,
    pub written_by: String,
    pub written_at: SimTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileSystem {
    /// `fs-` and 17 hex digits.
    pub id: String,
    pub arn: String,
    pub creation_token: String,
    pub created: SimTime,
    pub state: LifeCycle,
    pub performance_mode: PerformanceMode,
    pub throughput_mode: ThroughputMode,
    pub provisioned_throughput_mibps: Option<f64>,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    /// One Zone file systems: their AZ.
    pub availability_zone: Option<&'static str>,
    pub tags: Vec<Tag>,
    /// The file system policy (a resource policy), as given.
    pub policy: Option<serde_json::Value>,
    /// The files, by absolute path in the file system.
    pub files: BTreeMap<String, File>,
    pub created_seq: u64,
}

impl FileSystem {
    /// The `Name` tag, which EFS shows as the file system's name.
    pub fn name(&self) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.key == "Name")
            .map(|t| t.value.as_str())
    }

    /// Metered size: 6 KiB of metadata for an empty file system, plus the files.
    pub fn size_bytes(&self) -> u64 {
        6_144
            + self
                .files
                .values()
                .map(|f| f.data.len() as u64)
                .sum::<u64>()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MountTarget {
    /// `fsmt-` and 17 hex digits.
    pub id: String,
    pub file_system_id: String,
    pub subnet_id: String,
    pub vpc_id: String,
    pub az: &'static str,
    pub ip: std::net::Ipv4Addr,
    pub eni_id: String,
    pub security_groups: Vec<String>,
    pub state: LifeCycle,
    pub created_seq: u64,
}

/// The POSIX identity an access point imposes on every request through it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PosixUser {
    pub uid: u32,
    pub gid: u32,
    pub secondary_gids: Vec<u32>,
}

/// How EFS creates an access point's root directory when it does not exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreationInfo {
    pub owner_uid: u32,
    pub owner_gid: u32,
    /// Octal, as given (`755`).
    pub permissions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPoint {
    /// `fsap-` and 17 hex digits.
    pub id: String,
    pub arn: String,
    pub file_system_id: String,
    pub client_token: String,
    pub posix_user: Option<PosixUser>,
    /// The directory the access point exposes as `/` (default `/`).
    pub root_path: String,
    pub creation_info: Option<CreationInfo>,
    pub state: LifeCycle,
    pub tags: Vec<Tag>,
    pub created_seq: u64,
}
