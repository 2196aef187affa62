//! The sandbox's own commands, which no AWS CLI has: `sleep` (which advances simulated time
//! instead of waiting) and `sim ...` (inspect and steer the simulation).

use serde_json::json;

use super::script::Output;
use super::Session;
use crate::model::time::{Instant, SimTime};

const HELP: &str = "\
sim state              the whole simulated world as JSON
sim events             the event log as JSON (every change, in words)
sim advance N[s|m|h]   move simulated time forward (like sleep)
sim step               move to the next scheduled event and run it
sim time               the simulated clock
";

fn ok(stdout: String) -> Output {
    Output {
        stdout,
        stderr: String::new(),
        exit: 0,
    }
}

fn fail(stderr: String, exit: i32) -> Output {
    Output {
        stdout: String::new(),
        stderr,
        exit,
    }
}

fn pretty(v: &serde_json::Value) -> String {
    super::output::format(v, super::output::OutputFormat::Json, "")
}

/// `sim VERB ...`
pub fn run(session: &mut Session, args: &[String]) -> Output {
    let verb = args.first().map(String::as_str);
    match verb {
        Some("state") => ok(pretty(&session.sim.state_json())),
        Some("events") => ok(pretty(&json!({ "events": session.sim.events() }))),
        Some("advance") => advance(session, &args[1..], "sim advance"),
        Some("step") => {
            if session.sim.step() {
                ok(String::new())
            } else {
                fail("sim step: nothing is scheduled\n".into(), 1)
            }
        }
        Some("time") => ok(format!(
            "{} ({} ms since the start)\n",
            Instant(session.sim.now()).iso_cli(),
            session.sim.now()
        )),
        Some("help") | None => ok(HELP.to_string()),
        Some(other) => fail(format!("sim: unknown command '{other}'\n{HELP}"), 2),
    }
}

/// `sleep N`: advances simulated time by N seconds (suffixes s, m, h, d as GNU sleep takes
/// them; fractions allowed). It never waits in real time.
pub fn sleep(session: &mut Session, args: &[String]) -> Output {
    advance(session, args, "sleep")
}

fn advance(session: &mut Session, args: &[String], name: &str) -> Output {
    if args.is_empty() {
        return fail(format!("{name}: missing operand\n"), 1);
    }
    let mut total: SimTime = 0;
    for a in args {
        match parse_duration_ms(a) {
            Some(ms) => total = total.saturating_add(ms),
            None => return fail(format!("{name}: invalid time interval '{a}'\n"), 1),
        }
    }
    session.sim.advance(total);
    ok(String::new())
}

/// `5`, `2.5`, `10s`, `3m`, `1h`, `1d` -> milliseconds. At most 366 days, so an unbounded
/// sleep cannot stall a script.
pub fn parse_duration_ms(text: &str) -> Option<SimTime> {
    let (num, unit_ms) = match text.char_indices().last()? {
        (i, 's') => (&text[..i], 1_000.0),
        (i, 'm') => (&text[..i], 60_000.0),
        (i, 'h') => (&text[..i], 3_600_000.0),
        (i, 'd') => (&text[..i], 86_400_000.0),
        _ => (text, 1_000.0),
    };
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = num.parse().ok()?;
    let ms = (value * unit_ms).round();
    (ms.is_finite() && (0.0..=366.0 * 86_400_000.0).contains(&ms)).then_some(ms as SimTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_like_gnu_sleep() {
        let cases = [
            ("5", Some(5_000)),
            ("2.5", Some(2_500)),
            ("10s", Some(10_000)),
            ("3m", Some(180_000)),
            ("1h", Some(3_600_000)),
            ("0", Some(0)),
        ];
        for (t, want) in cases {
            assert_eq!(parse_duration_ms(t), want, "{t}");
        }
        for bad in ["", "x", "-1", "1x", "1e3", "s", "400d"] {
            assert_eq!(parse_duration_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn sleep_moves_the_clock_and_only_the_clock() {
        let mut s = Session::new(1);
        let out = sleep(&mut s, &["90".to_string()]);
        assert_eq!(out.exit, 0);
        assert_eq!(s.sim.now(), 90_000);
        assert_eq!(sleep(&mut s, &["soon".to_string()]).exit, 1);
        assert_eq!(s.sim.now(), 90_000);
    }
}
