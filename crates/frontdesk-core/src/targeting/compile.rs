//! Checking a condition tree when it is saved and compiling it for evaluation.

use super::{kind_of, operators, Condition, Kind};

/// The deepest nesting of groups accepted.
pub const MAX_DEPTH: usize = 8;
/// The most tests and groups in one tree.
pub const MAX_CONDITIONS: usize = 200;
/// The longest regular expression accepted.
pub const MAX_REGEX_LEN: usize = 500;
/// The compiled size a regular expression may take, which bounds matching time.
const REGEX_SIZE_LIMIT: usize = 256 * 1024;

/// A checked tree, with values typed and regular expressions compiled.
#[derive(Debug, Clone)]
pub enum Compiled {
    All(Vec<Compiled>),
    Any(Vec<Compiled>),
    Test(CompiledTest),
}

/// A checked test.
#[derive(Debug, Clone)]
pub struct CompiledTest {
    pub(super) attribute: String,
    pub(super) op: Op,
    pub(super) value: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Eq,
    NotEq,
    Gt,
    Gte,
    Lt,
    Lte,
    Contains,
    NotContains,
    StartsWith,
    NotStartsWith,
    Regex,
}

#[derive(Debug, Clone)]
pub(super) enum Value {
    Number(f64),
    Text(String),
    Bool(bool),
    Pattern(regex::Regex),
}

/// Why a tree was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct CompileError {
    /// Where in the tree, e.g. `all[1].any[0]`.
    pub path: String,
    pub message: String,
}

fn op_of(name: &str) -> Option<Op> {
    Some(match name {
        "eq" => Op::Eq,
        "not_eq" => Op::NotEq,
        "gt" => Op::Gt,
        "gte" => Op::Gte,
        "lt" => Op::Lt,
        "lte" => Op::Lte,
        "contains" => Op::Contains,
        "not_contains" => Op::NotContains,
        "starts_with" => Op::StartsWith,
        "not_starts_with" => Op::NotStartsWith,
        "regex" => Op::Regex,
        _ => return None,
    })
}

struct Compiler {
    count: usize,
    warnings: Vec<String>,
}

impl Compiler {
    fn fail(path: &str, message: impl Into<String>) -> CompileError {
        CompileError {
            path: if path.is_empty() {
                "condition".into()
            } else {
                path.into()
            },
            message: message.into(),
        }
    }

    fn node(&mut self, c: &Condition, path: &str, depth: usize) -> Result<Compiled, CompileError> {
        self.count += 1;
        if self.count > MAX_CONDITIONS {
            return Err(Self::fail(
                path,
                format!("more than {MAX_CONDITIONS} conditions"),
            ));
        }
        if depth > MAX_DEPTH {
            return Err(Self::fail(
                path,
                format!("groups nested deeper than {MAX_DEPTH}"),
            ));
        }
        match c {
            Condition::All { all } => {
                let items = self.group(all, &format!("{path}all"), depth)?;
                self.warn_impossible(&items, path);
                Ok(Compiled::All(items))
            }
            Condition::Any { any } => Ok(Compiled::Any(self.group(
                any,
                &format!("{path}any"),
                depth,
            )?)),
            Condition::Test(t) => Ok(Compiled::Test(test(t, path)?)),
        }
    }

    fn group(
        &mut self,
        items: &[Condition],
        path: &str,
        depth: usize,
    ) -> Result<Vec<Compiled>, CompileError> {
        items
            .iter()
            .enumerate()
            .map(|(i, c)| self.node(c, &format!("{path}[{i}]."), depth + 1))
            .collect()
    }

    /// Two different exact values of one text attribute under `all` can never both hold, nor
    /// can bounds on one number that leave no value between them (an empty hour range).
    fn warn_impossible(&mut self, items: &[Compiled], path: &str) {
        self.warn_exact(items, path);
        self.warn_empty_ranges(items, path);
    }

    fn warn_empty_ranges(&mut self, items: &[Compiled], path: &str) {
        let mut ranges: Vec<(&str, NumberRange)> = Vec::new();
        for c in items {
            let Compiled::Test(CompiledTest {
                attribute,
                op,
                value: Value::Number(n),
            }) = c
            else {
                continue;
            };
            let at = match ranges.iter().position(|(a, _)| a == attribute) {
                Some(i) => i,
                None => {
                    ranges.push((attribute, NumberRange::default()));
                    ranges.len() - 1
                }
            };
            ranges[at].1.narrow(*op, *n);
        }
        for (attribute, range) in ranges {
            if range.is_empty() {
                self.warnings.push(format!(
                    "{}: no '{attribute}' satisfies all of its bounds at once",
                    at_path(path)
                ));
            }
        }
    }

    fn warn_exact(&mut self, items: &[Compiled], path: &str) {
        let exact: Vec<(&str, &str)> = items
            .iter()
            .filter_map(|c| match c {
                Compiled::Test(CompiledTest {
                    attribute,
                    op: Op::Eq,
                    value: Value::Text(v),
                }) => Some((attribute.as_str(), v.as_str())),
                _ => None,
            })
            .collect();
        for (i, (a, v)) in exact.iter().enumerate() {
            if exact[..i].iter().any(|(b, w)| a == b && v != w) {
                self.warnings.push(format!(
                    "{}: '{a}' cannot equal two different values at once",
                    at_path(path)
                ));
            }
        }
    }
}

fn at_path(path: &str) -> &str {
    if path.is_empty() {
        "condition"
    } else {
        path.trim_end_matches('.')
    }
}

/// The values of one number that a conjunction of its tests still allows.
#[derive(Debug, Clone, Copy)]
struct NumberRange {
    /// Lower bound and whether it is included.
    low: (f64, bool),
    high: (f64, bool),
}

impl Default for NumberRange {
    fn default() -> Self {
        Self {
            low: (f64::NEG_INFINITY, true),
            high: (f64::INFINITY, true),
        }
    }
}

impl NumberRange {
    fn narrow(&mut self, op: Op, n: f64) {
        let raise = |low: &mut (f64, bool), bound: (f64, bool)| {
            if bound.0 > low.0 || (bound.0 == low.0 && !bound.1) {
                *low = bound;
            }
        };
        let lower = |high: &mut (f64, bool), bound: (f64, bool)| {
            if bound.0 < high.0 || (bound.0 == high.0 && !bound.1) {
                *high = bound;
            }
        };
        match op {
            Op::Eq => {
                raise(&mut self.low, (n, true));
                lower(&mut self.high, (n, true));
            }
            Op::Gt => raise(&mut self.low, (n, false)),
            Op::Gte => raise(&mut self.low, (n, true)),
            Op::Lt => lower(&mut self.high, (n, false)),
            Op::Lte => lower(&mut self.high, (n, true)),
            _ => {}
        }
    }

    fn is_empty(&self) -> bool {
        let (low, low_in) = self.low;
        let (high, high_in) = self.high;
        low > high || (low == high && !(low_in && high_in))
    }
}

fn test(t: &super::Test, path: &str) -> Result<CompiledTest, CompileError> {
    let here = |message: String| Compiler::fail(path.trim_end_matches('.'), message);
    let kind = kind_of(&t.attribute)
        .ok_or_else(|| here(format!("unknown attribute '{}'", t.attribute)))?;
    if !operators(kind).contains(&t.op.as_str()) {
        return Err(here(format!(
            "'{}' does not take the operator '{}' (use one of {})",
            t.attribute,
            t.op,
            operators(kind).join(", ")
        )));
    }
    let op = op_of(&t.op).ok_or_else(|| here(format!("unknown operator '{}'", t.op)))?;
    let value = match (kind, op) {
        (Kind::Number, _) => Value::Number(
            t.value
                .as_f64()
                .ok_or_else(|| here(format!("'{}' needs a number", t.attribute)))?,
        ),
        (Kind::Boolean, _) => Value::Bool(
            t.value
                .as_bool()
                .ok_or_else(|| here(format!("'{}' needs true or false", t.attribute)))?,
        ),
        (Kind::Choice(choices), _) => {
            let v = t.value.as_str().unwrap_or_default();
            if !choices.contains(&v) {
                return Err(here(format!(
                    "'{}' is one of {}",
                    t.attribute,
                    choices.join(", ")
                )));
            }
            Value::Text(v.to_owned())
        }
        (Kind::Text, Op::Regex) => {
            let pattern = t
                .value
                .as_str()
                .ok_or_else(|| here("a regular expression is a text".into()))?;
            if pattern.len() > MAX_REGEX_LEN {
                return Err(here(format!(
                    "the regular expression is longer than {MAX_REGEX_LEN} characters"
                )));
            }
            let compiled = regex::RegexBuilder::new(pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| {
                    here(format!(
                        "invalid regular expression: {}",
                        e.to_string().lines().last().unwrap_or("")
                    ))
                })?;
            Value::Pattern(compiled)
        }
        (Kind::Text, _) => Value::Text(
            t.value
                .as_str()
                .ok_or_else(|| here(format!("'{}' needs a text", t.attribute)))?
                .to_lowercase(),
        ),
    };
    Ok(CompiledTest {
        attribute: t.attribute.clone(),
        op,
        value,
    })
}

/// Checks and compiles a tree; returns it with warnings about conditions that can never hold.
pub fn compile(condition: &Condition) -> Result<(Compiled, Vec<String>), CompileError> {
    let mut compiler = Compiler {
        count: 0,
        warnings: Vec::new(),
    };
    let compiled = compiler.node(condition, "", 0)?;
    Ok((compiled, compiler.warnings))
}
