//! The placement benchmark's world, shared by `benches/placement.rs` (native) and
//! `tests/frame_bench.rs` (wasm) so both measure the same thing: a cluster of m5.xlarge and
//! c5.xlarge instances over the six AZs, and a RunTask request with spread(AZ) +
//! binpack(memory) + a memberOf constraint.

use crate::api::ecs_task::needs_of;
use crate::cli::Session;
use crate::placement::request::parse_constraint;
use crate::placement::{PlacementRequest, Resource, SpreadField, Strategy};

/// A session whose cluster `bench` has `instances` registered container instances, in
/// batches of 100 alternating between types and going round the AZs; `Err` names the first
/// setup line that failed.
pub fn placement_cluster(instances: u32) -> Result<Session, String> {
    let mut s = Session::new(42);
    let mut script = format!(
        "aws ecs create-cluster --cluster-name bench\n{}{}",
        crate::viz::scenario::INSTANCE_ROLE_SCRIPT,
        r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ecs register-task-definition --family bench --container-definitions '[{"name":"app","image":"nginx","cpu":128,"memory":256}]'
"#
    );
    let azs = crate::model::catalog::AZS;
    let mut left = instances;
    let mut i = 0;
    while left > 0 {
        let n = left.min(100);
        let ty = if i % 2 == 0 { "m5.xlarge" } else { "c5.xlarge" };
        script.push_str(&format!(
            "aws ec2 run-instances --image-id $AMI --instance-type {ty} --count {n} --placement AvailabilityZone={} --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=bench' --query ReservationId\n",
            azs[i % azs.len()].name
        ));
        left -= n;
        i += 1;
    }
    script.push_str("sleep 120\n");
    if let Some(r) = s.run_script(&script).iter().find(|r| r.output.exit != 0) {
        return Err(format!("setup failed: {} {}", r.command, r.output.stderr));
    }
    Ok(s)
}

/// The benchmark's request: the `bench` definition's needs, spread(AZ) + binpack(memory),
/// and a memberOf constraint every instance meets.
pub fn placement_request(s: &Session) -> Option<PlacementRequest> {
    Some(PlacementRequest {
        needs: needs_of(&s.sim, "bench", "family:bench")?,
        constraints: vec![parse_constraint(
            "memberOf",
            Some("attribute:ecs.instance-type in [m5.xlarge, c5.xlarge]"),
        )
        .ok()?],
        strategies: vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())),
            Strategy::Binpack(Resource::Memory),
        ],
        default_strategy: false,
    })
}
