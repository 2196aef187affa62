//! Predict, then reveal: the choices a question offers (fixed, or read from the live world),
//! and the answer the world gives once the step's action has run.

use serde_json::Value;

use super::format::Predict;
use super::goal::{self, Read};
use crate::cli::Session;

/// A choice as offered: what the learner reads, and the value compared with the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offered {
    pub label: String,
    pub value: Value,
}

/// The choices of a question, now. Choices read from the world must be a list of at least two
/// distinct values (a question with one possible answer asks nothing).
pub fn choices(session: &mut Session, p: &Predict) -> Result<Vec<Offered>, String> {
    let Some(reading) = &p.choices else {
        return Ok(p
            .options
            .iter()
            .map(|o| Offered {
                label: o.label.clone(),
                value: o.value.clone(),
            })
            .collect());
    };
    let values = match goal::read(session, reading) {
        Read::Value(Value::Array(items)) => items,
        Read::Value(other) => {
            return Err(format!(
                "the choices should be a list, and the world gave {}",
                goal::shown(&other)
            ))
        }
        Read::Failed(why) => return Err(why),
    };
    let mut offered: Vec<Offered> = Vec::new();
    for v in values {
        if !offered.iter().any(|o| goal::same(&o.value, &v)) {
            offered.push(Offered {
                label: goal::shown(&v),
                value: v,
            });
        }
    }
    if offered.len() < 2 {
        return Err(format!(
            "the world offers {} choice(s); a question needs at least two",
            offered.len()
        ));
    }
    Ok(offered)
}

/// The world's answer, read after the action ran.
pub fn answer(session: &mut Session, p: &Predict) -> Result<Value, String> {
    match goal::read(session, &p.answer) {
        Read::Value(v) => Ok(v),
        Read::Failed(why) => Err(why),
    }
}

/// Which offered choice the answer is, if any.
pub fn right_choice(offered: &[Offered], answer: &Value) -> Option<usize> {
    offered.iter().position(|o| goal::same(&o.value, answer))
}
