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
use super::script::Output;
use super::shape::{Member, Shape};
use super::shorthand;
use super::Session;
use crate::api;
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
    let op_names: Vec<&str> = ops.keys().map(String::as_str).collect();
    let op_word = words.get(i + 1).map(String::as_str);
    if let Err(e) = argparse::choose_operation(op_word, &op_names) {
        return usage(e);
    }
    let Some(op) = op_word.and_then(|w| ops.get(w)) else {
        return Output::default();
    };
    let mut rest = leading;
    rest.extend(words.iter().skip(i + 2).cloned());
    run_operation(session, op, &rest)
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

fn run_operation(session: &mut Session, op: &OperationModel, words: &[String]) -> Output {
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
        Some(q) if query_too_complex(&q) => {
            return param_error(format!(
                "{}aws: error: argument --query: Bad value for --query: the sandbox accepts queries of at most {MAX_QUERY_CHARS} characters nested at most {MAX_QUERY_DEPTH} deep",
                argparse::USAGE_HEADER
            ))
        }
        Some(q) => match jmespath::compile(&legacy_literals(&q)) {
            Ok(expr) => Some(expr),
            Err(e) => return param_error(format!("{}aws: error: argument --query: Bad value for --query {q}: {e}", argparse::USAGE_HEADER)),
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
    let response = match api::call(&mut session.sim, &op.service, &op.name, &request) {
        Ok(v) => v,
        Err(e) => return service_error(op, &e),
    };
    let shown = match &query {
        None => response,
        Some(expr) => match expr.search(response) {
            Ok(result) => serde_json::to_value(&*result).unwrap_or(Value::Null),
            Err(e) => return param_error(format!("\n{e}")),
        },
    };
    Output {
        stdout: output::format(&shown, format, &op.name),
        stderr: String::new(),
        exit: 0,
    }
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
    apply_customizations(op, parsed, &mut request).map_err(param_error)?;
    if let Some(OptValue::Scalar(raw)) = parsed.get("cli-input-json") {
        let text = load_paramfile(session, "cli-input-json", raw)?;
        let json: Value = serde_json::from_str(&text).map_err(|e| {
            param_error(format!("\nError parsing parameter '--cli-input-json': Invalid JSON: {e}\nJSON received: {text}"))
        })?;
        let Value::Object(obj) = json else {
            return Err(param_error("\nError parsing parameter '--cli-input-json': Invalid JSON: the input must be a JSON object".into()));
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
) -> Result<(), String> {
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
                return Err(format!("\nError parsing parameter '--count': invalid count format: {count}\n(the --count value must be N or MIN:MAX)"));
            };
            request.insert("MinCount".into(), Value::from(min));
            request.insert("MaxCount".into(), Value::from(max));
            if let Some(OptValue::Bool(public)) = parsed.get("associate-public-ip-address") {
                // The CLI moves SubnetId and the groups into a NetworkInterfaces entry.
                let mut nic = Map::new();
                nic.insert("DeviceIndex".into(), Value::from(0));
                nic.insert("AssociatePublicIpAddress".into(), Value::Bool(*public));
                if let Some(subnet) = request.remove("SubnetId") {
                    nic.insert("SubnetId".into(), subnet);
                }
                if let Some(groups) = request.remove("SecurityGroupIds") {
                    nic.insert("Groups".into(), groups);
                }
                request.insert(
                    "NetworkInterfaces".into(),
                    Value::Array(vec![Value::Object(nic)]),
                );
            }
        }
        ("ec2", "authorize-security-group-ingress") => {
            let protocol = text("protocol");
            let simple = protocol.is_some()
                || text("port").is_some()
                || text("cidr").is_some()
                || text("source-group").is_some();
            if simple {
                if request.contains_key("IpPermissions") {
                    return Err("\nThe --ip-permissions option is not compatible with the --protocol, --port, --cidr and --source-group options.".into());
                }
                let protocol = protocol.unwrap_or_else(|| "tcp".into());
                let mut perm = Map::new();
                perm.insert("IpProtocol".into(), Value::from(protocol.clone()));
                if let Some(port) = text("port") {
                    let (from, to) = match port.split_once('-') {
                        Some((a, b)) if !a.is_empty() => (a.parse::<i64>(), b.parse::<i64>()),
                        _ => (port.parse::<i64>(), port.parse::<i64>()),
                    };
                    let (Ok(from), Ok(to)) = (from, to) else {
                        return Err(format!(
                            "\nError parsing parameter '--port': invalid port range: {port}"
                        ));
                    };
                    perm.insert("FromPort".into(), Value::from(from));
                    perm.insert("ToPort".into(), Value::from(to));
                } else if protocol == "-1" || protocol == "all" {
                    perm.insert("IpProtocol".into(), Value::from("-1"));
                }
                if let Some(cidr) = text("cidr") {
                    perm.insert("IpRanges".into(), serde_json::json!([{ "CidrIp": cidr }]));
                }
                if let Some(group) = text("source-group") {
                    perm.insert(
                        "UserIdGroupPairs".into(),
                        serde_json::json!([{ "GroupId": group }]),
                    );
                }
                request.insert(
                    "IpPermissions".into(),
                    Value::Array(vec![Value::Object(perm)]),
                );
            }
        }
        _ => {}
    }
    Ok(())
}

/// Bounds on `--query` (the sandbox's own): the JMESPath parser recurses, and the browser's
/// stack is small, so absurd queries are refused before they are compiled.
const MAX_QUERY_CHARS: usize = 4096;
const MAX_QUERY_DEPTH: usize = 48;

fn query_too_complex(q: &str) -> bool {
    let mut depth = 0usize;
    let mut deepest = 0;
    let mut chain = 0usize;
    for c in q.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            // Long chains of operators nest in the parser too.
            '.' | '|' | '&' | '!' => chain += 1,
            _ => {}
        }
        deepest = deepest.max(depth);
    }
    q.len() > MAX_QUERY_CHARS || deepest > MAX_QUERY_DEPTH || chain > 4 * MAX_QUERY_DEPTH
}

/// JMESPath literals that are not valid JSON (`` `CPU` ``) are read as strings, as the Python
/// jmespath the AWS CLI uses still does (with a deprecation warning); AWS's own examples rely
/// on it. The Rust crate is strict, so such literals are quoted before compiling.
pub fn legacy_literals(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len() + 8);
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Raw strings and quoted identifiers may contain backticks: copy them through.
            '\'' | '"' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '`' => {
                let mut lit = String::new();
                while let Some(d) = chars.next() {
                    if d == '\\' && chars.peek() == Some(&'`') {
                        lit.push('`');
                        chars.next();
                    } else if d == '`' {
                        break;
                    } else {
                        lit.push(d);
                    }
                }
                out.push('`');
                if serde_json::from_str::<Value>(&lit).is_ok() {
                    out.push_str(&lit.replace('`', "\\`"));
                } else {
                    let quoted = Value::String(lit.trim().to_string()).to_string();
                    out.push_str(&quoted.replace('`', "\\`"));
                }
                out.push('`');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_literals_become_json_strings() {
        let cases = [
            ("a[?name==`CPU`]", "a[?name==`\"CPU\"`]"),
            ("a[?n==`1`]", "a[?n==`1`]"),
            ("a[?n==`\"x\"`]", "a[?n==`\"x\"`]"),
            ("a[?n=='`raw`']", "a[?n=='`raw`']"),
            (
                "a[?t==`ecs.instance-type`]",
                "a[?t==`\"ecs.instance-type\"`]",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(legacy_literals(input), want, "{input}");
            assert!(
                jmespath::compile(&legacy_literals(input)).is_ok(),
                "{input}"
            );
        }
    }
}
