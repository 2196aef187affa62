use super::*;
use crate::cli::Session;
use crate::viz::cluster::{cluster_view_remembering, Fit, Memory, Zoom};

/// An ALB over us-east-1a and 1b with one listener forwarding to an `ip` group, and a Fargate
/// service of `desired` tasks behind it.
fn alb(desired: u32) -> String {
    format!(
        r#"SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=60
aws ecs create-cluster --cluster-name web
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{{"name":"web","image":"nginx","portMappings":[{{"containerPort":80}}]}}]'
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count {desired} --launch-type FARGATE --network-configuration "awsvpcConfiguration={{subnets=[$SA,$SB]}}" --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80
"#
    )
}

fn session(script: &str) -> Session {
    let mut s = Session::new(4);
    for r in s.run_script(script) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    s
}

fn layout(s: &Session, per_chip: bool) -> (ClusterView, Front) {
    let fit = Fit {
        width: 700,
        height: u32::MAX,
    };
    let view = cluster_view_remembering(&s.sim, "web", &mut Memory::default(), fit, &Zoom::All);
    let f = front(&s.sim, &view, s.traffic.as_ref(), fit.width, per_chip);
    (view, f)
}

#[test]
fn the_band_shows_the_load_balancer_its_listener_and_its_group_counted_by_state() {
    let mut s = session(&alb(4));
    s.run_script("sleep 40");
    let (view, f) = layout(&s, true);
    assert_eq!(f.lbs.len(), 1);
    let lb = &f.lbs[0];
    assert_eq!((lb.name.as_str(), lb.state), ("web", "active"));
    assert_eq!(lb.listeners.len(), 1);
    assert_eq!(lb.listeners[0].text, "HTTP:80");
    let g = &lb.listeners[0].groups[0];
    assert_eq!(g.name, "web-ip");
    assert_eq!(g.health.total(), 4);
    // Nodes stand over the columns of their AZs.
    assert_eq!(lb.nodes.len(), 2);
    for n in &lb.nodes {
        let col = view.azs.iter().find(|a| a.name == n.az).expect("a column");
        assert_eq!(n.x, col.rect.x + col.rect.w / 2);
        assert!(n.y < f.height);
    }
    // Every target task's chip carries a marker at its corner, below the band.
    assert_eq!(f.markers.len(), 4);
    for m in &f.markers {
        let c = view
            .tasks
            .iter()
            .find(|c| c.id == m.task_id)
            .expect("its chip");
        assert_eq!((m.x, m.y), (c.x + c.size, c.y + f.height));
    }
    assert!(f.tallies.is_empty());
    // After the first checks pass, the counts and markers say healthy.
    s.run_script("sleep 60");
    let (_, f) = layout(&s, true);
    assert_eq!(f.lbs[0].listeners[0].groups[0].health.healthy, 4);
    assert!(f.markers.iter().all(|m| m.state == TargetState::Healthy));
    assert_eq!(f.lbs[0].listeners[0].groups[0].health.words(), "4 healthy");
}

#[test]
fn a_cluster_no_load_balancer_serves_has_no_band() {
    let s = session(&alb(1).replace(
        "--load-balancers targetGroupArn=$TG,containerName=web,containerPort=80",
        "",
    ));
    let (_, f) = layout(&s, true);
    assert_eq!(f, Front::default());
}

#[test]
fn a_task_scaled_in_shows_draining_and_dense_areas_count_instead_of_marking() {
    let mut s = session(&alb(3));
    s.run_script(
        "sleep 100\naws ecs update-service --cluster web --service api --desired-count 2\nsleep 5",
    );
    let (_, f) = layout(&s, true);
    let states: Vec<TargetState> = f.markers.iter().map(|m| m.state).collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == TargetState::Draining)
            .count(),
        1,
        "{states:?}"
    );
    assert_eq!(f.lbs[0].listeners[0].groups[0].health.draining, 1);
    // Drawn densely (a canvas), the same targets are counted per area.
    let (_, dense) = layout(&s, false);
    assert!(dense.markers.is_empty());
    let total: u32 = dense.tallies.iter().map(|t| t.health.total()).sum();
    assert_eq!(total, 3);
    assert_eq!(
        dense.tallies.iter().map(|t| t.health.draining).sum::<u32>(),
        1
    );
}

#[test]
fn requests_of_the_last_sim_http_travel_from_a_node_to_the_chip_that_answered() {
    let mut s = session(&alb(3));
    s.run_script("sleep 100\nsim http --load-balancer web --count 40");
    let burst = s.traffic.clone().expect("a burst");
    assert_eq!((burst.total, burst.first.len()), (40, BURST_KEPT));
    let (view, f) = layout(&s, true);
    assert_eq!(f.burst, Some(burst.serial));
    assert_eq!(f.dots.len(), BURST_KEPT);
    for (d, (task, status)) in f.dots.iter().zip(&burst.first) {
        let c = view
            .tasks
            .iter()
            .find(|c| Some(&c.id) == task.as_ref())
            .expect("the chip of the task that answered");
        assert_eq!(d.to, (c.x + c.size / 2, c.y + c.size / 2 + f.height));
        assert!(d.from.1 < f.height, "leaves from the band");
        assert_eq!(d.ok, *status == 200);
    }
    assert!(f.dots.windows(2).all(|w| w[0].delay_ms < w[1].delay_ms));
    let (words, _) = f.lbs[0].traffic.clone().expect("the burst in words");
    assert_eq!(
        words,
        "last sim http: 40 request(s) → 3 task(s) · first 24 drawn"
    );
    // Round robin: each of the three tasks answered a third.
    assert!(burst.by_task.values().all(|n| (13..=14).contains(n)));
}
