use super::*;

/// A host that answers like a tiny command set, records every call, and advances its
/// clock by one second per command (as `sleep 1` would).
#[derive(Default)]
struct FakeHost {
    calls: Vec<(Vec<String>, u32)>,
    now_ms: u64,
}

impl Host for FakeHost {
    fn exec(&mut self, argv: &[String], line: u32) -> Output {
        self.calls.push((argv.to_vec(), line));
        self.now_ms += 1000;
        let args = argv.get(1..).unwrap_or_default();
        match argv.first().map(String::as_str) {
            Some("fail") => Output {
                stderr: "boom\n".into(),
                exit: 1,
                ..Output::default()
            },
            Some("status") => Output {
                exit: args.first().and_then(|a| a.parse().ok()).unwrap_or(0),
                ..Output::default()
            },
            // Prints its arguments exactly, without a newline.
            Some("raw") => Output {
                stdout: args.join(" "),
                ..Output::default()
            },
            Some("warn") => Output {
                stdout: "ok\n".into(),
                stderr: "warning: x\n".into(),
                exit: 0,
            },
            _ => Output {
                stdout: format!("{}\n", argv.join("|")),
                ..Output::default()
            },
        }
    }

    fn now_ms(&self) -> u64 {
        self.now_ms
    }

    fn take_response(&mut self) -> Option<serde_json::Value> {
        None
    }

    fn event_count(&self) -> usize {
        0
    }
}

fn base_vars() -> BTreeMap<String, String> {
    [("A", "1"), ("S", "a b"), ("ACC", "123"), ("E", "")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn exec(src: &str) -> (Vec<Executed>, FakeHost, BTreeMap<String, String>) {
    let mut host = FakeHost::default();
    let mut vars = base_vars();
    let records = run(src, &mut host, &mut vars);
    (records, host, vars)
}

fn argvs(host: &FakeHost) -> Vec<Vec<String>> {
    host.calls.iter().map(|(argv, _)| argv.clone()).collect()
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn quoting_and_expansion_give_posix_words() {
    let cases: &[(&str, &[&str])] = &[
        ("cmd 'a b' c", &["cmd", "a b", "c"]),
        ("cmd \"a b\"", &["cmd", "a b"]),
        ("cmd a\\ b", &["cmd", "a b"]),
        ("cmd '$A' \"$A\" $A", &["cmd", "$A", "1", "1"]),
        (r#"cmd "\$A \" \\ \x \`""#, &["cmd", r#"$A " \ \x `"#]),
        (r#"cmd 'it'"'"'s'"#, &["cmd", "it's"]),
        ("cmd '' \"\" x", &["cmd", "", "", "x"]),
        ("cmd $E", &["cmd"]),
        ("cmd \"$E\" $E''", &["cmd", "", ""]),
        ("cmd a#b", &["cmd", "a#b"]),
        ("cmd x # c", &["cmd", "x"]),
        ("cmd x #c 'not a quote", &["cmd", "x"]),
        ("cmd $A#b", &["cmd", "1#b"]),
        ("cmd arn:${ACC}:x", &["cmd", "arn:123:x"]),
        (
            "cmd $ACC$ACC ${ACC}abc $ACCabc",
            &["cmd", "123123", "123abc"],
        ),
        ("cmd \"${ACC}\"x ${?}", &["cmd", "123x", "0"]),
        ("cmd * ~ {a,b} a=b", &["cmd", "*", "~", "{a,b}", "a=b"]),
        (
            "cmd 'a\\b' \"a\\b\" a\\\\b",
            &["cmd", "a\\b", "a\\b", "a\\b"],
        ),
        ("cmd \\$A \\'x \\#", &["cmd", "$A", "'x", "#"]),
        ("cmd \"$\" $ x$", &["cmd", "$", "$", "x$"]),
        ("cmd \"a\nb\" 'c\nd'", &["cmd", "a\nb", "c\nd"]),
        ("cmd \"$S\" $S", &["cmd", "a b", "a", "b"]),
        ("cmd x$S\"y\"", &["cmd", "xa", "by"]),
        ("cmd \"é $A\" ü", &["cmd", "é 1", "ü"]),
        ("\"cmd\" x", &["cmd", "x"]),
        ("cmd\tx  \t y  ", &["cmd", "x", "y"]),
        ("cmd a\\\nb", &["cmd", "ab"]),
        ("cmd \"a\\\nb\"", &["cmd", "ab"]),
        ("cmd 'a\\\nb'", &["cmd", "a\\\nb"]),
        ("cmd x\r\ncmd y\r\n", &["cmd", "x"]),
        (
            "aws ecs describe-services --query 'services[0].status' --output text",
            &[
                "aws",
                "ecs",
                "describe-services",
                "--query",
                "services[0].status",
                "--output",
                "text",
            ],
        ),
    ];
    for (src, want) in cases {
        let (records, host, _) = exec(src);
        assert_eq!(argvs(&host).first(), Some(&strings(want)), "script {src:?}");
        assert_eq!(records[0].output.exit, 0, "script {src:?}");
    }
}

#[test]
fn unquoted_substitutions_are_split_and_quoted_ones_are_not() {
    let cases: &[(&str, &[&str])] = &[
        ("cmd $(raw ' a  b ')", &["cmd", "a", "b"]),
        ("cmd \"$(raw ' a  b ')\"", &["cmd", " a  b "]),
        ("cmd x$(raw 'a b')y", &["cmd", "xa", "by"]),
        ("cmd $(raw '\ta\n\nb\t')", &["cmd", "a", "b"]),
        ("cmd $(raw '')", &["cmd"]),
        ("cmd \"$(raw '')\"", &["cmd", ""]),
        ("cmd $(raw '  ')z", &["cmd", "z"]),
        ("cmd $(raw 'x\n\n\n')", &["cmd", "x"]),
        ("cmd \"$(raw 'x\n\ny\n\n')\"", &["cmd", "x\n\ny"]),
        ("cmd \"$(raw 'a\n')\"b", &["cmd", "ab"]),
    ];
    for (src, want) in cases {
        let (_, host, _) = exec(src);
        assert_eq!(argvs(&host).last(), Some(&strings(want)), "script {src:?}");
    }
}

#[test]
fn substitution_runs_through_the_host() {
    let (records, host, vars) = exec("X=$(cmd a b)");
    assert_eq!(vars["X"], "cmd|a|b");
    assert_eq!(argvs(&host), vec![strings(&["cmd", "a", "b"])]);
    assert_eq!(records[0].output, Output::default());

    let (_, host, _) = exec("cmd $(cmd $(cmd x))");
    let want = vec![
        strings(&["cmd", "x"]),
        strings(&["cmd", "cmd|x"]),
        strings(&["cmd", "cmd|cmd|x"]),
    ];
    assert_eq!(argvs(&host), want);

    let (_, host, vars) = exec(r#"X="$(cmd "$(raw 'a  b')")""#);
    assert_eq!(argvs(&host).last(), Some(&strings(&["cmd", "a  b"])));
    assert_eq!(vars["X"], "cmd|a  b");

    let (_, _, vars) = exec("X=$(cmd a; cmd b) Y=$() Z=${ACC}-$(raw q)");
    assert_eq!(vars["X"], "cmd|a\ncmd|b");
    assert_eq!(vars["Y"], "");
    assert_eq!(vars["Z"], "123-q");
}

#[test]
fn substitution_stderr_and_status_reach_the_enclosing_record() {
    let (records, _, _) = exec("cmd $(warn)");
    let want = Output {
        stdout: "cmd|ok\n".into(),
        stderr: "warning: x\n".into(),
        exit: 0,
    };
    assert_eq!(records[0].output, want);

    let (records, _, vars) = exec("X=$(fail)\necho \"[$X] $?\"\nY=$(fail) Z=$(cmd)\n$(fail)");
    let want = Output {
        stderr: "boom\n".into(),
        exit: 1,
        ..Output::default()
    };
    assert_eq!(records[0].output, want);
    assert_eq!(vars["X"], "");
    assert_eq!(records[1].output.stdout, "[] 1\n");
    assert_eq!(records[2].output.exit, 0, "status of the last substitution");
    assert_eq!(
        records[3].output.exit, 1,
        "empty command: substitution status"
    );
}

#[test]
fn substitution_is_a_subshell() {
    let (records, _, vars) = exec("X=$(A=5; B=6; cmd $A)\necho $A $X \"$B\"");
    assert_eq!(records[1].output.stdout, "1 cmd|5 \n");
    assert_eq!(vars.get("B"), None);
    assert_eq!(vars["A"], "1");
}

#[test]
fn last_status_parameter() {
    let (records, host, vars) = exec("fail\necho $?\necho $?\nstatus 7\ncmd $? ${?}");
    let stdouts: Vec<&str> = records.iter().map(|r| r.output.stdout.as_str()).collect();
    assert_eq!(stdouts, ["", "1\n", "0\n", "", "cmd|7|7\n"]);
    assert_eq!(vars["?"], "0");
    assert_eq!(argvs(&host).len(), 3);

    // bash updates $? after each substitution, even within one command.
    let (records, _, _) = exec("echo $(fail) $?");
    assert_eq!(records[0].output.stdout, "1\n");

    let mut host = FakeHost::default();
    let mut vars = BTreeMap::from([("?".to_string(), "3".to_string())]);
    let records = run("echo $?\nstatus 4", &mut host, &mut vars);
    assert_eq!(records[0].output.stdout, "3\n");
    assert_eq!(vars["?"], "4");
}

#[test]
fn echo_builtin() {
    let cases: &[(&str, &str)] = &[
        ("echo a  b", "a b\n"),
        ("echo", "\n"),
        ("echo -n x y", "x y"),
        ("echo -n", ""),
        ("echo -nn -n a", "a"),
        ("echo -e 'a\\tb'", "-e a\\tb\n"),
        ("echo x -n", "x -n\n"),
        ("echo '-n'", ""),
        ("echo \"$S\"  $S", "a b a b\n"),
        ("echo $E", "\n"),
    ];
    for (src, want) in cases {
        let (records, host, _) = exec(src);
        assert_eq!(records[0].output.stdout, *want, "script {src:?}");
        assert!(host.calls.is_empty(), "echo never reaches the host");
    }
}

/// A variable that doubles itself line after line would fill memory in a few lines: the
/// command whose expansions pass the limit is refused, and the variable keeps its value.
#[test]
fn expansions_past_the_limit_are_refused() {
    let refs = "$A".repeat(64);
    let mut src = String::from("A=0123456789abcdef\n");
    for _ in 0..6 {
        src.push_str(&format!("A={refs}\n"));
    }
    src.push_str(&format!("echo {refs}\nX=$(echo $A; echo $A; echo $A; echo $A; echo $A; echo $A; echo $A; echo $A; echo $A)\n"));
    let (records, _, vars) = exec(&src);
    // 16 * 64^4 = 256 MiB is past the limit: line 5 is refused, and so is every line
    // after it (each would hold 256 MiB, or nine times 4 MiB).
    assert_eq!(vars["A"].len(), 16 * 64 * 64 * 64);
    let refused: Vec<u32> = records
        .iter()
        .filter(|r| r.output.exit == 1)
        .map(|r| r.line)
        .collect();
    assert_eq!(refused, [5, 6, 7, 8, 9]);
    assert!(records[4].output.stderr.ends_with(
        "ecs-sim: line 5: expansion too long: the words of one command may hold at most 8 MiB\n"
    ));
    assert!(!vars.contains_key("X"));
}

#[test]
fn assignments_and_export() {
    let (records, host, vars) = exec("A=2 B=$A C='x y' D=$S F= G=a=b");
    assert!(host.calls.is_empty());
    assert_eq!(records.len(), 1);
    let got: Vec<&str> = ["A", "B", "C", "D", "F", "G"]
        .iter()
        .map(|k| vars[*k].as_str())
        .collect();
    assert_eq!(got, ["2", "2", "x y", "a b", "", "a=b"]);

    // A quoted name makes it a command word, as in POSIX.
    let (_, host, _) = exec("\"A\"=1\nA\\=1");
    assert_eq!(argvs(&host), vec![strings(&["A=1"]), strings(&["A=1"])]);

    let (records, _, vars) = exec("export X=$(cmd x) Y=\"$S\" ACC\necho $X\nexport\nexport 1x");
    assert_eq!(vars["X"], "cmd|x");
    assert_eq!(vars["Y"], "a b");
    assert_eq!(records[1].output.stdout, "cmd|x\n");
    assert_eq!(records[2].output, Output::default());
    let want = Output {
        stderr: "ecs-sim: line 4: export: `1x': not a valid identifier\n".into(),
        exit: 1,
        ..Output::default()
    };
    assert_eq!(records[3].output, want);
}

#[test]
fn unsupported_constructs_fail_their_line_and_the_script_goes_on() {
    let cases: &[(&str, &str)] = &[
        ("cmd a | cmd b", "pipes (|) are not supported"),
        ("cmd > out.txt", "redirections (>) are not supported"),
        ("cmd < in.txt", "redirections (<) are not supported"),
        ("cmd 2>&1", "redirections (>) are not supported"),
        (
            "cmd `x`",
            "backtick command substitution is not supported; use $(...)",
        ),
        (
            "cmd \"`x`\"",
            "backtick command substitution is not supported; use $(...)",
        ),
        ("cmd &", "background jobs (&) are not supported"),
        ("(cmd x)", "subshells ( ... ) are not supported"),
        ("cmd )", "syntax error near unexpected token `)'"),
        (
            "cmd $((1+2)) x",
            "arithmetic expansion $((...)) is not supported",
        ),
        (
            "cmd ${A:-x}",
            "${A:-x}: bad substitution (only ${NAME} is supported)",
        ),
        (
            "cmd ${}",
            "${}: bad substitution (only ${NAME} is supported)",
        ),
        (
            "cmd ${A",
            "bad substitution: missing `}' before the end of the line",
        ),
        (
            "cmd $1",
            "special parameter $1 is not supported (use single quotes for a literal $)",
        ),
        (
            "cmd \"$#\"",
            "special parameter $# is not supported (use single quotes for a literal $)",
        ),
        (
            "A=1 cmd",
            "assignments before a command (NAME=value command) are not supported; \
                 put the assignment on its own line",
        ),
        (
            "if cmd; then cmd; fi",
            "`if': compound commands (if, for, while, case, functions, { }) are not supported",
        ),
        ("; cmd", "syntax error near unexpected token `;'"),
        ("cmd ;; cmd", "syntax error near unexpected token `;'"),
        ("cmd && ; cmd", "syntax error near unexpected token `;'"),
        ("|| cmd", "syntax error near unexpected token `||'"),
        ("X=$(cmd | cmd)", "pipes (|) are not supported"),
        (
            "X=$(cmd; && cmd)",
            "syntax error near unexpected token `&&'",
        ),
    ];
    for (bad, message) in cases {
        let src = format!("cmd first\n{bad}\n\ncmd last");
        let (records, host, _) = exec(&src);
        assert_eq!(records.len(), 3, "script {src:?}");
        let want = Output {
            stderr: format!("ecs-sim: line 2: {message}\n"),
            exit: 2,
            ..Output::default()
        };
        assert_eq!(records[1].output, want, "script {src:?}");
        assert_eq!(records[1].line, 2);
        assert_eq!(records[1].command, *bad);
        assert_eq!(records[2].line, 4);
        assert_eq!(records[2].output.stdout, "cmd|last\n");
        let want_calls = vec![strings(&["cmd", "first"]), strings(&["cmd", "last"])];
        assert_eq!(
            argvs(&host),
            want_calls,
            "nothing of a bad line runs: {src:?}"
        );
    }
}

#[test]
fn unterminated_constructs_at_end_of_input() {
    let cases: &[(&str, &str)] = &[
        ("cmd 'abc", "unexpected EOF while looking for matching `''"),
        (
            "cmd \"abc\ncmd x",
            "unexpected EOF while looking for matching `\"'",
        ),
        (
            "cmd $(cmd x",
            "unexpected EOF while looking for matching `)'",
        ),
        (
            "cmd $(cmd \"x)",
            "unexpected EOF while looking for matching `\"'",
        ),
        ("cmd ${A", "unexpected EOF while looking for matching `}'"),
        ("cmd a &&", "syntax error: unexpected end of file"),
        (
            "cmd a ||\n# only a comment\n",
            "syntax error: unexpected end of file",
        ),
    ];
    for (bad, message) in cases {
        let src = format!("cmd ok\n{bad}");
        let (records, host, _) = exec(&src);
        assert_eq!(records.len(), 2, "script {src:?}");
        assert_eq!(records[1].line, 2);
        assert_eq!(records[1].output.exit, 2);
        let want = format!("ecs-sim: line 2: {message}\n");
        assert_eq!(records[1].output.stderr, want, "script {src:?}");
        assert_eq!(host.calls.len(), 1, "script {src:?}");
    }
}

#[test]
fn line_numbers_and_command_text() {
    let src =
        "# header\n\ncmd a \\\n  b   # trailing\n  X=$(cmd \\\n c)  \ncmd 'p\nq' z; echo hi\n\
                   cmd x &&\n  cmd y\n";
    let (records, host, _) = exec(src);
    let got: Vec<(u32, &str)> = records
        .iter()
        .map(|r| (r.line, r.command.as_str()))
        .collect();
    let want = [
        (3, "cmd a   b"),
        (5, "X=$(cmd  c)"),
        (7, "cmd 'p\nq' z"),
        (8, "echo hi"),
        (9, "cmd x"),
        (10, "cmd y"),
    ];
    assert_eq!(got, want);
    let lines: Vec<u32> = host.calls.iter().map(|(_, line)| *line).collect();
    assert_eq!(lines, [3, 5, 7, 9, 10]);
    assert_eq!(host.calls[0].0, strings(&["cmd", "a", "b"]));
}

#[test]
fn substitution_commands_get_their_own_line() {
    let (records, host, _) = exec("X=$(\n  cmd a\n)\ncmd b");
    assert_eq!(records[0].line, 1);
    assert_eq!(records[0].command, "X=$(\n  cmd a\n)");
    assert_eq!(host.calls[0].1, 2);
    assert_eq!(records[1].line, 4);
}

#[test]
fn semicolons_and_and_or_lists() {
    let cases: &[(&str, &[&str])] = &[
        ("cmd a; cmd b;", &["cmd a", "cmd b"]),
        ("fail && cmd x", &["fail"]),
        ("fail || cmd y", &["fail", "cmd y"]),
        ("cmd a && fail || cmd c", &["cmd a", "fail", "cmd c"]),
        ("cmd a || cmd b && cmd c", &["cmd a", "cmd c"]),
        ("A=1 && echo $A", &["A=1", "echo $A"]),
    ];
    for (src, want) in cases {
        let (records, _, _) = exec(src);
        let got: Vec<&str> = records.iter().map(|r| r.command.as_str()).collect();
        assert_eq!(got, *want, "script {src:?}");
    }
}

#[test]
fn records_carry_sim_time_and_skip_blank_lines() {
    let (records, _, _) = exec("\n# c\ncmd a\n  \nX=1\n$E\ncmd b # c\n");
    let got: Vec<(u32, &str, u64)> = records
        .iter()
        .map(|r| (r.line, r.command.as_str(), r.sim_time_ms))
        .collect();
    assert_eq!(
        got,
        [
            (3, "cmd a", 1000),
            (5, "X=1", 1000),
            (6, "$E", 1000),
            (7, "cmd b", 2000)
        ]
    );
}

#[test]
fn console_lines_keep_variables_and_status() {
    let mut host = FakeHost::default();
    let mut vars = BTreeMap::new();
    let first = run_line("X=1; echo $X", &mut host, &mut vars);
    assert_eq!(first.len(), 2);
    assert_eq!(first[1].output.stdout, "1\n");
    run_line("fail", &mut host, &mut vars);
    let third = run_line("echo $? $X", &mut host, &mut vars);
    assert_eq!(third[0].output.stdout, "1 1\n");
}

fn nested(depth: usize) -> String {
    format!("cmd {}x{}", "$(cmd ".repeat(depth), ")".repeat(depth))
}

#[test]
fn substitution_depth_is_bounded() {
    let (records, host, _) = exec(&nested(MAX_SUBSTITUTION_DEPTH));
    assert_eq!(records[0].output.exit, 0);
    assert_eq!(host.calls.len(), MAX_SUBSTITUTION_DEPTH + 1);

    let src = format!("{}\ncmd after", nested(MAX_SUBSTITUTION_DEPTH + 1));
    let (records, host, _) = exec(&src);
    let message = "ecs-sim: line 1: command substitutions $(...) nested more than 16 deep\n";
    assert_eq!(records[0].output.stderr, message);
    assert_eq!(argvs(&host), vec![strings(&["cmd", "after"])]);
}

#[test]
fn pathological_nesting_does_not_overflow_the_stack() {
    for src in [
        "$(".repeat(200_000),
        "(".repeat(200_000),
        "\"$(".repeat(100_000),
        format!("{}{}", "$(".repeat(100_000), ")".repeat(100_000)),
    ] {
        let (records, host, _) = exec(&src);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].output.exit, 2);
        assert!(host.calls.is_empty());
    }
}

#[test]
fn long_scripts_run_in_one_pass() {
    let src = "A=$(cmd x)\n".repeat(50_000) + &"echo $A;".repeat(50_000);
    let (records, host, _) = exec(&src);
    assert_eq!(records.len(), 100_000);
    assert_eq!(host.calls.len(), 50_000);
}

#[cfg(not(target_arch = "wasm32"))]
const GARBAGE: &[&str] = &[
    "a", "b", "$", "(", ")", "{", "}", "'", "\"", "\\", "\n", "#", ";", "&", "|", ">", "<", "`",
    "?", "=", "é", "\t", " ", "$(", "${", "&&", "||", "\\\n", "echo ", "A=",
];

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Garbage never panics, and a line after it (an unsupported pipeline) ends in a shell error.
    #[test]
    fn garbage_input_never_panics_and_ends_in_an_error(
        pieces in proptest::collection::vec(proptest::sample::select(GARBAGE), 0..40),
    ) {
        let src = pieces.concat() + "\ncmd x | cmd y";
        let (records, _, _) = exec(&src);
        let last = records.last().map(|r| &r.output);
        proptest::prop_assert_eq!(last.map(|o| o.exit), Some(2), "script {:?}", src);
        for record in &records {
            if record.output.exit == 2 {
                proptest::prop_assert!(
                    record.output.stderr.starts_with("ecs-sim: line "),
                    "{:?}", src
                );
            }
        }
    }
}
