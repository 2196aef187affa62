//! CPython's behaviour where the AWS CLI (a Python program) shows it to the user, each written
//! once: `repr()`/`str()` of strings, floats and decoded JSON values ([`repr`]); `int()` and
//! `float()` of text ([`number`]); `json.loads` with its error texts ([`json`]);
//! `str.isprintable()` and the East Asian Width the table formatter measures by ([`unicode`]);
//! and `difflib.get_close_matches` for "maybe you meant" ([`difflib`]).

pub mod difflib;
pub mod json;
pub mod number;
pub mod repr;
pub mod unicode;

pub use number::{float, int, isspace, json_float, rstrip, strip};
pub use repr::{float_repr, is_truthy, number_repr, repr, repr_str, str_of, type_name};
pub use unicode::{is_printable, text_length};
