//! The expression language of Obsidian Bases (filters and formulas): JavaScript-like, with
//! properties (`file.name`, `note.date`, `formula.age`, bare `date`), method calls
//! (`file.name.contains("x")`), global functions (`if`, `link`, `list`, `now`, …),
//! `== != < <= > >=`, `&& || !`, `+ - * / %` and parentheses.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    /// A name: `file`, `note`, `formula`, `this`, or a property.
    Name(String),
    /// `x.name`.
    Member(Box<Expr>, String),
    /// `x[i]`.
    Index(Box<Expr>, Box<Expr>),
    /// `f(args)` for a global function.
    Call(String, Vec<Expr>),
    /// `x.m(args)`.
    Method(Box<Expr>, String, Vec<Expr>),
    List(Vec<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// The operators are Dataview's, with the same meaning.
pub use crate::query::parse::BinOp as Op;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Str(String),
    Num(f64),
    Op(&'static str),
    End,
}

/// How long and how deep an expression may be (real ones are a line).
const MAX_TOKENS: usize = 1000;
const MAX_NESTING: u32 = 64;

fn lex(text: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |at: usize, message: String| ParseError { column: at + 1, message };
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '"' || c == '\'' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(err(at, "unterminated string".into())),
                    Some(&q) if q == c => break,
                    Some('\\') => {
                        i += 1;
                        match chars.get(i) {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some(&other) => s.push(other),
                            None => return Err(err(at, "unterminated string".into())),
                        }
                    }
                    Some(&ch) => s.push(ch),
                }
                i += 1;
            }
            i += 1;
            out.push((Tok::Str(s), at));
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (chars[j] == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                j += 1;
            }
            let s: String = chars[i..j].iter().collect();
            let n = s.parse::<f64>().map_err(|_| err(at, format!("bad number `{s}`")))?;
            out.push((Tok::Num(n), at));
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' || c == '$' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '$')) {
                j += 1;
            }
            out.push((Tok::Name(chars[i..j].iter().collect()), at));
            i = j;
            continue;
        }
        let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
        let op: Option<&'static str> = match two.as_str() {
            "==" => Some("=="),
            "!=" => Some("!="),
            "<=" => Some("<="),
            ">=" => Some(">="),
            "&&" => Some("&&"),
            "||" => Some("||"),
            _ => None,
        };
        if let Some(op) = op {
            // `===` and `!==` are the same comparisons.
            i += if chars.get(i + 2) == Some(&'=') && matches!(op, "==" | "!=") { 3 } else { 2 };
            out.push((Tok::Op(op), at));
            continue;
        }
        const SINGLE: [&str; 14] = ["<", ">", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", "."];
        let Some(&op) = SINGLE.iter().find(|s| s.starts_with(c)) else {
            return Err(err(at, format!("unexpected character `{c}`")));
        };
        out.push((Tok::Op(op), at));
        i += 1;
    }
    if out.len() > MAX_TOKENS {
        return Err(err(0, format!("the expression is longer than {MAX_TOKENS} tokens")));
    }
    out.push((Tok::End, chars.len()));
    Ok(out)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    pos: usize,
    nesting: u32,
}

/// Parses one expression.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let mut p = Parser { tokens: lex(text)?, pos: 0, nesting: 0 };
    let e = p.expr()?;
    if p.peek() != &Tok::End {
        return p.err("unexpected text after the expression");
    }
    Ok(e)
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].0
    }
    fn next(&mut self) -> Tok {
        let t = self.tokens[self.pos].0.clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }
    fn err<T>(&self, message: &str) -> Result<T, ParseError> {
        Err(ParseError { column: self.tokens[self.pos].1 + 1, message: message.into() })
    }
    fn eat(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Tok::Op(o) if *o == op) {
            self.next();
            true
        } else {
            false
        }
    }
    fn expect(&mut self, op: &str) -> Result<(), ParseError> {
        if self.eat(op) {
            Ok(())
        } else {
            self.err(&format!("expected `{op}`"))
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        if self.nesting >= MAX_NESTING {
            return self.err(&format!("the expression nests more than {MAX_NESTING} levels deep"));
        }
        self.nesting += 1;
        let e = self.binary(0);
        self.nesting -= 1;
        e
    }

    /// Precedence climbing: `||`, `&&`, equality, comparison, `+ -`, `* / %`.
    fn binary(&mut self, level: usize) -> Result<Expr, ParseError> {
        const LEVELS: &[&[(&str, Op)]] = &[
            &[("||", Op::Or)],
            &[("&&", Op::And)],
            &[("==", Op::Eq), ("!=", Op::Ne)],
            &[("<", Op::Lt), ("<=", Op::Le), (">", Op::Gt), (">=", Op::Ge)],
            &[("+", Op::Add), ("-", Op::Sub)],
            &[("*", Op::Mul), ("/", Op::Div), ("%", Op::Mod)],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for (sign, op) in LEVELS[level] {
                if self.eat(sign) {
                    let right = self.binary(level + 1)?;
                    left = Expr::Binary(*op, Box::new(left), Box::new(right));
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.nested_unary()?)));
        }
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.nested_unary()?)));
        }
        let mut e = self.primary()?;
        loop {
            if self.eat(".") {
                let Tok::Name(name) = self.next() else { return self.err("expected a name after `.`") };
                if self.eat("(") {
                    let args = self.args()?;
                    e = Expr::Method(Box::new(e), name, args);
                } else {
                    e = Expr::Member(Box::new(e), name);
                }
            } else if self.eat("[") {
                let index = self.expr()?;
                self.expect("]")?;
                e = Expr::Index(Box::new(e), Box::new(index));
            } else {
                return Ok(e);
            }
        }
    }

    fn nested_unary(&mut self) -> Result<Expr, ParseError> {
        if self.nesting >= MAX_NESTING {
            return self.err(&format!("the expression nests more than {MAX_NESTING} levels deep"));
        }
        self.nesting += 1;
        let e = self.unary();
        self.nesting -= 1;
        e
    }

    /// Arguments after `(`, up to and past `)`.
    fn args(&mut self) -> Result<Vec<Expr>, ParseError> {
        let mut args = Vec::new();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            args.push(self.expr()?);
            if self.eat(")") {
                return Ok(args);
            }
            self.expect(",")?;
        }
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        if self.peek() == &Tok::End {
            return self.err("expected a value, a property or `(`");
        }
        match self.next() {
            Tok::Num(n) => Ok(Expr::Number(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Op("(") => {
                let e = self.expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Op("[") => {
                let mut items = Vec::new();
                if !self.eat("]") {
                    loop {
                        items.push(self.expr()?);
                        if self.eat("]") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                Ok(Expr::List(items))
            }
            Tok::Name(name) => match name.as_str() {
                "true" => Ok(Expr::Bool(true)),
                "false" => Ok(Expr::Bool(false)),
                "null" => Ok(Expr::Null),
                _ if self.eat("(") => Ok(Expr::Call(name, self.args()?)),
                _ => Ok(Expr::Name(name)),
            },
            _ => {
                self.pos = self.pos.saturating_sub(1);
                self.err("expected a value, a property or `(`")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kepanos_filters_and_formulas_parse() {
        for text in [
            "categories.contains(link(\"Meetings\"))",
            "!file.name.contains(\"Template\")",
            "list(people).contains(this)",
            "(now() - birthday).years.floor()",
            "file.name != this.file.name",
            "this.file.hasLink(file)",
            "if(file.embeds[0].containsAny(\"jpg\",\"gif\"), file.embeds[0])",
            "(price / formula.totalUses).toFixed(2)",
            "note.rating > 6 && !file.tags.contains('daily')",
        ] {
            parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        }
        assert_eq!(
            parse("a + b * 2").unwrap(),
            Expr::Binary(
                Op::Add,
                Box::new(Expr::Name("a".into())),
                Box::new(Expr::Binary(Op::Mul, Box::new(Expr::Name("b".into())), Box::new(Expr::Number(2.0))))
            )
        );
        assert_eq!(parse("a ==").unwrap_err().column, 5);
        assert!(parse(&"(".repeat(5000)).is_err());
        assert!(parse(&"!".repeat(5000)).is_err());
    }
}
