//! Just enough Python to read an original plugin's `models/task_types.py`: the classes, their
//! bases, the attributes assigned in their bodies (as literals, when they are literals) and
//! the names of their methods. Nothing is run.

/// A Python literal, or a name (a constant imported from elsewhere).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    Name(String),
    List(Vec<Literal>),
    Dict(Vec<(Literal, Literal)>),
}

impl Literal {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A class statement at the top level of a module.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub name: String,
    pub bases: Vec<String>,
    /// `NAME = value` in the class body: the value, or the source text it could not read.
    pub attributes: Vec<(String, Result<Literal, String>)>,
    pub methods: Vec<String>,
}

impl Class {
    pub fn attribute(&self, name: &str) -> Option<&Result<Literal, String>> {
        self.attributes
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

/// The top-level classes of a module.
pub fn classes(source: &str) -> Vec<Class> {
    let statements = logical_lines(source);
    let mut classes: Vec<Class> = Vec::new();
    // Whether the statements being read are a class's body: any other top-level statement
    // (a function, an `if`) ends it, and its own body is not the class's.
    let mut in_class = false;
    for (indent, text) in statements {
        if indent == 0 {
            in_class = text.starts_with("class ");
            if let Some(header) = text.strip_prefix("class ") {
                let (name, bases) = match header.split_once('(') {
                    Some((name, rest)) => (
                        name,
                        rest.split(')')
                            .next()
                            .unwrap_or_default()
                            .split(',')
                            .map(|b| b.trim().to_string())
                            .filter(|b| !b.is_empty())
                            .collect(),
                    ),
                    None => (header.trim_end_matches(':'), Vec::new()),
                };
                classes.push(Class {
                    name: name.trim().to_string(),
                    bases,
                    attributes: Vec::new(),
                    methods: Vec::new(),
                });
            }
            continue;
        }
        let Some(class) = classes.last_mut().filter(|_| in_class) else {
            continue;
        };
        if let Some(def) = text.strip_prefix("def ") {
            let name = def.split('(').next().unwrap_or_default().trim();
            class.methods.push(name.to_string());
        } else if let Some((target, value)) = assignment(&text) {
            let parsed = parse(value).ok_or_else(|| value.trim().to_string());
            class.attributes.push((target, parsed));
        }
    }
    classes
}

/// `NAME = value` or `NAME: annotation = value`.
fn assignment(text: &str) -> Option<(String, &str)> {
    let (target, value) = text.split_once('=')?;
    if value.starts_with('=') {
        return None;
    }
    let name = target.split(':').next()?.trim();
    let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_name.then(|| (name.to_string(), value))
}

/// Statements with their indentation, joined across open brackets and backslashes; comments,
/// blank lines and docstrings left out. Lines inside a method body have a deeper indentation
/// than its `def` and are skipped with it.
fn logical_lines(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut lines = source.lines();
    let mut body_indent: Option<usize> = None;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let mut text = strip_comment(trimmed).to_string();
        for quotes in ["\"\"\"", "'''"] {
            if text.starts_with(quotes) && !text[3..].contains(quotes) {
                // A docstring that goes on: skip to its end.
                for more in lines.by_ref() {
                    if more.contains(quotes) {
                        break;
                    }
                }
                text.clear();
            }
        }
        if text.is_empty() || text.starts_with("\"\"\"") || text.starts_with("'''") {
            continue;
        }
        while depth(&text) > 0 || text.ends_with('\\') {
            let Some(more) = lines.next() else { break };
            text = format!(
                "{} {}",
                text.trim_end_matches('\\'),
                strip_comment(more.trim())
            );
        }
        if indent == 0 {
            body_indent = None;
        } else if body_indent.is_none() {
            body_indent = Some(indent);
        }
        // Only statements of the class body itself (its first indentation) count.
        if indent == 0 || Some(indent) == body_indent {
            out.push((indent, text));
        }
    }
    out
}

/// The line without a trailing `# comment` (a `#` inside a string stays).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if !escaped && c == q => quote = None,
            Some(_) => escaped = !escaped && c == '\\',
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => return line[..i].trim_end(),
            None => {}
        }
    }
    line
}

/// Open brackets outside strings.
fn depth(text: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) if !escaped && c == q => quote = None,
            Some(_) => escaped = !escaped && c == '\\',
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            },
        }
    }
    depth
}

/// The literal `text` is, if it is one (a call, an operator or a comprehension is not).
pub fn parse(text: &str) -> Option<Literal> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    let value = parser.value()?;
    parser.blank();
    (parser.at == parser.chars.len()).then_some(value)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn blank(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.blank();
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Literal> {
        self.blank();
        match self.peek()? {
            '[' | '(' => {
                let close = if self.peek() == Some('[') { ']' } else { ')' };
                self.at += 1;
                let mut items = Vec::new();
                while !self.eat(close) {
                    items.push(self.value()?);
                    if !self.eat(',') {
                        self.eat(close).then_some(())?;
                        break;
                    }
                }
                Some(Literal::List(items))
            }
            '{' => {
                self.at += 1;
                let mut pairs = Vec::new();
                while !self.eat('}') {
                    let key = self.value()?;
                    self.eat(':').then_some(())?;
                    pairs.push((key, self.value()?));
                    if !self.eat(',') {
                        self.eat('}').then_some(())?;
                        break;
                    }
                }
                Some(Literal::Dict(pairs))
            }
            c if c.is_ascii_digit() || c == '-' || c == '.' => self.number(),
            _ => {
                if let Some(text) = self.strings() {
                    return Some(Literal::Str(text));
                }
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    self.at += 1;
                }
                let name: String = self.chars[start..self.at].iter().collect();
                match name.as_str() {
                    "" => None,
                    "True" => Some(Literal::Bool(true)),
                    "False" => Some(Literal::Bool(false)),
                    "None" => Some(Literal::None),
                    _ => Some(Literal::Name(name)),
                }
            }
        }
    }

    fn number(&mut self) -> Option<Literal> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
        {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at]
            .iter()
            .filter(|c| **c != '_')
            .collect();
        if let Ok(n) = text.parse::<i64>() {
            return Some(Literal::Int(n));
        }
        text.parse::<f64>().ok().map(Literal::Float)
    }

    /// One string, or several written side by side (Python joins them).
    fn strings(&mut self) -> Option<String> {
        let mut joined: Option<String> = None;
        loop {
            let save = self.at;
            self.blank();
            while self
                .peek()
                .is_some_and(|c| matches!(c, 'u' | 'U' | 'r' | 'R' | 'b' | 'B'))
            {
                self.at += 1;
            }
            let raw = self.chars[save..self.at]
                .iter()
                .any(|c| matches!(c, 'r' | 'R'));
            let Some(quote) = self.peek().filter(|c| *c == '\'' || *c == '"') else {
                self.at = save;
                return joined;
            };
            let triple = self.chars.get(self.at..self.at + 3) == Some(&[quote; 3][..]);
            self.at += if triple { 3 } else { 1 };
            let mut text = String::new();
            loop {
                let c = self.peek()?;
                if c == quote
                    && (!triple || self.chars.get(self.at..self.at + 3) == Some(&[quote; 3][..]))
                {
                    self.at += if triple { 3 } else { 1 };
                    break;
                }
                self.at += 1;
                if c == '\\' && !raw {
                    let escaped = self.peek()?;
                    self.at += 1;
                    text.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                } else {
                    text.push(c);
                }
            }
            joined.get_or_insert_with(String::new).push_str(&text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_read_and_calls_are_not() {
        assert_eq!(parse("'a' \"b\""), Some(Literal::Str("ab".into())));
        assert_eq!(parse("u'Кіт'"), Some(Literal::Str("Кіт".into())));
        assert_eq!(parse("3"), Some(Literal::Int(3)));
        assert_eq!(parse("1.5"), Some(Literal::Float(1.5)));
        assert_eq!(
            parse("['a',\n 'b',]"),
            Some(Literal::List(vec![
                Literal::Str("a".into()),
                Literal::Str("b".into())
            ]))
        );
        assert_eq!(
            parse("{KEY: 1.0, 'x': True}"),
            Some(Literal::Dict(vec![
                (Literal::Name("KEY".into()), Literal::Float(1.0)),
                (Literal::Str("x".into()), Literal::Bool(true)),
            ]))
        );
        assert_eq!(parse("_('Name')"), None);
        assert_eq!(parse("3 + 4"), None);
    }

    #[test]
    fn a_plugins_class_is_read() {
        let source = r#"
# -*- coding: utf-8 -*-
from vulyk.models.task_types import AbstractTaskType


class ReviewTaskType(AbstractTaskType):
    """
    A docstring = with an equals sign.
    """
    answer_model = ReviewAnswer
    task_model = ReviewTask

    name = 'Рецензія'  # a comment
    redundancy = 2
    JS_ASSETS = ['static/scripts/a.js',
                 'static/scripts/b.js']
    _task_type_meta = {
        'points': 1.0,
    }

    def _is_ready_for_autoclose(self, task, answer):
        threshold = 2
        return False
"#;
        let classes = classes(source);
        assert_eq!(classes.len(), 1);
        let class = &classes[0];
        assert_eq!(class.name, "ReviewTaskType");
        assert_eq!(class.bases, ["AbstractTaskType"]);
        assert_eq!(class.methods, ["_is_ready_for_autoclose"]);
        assert_eq!(
            class.attribute("name"),
            Some(&Ok(Literal::Str("Рецензія".into())))
        );
        assert_eq!(class.attribute("redundancy"), Some(&Ok(Literal::Int(2))));
        assert_eq!(
            class.attribute("task_model"),
            Some(&Ok(Literal::Name("ReviewTask".into())))
        );
        assert!(matches!(class.attribute("JS_ASSETS"), Some(Ok(Literal::List(l))) if l.len() == 2));
        assert!(class.attribute("threshold").is_none());
    }

    #[test]
    fn what_follows_a_class_at_the_top_level_is_not_its_body() {
        let source = "class A(Base):\n    x = 1\n\nif DEBUG:\n    x = 2\n\ndef f():\n    y = 3\n";
        let classes = classes(source);
        assert_eq!(classes[0].attribute("x"), Some(&Ok(Literal::Int(1))));
        assert!(classes[0].attribute("y").is_none());
    }
}
