//! The lesson's shell variables in the places the shell does not reach: a goal's JMESPath
//! query is not a command line, so `$NAME` there is put in here.

/// A query with the session's variables put in (`tasks[?subnet=='$SUB_A']`): `$NAME` and
/// `${NAME}`, as the shell expands them (JMESPath itself has no `$`). Unset ones expand to
/// nothing, as in the shell.
pub fn expand(query: &str, var: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(query.len());
    let mut rest = query;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, used) = match after.strip_prefix('{') {
            Some(inner) => match inner.find('}') {
                Some(end) => (&inner[..end], end + 2),
                None => ("", 0),
            },
            None => {
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                (&after[..end], end)
            }
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
        } else {
            out.push_str(&var(name).unwrap_or_default());
            rest = &after[used..];
        }
    }
    out.push_str(rest);
    out
}
