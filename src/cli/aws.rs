//! `aws SERVICE OPERATION [options]`, as AWS CLI v2 runs it: choose the service and operation,
//! parse the options, load `file://` values, turn each value into JSON by its shape (shorthand
//! or JSON), merge `--cli-input-json`, validate the request as botocore does, call the API,
//! then apply `--query` and `--output`.
//!
//! Exit statuses as the CLI's: 0 success, 252 usage or parameter errors, 254 service errors.

use serde_json::{Map, Value};

use super::argparse::{self, OptKind, OptSpec, OptValue, UsageError};
use super::model::{models, xform_name, OperationModel};
use super::output::{self, OutputFormat};
use super::paginate;
use super::query;
use super::script::Output;
use super::shape::{Member, Shape};
use super::shorthand;
use super::wait;
use super::Session;
use crate::api;
use crate::json::put;
use crate::model::catalog::REGION;

/// The CLI's exit status for usage and parameter errors.
pub const USAGE_EXIT: i32 = 252;
/// The CLI's exit status for errors the service returned.
pub const SERVICE_EXIT: i32 = 254;

fn usage(e: UsageError) -> Output {
    Output {
        stdout: String::new(),
        stderr: ensure_newline(e.message),
        exit: USAGE_EXIT,
    }
}

fn param_error(message: String) -> Output {
    Output {
        stdout: String::new(),
        stderr: ensure_newline(message),
        exit: USAGE_EXIT,
    }
}

/// An error the real CLI does not catch itself (a Python ValueError): exit 255, the bare text.
fn crash(message: &str) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("\n{message}\n"),
        exit: 255,
    }
}

fn param_failure(e: &shorthand::ParamError) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("\n{}\n", e.message),
        exit: e.exit_status(),
    }
}

fn ensure_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// Options a customization of the real CLI adds or hides for one operation.
struct Customization {
    hidden: &'static [&'static str],
    added: &'static [(&'static str, OptKind)],
}

fn customization(service: &str, op: &str) -> Customization {
    match (service, op) {
        ("ec2", "run-instances") => Customization {
            hidden: &["MinCount", "MaxCount"],
            added: &[
                ("count", OptKind::Scalar),
                ("associate-public-ip-address", OptKind::Boolean),
            ],
        },
        ("ec2", "authorize-security-group-ingress") => Customization {
            hidden: &[],
            added: &[
                ("protocol", OptKind::Scalar),
                ("port", OptKind::Scalar),
                ("cidr", OptKind::Scalar),
                ("source-group", OptKind::Scalar),
                ("group-owner", OptKind::Scalar),
            ],
        },
        _ => Customization {
            hidden: &[],
            added: &[],
        },
    }
}

fn kind_of(shape: &Shape) -> OptKind {
    match shape {
        Shape::List(_) => OptKind::List,
        Shape::Boolean => OptKind::Boolean,
        _ => OptKind::Scalar,
    }
}

/// Runs the words after `aws`.
pub fn run(session: &mut Session, words: &[String]) -> Output {
    let globals = argparse::global_option_specs();
    // Global options may come before the service name: set them aside, with their values.
    let mut i = 0;
    let mut leading = Vec::new();
    while i < words.len() && words[i].starts_with("--") {
        let name = words[i]
            .trim_start_matches("--")
            .split('=')
            .next()
            .unwrap_or("")
            .to_string();
        let takes_value = globals
            .iter()
            .any(|g| g.name == name && g.kind == OptKind::Scalar)
            && !words[i].contains('=');
        leading.push(words[i].clone());
        if takes_value && i + 1 < words.len() {
            leading.push(words[i + 1].clone());
            i += 1;
        }
        i += 1;
    }
    if leading.iter().any(|w| w == "--version") {
        return version();
    }
    let models = models();
    let services: Vec<&str> = models.services.keys().map(String::as_str).collect();
    let service = words.get(i).map(String::as_str);
    if let Err(e) = argparse::choose_service(service, &services) {
        return usage(e);
    }
    let Some(service) = service else {
        return Output::default();
    };
    let mut after_service = leading.clone();
    after_service.extend(words.iter().skip(i + 1).cloned());
    // As the CLI does, global options are checked before the operation name.
    match argparse::parse_global_options(&globals, &after_service) {
        Err(e) => return usage(e),
        Ok(g) if g.contains_key("version") => return version(),
        Ok(_) => {}
    }
    let ops = &models.services[service];
    let mut op_names: Vec<&str> = ops.keys().map(String::as_str).collect();
    let waiters = wait::names(service);
    if !waiters.is_empty() {
        op_names.push("wait");
    }
    let op_word = words.get(i + 1).map(String::as_str);
    if let Err(e) = argparse::choose_operation(op_word, &op_names) {
        return usage(e);
    }
    let mut rest = leading;
    if op_word == Some("wait") {
        // `aws ecs wait WAITER ...`: the waiter's options are its operation's.
        let name = words.get(i + 2).map(String::as_str);
        if let Err(e) = argparse::choose_operation(name, &waiters) {
            return usage(e);
        }
        let Some(waiter) = name.and_then(|n| wait::find(service, n)) else {
            return Output::default();
        };
        let Some(op) = ops.get(waiter.operation) else {
            return Output::default();
        };
        rest.extend(words.iter().skip(i + 3).cloned());
        return run_operation(session, op, &rest, Some(waiter));
    }
    let Some(op) = op_word.and_then(|w| ops.get(w)) else {
        return Output::default();
    };
    rest.extend(words.iter().skip(i + 2).cloned());
    run_operation(session, op, &rest, None)
}

fn version() -> Output {
    Output {
        stdout: format!(
            "aws-cli/2.22.0 Python/3.12.6 ecs-sim/{} (simulated)\n",
            env!("CARGO_PKG_VERSION")
        ),
        ..Output::default()
    }
}

/// `aws SERVICE OPERATION help`: the options, as a short page (the real CLI opens a man page).
fn help_page(op: &OperationModel, specs: &[OptSpec]) -> Output {
    let mut page = format!("{}\n\n  aws {} {}\n", op.name, op.service, op.cli_name);
    for s in specs.iter().filter(|s| {
        !argparse::global_option_specs()
            .iter()
            .any(|g| g.name == s.name)
    }) {
        let what = match s.kind {
            OptKind::Boolean => format!("[--{} | --no-{}]", s.name, s.name),
            OptKind::List => format!("--{} <value> [<value> ...]", s.name),
            OptKind::Scalar => format!("--{} <value>", s.name),
        };
        if s.required {
            page.push_str(&format!("    {what}\n"));
        } else {
            page.push_str(&format!("    [{what}]\n"));
        }
    }
    Output {
        stdout: page,
        ..Output::default()
    }
}

fn run_operation(
    session: &mut Session,
    op: &OperationModel,
    words: &[String],
    waiter: Option<&wait::Waiter>,
) -> Output {
    let custom = customization(&op.service, &op.cli_name);
    let members: Vec<&Member> = op
        .input
        .iter()
        .filter(|m| !custom.hidden.contains(&m.name.as_str()))
        .collect();
    let mut specs: Vec<OptSpec> = members
        .iter()
        .map(|m| OptSpec {
            name: xform_name(&m.name),
            kind: kind_of(&m.shape),
            required: m.required,
        })
        .collect();
    specs.extend(custom.added.iter().map(|(n, k)| OptSpec {
        name: n.to_string(),
        kind: *k,
        required: false,
    }));
    let paginated = paginate::result_key(&op.service, &op.cli_name);
    if paginated.is_some() {
        for name in ["starting-token", "page-size", "max-items"] {
            specs.push(OptSpec {
                name: name.into(),
                kind: OptKind::Scalar,
                required: false,
            });
        }
    }
    specs.extend(argparse::operation_builtin_specs());
    specs.extend(argparse::global_option_specs());
    let parsed = match argparse::parse_options(&specs, words) {
        Ok(p) => p,
        Err(e) => return usage(e),
    };
    if parsed.contains_key("version") {
        return version();
    }
    if parsed.contains_key("help") {
        return help_page(op, &specs);
    }
    if parsed.contains_key("generate-cli-skeleton") || parsed.contains_key("cli-input-yaml") {
        return param_error("ecs-sim: --generate-cli-skeleton and --cli-input-yaml are not supported by the sandbox; use --cli-input-json.".into());
    }

    let text = |name: &str| match parsed.get(name) {
        Some(OptValue::Scalar(s)) => Some(s.clone()),
        _ => None,
    };
    if let Some(region) = text("region") {
        if region != REGION {
            return param_error(format!(
                "ecs-sim: only the region {REGION} is simulated; remove --region {region} or use --region {REGION}."
            ));
        }
    }
    let format = match text("output") {
        None => OutputFormat::Json,
        Some(f) => match OutputFormat::parse(&f) {
            Some(f) => f,
            None => {
                return param_error(format!(
                "ecs-sim: --output {f} is not supported by the sandbox; use json, text or table."
            ))
            }
        },
    };
    let query = match text("query") {
        None => None,
        Some(q) => match query::Query::compile(&q) {
            Ok(expr) => Some(expr),
            Err(message) => return param_error(format!("\n{message}")),
        },
    };

    let request = match build_request(session, op, &members, &parsed) {
        Ok(r) => r,
        Err(out) => return out,
    };
    if let Err(e) = shorthand::validate_request(&request, &op.input) {
        return param_failure(&e);
    }
    if request.get("DryRun") == Some(&Value::Bool(true)) {
        return service_error(
            op,
            &api::ApiError::new(
                "DryRunOperation",
                "Request would have succeeded, but DryRun flag is set.",
            ),
        );
    }
    if let Some(w) = waiter {
        return run_waiter(session, op, w, &request);
    }
    // Pagination arguments are checked before the call, as the CLI checks them.
    let mut pages = None;
    if let Some(key) = paginated {
        let int =
            |name: &str| -> Result<Option<usize>, Output> {
                match text(name) {
                    None => Ok(None),
                    Some(v) => v.trim().parse::<usize>().map(Some).map_err(|_| {
                        crash(&format!("invalid literal for int() with base 10: '{v}'"))
                    }),
                }
            };
        let max_items = match int("max-items") {
            Ok(v) => v,
            Err(out) => return out,
        };
        if let Err(out) = int("page-size") {
            return out;
        }
        let start = match text("starting-token") {
            None => 0,
            Some(t) => match paginate::offset(&t) {
                Some(n) => n,
                None => return crash(&format!("Bad starting token: {t}")),
            },
        };
        pages = Some((key, start, max_items));
    }
    let mut response = match api::call(&mut session.sim, &op.service, &op.name, &request) {
        Ok(v) => v,
        Err(e) => return service_error(op, &e),
    };
    if let Some((key, start, max_items)) = pages {
        paginate::apply(&mut response, key, start, max_items);
    }
    let stdout = match &query {
        None => output::format(&response, format, &op.name),
        Some(expr) => match expr.search(&response) {
            Ok(result) => output::format(&result, format, &op.name),
            Err(message) => return param_error(format!("\n{message}")),
        },
    };
    // Views read the response as data (no copy: it was only read above).
    session.last_response = Some(response);
    Output {
        stdout,
        stderr: String::new(),
        exit: 0,
    }
}

/// Polls as botocore's waiter does: call, judge, wait `delay` simulated seconds, again.
fn run_waiter(
    session: &mut Session,
    op: &OperationModel,
    w: &wait::Waiter,
    request: &Value,
) -> Output {
    for attempt in 1..=w.max_attempts {
        match api::call(&mut session.sim, &op.service, &op.name, request) {
            Err(e) => return w.failed(&format!("An error occurred ({}): {}", e.code, e.message)),
            Ok(response) => match w.judge(&response) {
                wait::Verdict::Success => return Output::default(),
                wait::Verdict::Failure(reason) => return w.failed(&reason),
                wait::Verdict::Retry => {}
            },
        }
        if attempt < w.max_attempts {
            session.sim.advance(w.delay_s * 1_000);
        }
    }
    w.failed("Max attempts exceeded")
}

fn service_error(op: &OperationModel, e: &api::ApiError) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!(
            "\nAn error occurred ({}) when calling the {} operation: {}\n",
            e.code, op.name, e.message
        ),
        exit: SERVICE_EXIT,
    }
}

/// Loads `file://path` (and `fileb://path`) values, as the CLI does for every parameter.
fn load_paramfile(session: &Session, cli_name: &str, value: &str) -> Result<String, Output> {
    let path = value
        .strip_prefix("file://")
        .or_else(|| value.strip_prefix("fileb://"));
    match path {
        None => Ok(value.to_string()),
        Some(p) => session.files.read(p).map_err(|e| {
            param_error(format!(
                "\nError parsing parameter '--{cli_name}': Unable to load paramfile {value}: {e}"
            ))
        }),
    }
}

fn build_request(
    session: &Session,
    op: &OperationModel,
    members: &[&Member],
    parsed: &std::collections::BTreeMap<String, OptValue>,
) -> Result<Value, Output> {
    let mut request = Map::new();
    for m in members {
        let cli = xform_name(&m.name);
        let Some(v) = parsed.get(&cli) else { continue };
        let value = match v {
            OptValue::Bool(b) => Value::Bool(*b),
            OptValue::Scalar(s) => {
                let s = load_paramfile(session, &cli, s)?;
                shorthand::parse_param(&cli, &m.shape, &[s]).map_err(|e| param_failure(&e))?
            }
            OptValue::List(items) => {
                let items = if items.len() == 1 {
                    vec![load_paramfile(session, &cli, &items[0])?]
                } else {
                    items.clone()
                };
                shorthand::parse_param(&cli, &m.shape, &items).map_err(|e| param_failure(&e))?
            }
        };
        request.insert(m.name.clone(), value);
    }
    apply_customizations(op, parsed, &mut request)?;
    if let Some(OptValue::Scalar(raw)) = parsed.get("cli-input-json") {
        let text = load_paramfile(session, "cli-input-json", raw)?;
        // The CLI's cliinput customization words these two errors itself.
        let json: Value = serde_json::from_str(&text).map_err(|_| {
            param_error("\nError parsing parameter 'cli-input-json': Invalid JSON received.".into())
        })?;
        let Value::Object(obj) = json else {
            let kind = match json {
                Value::Array(_) => "list",
                Value::String(_) => "str",
                Value::Bool(_) => "bool",
                Value::Number(n) if n.is_f64() => "float",
                Value::Number(_) => "int",
                _ => "NoneType",
            };
            return Err(param_error(format!(
                "\nError parsing parameter '--cli-input-json': Invalid type: expecting map, received <class '{kind}'>"
            )));
        };
        // Values given on the command line take precedence over --cli-input-json.
        for (k, v) in obj {
            request.entry(k).or_insert(v);
        }
    }
    Ok(Value::Object(request))
}

/// The argument customizations of the real CLI that the sandbox reproduces.
fn apply_customizations(
    op: &OperationModel,
    parsed: &std::collections::BTreeMap<String, OptValue>,
    request: &mut Map<String, Value>,
) -> Result<(), Output> {
    let text = |name: &str| match parsed.get(name) {
        Some(OptValue::Scalar(s)) => Some(s.clone()),
        _ => None,
    };
    match (op.service.as_str(), op.cli_name.as_str()) {
        ("ec2", "run-instances") => {
            // --count N or --count MIN:MAX (default 1) sets MinCount and MaxCount.
            let count = text("count").unwrap_or_else(|| "1".into());
            let (min, max) = match count.split_once(':') {
                Some((a, b)) => (a.trim().parse::<i64>(), b.trim().parse::<i64>()),
                None => (count.trim().parse::<i64>(), count.trim().parse::<i64>()),
            };
            let (Ok(min), Ok(max)) = (min, max) else {
                return Err(param_error("\nError parsing parameter '--count': count parameter should be of form min[:max] (e.g. 1 or 1:10)".into()));
            };
            put(request, "MinCount", Value::from(min));
            put(request, "MaxCount", Value::from(max));
            if let Some(OptValue::Bool(public)) = parsed.get("associate-public-ip-address") {
                // The CLI moves SubnetId and the groups into a NetworkInterfaces entry.
                let mut nic = Map::new();
                put(&mut nic, "DeviceIndex", Value::from(0));
                put(&mut nic, "AssociatePublicIpAddress", Value::Bool(*public));
                if let Some(subnet) = request.remove("SubnetId") {
                    put(&mut nic, "SubnetId", subnet);
                }
                if let Some(groups) = request.remove("SecurityGroupIds") {
                    put(&mut nic, "Groups", groups);
                }
                put(
                    request,
                    "NetworkInterfaces",
                    Value::Array(vec![Value::Object(nic)]),
                );
            }
        }
        ("ec2", "authorize-security-group-ingress") => {
            // The CLI's secgroupsimplify customization: --protocol, --port, --cidr,
            // --source-group and --group-owner build IpPermissions[0]. Its errors are plain
            // Python ValueErrors (exit 255).
            let simple = ["protocol", "port", "cidr", "source-group", "group-owner"];
            let given: Vec<&str> = simple
                .iter()
                .copied()
                .filter(|k| text(k).is_some())
                .collect();
            if given.is_empty() {
                return Ok(());
            }
            if request.contains_key("IpPermissions") {
                return Err(crash(&format!(
                    "The --{} option is not compatible with the --ip-permissions option ",
                    given[0]
                )));
            }
            let mut perm = Map::new();
            if let Some(protocol) = text("protocol") {
                let numeric = protocol
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=255).contains(n) || *n == -1);
                let value = match (numeric, protocol.as_str()) {
                    (Some(_), _) => protocol.clone(),
                    (None, "all") => "-1".to_string(),
                    (None, "tcp" | "udp" | "icmp") => protocol.clone(),
                    _ => {
                        return Err(crash(
                            "protocol parameter should be one of: tcp|udp|icmp|all or any valid protocol number.",
                        ))
                    }
                };
                put(&mut perm, "IpProtocol", Value::from(value));
            }
            if let Some(port) = text("port") {
                let (from, to) = match port.as_str() {
                    "-1" | "all" => ("-1", "-1"),
                    p => p.split_once('-').unwrap_or((p, p)),
                };
                let (Ok(from), Ok(to)) = (from.parse::<i64>(), to.parse::<i64>()) else {
                    return Err(crash(
                        "port parameter should be of the form <from[-to]> (e.g. 22 or 22-25)",
                    ));
                };
                put(&mut perm, "FromPort", Value::from(from));
                put(&mut perm, "ToPort", Value::from(to));
            }
            if let Some(cidr) = text("cidr") {
                put(
                    &mut perm,
                    "IpRanges",
                    crate::json::json!([{ "CidrIp": cidr }]),
                );
            }
            let mut pair = Map::new();
            if let Some(group) = text("source-group") {
                let key = if group.starts_with("sg-") {
                    "GroupId"
                } else {
                    "GroupName"
                };
                pair.insert(key.into(), Value::from(group));
            }
            if let Some(owner) = text("group-owner") {
                put(&mut pair, "UserId", Value::from(owner));
            }
            if !pair.is_empty() {
                put(
                    &mut perm,
                    "UserIdGroupPairs",
                    Value::Array(vec![Value::Object(pair)]),
                );
            }
            put(
                request,
                "IpPermissions",
                Value::Array(vec![Value::Object(perm)]),
            );
        }
        _ => {}
    }
    Ok(())
}
