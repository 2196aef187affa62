//! Static facts of the simulated region: its Availability Zones, the EC2 instance types the
//! sandbox knows, and the AMIs that the ECS-optimized SSM parameters point at.

/// The only region simulated.
pub const REGION: &str = "us-east-1";
/// The learner's account.
pub const ACCOUNT_ID: &str = "123456789012";

/// The AWS account that creates ECS's managed ENIs on your behalf (`RequesterId` of task and
/// trunk ENIs in describe-network-interfaces; a value seen on real Fargate task ENIs).
pub const ECS_REQUESTER_ID: &str = "578734482556";

/// An Availability Zone: its name (which differs between accounts on AWS) and its ID (which
/// names the same physical zone for everyone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Az {
    pub name: &'static str,
    pub id: &'static str,
}

/// us-east-1's six AZs. The name-to-ID mapping is per account on AWS; this is the sandbox's.
pub const AZS: [Az; 6] = [
    Az {
        name: "us-east-1a",
        id: "use1-az1",
    },
    Az {
        name: "us-east-1b",
        id: "use1-az2",
    },
    Az {
        name: "us-east-1c",
        id: "use1-az4",
    },
    Az {
        name: "us-east-1d",
        id: "use1-az6",
    },
    Az {
        name: "us-east-1e",
        id: "use1-az3",
    },
    Az {
        name: "us-east-1f",
        id: "use1-az5",
    },
];

pub fn az(name: &str) -> Option<&'static Az> {
    AZS.iter().find(|a| a.name == name)
}

pub fn az_by_id(id: &str) -> Option<&'static Az> {
    AZS.iter().find(|a| a.id == id)
}

/// The default VPC every new account has in every region (ECS-REFERENCE.md §3.5).
pub const DEFAULT_VPC_CIDR: &str = "172.31.0.0/16";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Arm64,
}

impl Arch {
    /// As EC2 spells it (`x86_64`, `arm64`), which is also the `ecs.cpu-architecture` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
}

/// An EC2 instance type with what ECS placement needs of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpus: u32,
    pub memory_mib: u32,
    /// Network interfaces the type can attach (the primary one included).
    pub max_enis: u32,
    pub ipv4_per_eni: u32,
    /// awsvpc tasks per instance with ENI trunking on, or None when the type cannot trunk.
    pub trunk_task_limit: Option<u32>,
    pub arch: Arch,
}

impl InstanceType {
    /// ECS registers CPU as 1,024 units per vCPU.
    pub fn cpu_units(&self) -> u32 {
        self.vcpus * 1024
    }

    /// The MEMORY the ECS agent registers: what the OS reports, a little under the nominal
    /// size (7,985 MiB on an 8 GiB m4.large in AWS's docs). We model it as 97.5% of nominal,
    /// rounded down: our choice, close to the documented samples.
    pub fn registered_memory_mib(&self) -> u32 {
        self.memory_mib / 40 * 39 + (self.memory_mib % 40) * 39 / 40
    }

    /// awsvpc task ENIs without trunking: every ENI but the primary.
    pub fn task_eni_slots(&self) -> u32 {
        self.max_enis.saturating_sub(1)
    }
}

const fn it(
    name: &'static str,
    vcpus: u32,
    memory_gib_x2: u32,
    max_enis: u32,
    ipv4_per_eni: u32,
    trunk: u32,
    arch: Arch,
) -> InstanceType {
    InstanceType {
        name,
        vcpus,
        memory_mib: memory_gib_x2 * 512,
        max_enis,
        ipv4_per_eni,
        trunk_task_limit: if trunk == 0 { None } else { Some(trunk) },
        arch,
    }
}

use Arch::{Arm64, X86_64};

/// The instance types the sandbox knows (ECS-REFERENCE.md §3.3, plus a few common neighbours).
/// Memory is given in half-GiB steps so t3.nano's 0.5 GiB fits. Trunk limits follow the ECS
/// ENI-trunking table; 0 means the type does not support trunking.
pub const INSTANCE_TYPES: &[InstanceType] = &[
    it("t2.micro", 1, 2, 2, 2, 0, X86_64),
    it("t2.small", 1, 4, 3, 4, 0, X86_64),
    it("t2.medium", 2, 8, 3, 6, 0, X86_64),
    it("t2.large", 2, 16, 3, 12, 0, X86_64),
    it("t3.nano", 2, 1, 2, 2, 0, X86_64),
    it("t3.micro", 2, 2, 2, 2, 0, X86_64),
    it("t3.small", 2, 4, 3, 4, 0, X86_64),
    it("t3.medium", 2, 8, 3, 6, 0, X86_64),
    it("t3.large", 2, 16, 3, 12, 0, X86_64),
    it("t3.xlarge", 4, 32, 4, 15, 0, X86_64),
    it("m5.large", 2, 16, 3, 10, 10, X86_64),
    it("m5.xlarge", 4, 32, 4, 15, 20, X86_64),
    it("m5.2xlarge", 8, 64, 4, 15, 40, X86_64),
    it("m5.4xlarge", 16, 128, 8, 30, 60, X86_64),
    it("c5.large", 2, 8, 3, 10, 10, X86_64),
    it("c5.xlarge", 4, 16, 4, 15, 20, X86_64),
    it("c5.2xlarge", 8, 32, 4, 15, 40, X86_64),
    it("c5.4xlarge", 16, 64, 8, 30, 60, X86_64),
    it("r5.large", 2, 32, 3, 10, 10, X86_64),
    it("r5.xlarge", 4, 64, 4, 15, 20, X86_64),
    it("r5.2xlarge", 8, 128, 4, 15, 40, X86_64),
    it("m6i.large", 2, 16, 3, 10, 10, X86_64),
    it("c6i.large", 2, 8, 3, 10, 10, X86_64),
    it("m6g.large", 2, 16, 3, 10, 10, Arm64),
    it("c6g.large", 2, 8, 3, 10, 10, Arm64),
    it("t4g.micro", 2, 2, 2, 2, 0, Arm64),
    it("t4g.medium", 2, 8, 3, 6, 0, Arm64),
];

pub fn instance_type(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.name == name)
}

/// Which operating system an AMI boots, as far as ECS cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ami {
    pub id: &'static str,
    pub name: &'static str,
    pub arch: Arch,
    /// ECS-optimized AMIs run the ECS agent; any other AMI never registers with a cluster.
    pub ecs_agent_version: Option<&'static str>,
    pub docker_version: &'static str,
    /// The SSM parameter path prefix that returns this AMI (without `/image_id`).
    pub ssm_path: &'static str,
}

/// The AMIs behind the public SSM parameters the sandbox serves. IDs are the sandbox's own
/// (real IDs change weekly and differ per region).
pub const AMIS: &[Ami] = &[
    Ami {
        id: "ami-0e5c2023086000001",
        name: "al2023-ami-ecs-hvm-2023.0.20251104-kernel-6.1-x86_64",
        arch: Arch::X86_64,
        ecs_agent_version: Some("1.99.1"),
        docker_version: "25.0.8",
        ssm_path: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended",
    },
    Ami {
        id: "ami-0e5c2023a64000001",
        name: "al2023-ami-ecs-hvm-2023.0.20251104-kernel-6.1-arm64",
        arch: Arch::Arm64,
        ecs_agent_version: Some("1.99.1"),
        docker_version: "25.0.8",
        ssm_path: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended",
    },
    Ami {
        id: "ami-0e5c0002086000001",
        name: "amzn2-ami-ecs-hvm-2.0.20251104-x86_64-ebs",
        arch: Arch::X86_64,
        ecs_agent_version: Some("1.99.1"),
        docker_version: "25.0.8",
        ssm_path: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended",
    },
    Ami {
        id: "ami-0e5c0002a64000001",
        name: "amzn2-ami-ecs-hvm-2.0.20251104-arm64-ebs",
        arch: Arch::Arm64,
        ecs_agent_version: Some("1.99.1"),
        docker_version: "25.0.8",
        ssm_path: "/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended",
    },
    Ami {
        id: "ami-0e5c0510086000001",
        name: "amzn2-ami-ecs-kernel-5.10-hvm-2.0.20251104-x86_64-ebs",
        arch: Arch::X86_64,
        ecs_agent_version: Some("1.99.1"),
        docker_version: "25.0.8",
        ssm_path: "/aws/service/ecs/optimized-ami/amazon-linux-2/kernel-5.10/recommended",
    },
    // A plain Amazon Linux 2023 AMI: boots fine, but has no ECS agent.
    Ami {
        id: "ami-0a1c2023086000001",
        name: "al2023-ami-2023.9.20251104.0-kernel-6.1-x86_64",
        arch: Arch::X86_64,
        ecs_agent_version: None,
        docker_version: "",
        ssm_path: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    },
    Ami {
        id: "ami-0a1c2023a64000001",
        name: "al2023-ami-2023.9.20251104.0-kernel-6.1-arm64",
        arch: Arch::Arm64,
        ecs_agent_version: None,
        docker_version: "",
        ssm_path: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    },
];

pub fn ami(id: &str) -> Option<&'static Ami> {
    AMIS.iter().find(|a| a.id == id)
}

/// The agent's git hash reported in `versionInfo.agentHash` (the sandbox's own).
pub const AGENT_HASH: &str = "a1b2c3d4";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_types_match_the_reference_table() {
        let m5 = instance_type("m5.large").unwrap();
        assert_eq!(
            (
                m5.cpu_units(),
                m5.memory_mib,
                m5.task_eni_slots(),
                m5.trunk_task_limit
            ),
            (2048, 8192, 2, Some(10))
        );
        let t3n = instance_type("t3.nano").unwrap();
        assert_eq!(
            (t3n.cpu_units(), t3n.memory_mib, t3n.task_eni_slots()),
            (2048, 512, 1)
        );
        let c54 = instance_type("c5.4xlarge").unwrap();
        assert_eq!(
            (c54.cpu_units(), c54.max_enis, c54.trunk_task_limit),
            (16384, 8, Some(60))
        );
        assert_eq!(instance_type("t2.micro").unwrap().trunk_task_limit, None);
        assert!(instance_type("x9.huge").is_none());
    }

    #[test]
    fn registered_memory_is_a_little_under_nominal() {
        let m4ish = instance_type("m5.large").unwrap().registered_memory_mib();
        assert!((7900..8192).contains(&m4ish), "{m4ish}");
        assert_eq!(m4ish, 7987);
        assert_eq!(
            instance_type("t2.micro").unwrap().registered_memory_mib(),
            998
        );
    }

    #[test]
    fn every_ecs_parameter_points_at_a_known_ami() {
        for a in AMIS {
            assert_eq!(ami(a.id), Some(a));
            assert!(
                a.id.len() == 21 && a.id[4..].bytes().all(|b| b.is_ascii_hexdigit()),
                "{}",
                a.id
            );
        }
        assert_eq!(AZS.len(), 6);
        assert_eq!(az("us-east-1c").unwrap().id, "use1-az4");
    }
}
