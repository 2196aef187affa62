//! Script preambles: a line `# use: NAME` stands for the lines of `preambles/NAME.sh`, shared
//! setup (such as the instance role and the AMI lookup) written once for many scripts.
//!
//! [`expand`] is a text step before the script dialect ([`crate::cli::script`]) reads a script:
//! it replaces every `# use: NAME` line with the preamble's lines, as if they were written there.
//! They run at that place, `file://` paths in them are relative to the script, and the line
//! numbers of what runs count the script with its preambles in place (so a script that moves its
//! setup into a preamble prints the same transcript as before). A preamble's opening `#` comment
//! lines describe it and are left out, as are blank lines at its end; a preamble does not itself
//! `# use:` another. To any other shell, `# use:` is a comment.
//!
//! It depends on nothing but a way to read `preambles/NAME.sh`: `ecs-sim` reads beside the
//! script, the browser tests from memory.

/// The line that pulls in a preamble: `# use: NAME`.
pub const USE_PREFIX: &str = "# use:";

/// Replaces every `# use: NAME` line of `script` with the lines of the preamble `read` returns
/// for `preambles/NAME.sh` (see the module doc). A script without such lines comes back
/// unchanged. The error names the line: a bad name, a preamble that cannot be read (with
/// `read`'s error text), or a preamble that uses another.
pub fn expand(
    script: &str,
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(script.len());
    for (index, line) in script.split_inclusive('\n').enumerate() {
        let Some(name) = line.trim().strip_prefix(USE_PREFIX).map(str::trim) else {
            out.push_str(line);
            continue;
        };
        let number = index + 1;
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if name.is_empty() || !name.chars().all(valid) {
            return Err(format!(
                "line {number}: '{USE_PREFIX}' needs a preamble name (letters, digits, - and _), not '{name}'"
            ));
        }
        let path = format!("preambles/{name}.sh");
        let text = read(&path).map_err(|e| format!("line {number}: {USE_PREFIX} {name}: {e}"))?;
        let body: Vec<&str> = text
            .lines()
            .skip_while(|l| l.trim_start().starts_with('#'))
            .collect();
        let end = body
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(0, |i| i + 1);
        for l in &body[..end] {
            if l.trim().starts_with(USE_PREFIX) {
                return Err(format!(
                    "line {number}: {path} cannot '{USE_PREFIX}' another preamble"
                ));
            }
            out.push_str(l);
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expands `script` with preambles served from `files` (name under `preambles/`, text).
    fn expand_with(script: &str, files: &[(&str, &str)]) -> Result<String, String> {
        let read = |path: &str| {
            files
                .iter()
                .find(|(name, _)| format!("preambles/{name}") == path)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| format!("[Errno 2] No such file or directory: '{path}'"))
        };
        expand(script, &read)
    }

    #[test]
    fn a_use_line_is_replaced_by_the_preamble_without_its_header() {
        let preamble = "# Sets things up.\n# seed: 9\necho one\n\necho two\n\n\n";
        let got = expand_with(
            "# seed: 3\necho start\n  # use: setup  \necho end",
            &[("setup.sh", preamble)],
        );
        assert_eq!(
            got.as_deref(),
            Ok("# seed: 3\necho start\necho one\n\necho two\necho end")
        );
        // A script without `# use:` lines comes back unchanged, byte for byte.
        let plain = "echo a\r\n# a comment\n\necho b";
        assert_eq!(expand_with(plain, &[]).as_deref(), Ok(plain));
        // The same preamble may be used twice; `# used:` is a plain comment.
        assert_eq!(
            expand_with("# use: p\n# use: p\n# used: p\n", &[("p.sh", "echo p")]).as_deref(),
            Ok("echo p\necho p\n# used: p\n")
        );
    }

    #[test]
    fn bad_names_missing_files_and_nesting_are_errors() {
        let err = |script: &str, files: &[(&str, &str)]| expand_with(script, files).err();
        assert_eq!(
            err("echo\n# use: ../x", &[]).as_deref(),
            Some("line 2: '# use:' needs a preamble name (letters, digits, - and _), not '../x'")
        );
        assert!(err("# use:", &[]).is_some_and(|e| e.contains("needs a preamble name")));
        assert_eq!(
            err("# use: gone", &[]).as_deref(),
            Some("line 1: # use: gone: [Errno 2] No such file or directory: 'preambles/gone.sh'")
        );
        assert_eq!(
            err("# use: a", &[("a.sh", "echo a\n# use: b")]).as_deref(),
            Some("line 1: preambles/a.sh cannot '# use:' another preamble")
        );
    }
}
