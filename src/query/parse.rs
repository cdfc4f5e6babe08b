//! The Dataview query language, the subset vaults use: a tokenizer and a recursive-descent
//! parser. Errors carry the 1-based column in the query, like a compiler's.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub kind: QueryKind,
    pub from: Option<Source>,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QueryKind {
    /// `LIST`, `LIST expr` or `LIST WITHOUT ID expr`.
    List {
        expr: Option<Expr>,
        without_id: bool,
    },
    Task,
    /// `TABLE [WITHOUT ID] expr [AS "name"], …`.
    Table {
        without_id: bool,
        columns: Vec<(Expr, String)>,
    },
    /// `CALENDAR expr`: each page on the date `expr` gives.
    Calendar(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    Where(Expr),
    Sort(Vec<(Expr, bool)>),
    Limit(usize),
    /// `GROUP BY expr [AS name]`: the name is the expression's text unless given.
    GroupBy(Expr, String),
    /// `FLATTEN expr [AS name]`: one row per item of the list, the item under `name`.
    Flatten(Expr, String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// `""` (the whole vault) or `"Folder/Sub"`.
    Folder(String),
    /// `#tag` (and its subtags).
    Tag(String),
    /// `[[Note]]`: pages linking to Note; `[[]]` is the page holding the query.
    LinksTo(String),
    /// `outgoing([[Note]])`: pages Note links to.
    Outgoing(String),
    And(Box<Source>, Box<Source>),
    Or(Box<Source>, Box<Source>),
    Not(Box<Source>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    /// `[[Note]]` as a value.
    Link(String),
    /// A dotted field path: `file.name`, `this.file.link`, `due`.
    Field(Vec<String>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    /// `{ key: value, "other key": value }`.
    Object(Vec<(String, Expr)>),
    /// `(a, b) => expr`: a function, as the argument of `map`, `filter`, `sort`, ….
    Lambda(Vec<String>, Box<Expr>),
    /// `((a) => a + 1)(2)`: a function written in place, called.
    Apply(Box<Expr>, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based column (in characters) in the query text; 1-based line too.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl ParseError {
    /// The message with the query line and a caret under the column.
    pub fn render(&self, query: &str) -> String {
        let line = query.lines().nth(self.line - 1).unwrap_or("");
        format!("{self}\n  {line}\n  {}^", " ".repeat(self.column.saturating_sub(1)))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Link(String),
    Tag(String),
    Op(&'static str),
    End,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    /// Character offset in the query.
    at: usize,
}

/// An emoji (or its joiner and variation selector), which Dataview allows in names and tags.
pub(super) fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x200D | 0xFE0F)
}

fn lex(q: &str) -> Result<Vec<Token>, (usize, String)> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // `// …` to the end of the line is a comment.
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        // `![[embed]]` is a link (an embed), not a negation.
        if c == '!' && chars.get(i + 1) == Some(&'[') && chars.get(i + 2) == Some(&'[') {
            i += 1;
            continue;
        }
        if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err((at, "unterminated string".into())),
                    Some('"') => break,
                    Some('\\') => {
                        // As Dataview: `\"` and `\\` are the character; any other escape stays
                        // as written, so `"\w+"` is a regular expression's `\w+`.
                        if let Some(&n) = chars.get(i + 1) {
                            if !matches!(n, '"' | '\\') {
                                s.push('\\');
                            }
                            s.push(n);
                            i += 1;
                        }
                    }
                    Some(&ch) => s.push(ch),
                }
                i += 1;
            }
            i += 1;
            out.push(Token { tok: Tok::Str(s), at });
            continue;
        }
        if c == '[' && chars.get(i + 1) == Some(&'[') {
            let start = i + 2;
            let mut j = start;
            while j + 1 < chars.len() && !(chars[j] == ']' && chars[j + 1] == ']') {
                j += 1;
            }
            if j + 1 >= chars.len() {
                return Err((at, "unterminated link `[[`".into()));
            }
            out.push(Token { tok: Tok::Link(chars[start..j].iter().collect()), at });
            i = j + 2;
            continue;
        }
        if c == '#' {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '-' | '/') || is_emoji(chars[j]))
            {
                j += 1;
            }
            if j == i + 1 {
                return Err((at, "`#` must start a tag".into()));
            }
            out.push(Token { tok: Tok::Tag(chars[i + 1..j].iter().collect()), at });
            i = j;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let s: String = chars[i..j].iter().collect();
            let n = s.parse::<f64>().map_err(|_| (at, format!("bad number `{s}`")))?;
            out.push(Token { tok: Tok::Num(n), at });
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' || is_emoji(c) {
            let mut j = i;
            // Field names may hold `-` (lower-kebab form of names with spaces) and `.` paths.
            while j < chars.len()
                && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '-' | '.') || is_emoji(chars[j]))
            {
                j += 1;
            }
            // A trailing `-` or `.` belongs to what follows (`a-1`, `x.`): give it back.
            while j > i + 1 && matches!(chars[j - 1], '-' | '.') {
                j -= 1;
            }
            out.push(Token { tok: Tok::Ident(chars[i..j].iter().collect()), at });
            i = j;
            continue;
        }
        let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
        let op: Option<&'static str> = match two.as_str() {
            "!=" => Some("!="),
            "<=" => Some("<="),
            ">=" => Some(">="),
            "&&" => Some("&"),
            "||" => Some("|"),
            "=>" => Some("=>"),
            _ => None,
        };
        if let Some(op) = op {
            out.push(Token { tok: Tok::Op(op), at });
            i += 2;
            continue;
        }
        let op: &'static str = match c {
            '=' => "=",
            '<' => "<",
            '>' => ">",
            '!' => "!",
            '+' => "+",
            '-' => "-",
            '*' => "*",
            '/' => "/",
            '%' => "%",
            ':' => ":",
            '(' => "(",
            ')' => ")",
            '[' => "[",
            ']' => "]",
            '{' => "{",
            '}' => "}",
            ',' => ",",
            '.' => ".",
            '&' => "&",
            '|' => "|",
            _ => return Err((at, format!("unexpected character `{c}`"))),
        };
        out.push(Token { tok: Tok::Op(op), at });
        i += 1;
    }
    out.push(Token { tok: Tok::End, at: chars.len() });
    Ok(out)
}

const CLAUSE_WORDS: &[&str] = &["from", "where", "sort", "limit", "group", "flatten"];

/// A query longer than this many tokens is refused: real ones have dozens, and the bound
/// keeps every tree the parser builds (and what walks it later) shallow.
pub const MAX_QUERY_TOKENS: usize = 1000;
/// How deep brackets, calls and `FROM` groups may nest in a query.
pub const MAX_QUERY_NESTING: u32 = 64;

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<Token>,
    pos: usize,
    /// Open brackets, calls and groups around the current position.
    nesting: u32,
}

/// Parses a query.
pub fn parse(query: &str) -> Result<Query, ParseError> {
    let mut p = Parser::new(query, 0)?;
    p.query()
}

impl<'q> Parser<'q> {
    fn new(query: &'q str, nesting: u32) -> Result<Self, ParseError> {
        let tokens = lex(query).map_err(|(at, message)| error_at(query, at, message))?;
        if let Some(past) = tokens.get(MAX_QUERY_TOKENS) {
            let message = format!("the query is longer than {MAX_QUERY_TOKENS} tokens");
            return Err(error_at(query, past.at, message));
        }
        Ok(Parser { query, tokens, pos: 0, nesting })
    }

    /// Runs `parse` one level deeper, refusing to go past [`MAX_QUERY_NESTING`].
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> Result<T, ParseError>) -> Result<T, ParseError> {
        if self.nesting >= MAX_QUERY_NESTING {
            return self.err(format!("the query nests more than {MAX_QUERY_NESTING} levels deep"));
        }
        self.nesting += 1;
        let result = parse(self);
        self.nesting -= 1;
        result
    }
}

fn error_at(query: &str, at: usize, message: String) -> ParseError {
    let before: String = query.chars().take(at).collect();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ParseError { line, column, message }
}

impl<'q> Parser<'q> {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].tok
    }
    fn next(&mut self) -> Token {
        let t = self.tokens[self.pos].clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }
    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(error_at(self.query, self.tokens[self.pos].at, message.into()))
    }
    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s.eq_ignore_ascii_case(word))
    }
    fn eat_word(&mut self, word: &str) -> bool {
        if self.is_word(word) {
            self.next();
            true
        } else {
            false
        }
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.next();
            true
        } else {
            false
        }
    }
    fn expect_op(&mut self, op: &str) -> Result<(), ParseError> {
        if self.eat_op(op) {
            Ok(())
        } else {
            self.err(format!("expected `{op}`"))
        }
    }
    fn at_clause(&self) -> bool {
        // `sort(list)` is the function, not the SORT clause: as in Dataview, a clause word is
        // followed by a space, so `WHERE (a OR b)` is a clause.
        let call = match (&self.tokens[self.pos], self.tokens.get(self.pos + 1)) {
            (Token { tok: Tok::Ident(word), at }, Some(Token { tok: Tok::Op("("), at: paren })) => {
                *paren == at + word.chars().count()
            }
            _ => false,
        };
        matches!(self.peek(), Tok::End) || (!call && CLAUSE_WORDS.iter().any(|w| self.is_word(w)))
    }

    fn query(&mut self) -> Result<Query, ParseError> {
        let kind = if self.eat_word("list") {
            let without_id = self.is_word("without") && {
                self.next();
                if !self.eat_word("id") {
                    return self.err("expected `ID` after `WITHOUT`");
                }
                true
            };
            let expr = if self.at_clause() { None } else { Some(self.expr()?) };
            QueryKind::List { expr, without_id }
        } else if self.eat_word("task") {
            QueryKind::Task
        } else if self.eat_word("table") {
            let without_id = if self.is_word("without") {
                self.next();
                if !self.eat_word("id") {
                    return self.err("expected `ID` after `WITHOUT`");
                }
                true
            } else {
                false
            };
            let mut columns = Vec::new();
            while !self.at_clause() {
                columns.push(self.named_expr()?);
                if !self.eat_op(",") {
                    break;
                }
            }
            QueryKind::Table { without_id, columns }
        } else if self.eat_word("calendar") {
            QueryKind::Calendar(self.named_expr()?.0)
        } else {
            return self.err("a query starts with LIST, TASK, TABLE or CALENDAR");
        };
        let mut from = None;
        let mut clauses = Vec::new();
        loop {
            if matches!(self.peek(), Tok::End) {
                break;
            }
            if self.eat_word("from") {
                if from.is_some() {
                    return self.err("FROM given twice");
                }
                from = Some(self.source_or()?);
            } else if self.eat_word("where") {
                clauses.push(Clause::Where(self.expr()?));
            } else if self.eat_word("sort") {
                let mut keys = Vec::new();
                loop {
                    let e = self.expr()?;
                    let asc = if self.eat_word("desc") || self.eat_word("descending") {
                        false
                    } else {
                        let _ = self.eat_word("asc") || self.eat_word("ascending");
                        true
                    };
                    keys.push((e, asc));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                clauses.push(Clause::Sort(keys));
            } else if self.eat_word("limit") {
                match self.next().tok {
                    Tok::Num(n) if n >= 0.0 && n.fract() == 0.0 => clauses.push(Clause::Limit(n as usize)),
                    _ => return self.err("LIMIT takes a whole number"),
                }
            } else if self.is_word("group") {
                self.next();
                if !self.eat_word("by") {
                    return self.err("expected `BY` after `GROUP`");
                }
                let (e, name) = self.named_expr()?;
                clauses.push(Clause::GroupBy(e, name));
            } else if self.eat_word("flatten") {
                let (e, name) = self.named_expr()?;
                clauses.push(Clause::Flatten(e, name));
            } else {
                return self.err("expected FROM, WHERE, SORT, GROUP BY, FLATTEN or LIMIT");
            }
        }
        Ok(Query { kind, from, clauses })
    }

    /// `expr [AS name]`; without a name, the expression's text as written (on one line, as
    /// Dataview strips the line breaks out of it).
    fn named_expr(&mut self) -> Result<(Expr, String), ParseError> {
        let start = self.tokens[self.pos].at;
        let expr = self.expr()?;
        let end = self.tokens[self.pos].at;
        let name = if self.eat_word("as") {
            match self.next().tok {
                Tok::Str(s) | Tok::Ident(s) => s,
                _ => return self.err("expected a name after `AS`"),
            }
        } else {
            let raw: String = self.query.chars().skip(start).take(end - start).collect();
            raw.lines().map(str::trim).collect::<String>()
        };
        Ok((expr, name))
    }

    fn source_or(&mut self) -> Result<Source, ParseError> {
        let mut left = self.source_and()?;
        while self.eat_word("or") || self.eat_op("|") {
            let right = self.source_and()?;
            left = Source::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn source_and(&mut self) -> Result<Source, ParseError> {
        let mut left = self.source_atom()?;
        while self.eat_word("and") || self.eat_op("&") {
            let right = self.source_atom()?;
            left = Source::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn source_atom(&mut self) -> Result<Source, ParseError> {
        if matches!(self.peek(), Tok::End) {
            return self.err("expected a folder \"…\", a #tag or a [[link]]");
        }
        if self.eat_op("-") || self.eat_op("!") {
            return Ok(Source::Not(Box::new(self.nested(Self::source_atom)?)));
        }
        if self.eat_op("(") {
            let s = self.nested(Self::source_or)?;
            self.expect_op(")")?;
            return Ok(s);
        }
        if self.is_word("outgoing") {
            self.next();
            self.expect_op("(")?;
            let Tok::Link(l) = self.next().tok else { return self.err("outgoing() takes a [[link]]") };
            self.expect_op(")")?;
            return Ok(Source::Outgoing(l));
        }
        match self.next().tok {
            Tok::Str(s) => Ok(Source::Folder(s)),
            Tok::Tag(t) => Ok(Source::Tag(t)),
            Tok::Link(l) => Ok(Source::LinksTo(l)),
            _ => {
                self.pos -= 1;
                self.err("expected a folder \"…\", a #tag or a [[link]]")
            }
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.nested(Self::or)
    }
    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.and()?;
        while self.eat_word("or") || self.eat_op("|") {
            left = Expr::Binary(BinOp::Or, Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.compare()?;
        while self.eat_word("and") || self.eat_op("&") {
            left = Expr::Binary(BinOp::And, Box::new(left), Box::new(self.compare()?));
        }
        Ok(left)
    }
    fn compare(&mut self) -> Result<Expr, ParseError> {
        let left = self.additive()?;
        let op = match self.peek() {
            Tok::Op("=") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            _ => return Ok(left),
        };
        self.next();
        Ok(Expr::Binary(op, Box::new(left), Box::new(self.additive()?)))
    }
    fn additive(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = if self.eat_op("+") {
                BinOp::Add
            } else if self.eat_op("-") {
                BinOp::Sub
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.multiplicative()?));
        }
    }
    fn multiplicative(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_op("*") {
                BinOp::Mul
            } else if self.eat_op("/") {
                BinOp::Div
            } else if self.eat_op("%") {
                BinOp::Mod
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }
    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.eat_op("!") {
            return Ok(Expr::Not(Box::new(self.nested(Self::unary)?)));
        }
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.nested(Self::unary)?)));
        }
        let mut e = self.primary()?;
        loop {
            if self.eat_op("[") {
                let index = self.expr()?;
                self.expect_op("]")?;
                e = Expr::Index(Box::new(e), Box::new(index));
            } else if matches!(e, Expr::Lambda(..) | Expr::Apply(..)) && self.eat_op("(") {
                e = Expr::Apply(Box::new(e), self.items_until(")")?);
            } else if self.eat_op(".") {
                // `meta(section).subpath`: a field of a computed value.
                let Tok::Ident(name) = self.next().tok else { return self.err("expected a field name after `.`") };
                for part in name.split('.') {
                    e = Expr::Index(Box::new(e), Box::new(Expr::Str(part.to_string())));
                }
            } else {
                return Ok(e);
            }
        }
    }
    fn primary(&mut self) -> Result<Expr, ParseError> {
        if matches!(self.peek(), Tok::End) {
            return self.err("expected a value, a field or `(`");
        }
        let t = self.next();
        match t.tok {
            Tok::Num(n) => Ok(Expr::Number(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Link(l) => Ok(Expr::Link(l)),
            Tok::Op("(") => {
                if let Some(params) = self.lambda_params() {
                    let body = self.expr()?;
                    return Ok(Expr::Lambda(params, Box::new(body)));
                }
                let e = self.expr()?;
                self.expect_op(")")?;
                Ok(e)
            }
            Tok::Op("{") => {
                let mut entries = Vec::new();
                if !self.eat_op("}") {
                    loop {
                        let key = match self.next().tok {
                            Tok::Ident(k) | Tok::Str(k) => k,
                            _ => return self.err("expected a key (a name or a \"string\") in `{ … }`"),
                        };
                        self.expect_op(":")?;
                        entries.push((key, self.expr()?));
                        if self.eat_op("}") {
                            break;
                        }
                        self.expect_op(",")?;
                    }
                }
                Ok(Expr::Object(entries))
            }
            Tok::Op("[") => Ok(Expr::List(self.items_until("]")?)),
            Tok::Ident(name) => {
                let lower = name.to_lowercase();
                match lower.as_str() {
                    "true" => return Ok(Expr::Bool(true)),
                    "false" => return Ok(Expr::Bool(false)),
                    "null" => return Ok(Expr::Null),
                    _ => {}
                }
                if self.is_op("(") && !name.contains('.') {
                    self.next();
                    // `date(today)`, `date(2025-09-03)`, `dur(7 days)`: a bare date word or
                    // duration is a literal; `date("…")` or `date(file.name)` is an expression.
                    if matches!(lower.as_str(), "date" | "dur") && !matches!(self.peek(), Tok::Str(_)) {
                        let start = self.tokens[self.pos].at;
                        let mut depth = 1;
                        while depth > 0 {
                            match self.peek() {
                                Tok::End => return self.err("expected `)`"),
                                Tok::Op("(") => depth += 1,
                                Tok::Op(")") => depth -= 1,
                                _ => {}
                            }
                            if depth > 0 {
                                self.next();
                            }
                        }
                        let end = self.tokens[self.pos].at;
                        self.next();
                        let raw: String = self.query.chars().skip(start).take(end - start).collect();
                        let raw = raw.trim();
                        if is_date_literal(raw) {
                            return Ok(Expr::Call(lower, vec![Expr::Str(raw.to_string())]));
                        }
                        let sub = parse_expr(raw, self.nesting)
                            .map_err(|e| error_at(self.query, start + e.column - 1, e.message))?;
                        return Ok(Expr::Call(lower, vec![sub]));
                    }
                    return Ok(Expr::Call(lower, self.items_until(")")?));
                }
                Ok(Expr::Field(name.split('.').map(str::to_string).collect()))
            }
            _ => {
                self.pos = self.pos.saturating_sub(1);
                self.err("expected a value, a field or `(`")
            }
        }
    }
}

impl Parser<'_> {
    /// `a, b, c` up to and past `close` (the opening bracket already read).
    fn items_until(&mut self, close: &str) -> Result<Vec<Expr>, ParseError> {
        let mut items = Vec::new();
        if !self.eat_op(close) {
            loop {
                items.push(self.expr()?);
                if self.eat_op(close) {
                    break;
                }
                self.expect_op(",")?;
            }
        }
        Ok(items)
    }

    /// Just after `(`: when `name, …) =>` follows, the lambda's parameters (and the parser
    /// past `=>`); otherwise nothing is consumed.
    fn lambda_params(&mut self) -> Option<Vec<String>> {
        let mut at = self.pos;
        let mut params = Vec::new();
        let tok = |i: usize| self.tokens.get(i).map(|t| &t.tok);
        if tok(at) != Some(&Tok::Op(")")) {
            loop {
                match tok(at) {
                    Some(Tok::Ident(name)) if !name.contains('.') => params.push(name.clone()),
                    _ => return None,
                }
                at += 1;
                match tok(at) {
                    Some(Tok::Op(",")) => at += 1,
                    Some(Tok::Op(")")) => break,
                    _ => return None,
                }
            }
        }
        if tok(at + 1) != Some(&Tok::Op("=>")) {
            return None;
        }
        self.pos = at + 2;
        Some(params)
    }
}

/// `today`, `2025-09-03`, `7 days`, `1 week 2 days`: words `date()` and `dur()` read as such.
fn is_date_literal(raw: &str) -> bool {
    let lower = raw.to_lowercase();
    super::time::DATE_WORDS.contains(&lower.as_str())
        || (raw.chars().next().is_some_and(|c| c.is_ascii_digit())
            && raw.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | ':' | ',' | '+' | '.')))
}

/// Parses a lone expression (used for arguments written as text) `nesting` levels down.
fn parse_expr(text: &str, nesting: u32) -> Result<Expr, ParseError> {
    let mut p = Parser::new(text, nesting)?;
    let e = p.expr()?;
    if !matches!(p.peek(), Tok::End) {
        return p.err("unexpected text after the expression");
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_queries_parse() {
        let q = parse(
            "LIST\nFROM \"VAST/Projects\" OR \"Personal/Projects\"\nWHERE contains(file.outlinks, this.file.link)",
        )
        .unwrap();
        assert_eq!(q.kind, QueryKind::List { expr: None, without_id: false });
        assert!(matches!(q.from, Some(Source::Or(..))));
        let q = parse("TASK\nFROM \"\"\nWHERE !completed AND contains(text, \"Arun Krishna\")\nSORT due ASC").unwrap();
        assert_eq!(q.kind, QueryKind::Task);
        assert_eq!(q.clauses.len(), 2);
        parse("TASK\nWHERE contains(text, \"@ArunKrishna\") AND !completed\nSORT due ASC").unwrap();
    }

    #[test]
    fn tables_with_names_and_dates() {
        let q = parse("TABLE WITHOUT ID file.link AS \"Note\", due, length(file.outlinks) AS Links FROM #type/people WHERE due < date(today) + dur(7 days) SORT file.name DESC LIMIT 5").unwrap();
        let QueryKind::Table { without_id, columns } = q.kind else { panic!() };
        assert!(without_id);
        assert_eq!(columns.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(), ["Note", "due", "Links"]);
        assert!(q.clauses.contains(&Clause::Limit(5)));
    }

    #[test]
    fn hostile_queries_are_refused_not_overflowed() {
        let deep = |open: &str, close: &str| format!("LIST WHERE {}x{}", open.repeat(20_000), close.repeat(20_000));
        for q in [
            deep("(", ")"),
            deep("!", ""),
            deep("-", ""),
            deep("[", "]"),
            deep("list(", ")"),
            deep("date(", ")"),
            format!("LIST WHERE x{}", "[0]".repeat(20_000)),
            format!("LIST WHERE {}1", "1+".repeat(20_000)),
            format!("LIST FROM {}#a{}", "(".repeat(20_000), ")".repeat(20_000)),
            format!("LIST FROM {}#a", "-".repeat(20_000)),
        ] {
            let e = parse(&q).expect_err("refused");
            assert!(e.message.contains("nests more than") || e.message.contains("longer than"), "{}", e.message);
        }
        // At the bounds a query still parses, and its tree can be walked and dropped.
        let nested = format!("LIST WHERE {}x{}", "(".repeat(60), ")".repeat(60));
        assert!(parse(&nested).is_ok());
        let chain = format!("LIST WHERE {}1", "1+".repeat(MAX_QUERY_TOKENS / 2 - 3));
        let q = parse(&chain).expect("a long chain parses");
        assert_eq!(q.clauses.len(), 1);
    }

    #[test]
    fn errors_point_at_the_column() {
        let e = parse("LIST\nWHERE file.name = ").unwrap_err();
        assert_eq!((e.line, e.column), (2, 19), "{e}");
        let e = parse("LIST FROM nowhere").unwrap_err();
        assert_eq!((e.line, e.column), (1, 11));
        assert!(
            e.render("LIST FROM nowhere").ends_with("\n  LIST FROM nowhere\n            ^"),
            "{}",
            e.render("LIST FROM nowhere")
        );
        let e = parse("CALENDAR").unwrap_err();
        assert_eq!((e.line, e.column), (1, 9), "{e}");
        parse("TASK WHERE due = date(\"2021-08-22\") GROUP BY meta(section).subpath").unwrap();
        let e = parse("LIST WHERE x = \"open").unwrap_err();
        assert_eq!(e.column, 16);
    }
}
