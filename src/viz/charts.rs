//! Charts over simulated time: tasks by state (stopped and failed to start included),
//! reserved CPU and memory by AZ, free addresses per subnet as a percent of its usable ones
//! (a /28 going from 11 to 0 is as plain as a /16 filling up). Samples are taken as the world
//! moves; plotters draws each chart's frame as an SVG string and the lines are written here,
//! each series with its own dash pattern and marker as well as its colour, so equal lines that
//! overlap stay distinguishable (and colour is never the only cue); the legend wraps onto as
//! many rows as it needs. So they are tested natively and the browser only inserts them. (plotters measures
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
    /// Stopped tasks the world still lists, and those of them that stopped while starting
    /// (`TaskFailedToStart`).
    pub stopped: u32,
    pub failed: u32,
    /// AZ -> (reserved, registered) CPU units and MiB over the ACTIVE/DRAINING instances.
    pub cpu: BTreeMap<&'static str, (u32, u32)>,
    pub memory: BTreeMap<&'static str, (u32, u32)>,
    /// Subnet ID -> (free, usable) addresses.
    pub free: BTreeMap<String, (u32, u32)>,
    /// Service ARN -> (desired, running, pending) tasks.
    pub services: BTreeMap<String, (u32, u32, u32)>,
}

pub fn sample(world: &World, time_ms: u64) -> Sample {
    let mut s = Sample {
        time_ms,
        starting: 0,
        running: 0,
        stopping: 0,
        stopped: 0,
        failed: 0,
        cpu: BTreeMap::new(),
        memory: BTreeMap::new(),
        free: BTreeMap::new(),
        services: crate::viz::services::counts_now(world),
    };
    for t in world.tasks().values() {
        match Phase::of(t.last_status) {
            Phase::Starting => s.starting += 1,
            Phase::Running => s.running += 1,
            Phase::Stopping => s.stopping += 1,
            Phase::Stopped => s.stopped += 1,
        }
        if t.stop_code == Some(crate::model::task::StopCode::TaskFailedToStart) {
            s.failed += 1;
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
        s.free
            .insert(sn.id.clone(), (sn.pool.free_count(), sn.pool.usable()));
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

/// The colour of the "failed to start" series (Okabe-Ito black: the phases use the others).
const FAILED_COLOUR: &str = "#000000";

/// Dash patterns (SVG `stroke-dasharray`), the n-th series taking the n-th: solid first,
/// then patterns that stay apart when two lines lie on each other.
const DASHES: [&str; 7] = ["", "7 4", "2 3", "10 3 2 3", "4 4", "1 5", "12 5"];

/// The marker drawn on a series' points and in its legend, the n-th series the n-th shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
}

const MARKERS: [Marker; 5] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::Cross,
];

impl Marker {
    fn of(i: usize) -> Marker {
        MARKERS[i % MARKERS.len()]
    }

    /// The marker centred at (x, y) as SVG markup, `r` its half size.
    fn svg(self, x: i32, y: i32, colour: &str) -> String {
        let r = 4;
        match self {
            Marker::Circle => format!(r#"<circle cx="{x}" cy="{y}" r="{r}" fill="{colour}"/>"#),
            Marker::Square => format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}"/>"#,
                x - r + 1,
                y - r + 1,
                2 * r - 2,
                2 * r - 2
            ),
            Marker::Triangle => format!(
                r#"<polygon points="{x},{} {},{} {},{}" fill="{colour}"/>"#,
                y - r,
                x + r,
                y + r - 1,
                x - r,
                y + r - 1
            ),
            Marker::Diamond => format!(
                r#"<polygon points="{x},{} {},{y} {x},{} {},{y}" fill="{colour}"/>"#,
                y - r,
                x + r,
                y + r,
                x - r
            ),
            Marker::Cross => format!(
                r#"<polyline points="{},{} {},{}" stroke="{colour}" stroke-width="2"/><polyline points="{},{} {},{}" stroke="{colour}" stroke-width="2"/>"#,
                x - r,
                y - r,
                x + r,
                y + r,
                x + r,
                y - r,
                x - r,
                y + r
            ),
        }
    }
}

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
        line("stopped", Phase::Stopped.colour(), |s| s.stopped),
        line("failed to start", FAILED_COLOUR, |s| s.failed),
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

/// Free addresses of the subnets whose count changed (the busy ones), at most seven, each as
/// a percent of its own usable addresses: on one axis, a /28 (11 usable) is as readable as a
/// /16 (65,531). The name says the subnet and its size.
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
        .map(|(i, id)| {
            let usable = samples
                .iter()
                .rev()
                .find_map(|s| s.free.get(id).map(|v| v.1))
                .unwrap_or(0);
            Series {
                name: format!(
                    "{} ({} usable)",
                    id.get(..15).unwrap_or(id),
                    crate::viz::thousands(usable)
                ),
                colour: COLOURS[i],
                points: samples
                    .iter()
                    .filter_map(|s| {
                        s.free
                            .get(id)
                            .map(|&(free, usable)| (s.time_ms, percent(free, usable)))
                    })
                    .collect(),
            }
        })
        .collect()
}

/// `part` as a whole percent of `whole` (0 of nothing is 0%).
fn percent(part: u32, whole: u32) -> u64 {
    if whole == 0 {
        0
    } else {
        u64::from(part) * 100 / u64::from(whole)
    }
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

/// Height of one legend row.
const LEGEND_ROW: u32 = 18;

/// The legend's items laid out in rows within `width`: each item's (x, row). An item is a
/// line sample with its marker, then its name (its width estimated from its length: plotters
/// would measure it, which costs a reflow per label in the browser).
fn legend_layout(series: &[Series], left: i32, width: u32) -> Vec<(i32, u32)> {
    let mut out = Vec::with_capacity(series.len());
    let (mut x, mut row) = (left, 0u32);
    let right = width as i32 - 8;
    for s in series {
        let w = 34 + 7 * s.name.chars().count() as i32;
        if x > left && x + w > right {
            x = left;
            row += 1;
        }
        out.push((x, row));
        x += w + 10;
    }
    out
}

/// A line chart as an SVG document: time across (the simulated clock), values up, a legend
/// of the series (as many rows as it needs, the chart growing by them). Never fails: a chart
/// plotters cannot draw says so in its place.
pub fn line_chart(title: &str, unit: &str, series: &[Series], width: u32, height: u32) -> String {
    let legend = legend_layout(series, 46, width);
    let rows = legend.last().map_or(1, |l| l.1 + 1);
    let height = height + (rows - 1) * LEGEND_ROW;
    let mut svg = String::new();
    let mut lines = String::new();
    let drawn = draw(&mut svg, &mut lines, title, unit, series, (width, height));
    if drawn.is_err() {
        svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><text x="8" y="20">{}: the chart could not be drawn.</text></svg>"#,
            escape(title)
        );
    } else {
        // The legend, then the lines and markers (written here: see the module doc).
        for (i, (s, (x, row))) in series.iter().zip(&legend).enumerate() {
            let y = (height - rows * LEGEND_ROW + row * LEGEND_ROW + 4) as i32;
            lines.push_str(&format!(
                r#"<polyline points="{x},{y} {},{y}" fill="none" stroke="{}" stroke-width="2.5"{}/>"#,
                x + 24,
                s.colour,
                dash_attr(i)
            ));
            lines.push_str(&Marker::of(i).svg(x + 12, y, s.colour));
            lines.push_str(&format!(
                r##"<text x="{}" y="{}" font-family="sans-serif" font-size="12" fill="#000000">{}</text>"##,
                x + 29,
                y + 4,
                escape(&s.name)
            ));
        }
        if let Some(end) = svg.rfind("</svg>") {
            svg.insert_str(end, &lines);
        }
    }
    // A name for assistive technology: plotters writes a bare <svg>.
    svg.replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="{}" "#, escape(title)),
        1,
    )
}

/// The `stroke-dasharray` attribute of the n-th series (none for the first: solid).
fn dash_attr(i: usize) -> String {
    match DASHES[i % DASHES.len()] {
        "" => String::new(),
        d => format!(r#" stroke-dasharray="{d}""#),
    }
}

type DrawResult =
    Result<(), DrawingAreaErrorKind<<SVGBackend<'static> as DrawingBackend>::ErrorType>>;

/// Draws the frame (axes, grid, labels, title) into `out` with plotters and writes the
/// series' lines and markers into `lines`, in the frame's coordinates.
fn draw(
    out: &mut String,
    lines: &mut String,
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
    let top_value = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .max()
        .unwrap_or(1);
    // A percent axis is always 0-100%: a line's height then means the same on every chart.
    let vmax = if unit == "%" && top_value <= 100 {
        100
    } else {
        nice_max(top_value)
    };
    let root = SVGBackend::with_string(out, size).into_drawing_area();
    root.fill(&WHITE)?;
    // No caption, label areas or legend from plotters: each of those measures its text, and
    // in the browser plotters measures text by laying out a span in the page (a forced
    // reflow per label, about 8 ms for the four charts on every redraw). The texts are drawn
    // here instead, as plotters Text elements at known places, which are never measured.
    let rows = legend_layout(series, 46, size.0)
        .last()
        .map_or(1, |l| l.1 + 1);
    let (left, right, top, bottom): (i32, i32, i32, i32) =
        (46, 10, 22, 36 + (rows as i32 - 1) * LEGEND_ROW as i32);
    let chart = ChartBuilder::on(&root)
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
        let (x0, y) = chart.backend_coord(&(t0f, v));
        let (x1, _) = chart.backend_coord(&(t1f, v));
        root.draw(&PathElement::new(vec![(x0, y), (x1, y)], grid))?;
        let decimals = if v.fract() == 0.0 { 0 } else { 1 };
        let label = format!("{v:.decimals$}{unit}");
        root.draw(&Text::new(
            label,
            (x0 - 4, y),
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
    // Each series: its steps as one polyline with its dash pattern, and its markers, so a line
    // under another still shows its pattern and shape.
    for (i, s) in series.iter().enumerate() {
        let pts: Vec<String> = steps(&s.points)
            .into_iter()
            .map(|(t, v)| {
                let (x, y) = chart.backend_coord(&(t as f64, v as f64));
                format!("{x},{y}")
            })
            .collect();
        lines.push_str(&format!(
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-linejoin="round"{}/>"#,
            pts.join(" "),
            s.colour,
            dash_attr(i)
        ));
        // Nine markers along the line, evenly spaced by sample (a marker per change would be
        // thousands when many tasks start).
        let marker = Marker::of(i);
        let n = s.points.len();
        let mut marked = Vec::new();
        for k in 0..=8usize {
            let j = if n == 0 { continue } else { k * (n - 1) / 8 };
            if marked.last() != Some(&j) {
                marked.push(j);
                let (t, v) = s.points[j];
                let (x, y) = chart.backend_coord(&(t as f64, v as f64));
                lines.push_str(&marker.svg(x, y, s.colour));
            }
        }
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
        // A percent of the subnet's own usable addresses: 4,091 free of 4,091, then 4,088.
        assert_eq!(free[0].points.first().map(|p| p.1), Some(100));
        assert_eq!(free[0].points.last().map(|p| p.1), Some(4088 * 100 / 4091));
        assert!(
            free[0].name.ends_with(" (4,091 usable)"),
            "{}",
            free[0].name
        );
        let svg = line_chart("Tasks by state", "", &tasks_by_state(&samples), 400, 180);
        assert!(svg.starts_with(r#"<svg role="img" aria-label="Tasks by state""#));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(
            svg.matches(r#"stroke-linejoin="round""#).count(),
            5,
            "a line per state: starting, running, stopping, stopped, failed to start"
        );
        for (name, colour) in [
            ("starting", "#E69F00"),
            ("running", "#009E73"),
            ("stopped", "#8A939E"),
            ("failed to start", "#000000"),
        ] {
            assert!(
                svg.contains(&format!(">{name}</text>")),
                "{name} in the legend"
            );
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
        assert_eq!(tags, ["circle", "polyline", "rect", "svg", "text"], "{svg}");
    }

    /// Equal series lie on each other: each keeps its own dash pattern and marker shape, so
    /// both stay visible; a legend too long for one row wraps, and the chart grows by it.
    #[test]
    fn overlapping_series_stay_apart_and_legends_wrap_whole() {
        let points = vec![(0, 3), (5_000, 3), (10_000, 5)];
        let series: Vec<Series> = (0..7)
            .map(|i| Series {
                name: format!("subnet-0123456{i} (4,091 usable)"),
                colour: COLOURS[i],
                points: points.clone(),
            })
            .collect();
        let svg = line_chart("Free", "%", &series, 460, 190);
        for d in &DASHES[1..] {
            assert!(svg.contains(&format!(r#"stroke-dasharray="{d}""#)), "{d}");
        }
        for shape in ["<circle", "<rect x", "<polygon"] {
            assert!(svg.contains(shape), "{shape}");
        }
        let layout = legend_layout(&series, 46, 460);
        let rows = layout.last().map_or(0, |l| l.1 + 1);
        assert!(rows >= 3, "{rows} rows");
        for ((x, _), s) in layout.iter().zip(&series) {
            assert!(
                x + 34 + 7 * s.name.len() as i32 <= 460,
                "{} runs past the edge",
                s.name
            );
            assert!(svg.contains(&format!(">{}</text>", s.name)), "{}", s.name);
        }
        let height = 190 + (rows - 1) * LEGEND_ROW;
        assert!(
            svg.contains(&format!(r#"height="{height}""#)),
            "the chart grows by its legend"
        );
        // A percent axis runs to 100%.
        assert!(svg.contains("\n100%\n"), "{svg}");
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
