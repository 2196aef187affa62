//! `sim fs ...`: files on EFS as a task's containers see them.
//!
//! - `sim fs write --task ID --path P --data D`: write a file (through the container's mount);
//! - `sim fs read --task ID --path P`: print it;
//! - `sim fs ls --file-system FS`: every file of a file system, its size, owner and writer.

use super::script::Output;
use super::verb::flag;
use super::Session;
use crate::model::time::Instant;
use crate::sim::efs_files;

fn out(stdout: String) -> Output {
    Output {
        stdout,
        stderr: String::new(),
        exit: 0,
    }
}

fn fail(message: String, exit: i32) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("sim fs: {message}\n"),
        exit,
    }
}

pub fn run(session: &mut Session, args: &[String]) -> Output {
    let usage = || {
        fail(
            "write --task ID --path P --data D | read --task ID --path P | ls --file-system FS"
                .into(),
            2,
        )
    };
    let rest = args.get(1..).unwrap_or_default();
    match args.first().map(String::as_str) {
        Some("write") => {
            let (Some(task), Some(path), Some(data)) = (
                flag(rest, "--task"),
                flag(rest, "--path"),
                flag(rest, "--data"),
            ) else {
                return usage();
            };
            match efs_files::write(&mut session.sim, task, path, data) {
                Ok((fs, at)) => out(format!("wrote {} bytes to {fs}:{at}\n", data.len())),
                Err(e) => fail(e.to_string(), 1),
            }
        }
        Some("read") => {
            let (Some(task), Some(path)) = (flag(rest, "--task"), flag(rest, "--path")) else {
                return usage();
            };
            match efs_files::read(&session.sim.world, task, path) {
                Ok(f) => out(format!("{}\n", f.data)),
                Err(e) => fail(e.to_string(), 1),
            }
        }
        Some("ls") => {
            let Some(fs_id) = flag(rest, "--file-system") else {
                return usage();
            };
            let Some(fs) = session.sim.world.file_systems.get(fs_id) else {
                return fail(format!("no file system {fs_id}"), 1);
            };
            let mut text = String::new();
            for (path, f) in &fs.files {
                text.push_str(&format!(
                    "{path}  {} bytes  uid {} gid {}  written by {} at {}\n",
                    f.data.len(),
                    f.uid,
                    f.gid,
                    f.written_by,
                    Instant(f.written_at).iso_seconds()
                ));
            }
            if text.is_empty() {
                text = format!("{fs_id} holds no files\n");
            }
            out(text)
        }
        _ => usage(),
    }
}
