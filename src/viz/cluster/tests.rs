//! The cluster layout's tests: the nesting, the memory that keeps chips still, and the fit.

use super::*;
use crate::cli::Session;

const SETUP: &str = r#"aws ecs create-cluster --cluster-name c
aws iam create-role --role-name r --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name r
aws iam add-role-to-instance-profile --instance-profile-name r --role-name r
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1b --iam-instance-profile Name=r --user-data ECS_CLUSTER=c
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"a","image":"nginx","memory":256}]'
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
aws ecs run-task --cluster c --task-definition web --count 3
SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}
"#;

fn remember(s: &Session, memory: &mut Memory) -> ClusterView {
    cluster_view_remembering(&s.sim, "c", memory, Fit::default(), &Zoom::All)
}

/// The rows of the pending lane (0 when it is gone).
fn rows(v: &ClusterView) -> u32 {
    v.lane.as_ref().map_or(0, |l| l.grid.rows)
}

#[test]
fn starting_tasks_wait_in_the_lane_then_move_to_their_slots() {
    let mut s = Session::new(3);
    for r in s.run_script(SETUP) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    let v = cluster_view(&s.sim, "c");
    assert_eq!(v.tasks.len(), 5);
    assert!(v
        .tasks
        .iter()
        .all(|t| t.phase == Phase::Starting && t.y < v.lane.as_ref().expect("a lane").rect.h));
    assert_eq!(
        v.azs.iter().map(|a| a.name).collect::<Vec<_>>(),
        ["us-east-1b", "us-east-1c"],
        "only the AZs the cluster uses"
    );
    let b = &v.azs[0];
    assert_eq!(b.name, "us-east-1b");
    assert_eq!(b.subnets.len(), 1, "the instance's subnet");
    let sb = &b.subnets[0];
    assert!(sb.cidr.ends_with("/20") && sb.id.starts_with("subnet-"));
    assert_eq!(sb.instances.len(), 1);
    assert!(sb.fargate.is_none(), "no Fargate task in us-east-1b");
    assert_eq!(sb.instances[0].memory.0, 768, "reserved at placement");
    // The instance box sits inside its subnet's box, inside its AZ's column.
    let (outer, inner) = (&sb.rect, &sb.instances[0].rect);
    assert!(inner.x > outer.x && inner.x + inner.w < outer.x + outer.w);
    assert!(inner.y > outer.y && inner.y + inner.h <= outer.y + outer.h);
    s.run_script("sleep 30");
    let v = cluster_view(&s.sim, "c");
    let running: Vec<&TaskChip> = v
        .tasks
        .iter()
        .filter(|t| t.phase == Phase::Running)
        .map(|t| &**t)
        .collect();
    assert_eq!(running.len(), 5);
    let inst = &v.azs[0].subnets[0].instances[0].rect;
    let on_instance = running
        .iter()
        .filter(|t| {
            t.x >= inst.x && t.x < inst.x + inst.w && t.y >= inst.y && t.y < inst.y + inst.h
        })
        .count();
    assert_eq!(on_instance, 3);
    let c = &v.azs[1].subnets[0];
    assert!(c.instances.is_empty());
    let area = c
        .fargate
        .as_ref()
        .expect("a Fargate area in the tasks' subnet");
    assert_eq!(area.arrived, 2);
    assert_eq!(c.free, 4091 - 2, "the tasks' addresses are taken");
    let fargate = &area.rect;
    let in_fargate: Vec<&&TaskChip> = running
        .iter()
        .filter(|t| t.x >= fargate.x && t.y >= fargate.y && t.y < fargate.y + fargate.h)
        .collect();
    assert_eq!(in_fargate.len(), 2);
    assert!(in_fargate.iter().all(|t| t
        .ip
        .is_some_and(|ip| ip.to_string().starts_with("172.31.32."))));
    assert!(
        in_fargate[0]
            .label()
            .contains("Fargate in us-east-1c, IP 172.31.32."),
        "{}",
        in_fargate[0].label()
    );
    // No two chips overlap.
    let mut spots: Vec<(u32, u32)> = v.tasks.iter().map(|t| (t.x, t.y)).collect();
    spots.sort_unstable();
    spots.dedup();
    assert_eq!(spots.len(), v.tasks.len());
}

#[test]
fn a_remembered_layout_holds_the_lane_and_every_task_keeps_its_slot() {
    let mut s = Session::new(3);
    for r in s.run_script(SETUP) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    // 40 more Fargate tasks: several rows of the lane across two AZ columns.
    s.run_script("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}\n".repeat(4).as_str());
    let mut memory = Memory::default();
    let full = remember(&s, &mut memory);
    assert!(rows(&full) >= 2, "{}", rows(&full));
    // Tasks leave the lane; unremembered, it would shrink while others still wait in it.
    let mut checked = false;
    for _ in 0..200 {
        s.run_script("sleep 0.1");
        let packed = cluster_view(&s.sim, "c");
        let held = remember(&s, &mut memory);
        if packed.starting > 0 && rows(&packed) < rows(&full) {
            assert_eq!(rows(&held), rows(&full));
            assert_eq!(
                held.lane,
                full.lane.clone().map(|l| Lane {
                    starting: held.starting,
                    ..l
                })
            );
            checked = true;
        }
    }
    assert!(
        checked,
        "the packed lane never shrank while tasks still started"
    );
    // Once it has emptied, it is gone.
    let settled = remember(&s, &mut memory);
    assert_eq!(settled.starting, 0);
    assert_eq!(settled.lane, None);

    // Stop every other Fargate task: the others stay where they are.
    let fargate: Vec<String> = settled
        .tasks
        .iter()
        .filter(|t| t.launch_type.is_fargate())
        .map(|t| t.id.clone())
        .collect();
    for id in fargate.iter().step_by(2) {
        s.run_script(&format!("aws ecs stop-task --cluster c --task {id}"));
    }
    s.run_script("sleep 120");
    let after = remember(&s, &mut memory);
    assert_eq!(
        after.tasks.len(),
        settled.tasks.len() - fargate.len().div_ceil(2)
    );
    for t in &after.tasks {
        let before = settled
            .tasks
            .iter()
            .find(|b| b.id == t.id)
            .expect("was there");
        assert_eq!((t.x, t.y), (before.x, before.y), "task {} moved", t.id);
    }
    // A new task takes the lowest freed slot of its area, not a new one.
    let freed = settled
        .tasks
        .iter()
        .find(|t| t.id == fargate[0])
        .map(|t| (t.x, t.y))
        .expect("first Fargate task");
    s.run_script("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}\nsleep 60");
    let again = remember(&s, &mut memory);
    let new = again
        .tasks
        .iter()
        .find(|t| !after.tasks.iter().any(|a| a.id == t.id))
        .expect("the new task");
    assert_eq!((new.x, new.y), freed);
    // A fresh memory packs them again.
    let packed = cluster_view(&s.sim, "c");
    assert!(packed
        .tasks
        .iter()
        .zip(&again.tasks)
        .any(|(p, a)| (p.x, p.y) != (a.x, a.y)));
}

#[test]
fn a_remembered_chip_is_never_handed_to_another_task() {
    let mut s = Session::new(3);
    s.run_script(SETUP);
    s.run_script("sleep 60");
    let mut memory = Memory::default();
    let before = remember(&s, &mut memory);
    // After an undo and a different action, the same creation number can be another
    // task, in the same place and state, and even with the same ID (drawn again from the
    // same seed): here, a world where the first task run was of another family.
    let mut o = Session::new(3);
    let script = SETUP
        .replace("--family web ", "--family other ")
        .replace("--task-definition web ", "--task-definition other ");
    for r in o.run_script(&format!("aws ec2 describe-vpcs\n{script}")) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    o.run_script("sleep 60");
    let v = remember(&o, &mut memory);
    assert_eq!(
        (v.tasks[0].x, v.tasks[0].y),
        (before.tasks[0].x, before.tasks[0].y)
    );
    assert_eq!(v.tasks[0].id, before.tasks[0].id);
    assert_eq!(v.tasks[0].family, "other");
}

/// 200 lines of ten Fargate tasks over the three default subnets of us-east-1a..c (the
/// classroom-scale scenario of scripts/bench-browser).
pub const TWO_THOUSAND: &str = r#"aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)
"#;

fn two_thousand() -> Session {
    let mut s = Session::new(1);
    let run = "aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration \"awsvpcConfiguration={subnets=[$SUBNETS]}\"\n";
    for r in s.run_script(&format!("{TWO_THOUSAND}{}", run.repeat(200))) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    s
}

fn inside(t: &TaskChip, r: &Rect) -> bool {
    t.x >= r.x && t.y >= r.y && t.x + t.size <= r.x + r.w && t.y + t.size <= r.y + r.h
}

/// At a projector's size (the cluster panel of 1280x720), 2,000 running tasks over three AZs
/// are all drawn, one chip each, inside their areas and inside the box, without overlapping.
#[test]
fn two_thousand_tasks_fit_a_projector_panel() {
    let mut s = two_thousand();
    let fit = Fit {
        width: 740,
        height: 420,
    };
    let mut memory = Memory::default();
    let starting = cluster_view_remembering(&s.sim, "c", &mut memory, fit, &Zoom::All);
    assert_eq!(starting.starting, 2000);
    assert!(starting.fits, "height {}", starting.height);
    s.run_script("sleep 120");
    let v = cluster_view_remembering(&s.sim, "c", &mut memory, fit, &Zoom::All);
    assert!(
        v.fits && v.height <= fit.height && v.width <= fit.width,
        "{}x{}",
        v.width,
        v.height
    );
    assert_eq!(v.lane, None, "nothing waits: no lane");
    assert_eq!(v.azs.len(), 3);
    assert_eq!(v.tasks.len(), 2000, "every task a chip of its own");
    let areas: Vec<&Rect> = v
        .azs
        .iter()
        .flat_map(|a| &a.subnets)
        .filter_map(|s| s.fargate.as_ref().map(|f| &f.rect))
        .collect();
    assert_eq!(areas.len(), 3);
    assert!(v.tasks.iter().all(|t| areas.iter().any(|r| inside(t, r))));
    assert!(v.tasks.iter().all(|t| t.size >= 3 && t.size < CHIP));
    let mut spots: Vec<(u32, u32)> = v.tasks.iter().map(|t| (t.x, t.y)).collect();
    spots.sort_unstable();
    spots.dedup();
    assert_eq!(spots.len(), 2000);
    // Columns side by side, none past the right edge.
    assert!(v.azs.iter().all(|a| a.rect.x + a.rect.w <= fit.width));
    // Zoomed into one AZ, its tasks get more room: larger chips.
    let az = v.azs[0].name.to_string();
    let z = cluster_view_remembering(&s.sim, "c", &mut memory, fit, &Zoom::Az(az.clone()));
    assert_eq!(z.azs.len(), 1);
    assert_eq!(z.zoom, Zoom::Az(az));
    assert!(
        z.tasks[0].size > v.tasks[0].size,
        "{} vs {}",
        z.tasks[0].size,
        v.tasks[0].size
    );
    assert_eq!(z.live, 2000, "the others are only out of view");
    // A zoom into something not drawn falls back to all.
    let all = cluster_view_remembering(
        &s.sim,
        "c",
        &mut memory,
        fit,
        &Zoom::Subnet("subnet-nope".into()),
    );
    assert_eq!(all.zoom, Zoom::All);
    assert_eq!(all.azs.len(), 3);
}

/// Far more tasks than chips can fit become counts by state, and the drawing still fits.
#[test]
fn an_area_too_full_for_chips_shows_counts() {
    let s = two_thousand();
    let fit = Fit {
        width: 400,
        height: 200,
    };
    let v = cluster_view_remembering(&s.sim, "c", &mut Memory::default(), fit, &Zoom::All);
    let lane = v.lane.as_ref().expect("the lane");
    let counted = lane.counts.map_or(0, |c| c.total());
    let drawn = v.tasks.len() as u32;
    assert_eq!(counted + drawn, 2000, "every task is a chip or counted");
    assert!(counted > 0);
    // Narrow: the columns wrap instead of running off the edge.
    assert!(v.azs.iter().all(|a| a.rect.x + a.rect.w <= fit.width));
    assert!(
        v.azs.iter().any(|a| a.rect.y > v.azs[0].rect.y),
        "wrapped below"
    );
}

/// A cluster with nothing in it draws no empty AZ columns.
#[test]
fn an_empty_cluster_draws_no_columns() {
    let mut s = Session::new(1);
    s.run_script("aws ecs create-cluster --cluster-name c");
    let v = cluster_view(&s.sim, "c");
    assert!(v.azs.is_empty() && v.lane.is_none() && v.tasks.is_empty());
    assert!(v.width <= Fit::default().width);
}

/// Instances launched for the cluster are drawn while they boot and their agent registers,
/// with the simulated time left; once registered they are container instances.
#[test]
fn booting_instances_count_down_until_their_agent_registers() {
    let mut s = Session::new(3);
    let setup = SETUP.split("sleep 90").next().expect("the launch");
    for r in s.run_script(setup) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    let v = cluster_view(&s.sim, "c");
    let boots: Vec<&BootingBox> = v
        .azs
        .iter()
        .flat_map(|a| &a.subnets)
        .flat_map(|s| &s.booting)
        .collect();
    assert_eq!(boots.len(), 1);
    let words = boots[0].boot.words(s.sim.now());
    assert!(words.starts_with("booting · running in "), "{words}");
    assert!(v.counts_down());
    s.run_script("sleep 25");
    let v = cluster_view(&s.sim, "c");
    let b = &v.azs[0].subnets[0].booting[0];
    assert!(
        b.boot.words(s.sim.now()).starts_with("agent registers in "),
        "{:?}",
        b.boot
    );
    s.run_script("sleep 60");
    let v = cluster_view(&s.sim, "c");
    assert!(!v.counts_down());
    assert_eq!(v.azs[0].subnets[0].instances.len(), 1);
}

/// A Fargate task that cannot get an address in a full /28 stays in the lane, failed, with
/// ECS's reason in words, for minutes of simulated time; then it leaves.
#[test]
fn a_task_that_failed_to_start_is_shown_failed_with_its_reason() {
    let mut s = Session::new(1);
    let script = r#"aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
V=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
S=$(aws ec2 create-subnet --vpc-id $V --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$S]}
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$S]}
sleep 30
"#;
    for r in s.run_script(script) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    let v = cluster_view(&s.sim, "c");
    let lane = v.lane.as_ref().expect("the lane shows the failure");
    assert_eq!(lane.failed.len(), 1);
    assert_eq!(
        lane.failed[0].count, 1,
        "a /28 holds 11 tasks: the twelfth failed"
    );
    assert_eq!(
        lane.failed[0].short,
        "ResourceInitializationError · InsufficientFreeAddressesInSubnet"
    );
    let failed: Vec<&Rc<TaskChip>> = v.tasks.iter().filter(|t| t.failed.is_some()).collect();
    assert_eq!(failed.len(), 1);
    assert!(inside(failed[0], &lane.rect));
    assert!(failed[0]
        .label()
        .contains("FAILED to start: ResourceInitializationError"));
    assert!(v.redo_at.is_some_and(|at| at > s.sim.now()));
    // Still there five simulated minutes on (five seconds at 60x); gone after ten.
    s.run_script("sleep 300");
    assert!(cluster_view(&s.sim, "c").lane.is_some());
    s.run_script("sleep 300");
    let v = cluster_view(&s.sim, "c");
    assert!(v.lane.is_none() && v.tasks.iter().all(|t| t.failed.is_none()));
}

/// Subnets drawn in AZ order, created in another: each area gets its own tasks.
#[test]
fn every_subnet_draws_its_own_tasks_whatever_the_order_they_were_created_in() {
    let mut s = Session::new(1);
    let script = r#"aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
V=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
B=$(aws ec2 create-subnet --vpc-id $V --cidr-block 10.0.1.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
A=$(aws ec2 create-subnet --vpc-id $V --cidr-block 10.0.0.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 3 --network-configuration awsvpcConfiguration={subnets=[$A]}
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 5 --network-configuration awsvpcConfiguration={subnets=[$B]}
sleep 60
"#;
    for r in s.run_script(script) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    let v = cluster_view(&s.sim, "c");
    let areas: Vec<(&str, u32, &Rect)> = v
        .azs
        .iter()
        .flat_map(|a| &a.subnets)
        .filter_map(|s| {
            s.fargate
                .as_ref()
                .map(|f| (s.cidr.as_str(), f.arrived, &f.rect))
        })
        .collect();
    assert_eq!(
        areas.iter().map(|a| (a.0, a.1)).collect::<Vec<_>>(),
        [("10.0.0.0/24", 3), ("10.0.1.0/24", 5)]
    );
    for (cidr, n, rect) in areas {
        let prefix = &cidr[..7];
        let here: Vec<&Rc<TaskChip>> = v.tasks.iter().filter(|t| inside(t, rect)).collect();
        assert_eq!(here.len() as u32, n);
        assert!(here
            .iter()
            .all(|t| t.ip.is_some_and(|ip| ip.to_string().starts_with(prefix))));
    }
}
