use super::*;

/// The usage header exactly as the CLI v2 writes it (written out here
/// independently of the implementation's constant).
const HEADER: &str = "\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n";

fn cli_error(message: &str) -> String {
    format!("{HEADER}aws: error: {message}\n\n")
}

fn unknown(words: &str) -> String {
    format!("{HEADER}Unknown options: {words}\n\n")
}

/// Two choices per line, each left-justified to 40 columns.
fn row(choices: &[&str]) -> String {
    let cells: Vec<String> = choices.iter().map(|c| format!("{c:<40}")).collect();
    cells.join(" | ")
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_string()).collect()
}

fn specs(list: &[(&str, OptKind, bool)]) -> Vec<OptSpec> {
    let mut out: Vec<OptSpec> = list
        .iter()
        .map(|(name, kind, required)| OptSpec {
            name: (*name).to_string(),
            kind: *kind,
            required: *required,
        })
        .collect();
    out.extend(operation_builtin_specs());
    out.extend(global_option_specs());
    out
}

/// `aws ecs run-task`: RunTask input members in model order.
fn run_task() -> Vec<OptSpec> {
    use OptKind::*;
    specs(&[
        ("capacity-provider-strategy", List, false),
        ("cluster", Scalar, false),
        ("count", Scalar, false),
        ("enable-ecs-managed-tags", Boolean, false),
        ("enable-execute-command", Boolean, false),
        ("group", Scalar, false),
        ("launch-type", Scalar, false),
        ("network-configuration", Scalar, false),
        ("overrides", Scalar, false),
        ("placement-constraints", List, false),
        ("placement-strategy", List, false),
        ("platform-version", Scalar, false),
        ("propagate-tags", Scalar, false),
        ("reference-id", Scalar, false),
        ("started-by", Scalar, false),
        ("tags", List, false),
        ("task-definition", Scalar, true),
        ("client-token", Scalar, false),
        ("volume-configurations", List, false),
    ])
}

/// `aws ecs register-task-definition` (first members): two required.
fn register_task_definition() -> Vec<OptSpec> {
    use OptKind::*;
    specs(&[
        ("family", Scalar, true),
        ("task-role-arn", Scalar, false),
        ("execution-role-arn", Scalar, false),
        ("network-mode", Scalar, false),
        ("container-definitions", List, true),
        ("volumes", List, false),
    ])
}

fn s(v: &str) -> OptValue {
    OptValue::Scalar(v.to_string())
}

fn l(v: &[&str]) -> OptValue {
    OptValue::List(words(v))
}

fn b(v: bool) -> OptValue {
    OptValue::Bool(v)
}

fn map(pairs: &[(&str, OptValue)]) -> BTreeMap<String, OptValue> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

type Outcome = Result<BTreeMap<String, OptValue>, String>;
type ParseCase<'a> = (&'a [&'a str], Outcome);
type Choose = fn(Option<&str>, &[&str]) -> Result<(), UsageError>;
type ChooseCase<'a> = (Choose, &'a [&'a str], Option<&'a str>, Option<String>);
const SERVICES: &[&str] = &["ec2", "ecr", "ecs", "eks", "iam", "help"];
const ECS_OPS: &[&str] = &[
    "create-cluster",
    "create-service",
    "delete-cluster",
    "describe-clusters",
    "describe-tasks",
    "list-clusters",
    "list-tasks",
    "run-task",
    "stop-task",
    "wait",
    "help",
];

#[test]
fn unknown_service_without_suggestion_full_text() {
    let err = choose_service(Some("xyz"), SERVICES).unwrap_err();
    assert_eq!(
            err.message,
            "\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n\
aws: error: argument command: Invalid choice, valid choices are:\n\n\
ec2                                      | ecr                                     \n\
ecs                                      | eks                                     \n\
iam                                      | help                                    \n\n"
        );
}

#[test]
fn service_and_operation_choice_table() {
    let services = format!(
        "Invalid choice, valid choices are:\n\n{}\n{}\n{}",
        row(&["ec2", "ecr"]),
        row(&["ecs", "eks"]),
        row(&["iam", "help"])
    );
    let operations = format!(
        "Invalid choice, valid choices are:\n\n{}\n{}\n{}\n{}\n{}\n{}",
        row(&["create-cluster", "create-service"]),
        row(&["delete-cluster", "describe-clusters"]),
        row(&["describe-tasks", "list-clusters"]),
        row(&["list-tasks", "run-task"]),
        row(&["stop-task", "wait"]),
        row(&["help"])
    );
    let cases: &[ChooseCase] = &[
            (choose_service, SERVICES, Some("ecs"), None),
            (choose_service, SERVICES, Some("help"), None),
            (
                choose_service,
                SERVICES,
                Some("ecss"),
                Some(format!(
                    "argument command: {services}\n\n\nInvalid choice: 'ecss', maybe you meant:\n\n  * ecs"
                )),
            ),
            (
                choose_service,
                SERVICES,
                Some("ecs'"),
                Some(format!(
                    "argument command: {services}\n\n\nInvalid choice: \"ecs'\", maybe you meant:\n\n  * ecs"
                )),
            ),
            // 'ecz' vs 'ecs' is only 0.67 similar: no suggestion.
            (
                choose_service,
                SERVICES,
                Some("ecz"),
                Some(format!("argument command: {services}")),
            ),
            (
                choose_service,
                SERVICES,
                None,
                Some("the following arguments are required: command".to_string()),
            ),
            // argparse sees "--foo" as an (unknown) option, so no command was given.
            (
                choose_service,
                SERVICES,
                Some("--foo"),
                Some("the following arguments are required: command".to_string()),
            ),
            (choose_operation, ECS_OPS, Some("run-task"), None),
            (
                choose_operation,
                ECS_OPS,
                Some("list-task"),
                Some(format!(
                    "argument operation: {operations}\n\n\nInvalid choice: 'list-task', maybe you meant:\n\n  * list-tasks"
                )),
            ),
            (
                choose_operation,
                ECS_OPS,
                Some("describe-cluster"),
                Some(format!(
                    "argument operation: {operations}\n\n\nInvalid choice: 'describe-cluster', maybe you meant:\n\n  * describe-clusters"
                )),
            ),
            (
                choose_operation,
                ECS_OPS,
                None,
                Some("the following arguments are required: operation".to_string()),
            ),
        ];
    for (choose, choices, word, expected) in cases {
        let got = choose(*word, choices).map_err(|e| e.message);
        let want = match expected {
            None => Ok(()),
            Some(message) => Err(cli_error(message)),
        };
        assert_eq!(got, want, "word {word:?}");
    }
}

#[test]
fn parse_table() {
    let output_choices = format!(
        "Invalid choice, valid choices are:\n\n{}\n{}\n{}",
        row(&["json", "text"]),
        row(&["table", "yaml"]),
        row(&["yaml-stream"])
    );
    let skeleton_choices = format!(
        "Invalid choice, valid choices are:\n\n{}\n{}",
        row(&["input", "output"]),
        row(&["yaml-input"])
    );
    let cases: Vec<ParseCase> = vec![
            // --opt value, and --opt=value
            (
                &["--task-definition", "web:1", "--cluster", "prod"],
                Ok(map(&[("task-definition", s("web:1")), ("cluster", s("prod"))])),
            ),
            (
                &["--task-definition=web:1", "--count", "3"],
                Ok(map(&[("task-definition", s("web:1")), ("count", s("3"))])),
            ),
            (
                &["--task-definition", "t", "--cluster="],
                Ok(map(&[("task-definition", s("t")), ("cluster", s(""))])),
            ),
            // unambiguous prefixes
            (
                &["--task-def", "web", "--clu", "prod"],
                Ok(map(&[("task-definition", s("web")), ("cluster", s("prod"))])),
            ),
            // ambiguous prefixes, listed in argument-table order
            (
                &["--ta", "x"],
                Err(cli_error("ambiguous option: --ta could match --tags, --task-definition")),
            ),
            (
                &["--enable", "--task-definition", "t"],
                Err(cli_error(
                    "ambiguous option: --enable could match --enable-ecs-managed-tags, --enable-execute-command",
                )),
            ),
            // the main parser sees "--c" first and only knows the globals
            (
                &["--c", "x"],
                Err(cli_error(
                    "ambiguous option: --c could match --color, --ca-bundle, --cli-read-timeout, \
--cli-connect-timeout, --cli-binary-format, --cli-auto-prompt",
                )),
            ),
            // ...and takes "--de" for --debug, "--no-v" for --no-verify-ssl
            (
                &["--task-definition", "t", "--de", "--no-v"],
                Ok(map(&[
                    ("task-definition", s("t")),
                    ("debug", b(true)),
                    ("no-verify-ssl", b(true)),
                ])),
            ),
            // missing required: one, then several in argument-table order
            (
                &[],
                Err(cli_error("the following arguments are required: --task-definition")),
            ),
            // missing value, and a value that looks like an option
            (
                &["--task-definition"],
                Err(cli_error("argument --task-definition: expected one argument")),
            ),
            (
                &["--task-definition", "-x"],
                Err(cli_error("argument --task-definition: expected one argument")),
            ),
            (
                &["--task-definition=-x", "--count", "-1"],
                Ok(map(&[("task-definition", s("-x")), ("count", s("-1"))])),
            ),
            // booleans, last one wins; prefixes of --no- forms
            (
                &["--task-definition", "t", "--enable-execute-command"],
                Ok(map(&[("task-definition", s("t")), ("enable-execute-command", b(true))])),
            ),
            (
                &[
                    "--task-definition",
                    "t",
                    "--enable-execute-command",
                    "--no-enable-execute-command",
                ],
                Ok(map(&[("task-definition", s("t")), ("enable-execute-command", b(false))])),
            ),
            (
                &["--task-definition", "t", "--no-enable-exec"],
                Ok(map(&[("task-definition", s("t")), ("enable-execute-command", b(false))])),
            ),
            (
                &["--debug=1"],
                Err(cli_error("argument --debug: ignored explicit argument '1'")),
            ),
            // lists take words up to the next option; nargs='*' allows none
            (
                &["--tags", "key=a,value=b", "key=c,value=d", "--task-definition", "t"],
                Ok(map(&[
                    ("tags", l(&["key=a,value=b", "key=c,value=d"])),
                    ("task-definition", s("t")),
                ])),
            ),
            (
                &["--placement-constraints", "--task-definition", "t"],
                Ok(map(&[("placement-constraints", l(&[])), ("task-definition", s("t"))])),
            ),
            // duplicates: last wins
            (
                &["--cluster", "a", "--cluster", "b", "--task-definition", "t"],
                Ok(map(&[("cluster", s("b")), ("task-definition", s("t"))])),
            ),
            // unknown options and stray words (the first stray word is the
            // hidden `help` positional, appended last)
            (
                &["--task-definition", "t", "--foo", "bar"],
                Err(unknown("--foo, bar")),
            ),
            (
                &["stray", "--task-definition", "t", "more"],
                Err(unknown("more, stray")),
            ),
            (&["--task-definition", "t", "-h"], Err(unknown("-h"))),
            (
                &["--task-definition", "t", "--clusterx", "a"],
                Err(unknown("--clusterx, a")),
            ),
            // global options anywhere, with prefixes and choices
            (
                &[
                    "--task-definition",
                    "t",
                    "--reg",
                    "us-west-2",
                    "--output",
                    "text",
                    "--no-cli-pager",
                    "--query",
                    "tasks[0]",
                ],
                Ok(map(&[
                    ("task-definition", s("t")),
                    ("region", s("us-west-2")),
                    ("output", s("text")),
                    ("no-cli-pager", b(true)),
                    ("query", s("tasks[0]")),
                ])),
            ),
            (
                &["--task-definition", "t", "--output", "tabel"],
                Err(cli_error(&format!(
                    "argument --output: {output_choices}\n\n\nInvalid choice: 'tabel', maybe you meant:\n\n  * table"
                ))),
            ),
            // --cli-input-json lifts required checks only as the exact word
            (
                &["--cli-input-json", "file://run.json"],
                Ok(map(&[("cli-input-json", s("file://run.json"))])),
            ),
            (
                &["--cli-input-json=file://run.json"],
                Err(cli_error("the following arguments are required: --task-definition")),
            ),
            (
                &["--generate-cli-skeleton"],
                Ok(map(&[("generate-cli-skeleton", s("input"))])),
            ),
            (
                &["--generate-cli-skeleton", "output"],
                Err(cli_error("the following arguments are required: --task-definition")),
            ),
            (
                &["--generate-cli-skeleton", "yaml"],
                Err(cli_error(&format!("argument --generate-cli-skeleton: {skeleton_choices}"))),
            ),
            // help, --version, and a leading "--" eaten by the service parser
            (&["help"], Ok(map(&[("help", b(true))]))),
            (
                &["--debug", "help"],
                Ok(map(&[("debug", b(true)), ("help", b(true))])),
            ),
            (&["--version", "--bogus"], Ok(map(&[("version", b(true))]))),
            (
                &["--", "--task-definition", "t"],
                Ok(map(&[("task-definition", s("t"))])),
            ),
        ];
    let specs = run_task();
    for (line, expected) in cases {
        let got = parse_options(&specs, &words(line)).map_err(|e| e.message);
        assert_eq!(got, expected, "words {line:?}");
    }
}

#[test]
fn several_required_in_table_order() {
    let specs = register_task_definition();
    let cases: &[ParseCase] = &[
        (
            &[],
            Err(cli_error(
                "the following arguments are required: --family, --container-definitions",
            )),
        ),
        (
            &["--family", "web"],
            Err(cli_error(
                "the following arguments are required: --container-definitions",
            )),
        ),
        (
            &["--container-definitions", "--family", "web"],
            Ok(map(&[
                ("container-definitions", l(&[])),
                ("family", s("web")),
            ])),
        ),
    ];
    for (line, expected) in cases {
        let got = parse_options(&specs, &words(line)).map_err(|e| e.message);
        assert_eq!(&got, expected, "words {line:?}");
    }
}

#[test]
fn every_global_option() {
    let line = words(&[
        "--task-definition",
        "t",
        "--region",
        "eu-west-1",
        "--no-paginate",
        "--debug",
        "--profile",
        "dev",
        "--endpoint-url",
        "http://localhost:4566",
        "--color",
        "off",
        "--no-verify-ssl",
        "--no-sign-request",
        "--ca-bundle",
        "ca.pem",
        "--cli-read-timeout",
        "0",
        "--cli-connect-timeout",
        "5",
        "--cli-binary-format",
        "raw-in-base64-out",
        "--cli-auto-prompt",
        "--no-cli-auto-prompt",
    ]);
    let expected = map(&[
        ("task-definition", s("t")),
        ("region", s("eu-west-1")),
        ("no-paginate", b(true)),
        ("debug", b(true)),
        ("profile", s("dev")),
        ("endpoint-url", s("http://localhost:4566")),
        ("color", s("off")),
        ("no-verify-ssl", b(true)),
        ("no-sign-request", b(true)),
        ("ca-bundle", s("ca.pem")),
        ("cli-read-timeout", s("0")),
        ("cli-connect-timeout", s("5")),
        ("cli-binary-format", s("raw-in-base64-out")),
        ("cli-auto-prompt", b(true)),
        ("no-cli-auto-prompt", b(true)),
    ]);
    assert_eq!(parse_options(&run_task(), &line), Ok(expected));
}

#[test]
fn global_pass_runs_before_the_operation_check() {
    let specs = run_task();
    let err = parse_global_options(&specs, &words(&["lst-tasks", "--output", "xml"])).unwrap_err();
    assert!(err
        .message
        .contains("aws: error: argument --output: Invalid choice"));
    let ok = parse_global_options(&specs, &words(&["lst-tasks", "--region", "x", "--foo"]));
    assert_eq!(ok, Ok(map(&[("region", s("x"))])));
}

#[test]
fn required_override_rule_is_exposed() {
    let specs = run_task();
    let cases: &[(&[&str], bool)] = &[
        (&["--cli-input-json", "{}"], true),
        (&["--cli-input-yaml", "a: 1"], true),
        (&["--cli-input-json={}"], false),
        (&["--generate-cli-skeleton"], true),
        (&["--generate-cli-skeleton", "output"], false),
        (&["--cluster", "x"], false),
    ];
    for (line, expected) in cases {
        assert_eq!(
            required_overridden(&specs, &words(line)),
            *expected,
            "{line:?}"
        );
    }
}

#[test]
fn python_repr_of_words() {
    let cases = [
        ("it's", "\"it's\""),
        ("a'b\"c", "'a\\'b\"c'"),
        ("tab\there", "'tab\\there'"),
        ("back\\slash", "'back\\\\slash'"),
        ("\u{7f}\u{a0}é", "'\\x7f\\xa0é'"),
        ("\u{200b}", "'\\u200b'"),
    ];
    for (word, expected) in cases {
        assert_eq!(python::repr_str(word), expected);
    }
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Garbage words never panic; without a way to spell `--task-definition`, run-task always
    /// fails.
    #[test]
    fn garbage_words_fail_without_panicking(
        line in proptest::collection::vec("[-=xyz 1.é'\"\t]{0,6}", 0..8),
    ) {
        proptest::prop_assert!(parse_options(&run_task(), &line).is_err(), "{:?}", line);
        let first = line.first().map(String::as_str);
        let _ = choose_service(first, SERVICES);
        let _ = close_matches(first.unwrap_or(""), ECS_OPS, 3, 0.8);
    }
}
