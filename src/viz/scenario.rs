//! A scenario: a seed and the command lines run on it, grouped by the action that ran them.
//! It is what the browser saves in the URL and in localStorage, exports and imports, and what
//! undo and redo edit; replaying it from the seed rebuilds the world exactly.
//!
//! Its text form is an `ecs-sim` script: a `# seed: N` line, then the lines. Time that passes
//! while the page plays is recorded as `sleep` lines (consecutive ones merged), so a shared
//! link reproduces the clock as well as the commands.

/// The IAM role and instance profile an EC2 container instance needs for its ECS agent to
/// register (`ecsInstanceRole`, as the ECS console names it), as the lines that create them:
/// the demo, the Infrastructure panel and the placement benchmark all start with them.
pub const INSTANCE_ROLE_SCRIPT: &str = r#"aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
"#;

/// The scenario a first visit shows: a cluster of three EC2 instances in three AZs, a
/// bridge-mode service of tasks spread over them, and two Fargate tasks, all starting up.
pub fn demo_script() -> String {
    format!(
        "# seed: 1\naws ecs create-cluster --cluster-name demo\n{INSTANCE_ROLE_SCRIPT}{DEMO_REST}"
    )
}

/// The demo after its cluster and instance role.
const DEMO_REST: &str = r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1a --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1b --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo
aws ec2 run-instances --image-id $AMI --instance-type c5.large --placement AvailabilityZone=us-east-1c --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo
sleep 75
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":256,"memory":512,"portMappings":[{"containerPort":80}]}]'
aws ecs register-task-definition --family api --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"api","image":"public.ecr.aws/docker/library/httpd:2.4","portMappings":[{"containerPort":80}]}]'
aws ecs run-task --cluster demo --task-definition web --count 5 --placement-strategy type=spread,field=attribute:ecs.availability-zone
SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)
aws ecs run-task --cluster demo --task-definition api --launch-type FARGATE --count 2 --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],assignPublicIp=ENABLED}"
"#;

/// The first line of a scenario script.
const SEED_PREFIX: &str = "# seed:";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenario {
    pub seed: u64,
    /// One entry per action (a form submitted, a console line, time played); each holds
    /// the lines the action ran.
    pub actions: Vec<Vec<String>>,
    /// Actions undone, most recent last, for redo.
    pub undone: Vec<Vec<String>>,
}

/// The seed a script declares on a `# seed: N` line among its leading comments.
pub fn declared_seed(script: &str) -> Option<u64> {
    script
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .find_map(|l| l.trim().strip_prefix(SEED_PREFIX))
        .and_then(|s| s.trim().parse().ok())
}

/// Milliseconds as `sleep`'s argument: seconds with up to three decimals.
fn seconds(ms: u64) -> String {
    let (s, frac) = (ms / 1000, ms % 1000);
    if frac == 0 {
        s.to_string()
    } else {
        format!("{s}.{frac:03}").trim_end_matches('0').to_string()
    }
}

/// The `sleep` line that lets `ms` of simulated time pass.
pub fn sleep_line(ms: u64) -> String {
    format!("sleep {}", seconds(ms))
}

/// The milliseconds of a `sleep N` line this module wrote (one argument, read by the CLI's
/// own parser), to merge time into it.
fn sleep_ms(line: &str) -> Option<u64> {
    crate::model::time::parse_duration_ms(line.strip_prefix("sleep ")?)
}

/// The most a scenario may weigh, in bytes of its script: 1 MiB. A lesson or an exercise
/// is a few kilobytes; a page of a year's play is still well under 100 KB (time is merged
/// into `sleep` lines). Beyond this, a link or a file is refused before anything runs.
/// (Our choice, with [`MAX_LINES`]: both keep a hostile link's replay to seconds.)
pub const MAX_BYTES: usize = 1 << 20;

/// The most command lines a scenario may hold: 20,000 (comments and blank lines are not
/// counted). A class's longest session is a few hundred actions.
pub const MAX_LINES: usize = 20_000;

impl Scenario {
    pub fn new(seed: u64) -> Scenario {
        Scenario {
            seed,
            ..Scenario::default()
        }
    }

    /// Records an action (a new action clears what could be redone).
    pub fn record(&mut self, lines: Vec<String>) {
        if lines.is_empty() {
            return;
        }
        self.actions.push(lines);
        self.undone.clear();
    }

    /// Records simulated time passing, merged with a `sleep` that ends the scenario if
    /// `merge` allows it (the page keeps apart time whose merged `sleep` would be more work
    /// than one line may take).
    pub fn record_time(&mut self, ms: u64, merge: bool) {
        if ms == 0 {
            return;
        }
        // Merged only while the sum stays a valid `sleep` (at most 366 days).
        let merged = self
            .actions
            .last()
            .filter(|a| merge && a.len() == 1)
            .and_then(|a| sleep_ms(&a[0]))
            .filter(|before| before + ms <= crate::model::time::MAX_DURATION_MS);
        match merged {
            Some(before) => {
                if let Some(last) = self.actions.last_mut() {
                    last[0] = sleep_line(before + ms);
                }
            }
            None => self.actions.push(vec![sleep_line(ms)]),
        }
        self.undone.clear();
    }

    /// Takes back the last action; returns false when there is none.
    pub fn undo(&mut self) -> bool {
        match self.actions.pop() {
            Some(a) => {
                self.undone.push(a);
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.undone.pop() {
            Some(a) => {
                self.actions.push(a);
                true
            }
            None => false,
        }
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl Iterator<Item = &String> {
        self.actions.iter().flatten()
    }

    /// The scenario as an `ecs-sim` script.
    pub fn to_script(&self) -> String {
        let mut out = format!("{SEED_PREFIX} {}\n", self.seed);
        for l in self.lines() {
            out.push_str(l);
            out.push('\n');
        }
        out
    }

    /// Reads a script written by [`Scenario::to_script`] (or any `ecs-sim` script with a
    /// `# seed:` line): one action per line; comments and blank lines are dropped.
    ///
    /// Refused beyond [`MAX_BYTES`] or [`MAX_LINES`], or without its seed.
    pub fn from_script(text: &str) -> Result<Scenario, Refusal> {
        if text.len() > MAX_BYTES {
            return Err(Refusal::TooLarge { bytes: text.len() });
        }
        let seed = declared_seed(text).ok_or(Refusal::NoSeed)?;
        let mut s = Scenario::new(seed);
        let mut pending = String::new();
        let mut quotes = Quotes::default();
        for line in text.lines() {
            let t = line.trim_end();
            if pending.is_empty() && (t.trim().is_empty() || t.trim_start().starts_with('#')) {
                continue;
            }
            // A backslash-newline continues the command on the next line.
            if let Some(head) = t.strip_suffix('\\') {
                quotes.scan(head);
                pending.push_str(head);
                pending.push('\n');
                continue;
            }
            // So does a newline inside quotes (a lesson's user data, say): the whole line
            // as written, its newline included.
            quotes.scan(line);
            if quotes.open() {
                pending.push_str(line);
                pending.push('\n');
                continue;
            }
            pending.push_str(t);
            s.actions.push(vec![std::mem::take(&mut pending)]);
        }
        if !pending.is_empty() {
            s.actions.push(vec![pending]);
        }
        if s.actions.len() > MAX_LINES {
            return Err(Refusal::TooManyLines {
                lines: s.actions.len(),
            });
        }
        Ok(s)
    }

    /// Whether one more action of `lines` would still fit [`MAX_LINES`] and [`MAX_BYTES`]
    /// (the page refuses an action beyond, so what it saves always loads again).
    pub fn has_room_for(&self, lines: &[String]) -> bool {
        let count = self.lines().count() + lines.len();
        let bytes = self
            .lines()
            .chain(lines)
            .map(|l| l.len() + 1)
            .sum::<usize>()
            + 32;
        count <= MAX_LINES && bytes <= MAX_BYTES
    }
}

/// Whether a command read line by line is inside single or double quotes, as the shell reads
/// it (a backslash escapes the next character outside single quotes; an unquoted `#` at the
/// start of a word begins a comment). Read a line at a time, each once.
#[derive(Default)]
struct Quotes {
    single: bool,
    double: bool,
}

impl Quotes {
    fn scan(&mut self, line: &str) {
        // Most lines hold no quote at all: nothing to read in them.
        if !self.open() && !line.contains(['\'', '"']) {
            return;
        }
        let mut escaped = false;
        let mut word_start = true;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if !self.single => escaped = true,
                '\'' if !self.double => self.single = !self.single,
                '"' if !self.single => self.double = !self.double,
                '#' if word_start && !self.single && !self.double => return,
                _ => {}
            }
            word_start = c.is_whitespace() && !self.single && !self.double;
        }
    }

    fn open(&self) -> bool {
        self.single || self.double
    }
}

#[cfg(test)]
fn open_quote(text: &str) -> bool {
    let mut q = Quotes::default();
    q.scan(text);
    q.open()
}

/// Why a script cannot be read as a scenario (the page says it in words, through `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// More than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// More than [`MAX_LINES`] command lines.
    TooManyLines { lines: usize },
    /// No `# seed: N` line, so it would not replay the same.
    NoSeed,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::TooLarge { bytes } => write!(
                f,
                "it is {} long, more than the {} a scenario may hold",
                size_in_words(*bytes),
                size_in_words(MAX_BYTES)
            ),
            Refusal::TooManyLines { lines } => write!(
                f,
                "it has {} command lines, more than the {} a scenario may hold",
                crate::viz::thousands(*lines as u64),
                crate::viz::thousands(MAX_LINES as u64)
            ),
            Refusal::NoSeed => f.write_str("the scenario has no '# seed: N' line"),
        }
    }
}

/// A size in bytes for a message: "1 MB" for a whole number of MiB, else "1,234 KB".
pub fn size_in_words(bytes: usize) -> String {
    if bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} KB", crate::viz::thousands(bytes.div_ceil(1024) as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A newline inside quotes stays in its command (lesson 1's user data), so a scenario
    /// holding one round-trips through its script.
    #[test]
    fn a_quoted_newline_stays_in_its_command() {
        let mut s = Scenario::new(3);
        let user_data = "aws ec2 run-instances --user-data '#!/bin/bash\necho ECS_CLUSTER=learn >> /etc/ecs/ecs.config'";
        s.record(vec![user_data.to_string(), "echo \"it's\"".to_string()]);
        let back = Scenario::from_script(&s.to_script()).expect("reads");
        assert_eq!(
            back.lines().collect::<Vec<_>>(),
            vec![user_data, "echo \"it's\""]
        );
        assert!(open_quote("echo 'a"));
        assert!(!open_quote("echo 'a' \"b\" c\\'d"));
        assert!(open_quote("echo \"a \\\" b"));
        assert!(!open_quote("aws ecs list-clusters # it's a comment"));
        assert!(open_quote("echo a#'b"));
    }

    #[test]
    fn time_merges_into_one_sleep_and_round_trips() {
        let mut s = Scenario::new(7);
        s.record(vec!["aws ecs create-cluster".into()]);
        s.record_time(100, true);
        s.record_time(1_250, true);
        s.record_time(650, true);
        s.record(vec!["aws ecs list-clusters".into()]);
        s.record_time(3_000, true);
        s.record_time(1_000, false);
        let script = s.to_script();
        assert_eq!(
            script,
            "# seed: 7\naws ecs create-cluster\nsleep 2\naws ecs list-clusters\nsleep 3\nsleep 1\n"
        );
        let back = Scenario::from_script(&script).expect("parse");
        assert_eq!(back.seed, 7);
        assert_eq!(
            back.lines().collect::<Vec<_>>(),
            s.lines().collect::<Vec<_>>()
        );
        assert_eq!(seconds(1_050), "1.05");
        assert_eq!(sleep_ms("sleep 1.05"), Some(1_050));
    }

    #[test]
    fn undo_and_redo_walk_the_actions() {
        let mut s = Scenario::new(1);
        s.record(vec!["a".into(), "b".into()]);
        s.record(vec!["c".into()]);
        assert!(s.undo());
        assert_eq!(s.lines().count(), 2);
        assert!(s.redo());
        assert_eq!(s.lines().count(), 3);
        assert!(!s.redo());
        assert!(s.undo() && s.undo() && !s.undo());
        s.record(vec!["d".into()]);
        assert!(!s.redo(), "a new action clears redo");
    }

    #[test]
    fn a_script_without_a_seed_is_refused() {
        assert_eq!(
            Scenario::from_script("aws ecs list-clusters\n"),
            Err(Refusal::NoSeed)
        );
        assert_eq!(declared_seed("# what\n# seed: 42\naws x\n"), Some(42));
        assert_eq!(declared_seed("aws x\n# seed: 42\n"), None);
    }
}
