//! IAM in the cluster drawing: each container instance's role as a badge on its card (the
//! role of its instance profile, which its ECS agent and, without a task role, its tasks act
//! as); an instance whose agent could not register told "never joined" with the reason in a
//! few wrapped lines (the full sentence in its tooltip); and a task stopped for want of a
//! permission told in the lane by the action IAM denied and the role it denied it to, rather
//! than by the error codes alone.
//!
//! Text is measured here in characters at an average glyph width: the drawing's small type is
//! 10 px (bold in projector mode), and the badge's text is drawn with that length
//! (`textLength`), so a long name is squeezed into its badge, never past it.

use super::{AzColumn, Boot};
use crate::model::ec2::AgentBlocked;
use crate::sim::World;

/// The average width of a character of the drawing's small type (px), generously (status
/// lines hold capitals).
pub const CHAR_W: f64 = 5.6;
/// The width a badge's character is drawn at (its text is fitted to it, `textLength`).
const BADGE_CHAR_W: f64 = 5.0;
/// The width a character of wrapped words is counted at: projector mode draws the drawing's
/// type bold, a little wider.
const WRAP_CHAR_W: f64 = 6.0;
/// The height of a line of small type (px).
pub const LINE_H: u32 = 13;
/// How far from the card's left edge the status line starts, as ui/cluster.rs draws it.
const STATUS_X: u32 = 8;

/// The instance role's badge on a container instance's card, on its status line.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleBadge {
    /// What the badge says: `role NAME`, shortened to fit.
    pub text: String,
    /// What its tooltip says, in full.
    pub full: String,
    /// From the card's left edge, and its width (px).
    pub x: u32,
    pub w: u32,
    /// The width its text is drawn at.
    pub text_w: u32,
    /// Whether the instance has no role (its agent and tasks have no credentials).
    pub missing: bool,
}

fn chars(s: &str) -> u32 {
    s.chars().count() as u32
}

/// The badge for role `role` (None: no role, with `why`) on a card `card_w` wide whose status
/// line holds `status_chars` characters; None when the line has no room left for one.
pub fn role_badge(role: Result<&str, &str>, card_w: u32, status_chars: u32) -> Option<RoleBadge> {
    let x = STATUS_X + (f64::from(status_chars) * CHAR_W).ceil() as u32 + 6;
    let w = card_w.saturating_sub(x + 8);
    // Room for a few characters at least: a badge saying "…" says nothing.
    let room = (f64::from(w.saturating_sub(8)) / BADGE_CHAR_W) as u32;
    if room < 5 {
        return None;
    }
    let (full, words, missing) = match role {
        Ok(name) => (
            format!(
                "instance role {name}: what its ECS agent, and tasks without a task role, act as"
            ),
            format!("role {name}"),
            false,
        ),
        Err(why) => (
            format!("no instance role: {why}"),
            "no role".to_string(),
            true,
        ),
    };
    let text = if chars(&words) <= room {
        words
    } else {
        // The name alone, cut to fit.
        let name = words.strip_prefix("role ").unwrap_or(&words);
        if chars(name) <= room {
            name.to_string()
        } else {
            let mut cut: String = name.chars().take(room as usize - 1).collect();
            cut.push('…');
            cut
        }
    };
    let text_w = (f64::from(chars(&text)) * BADGE_CHAR_W).ceil() as u32;
    Some(RoleBadge {
        w: text_w + 8,
        text_w,
        x: card_w.saturating_sub(text_w + 8 + 8).max(x),
        text,
        full,
        missing,
    })
}

/// Puts each container instance's role badge on its card.
pub fn mark_roles(world: &World, azs: &mut [AzColumn]) {
    for b in azs
        .iter_mut()
        .flat_map(|a| &mut a.subnets)
        .flat_map(|s| &mut s.instances)
    {
        let status = b.status_line();
        let role = crate::sim::credentials::instance_role(world, &b.ec2_instance_id);
        let why = match world
            .instances
            .get(&b.ec2_instance_id)
            .and_then(|i| i.instance_profile_arn.as_deref())
        {
            None => "the instance has no instance profile".to_string(),
            Some(arn) => format!("instance profile {arn} holds no role (or it was deleted)"),
        };
        b.role = role_badge(
            role.map(|r| r.name.as_str()).ok_or(why.as_str()),
            b.rect.w,
            chars(&status),
        );
    }
}

/// Why an agent could not register, in a few words after "never joined".
pub fn never_joined(blocked: &AgentBlocked) -> String {
    use AgentBlocked::*;
    match blocked {
        NoInstanceProfile { action } => {
            format!("no instance profile, so no credentials to call {action}")
        }
        ProfileWithoutRole { profile_arn, .. } => format!(
            "instance profile {} has no role",
            profile_arn.rsplit('/').next().unwrap_or(profile_arn)
        ),
        RoleDeleted { role, .. } => format!("role {role} no longer exists"),
        RoleNotTrustingEc2 { role } => {
            format!("role {role} does not trust ec2.amazonaws.com")
        }
        NotAuthorized { action, message } => {
            let role = assumed_role(message).unwrap_or("its role");
            let how = if message.contains("explicit deny") {
                "an explicit deny"
            } else {
                "no policy allows it"
            };
            format!("IAM denied {action} to role {role} ({how})")
        }
        ClusterNotFound { cluster } => format!("cluster {cluster} does not exist"),
    }
}

/// `...assumed-role/NAME/session...` -> NAME.
fn assumed_role(message: &str) -> Option<&str> {
    let rest = message.split_once("assumed-role/")?.1;
    rest.split('/').next().filter(|r| !r.is_empty())
}

/// A text in lines of at most `max` characters, broken between words, at most `lines` lines
/// (the last one cut with "…" if the text runs on).
pub fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let max = max.max(4);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let n = line.chars().count();
        if n > 0 && n + 1 + word.chars().count() > max {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    // A word longer than a line is cut.
    for l in &mut out {
        if l.chars().count() > max {
            *l = l.chars().take(max - 1).chain(['…']).collect();
        }
    }
    if out.len() > lines {
        out.truncate(lines.max(1));
        if let Some(last) = out.last_mut() {
            let mut cut: String = last.chars().take(max - 1).collect();
            cut.push('…');
            *last = cut;
        }
    }
    out
}

/// The most lines a booting card gives its words.
const BOOT_LINES: usize = 3;

/// The lines under a booting instance's name on a card `width` px wide: the countdown, or
/// "never joined" and why.
pub fn boot_lines(boot: &Boot, now: u64, width: u32) -> Vec<String> {
    let max = (f64::from(width.saturating_sub(16)) / WRAP_CHAR_W) as usize;
    match boot {
        Boot::AgentWaiting { short, .. } => {
            wrap(&format!("never joined: {short}"), max, BOOT_LINES)
        }
        _ => vec![boot.words(now)],
    }
}

/// A booting card's height: one line of words, more for an agent that never joined.
pub fn booting_height(base: u32, boot: &Boot, width: u32) -> u32 {
    let lines = boot_lines(boot, 0, width).len().max(1) as u32;
    base + (lines - 1) * LINE_H
}

/// A task's stop reason in a few words when IAM stopped it (an execution-role call denied, or
/// a role ECS could not assume): the error code, the action denied and to which role. None
/// for any other reason.
pub fn denied_short(reason: &str) -> Option<String> {
    let code = reason
        .split(':')
        .next()
        .filter(|c| !c.is_empty() && c.chars().all(|c| c.is_ascii_alphanumeric()));
    if let Some((_, rest)) = reason.split_once("is not authorized to perform: ") {
        let action = rest.split_whitespace().next().unwrap_or_default();
        let role = assumed_role(reason).unwrap_or("its role");
        let what = format!("IAM denied {action} to role {role}");
        return Some(match code {
            Some(c) => format!("{c} · {what}"),
            None => what,
        });
    }
    let rest = reason.strip_prefix("ECS was unable to assume the role '")?;
    let arn = rest.split('\'').next().unwrap_or_default();
    Some(format!(
        "ECS could not assume role {} (its trust policy, or iam:PassRole)",
        arn.rsplit('/').next().unwrap_or(arn)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_badge_fits_its_card() {
        let b = role_badge(Ok("ecsInstanceRole"), 300, 18).expect("room");
        assert_eq!(b.text, "role ecsInstanceRole");
        assert!(b.full.starts_with("instance role ecsInstanceRole"));
        assert!(!b.missing);
        // Right-aligned, after the status text, inside the card.
        assert_eq!(b.x + b.w, 300 - 8);
        assert!(b.x >= 8 + (18.0 * CHAR_W) as u32);
        // Narrower (a card at 1280x720 with three AZs): the name alone, then cut.
        let b = role_badge(Ok("ecsInstanceRole"), 211, 18).expect("room");
        assert_eq!(b.text, "ecsInstanceRole");
        assert!(b.x + b.w <= 203);
        let b = role_badge(Ok("ecsInstanceRole"), 178, 18).expect("room");
        assert_eq!(b.text, "ecsInsta…");
        assert!(b.x + b.w <= 170);
        let b = role_badge(Ok("a-rather-long-instance-role-name"), 178, 18).expect("room");
        assert!(
            b.text.ends_with('…') && b.text.starts_with("a-rather"),
            "{}",
            b.text
        );
        assert!(b.x + b.w <= 170, "{b:?}");
        // No room at all: no badge.
        assert_eq!(role_badge(Ok("x"), 120, 18), None);
        let none = role_badge(Err("the instance has no instance profile"), 211, 18).expect("room");
        assert_eq!(none.text, "no role");
        assert!(none.missing && none.full.contains("no instance profile"));
    }

    #[test]
    fn never_joined_names_what_iam_denied_and_to_whom() {
        let message = "User: arn:aws:sts::123456789012:assumed-role/node/i-0abc is not authorized to perform: ecs:RegisterContainerInstance on resource: arn:aws:ecs:us-east-1:123456789012:cluster/lab because no identity-based policy allows the ecs:RegisterContainerInstance action";
        let blocked = AgentBlocked::NotAuthorized {
            action: "ecs:RegisterContainerInstance",
            message: message.into(),
        };
        let short = never_joined(&blocked);
        assert_eq!(
            short,
            "IAM denied ecs:RegisterContainerInstance to role node (no policy allows it)"
        );
        let boot = Boot::AgentWaiting {
            reason: blocked.to_string(),
            short,
        };
        let lines = boot_lines(&boot, 0, 211);
        assert_eq!(
            lines,
            vec![
                "never joined: IAM denied",
                "ecs:RegisterContainerInstance to",
                "role node (no policy allows it)"
            ]
        );
        assert_eq!(booting_height(36, &boot, 211), 36 + 2 * LINE_H);
        let countdown = Boot::AgentStarting { due: Some(5_000) };
        assert_eq!(
            boot_lines(&countdown, 0, 211),
            vec!["agent registers in 5 s"]
        );
        assert_eq!(booting_height(36, &countdown, 211), 36);
        let deny = AgentBlocked::NotAuthorized {
            action: "ecs:RegisterContainerInstance",
            message: message.replace(
                "because no identity-based policy allows the ecs:RegisterContainerInstance action",
                "with an explicit deny in an identity-based policy",
            ),
        };
        assert!(never_joined(&deny).ends_with("(an explicit deny)"));
        assert_eq!(
            never_joined(&AgentBlocked::RoleNotTrustingEc2 { role: "r".into() }),
            "role r does not trust ec2.amazonaws.com"
        );
    }

    #[test]
    fn text_wraps_between_words_and_is_cut_when_it_runs_on() {
        assert_eq!(wrap("a bb ccc dddd", 6, 3), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("a bb ccc dddd", 6, 2), vec!["a bb", "ccc…"]);
        assert_eq!(wrap("abcdefghij", 6, 2), vec!["abcde…"]);
        assert!(wrap("", 6, 2).is_empty());
    }

    #[test]
    fn a_task_iam_stopped_is_told_by_the_action_denied() {
        let pull = "CannotPullECRContainerError: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/exec/abc is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action";
        assert_eq!(
            denied_short(pull).as_deref(),
            Some("CannotPullECRContainerError · IAM denied ecr:GetAuthorizationToken to role exec")
        );
        let assume = "ECS was unable to assume the role 'arn:aws:iam::123456789012:role/app' that was provided for this task. Please verify ...";
        assert_eq!(
            denied_short(assume).as_deref(),
            Some("ECS could not assume role app (its trust policy, or iam:PassRole)")
        );
        assert_eq!(denied_short("Essential container in task exited"), None);
        // The lane reads the same words.
        assert_eq!(
            super::super::waiting::short_reason(pull),
            denied_short(pull).unwrap_or_default()
        );
    }

    /// Through the real path: a cluster whose instances have a role (badge), a role that
    /// allows nothing (never joined, a taller card) and a task stopped by its execution role
    /// (the lane names what IAM denied).
    #[test]
    fn the_drawing_shows_roles_and_where_iam_stopped_something() {
        let mut s = crate::cli::Session::new(5);
        let script = format!(
            "aws ecs create-cluster --cluster-name c\n{}{}",
            crate::viz::scenario::INSTANCE_ROLE_SCRIPT,
            r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1a --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=c
aws iam create-role --role-name node --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam create-instance-profile --instance-profile-name node
aws iam add-role-to-instance-profile --instance-profile-name node --role-name node
aws ec2 run-instances --image-id $AMI --instance-type t3.small --placement AvailabilityZone=us-east-1a --iam-instance-profile Name=node --user-data ECS_CLUSTER=c
aws iam create-role --role-name exec --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
sleep 90
aws ecs register-task-definition --family web --execution-role-arn arn:aws:iam::123456789012:role/exec --container-definitions '[{"name":"web","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4","memory":128}]'
aws ecs run-task --cluster c --task-definition web
sleep 60"#
        );
        for r in s.run_script(&script) {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let v = super::super::cluster_view(&s.sim, "c");
        let subnet = &v.azs[0].subnets[0];
        let badge = subnet.instances[0].role.as_ref().expect("a badge");
        assert!(badge.full.starts_with("instance role ecsInstanceRole"));
        assert!(!badge.missing);
        let b = &subnet.booting[0];
        let Boot::AgentWaiting { short, reason } = &b.boot else {
            panic!("{:?}", b.boot);
        };
        assert_eq!(
            short,
            "IAM denied ecs:RegisterContainerInstance to role node (no policy allows it)"
        );
        assert!(reason.contains("is not authorized to perform: ecs:RegisterContainerInstance"));
        // The Roles tab names it on the role's card too.
        let rows = crate::viz::roles::rows(&s.sim.world);
        let node = rows.iter().find(|r| r.name == "node").expect("role node");
        assert_eq!(
            node.never_joined,
            vec![format!("{}: {short}", b.ec2_instance_id)]
        );
        assert!(rows
            .iter()
            .all(|r| r.name == "node" || r.never_joined.is_empty()));
        // A wide card says it on one line; a narrow one wraps it, taller.
        assert_eq!(b.rect.h, 36);
        let narrow = super::super::cluster_view_remembering(
            &s.sim,
            "c",
            &mut super::super::Memory::default(),
            super::super::Fit {
                width: 220,
                height: u32::MAX,
            },
            &super::super::Zoom::All,
        );
        let b = &narrow.azs[0].subnets[0].booting[0];
        assert_eq!(b.rect.h, booting_height(36, &b.boot, b.rect.w));
        assert!(b.rect.h > 36);
        let lane = v.lane.as_ref().expect("the failed task in the lane");
        assert_eq!(
            lane.failed[0].short,
            "CannotPullECRContainerError · IAM denied ecr:GetAuthorizationToken to role exec"
        );
        assert!(lane.failed[0]
            .reason
            .contains("AccessDeniedException: User: "));
    }
}
