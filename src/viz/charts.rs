//! Charts over simulated time: tasks by state, reserved CPU and memory by AZ, free addresses
//! per subnet. Samples are taken as the world moves; charts are SVG strings, so they are
//! tested natively and the browser only inserts them.
//!
//! Why not plotters: built for wasm it added about 208 KB (gzip) to the page, two thirds of
//! the page's whole budget, for a few polylines; these charts are a hundred lines.

use std::collections::BTreeMap;

use crate::model::ecs::ContainerInstanceStatus;
use crate::sim::world::World;
use crate::viz::palette::Phase;

/// One look at the world.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub time_ms: u64,
    /// Live tasks starting, running and stopping.
    pub starting: u32,
    pub running: u32,
    pub stopping: u32,
    /// AZ -> (reserved, registered) CPU units and MiB over the ACTIVE/DRAINING instances.
    pub cpu: BTreeMap<&'static str, (u32, u32)>,
    pub memory: BTreeMap<&'static str, (u32, u32)>,
    /// Subnet ID -> free addresses.
    pub free: BTreeMap<String, u32>,
}

pub fn sample(world: &World, time_ms: u64) -> Sample {
    let mut s = Sample {
        time_ms,
        starting: 0,
        running: 0,
        stopping: 0,
        cpu: BTreeMap::new(),
        memory: BTreeMap::new(),
        free: BTreeMap::new(),
    };
    for t in world.tasks.values() {
        match Phase::of(t.last_status) {
            Phase::Starting => s.starting += 1,
            Phase::Running => s.running += 1,
            Phase::Stopping => s.stopping += 1,
            Phase::Stopped => {}
        }
    }
    for ci in world.container_instances.values() {
        if !matches!(
            ci.status,
            ContainerInstanceStatus::Active | ContainerInstanceStatus::Draining
        ) {
            continue;
        }
        let c = s.cpu.entry(ci.az).or_insert((0, 0));
        c.0 += ci.reserved_cpu_units;
        c.1 += ci.cpu_units;
        let m = s.memory.entry(ci.az).or_insert((0, 0));
        m.0 += ci.reserved_memory_mib;
        m.1 += ci.memory_mib;
    }
    for sn in world.subnets.values() {
        s.free.insert(sn.id.clone(), sn.pool.free_count());
    }
    s
}

/// A line to draw: its name, colour and (time, value) points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: &'static str,
    pub points: Vec<(u64, u64)>,
}

/// Okabe-Ito colours for series beyond the phase colours.
const COLOURS: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000",
];

pub fn tasks_by_state(samples: &[Sample]) -> Vec<Series> {
    let line = |name: &str, colour, f: fn(&Sample) -> u32| Series {
        name: name.into(),
        colour,
        points: samples
            .iter()
            .map(|s| (s.time_ms, u64::from(f(s))))
            .collect(),
    };
    vec![
        line("starting", Phase::Starting.colour(), |s| s.starting),
        line("running", Phase::Running.colour(), |s| s.running),
        line("stopping", Phase::Stopping.colour(), |s| s.stopping),
    ]
}

/// Reserved percent of registered, per AZ (`cpu` or memory).
pub fn reserved_by_az(samples: &[Sample], cpu: bool) -> Vec<Series> {
    let mut azs: Vec<&'static str> = samples
        .iter()
        .flat_map(|s| if cpu { s.cpu.keys() } else { s.memory.keys() })
        .copied()
        .collect();
    azs.sort_unstable();
    azs.dedup();
    azs.iter()
        .enumerate()
        .map(|(i, az)| Series {
            name: (*az).to_string(),
            colour: COLOURS[i % COLOURS.len()],
            points: samples
                .iter()
                .map(|s| {
                    let (used, total) = if cpu { &s.cpu } else { &s.memory }
                        .get(az)
                        .copied()
                        .unwrap_or((0, 0));
                    let pct = if total == 0 {
                        0
                    } else {
                        u64::from(used) * 100 / u64::from(total)
                    };
                    (s.time_ms, pct)
                })
                .collect(),
        })
        .collect()
}

/// Free addresses of the subnets whose count changed (the busy ones), at most seven.
pub fn free_addresses(samples: &[Sample]) -> Vec<Series> {
    let mut ids: Vec<&String> = samples.iter().flat_map(|s| s.free.keys()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter(|id| {
            let mut values = samples.iter().filter_map(|s| s.free.get(*id));
            let first = values.next();
            values.any(|v| Some(v) != first)
        })
        .take(COLOURS.len())
        .enumerate()
        .map(|(i, id)| Series {
            name: id.clone(),
            colour: COLOURS[i],
            points: samples
                .iter()
                .filter_map(|s| s.free.get(id).map(|v| (s.time_ms, u64::from(*v))))
                .collect(),
        })
        .collect()
}

/// The smallest "nice" axis maximum (1, 2 or 5 times a power of ten) at or above `v`.
fn nice_max(v: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= v.max(1) {
                return m * step;
            }
        }
        step *= 10;
    }
}

fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", 9 + s / 3600, (s / 60) % 60, s % 60)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A line chart as an SVG document: time across (the simulated clock), values up.
pub fn line_chart(title: &str, unit: &str, series: &[Series], width: u32, height: u32) -> String {
    let (left, right, top, bottom) = (44u32, 10u32, 22u32, 34u32);
    let (w, h) = (width - left - right, height - top - bottom);
    let t0 = series
        .iter()
        .flat_map(|s| s.points.first())
        .map(|p| p.0)
        .min()
        .unwrap_or(0);
    let t1 = series
        .iter()
        .flat_map(|s| s.points.last())
        .map(|p| p.0)
        .max()
        .unwrap_or(0)
        .max(t0 + 1);
    let vmax = nice_max(
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .max()
            .unwrap_or(1),
    );
    let x = |t: u64| left + ((t - t0) * u64::from(w) / (t1 - t0)) as u32;
    let y = |v: u64| top + h - (v.min(vmax) * u64::from(h) / vmax) as u32;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}"><rect width="{width}" height="{height}" fill="#fff"/><text x="{left}" y="14" font-size="12" font-weight="600">{}</text>"##,
        escape(title),
        escape(title)
    );
    for i in 0..=4u64 {
        let v = vmax * i / 4;
        let yy = y(v);
        out.push_str(&format!(
            r##"<line x1="{left}" x2="{}" y1="{yy}" y2="{yy}" stroke="#e3e8ee"/><text x="{}" y="{}" font-size="10" text-anchor="end" fill="#5b6675">{v}{unit}</text>"##,
            left + w,
            left - 4,
            yy + 3
        ));
    }
    for i in 0..=3u64 {
        let t = t0 + (t1 - t0) * i / 3;
        out.push_str(&format!(
            r##"<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#5b6675">{}</text>"##,
            x(t),
            top + h + 14,
            clock(t)
        ));
    }
    for s in series {
        // Steps, not slopes: the world changes at instants.
        let mut pts = String::new();
        let mut last: Option<u64> = None;
        for &(t, v) in &s.points {
            if let Some(prev) = last {
                pts.push_str(&format!("{},{} ", x(t), y(prev)));
            }
            pts.push_str(&format!("{},{} ", x(t), y(v)));
            last = Some(v);
        }
        out.push_str(&format!(
            r#"<polyline fill="none" stroke="{}" stroke-width="2" points="{}"><title>{}</title></polyline>"#,
            s.colour,
            pts.trim_end(),
            escape(&s.name)
        ));
    }
    let mut lx = left;
    for s in series {
        out.push_str(&format!(
            r#"<rect x="{lx}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="10">{}</text>"#,
            height - 12,
            s.colour,
            lx + 13,
            height - 3,
            escape(&s.name)
        ));
        lx += 20 + 6 * s.name.len() as u32;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    #[test]
    fn samples_follow_the_world_and_charts_draw_them() {
        let mut s = Session::new(4);
        s.run_script(
            "SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
aws ecs create-cluster --cluster-name f
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'
aws ecs run-task --cluster f --task-definition f --launch-type FARGATE --count 3 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}",
        );
        let mut samples = vec![sample(&s.sim.world, s.sim.now())];
        for _ in 0..30 {
            s.run_script("sleep 1");
            samples.push(sample(&s.sim.world, s.sim.now()));
        }
        assert_eq!((samples[0].starting, samples[0].running), (3, 0));
        let last = samples.last().expect("samples");
        assert_eq!((last.starting, last.running), (0, 3));
        let free = free_addresses(&samples);
        assert_eq!(free.len(), 1, "only the subnet that changed");
        assert_eq!(free[0].points.first().map(|p| p.1), Some(4091));
        assert_eq!(free[0].points.last().map(|p| p.1), Some(4088));
        let svg = line_chart("Tasks by state", "", &tasks_by_state(&samples), 400, 180);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 3);
        assert!(svg.contains("<title>running</title>"));
        assert!(
            svg.contains(">9:00:00<"),
            "the simulated clock on the time axis"
        );
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(4091), 5000);
    }
}
