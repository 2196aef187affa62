//! Charts over simulated time: tasks by state, reserved CPU and memory by AZ, free addresses
//! per subnet. Samples are taken as the world moves; plotters draws each chart as an SVG
//! string, so they are tested natively and the browser only inserts them. (plotters measures
//! label text with a canvas in the browser and estimates it natively, so label positions may
//! differ by a pixel or two between the two; nothing else does.)

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    for t in world.tasks().values() {
        match Phase::of(t.last_status) {
            Phase::Starting => s.starting += 1,
            Phase::Running => s.running += 1,
            Phase::Stopping => s.stopping += 1,
            Phase::Stopped => {}
        }
    }
    for ci in world.container_instances().values() {
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
    crate::sort::sort(&mut azs);
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
    crate::sort::sort(&mut ids);
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

/// The simulated clock (the world starts at 09:00:00).
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", 9 + s / 3600, (s / 60) % 60, s % 60)
}

/// Text for SVG markup (element content or a quoted attribute), as plotters escapes its own.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `#RRGGBB` as plotters' colour (black if it is not one).
fn rgb(hex: &str) -> RGBColor {
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    RGBColor(byte(1), byte(3), byte(5))
}

/// Steps, not slopes: the world changes at instants, so a value holds until the next sample.
fn steps(points: &[(u64, u64)]) -> Vec<(u64, u64)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, &(t, v)) in points.iter().enumerate() {
        if i > 0 {
            out.push((t, points[i - 1].1));
        }
        out.push((t, v));
    }
    out
}

/// A line chart as an SVG document: time across (the simulated clock), values up, a legend
/// of the series. Never fails: a chart plotters cannot draw says so in its place.
pub fn line_chart(title: &str, unit: &str, series: &[Series], width: u32, height: u32) -> String {
    let mut svg = String::new();
    let drawn = draw(&mut svg, title, unit, series, (width, height));
    if drawn.is_err() {
        svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><text x="8" y="20">{}: the chart could not be drawn.</text></svg>"#,
            escape(title)
        );
    }
    // A name for assistive technology: plotters writes a bare <svg>.
    svg.replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="{}" "#, escape(title)),
        1,
    )
}

type DrawResult =
    Result<(), DrawingAreaErrorKind<<SVGBackend<'static> as DrawingBackend>::ErrorType>>;

fn draw(
    out: &mut String,
    title: &str,
    unit: &str,
    series: &[Series],
    size: (u32, u32),
) -> DrawResult {
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
    let root = SVGBackend::with_string(out, size).into_drawing_area();
    root.fill(&WHITE)?;
    // No caption, label areas or legend from plotters: each of those measures its text, and
    // in the browser plotters measures text by laying out a span in the page (a forced
    // reflow per label, about 8 ms for the four charts on every redraw). The texts are drawn
    // here instead, as plotters Text elements at known places, which are never measured.
    let (left, right, top, bottom): (i32, i32, i32, i32) = (46, 10, 22, 36);
    let mut chart = ChartBuilder::on(&root)
        .margin_left(left)
        .margin_right(right)
        .margin_top(top)
        .margin_bottom(bottom)
        // Float axes: plotters' integer axes overflow on small ranges (a panic, in debug).
        .build_cartesian_2d(t0 as f64..t1 as f64, 0f64..vmax as f64)?;
    let ink = RGBColor(0x5b, 0x66, 0x75);
    let grid = RGBColor(0xe3, 0xe8, 0xee);
    let small = ("sans-serif", 12).into_font().color(&ink);
    let (t0f, t1f) = (t0 as f64, t1 as f64);
    root.draw(&Text::new(
        title.to_string(),
        (left, 4),
        ("sans-serif", 15).into_font().color(&BLACK),
    ))?;
    // Values up: four steps of the axis, each a grid line with its value.
    for i in 0..=4u32 {
        let v = vmax as f64 * f64::from(i) / 4.0;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(t0f, v), (t1f, v)],
            grid,
        )))?;
        let (x, y) = chart.backend_coord(&(t0f, v));
        let decimals = if v.fract() == 0.0 { 0 } else { 1 };
        let label = format!("{v:.decimals$}{unit}");
        root.draw(&Text::new(
            label,
            (x - 4, y),
            small.pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    // Time across, on the simulated clock.
    for i in 0..=3u64 {
        let t = t0 + (t1 - t0) * i / 3;
        let (x, y) = chart.backend_coord(&(t as f64, 0.0));
        // The first and last labels stay inside the chart.
        let h = match i {
            0 => HPos::Left,
            3 => HPos::Right,
            _ => HPos::Center,
        };
        root.draw(&Text::new(
            clock(t),
            (x, y + 4),
            small.pos(Pos::new(h, VPos::Top)),
        ))?;
    }
    for s in series {
        chart.draw_series(LineSeries::new(
            steps(&s.points)
                .into_iter()
                .map(|(t, v)| (t as f64, v as f64)),
            rgb(s.colour).stroke_width(2),
        ))?;
    }
    // The legend along the bottom, each name after its colour.
    let mut x = left;
    let y = size.1 as i32 - 12;
    for s in series {
        root.draw(&Rectangle::new(
            [(x, y), (x + 10, y + 10)],
            rgb(s.colour).filled(),
        ))?;
        root.draw(&Text::new(
            s.name.clone(),
            (x + 13, y + 5),
            ("sans-serif", 12)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += 20 + 6 * s.name.len() as i32;
    }
    root.present()
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
        assert!(svg.starts_with(r#"<svg role="img" aria-label="Tasks by state""#));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(
            svg.matches(r#"stroke-width="2" points"#).count(),
            3,
            "a line per state"
        );
        for (name, colour) in [("starting", "#E69F00"), ("running", "#009E73")] {
            assert!(svg.contains(&format!("\n{name}\n")), "{name} in the legend");
            assert!(svg.contains(&format!(r#"stroke="{colour}""#)), "{colour}");
        }
        assert!(
            svg.contains("\n9:00:00\n"),
            "the simulated clock on the time axis"
        );
        // Nothing to draw yet, and a single sample.
        let empty = line_chart("Nothing yet", "%", &[], 400, 180);
        assert!(empty.contains("Nothing yet") && !empty.contains(r#"stroke-width="2""#));
        let one = Series {
            name: "one".into(),
            colour: "#000000",
            points: vec![(5_000, 4_091)],
        };
        let single = line_chart("One sample", "", &[one], 400, 180);
        assert!(single.contains("One sample") && !single.contains("could not be drawn"));
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(4091), 5000);
    }

    /// The page inserts a chart's SVG as markup (`Html::from_html_unchecked`), so every text
    /// in it must arrive escaped: a title, unit or series name that looks like markup is
    /// drawn as text and adds no element or attribute.
    #[test]
    fn hostile_names_are_escaped_in_the_svg() {
        let hostile = r#"<img src=x onerror="alert(1)">&<script>alert('x')</script>"#;
        let series = [Series {
            name: hostile.into(),
            colour: "#000000",
            points: vec![(0, 1), (5_000, 2)],
        }];
        let svg = line_chart(hostile, hostile, &series, 400, 180);
        for raw in ["<img", "<script", "onerror=\"", "alert('x')"] {
            assert!(!svg.contains(raw), "{raw} reached the SVG unescaped");
        }
        assert!(svg.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&lt;script&gt;"));
        // Only the elements the chart draws.
        let mut tags: Vec<&str> = svg
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '/', '\n']).next().unwrap_or(""))
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags, ["polyline", "rect", "svg", "text"], "{svg}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever the samples (one, equal times, huge counts), a chart is drawn: plotters
        /// must never be handed a range it panics on (a panic would kill the page).
        #[test]
        fn any_series_draws(points in proptest::collection::vec((0u64..4_000_000_000, 0u64..5_000_000_000), 0..40),
                            lines in 0usize..4) {
            let mut points = points;
            points.sort_unstable();
            let series: Vec<Series> = (0..lines)
                .map(|i| Series { name: format!("s{i}"), colour: COLOURS[i], points: points.clone() })
                .collect();
            let svg = line_chart("t", "%", &series, 460, 190);
            proptest::prop_assert!(svg.starts_with("<svg role=\"img\""));
            proptest::prop_assert!(!svg.contains("could not be drawn"), "{}", svg);
        }
    }
}
