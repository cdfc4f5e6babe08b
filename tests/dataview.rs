//! The Dataview query engine against `tests/fixtures/dataview`, one case per documented
//! behaviour (Dataview's docs: reference/sources, queries/*, annotation/*; and the notes in
//! ../shared/docs/dataview-semantics.md). Each case: what it checks, the query, the note it is
//! written in, and the rows expected — file names for LIST, the task text for TASK, cells
//! joined with " | " for TABLE.

mod common;

use chrono::NaiveDate;
use dossier::config::Settings;
use dossier::query::{self, Context, Output};
use dossier::{model, select, vault};

struct Case {
    checks: &'static str,
    query: &'static str,
    this: Option<&'static str>,
    expected: &'static [&'static str],
}

const fn case(checks: &'static str, query: &'static str, expected: &'static [&'static str]) -> Case {
    Case { checks, query, this: None, expected }
}

const fn case_in(
    checks: &'static str,
    this: &'static str,
    query: &'static str,
    expected: &'static [&'static str],
) -> Case {
    Case { checks, query, this: Some(this), expected }
}

const PEOPLE: &[&str] = &["Ada Lovelace", "Charles Babbage", "Grace Hopper"];

const CASES: &[Case] = &[
    // ---- FROM: sources
    case("a folder holds its subfolders' notes", "LIST FROM \"Projects\"", &["Old", "Engine"]),
    case("a folder source lists its notes in path order", "LIST FROM \"People\"", PEOPLE),
    case("a string naming no folder is tried as a file", "LIST FROM \"Projects/Engine\"", &["Engine"]),
    case("a file may be named with its .md", "LIST FROM \"Projects/Engine.md\"", &["Engine"]),
    case("a source matching nothing is empty, not an error", "LIST FROM \"Nowhere\"", &[]),
    case(
        "FROM \"\" is the whole vault",
        "LIST FROM \"\"",
        &["2026-11-20", "Examples", "Hub", "Ada Lovelace", "Charles Babbage", "Grace Hopper", "Lecture", "Old", "Engine"],
    ),
    case("a tag source includes subtags", "LIST FROM #type/people", PEOPLE),
    case("a parent tag matches every subtag", "LIST FROM #type", PEOPLE),
    case("tags match ignoring case", "LIST FROM #VIP", &["Ada Lovelace"]),
    case("tags written in the body count", "LIST FROM #mentor", &["Grace Hopper"]),
    case(
        "[[Note]] is the notes linking to it, through any link form",
        "LIST FROM [[Ada Lovelace]]",
        &["2026-11-20", "Hub", "Charles Babbage", "Grace Hopper", "Engine"],
    ),
    case("outgoing([[Note]]) is the notes it links to", "LIST FROM outgoing([[Engine]])", &["Ada Lovelace", "Charles Babbage"]),
    case("AND intersects sources", "LIST FROM \"People\" AND #vip", &["Ada Lovelace"]),
    case("- negates a source", "LIST FROM \"People\" AND -#vip", &["Charles Babbage", "Grace Hopper"]),
    case("OR unites sources", "LIST FROM #type/people OR \"Projects\"", &["Ada Lovelace", "Charles Babbage", "Grace Hopper", "Old", "Engine"]),
    case(
        "negations and parentheses combine",
        "LIST FROM -(\"People\" OR \"Projects\" OR \"Daily\" OR \"Plans\")",
        &["Examples", "Hub"],
    ),
    case("an unresolved link is a source too", "LIST FROM [[Nobody]]", &["Hub", "Old"]),
    case_in("[[]] is the note holding the query", "Engine", "LIST FROM [[]]", &["Hub", "Ada Lovelace", "Charles Babbage"]),
    case_in("[[#]] is the note holding the query", "Hub", "LIST FROM [[#]]", &[]),
    // ---- WHERE: fields, comparisons, functions
    case("numbers compare", "LIST FROM \"People\" WHERE rating > 3", &["Ada Lovelace", "Grace Hopper"]),
    case("AND of comparisons", "LIST FROM \"People\" WHERE rating >= 3 AND rating < 5", &["Charles Babbage", "Grace Hopper"]),
    case("inline fields and frontmatter are both fields", "LIST WHERE status = \"active\"", &["Ada Lovelace", "Engine"]),
    case("field names ignore case", "LIST FROM \"People\" WHERE ROLE = \"Engineer\"", &["Ada Lovelace"]),
    case("a name with spaces is reachable in lower-kebab form", "LIST FROM \"People\" WHERE favourite-colour = \"green\"", &["Ada Lovelace"]),
    case(
        "contains(file.outlinks, link) compares resolved links, not display text",
        "LIST WHERE contains(file.outlinks, [[Ada Lovelace]])",
        &["2026-11-20", "Hub", "Grace Hopper", "Engine"],
    ),
    case("a link to a note, written in frontmatter, is a link", "LIST WHERE contains(file.outlinks, [[Engine]])", &["Hub", "Ada Lovelace", "Charles Babbage"]),
    case(
        "an unresolved link equals the same unresolved link",
        "LIST FROM \"People\" WHERE company = [[Analytical Engines]]",
        &["Ada Lovelace", "Charles Babbage"],
    ),
    case("file.tags holds parent tags", "LIST FROM \"People\" WHERE econtains(file.tags, \"#type\")", PEOPLE),
    case("file.etags holds tags as written", "LIST FROM \"People\" WHERE econtains(file.etags, \"#type/people\")", &["Ada Lovelace", "Charles Babbage"]),
    case("contains on a list of strings matches substrings", "LIST FROM \"People\" WHERE contains(file.etags, \"#type\")", PEOPLE),
    case("econtains on a list wants an equal element", "LIST FROM \"People\" WHERE econtains(file.etags, \"#type\")", &[]),
    case("contains on strings is case-sensitive", "LIST FROM \"People\" WHERE contains(file.name, \"ada\")", &[]),
    case("icontains ignores case", "LIST FROM \"People\" WHERE icontains(file.name, \"ADA\")", &["Ada Lovelace"]),
    case("lower() then contains", "LIST FROM \"People\" WHERE contains(lower(file.name), \"ada\")", &["Ada Lovelace"]),
    case("containsword matches whole words", "LIST FROM \"People\" WHERE containsword(file.name, \"ada\")", &["Ada Lovelace"]),
    case("! negates", "LIST FROM \"People\" WHERE !contains(file.name, \"Ada\")", &["Charles Babbage", "Grace Hopper"]),
    case("file.name is the name without .md", "LIST WHERE file.name = \"Engine\"", &["Engine"]),
    case("file.folder is the folder path", "LIST WHERE file.folder = \"Projects/Archive\"", &["Old"]),
    case("startswith on file.path", "LIST WHERE startswith(file.path, \"People/\")", PEOPLE),
    case("length of a list", "LIST FROM \"People\" WHERE length(file.inlinks) > 3", &["Ada Lovelace"]),
    case("a note without links has none", "LIST WHERE length(file.outlinks) = 0", &["Examples", "Lecture"]),
    case("a clause word and a parenthesis: the clause", "LIST FROM \"People\" WHERE (rating > 4)", &["Ada Lovelace"]),
    case("sort( is the function", "LIST WITHOUT ID sort(list(3, 1)) FROM \"Plans\"", &["1, 3"]),
    case("aliases are a list field", "LIST FROM \"People\" WHERE contains(aliases, \"Ada\")", &["Ada Lovelace"]),
    case("dates in frontmatter are dates", "LIST FROM \"People\" WHERE start AND start < date(2025-01-01)", &["Ada Lovelace"]),
    case("null compares less than every value", "LIST FROM \"People\" WHERE start < date(2025-01-01)", PEOPLE),
    case("date(today) is the as-of date", "LIST FROM \"Projects\" WHERE due > date(today)", &["Engine"]),
    case("a date plus a duration", "LIST FROM \"Projects\" WHERE due = date(today) + dur(7 days)", &["Engine"]),
    case("a date minus a date is a duration", "LIST FROM \"Projects\" WHERE due AND due - date(today) <= dur(1 week)", &["Engine"]),
    case("file.day comes from a date in the file name", "LIST WHERE file.day = date(2026-11-20)", &["2026-11-20"]),
    case("regexmatch matches the whole string", "LIST FROM \"People\" WHERE regexmatch(\"[A-Z][a-z]+ L.*\", file.name)", &["Ada Lovelace"]),
    case("default() fills a null", "LIST FROM \"People\" WHERE default(role, \"none\") = \"none\"", &["Charles Babbage", "Grace Hopper"]),
    case_in("this.file.* is the note holding the query", "Engine", "LIST WHERE file.name = this.file.name", &["Engine"]),
    case_in("this gives the holding note's fields", "Ada Lovelace", "LIST FROM \"People\" WHERE rating < this.rating", &["Charles Babbage", "Grace Hopper"]),
    // ---- SORT and LIMIT
    case("SORT DESC", "LIST FROM \"People\" SORT rating DESC", &["Ada Lovelace", "Grace Hopper", "Charles Babbage"]),
    case("SORT ASC", "LIST FROM \"People\" SORT rating ASC", &["Charles Babbage", "Grace Hopper", "Ada Lovelace"]),
    case("null sorts first; later keys break ties", "LIST FROM \"People\" SORT company ASC, file.name DESC", &["Grace Hopper", "Charles Babbage", "Ada Lovelace"]),
    case("DESC puts null last, ties keep their order", "LIST FROM \"People\" SORT start DESC", PEOPLE),
    case("LIMIT after SORT", "LIST SORT file.name ASC LIMIT 3", &["2026-11-20", "Ada Lovelace", "Charles Babbage"]),
    case("LIMIT 0", "LIST FROM \"People\" LIMIT 0", &[]),
    // ---- LIST and TABLE output
    case("LIST expr shows the value after the file", "LIST rating FROM \"People\"", &["Ada Lovelace: 5", "Charles Babbage: 3", "Grace Hopper: 4"]),
    case(
        "LIST WITHOUT ID shows the value alone; strings concatenate",
        "LIST WITHOUT ID file.name + \" (\" + rating + \")\" FROM \"People\" SORT rating DESC",
        &["Ada Lovelace (5)", "Grace Hopper (4)", "Charles Babbage (3)"],
    ),
    case(
        "TABLE has a File column and shows null as -",
        "TABLE rating, role FROM \"People\"",
        &["Ada Lovelace | 5 | Engineer", "Charles Babbage | 3 | -", "Grace Hopper | 4 | -"],
    ),
    case(
        "TABLE WITHOUT ID with AS names",
        "TABLE WITHOUT ID file.name AS \"Name\", length(file.inlinks) AS \"In\" FROM \"People\" SORT length(file.inlinks) DESC",
        &["Ada Lovelace | 5", "Charles Babbage | 2", "Grace Hopper | 0"],
    ),
    case("choice()", "TABLE choice(rating > 3, \"high\", \"low\") AS Band FROM \"People\"", &["Ada Lovelace | high", "Charles Babbage | low", "Grace Hopper | high"]),
    case("GROUP BY gives key and rows", "TABLE length(rows) AS Count FROM \"Projects\" GROUP BY status", &["active | 1", "closed | 1"]),
    case("GROUP BY keys sort with null first", "LIST FROM #type/people GROUP BY company", &["-", "Analytical Engines"]),
    // ---- TASK
    case(
        "TASK lists task lines of matching pages",
        "TASK FROM \"Daily\"",
        &[
            "Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "Something undated",
            "Done with capital X ✅ 2026-11-20",
            "Cancelled thing 📅 2026-11-19",
            "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
        ],
    ),
    case(
        "completed is x or X only: [-] counts as not completed",
        "TASK FROM \"Daily\" WHERE !completed",
        &[
            "Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "Something undated",
            "Cancelled thing 📅 2026-11-19",
            "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
        ],
    ),
    case(
        "checked is any non-space status",
        "TASK FROM \"Daily\" WHERE !checked",
        &["Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22", "Something undated", "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18"],
    ),
    case("status is the character in the brackets", "TASK FROM \"Daily\" WHERE status = \"-\"", &["Cancelled thing 📅 2026-11-19"]),
    case(
        "SORT due ASC puts undated tasks first",
        "TASK FROM \"Daily\" WHERE !completed SORT due ASC",
        &[
            "Something undated",
            "Cancelled thing 📅 2026-11-19",
            "Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
        ],
    ),
    case(
        "SORT due DESC puts undated tasks last",
        "TASK FROM \"Daily\" WHERE !completed SORT due DESC",
        &[
            "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
            "Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "Cancelled thing 📅 2026-11-19",
            "Something undated",
        ],
    ),
    case(
        "text keeps raw links, so a link matches the name",
        "TASK WHERE contains(text, \"Ada Lovelace\")",
        &["Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22", "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18"],
    ),
    case("📅 gives due", "TASK WHERE due = date(2026-11-22)", &["Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22"]),
    case("➕ gives created", "TASK WHERE created = date(2026-11-18)", &["Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18"]),
    case("⏳ gives scheduled", "TASK WHERE scheduled", &["Build the mill ⏳ 2026-11-20"]),
    case(
        "🛫 gives start; a page's `start` is copied onto its tasks",
        "TASK WHERE start",
        &[
            "Review the notes on the [[Engine]] 📅 2026-11-30",
            "Publish the translation ✅ 2026-10-01",
            "Plan the lecture [priority:: high] ⏫",
            "Draw the plans 🛫 2026-11-01",
        ],
    ),
    case(
        "✅ gives completion",
        "TASK WHERE completion",
        &["Done with capital X ✅ 2026-11-20", "Publish the translation ✅ 2026-10-01"],
    ),
    case(
        "[priority:: high] is the task's own field, not its page's; the ⏫ emoji is not read",
        "TASK WHERE priority = \"high\"",
        &["Plan the lecture [priority:: high] ⏫"],
    ),
    case("(key:: value) in a task is a task field", "TASK FROM \"Projects\" WHERE owner = \"Charles\"", &["Order brass (owner:: Charles)"]),
    case(
        "page fields are copied onto tasks that lack them",
        "TASK FROM \"Projects\" WHERE due = date(2026-12-01)",
        &["Build the mill ⏳ 2026-11-20", "Draw the plans 🛫 2026-11-01", "Order brass (owner:: Charles)"],
    ),
    case("a task's tags", "TASK WHERE contains(tags, \"#money\")", &["Fund the [[Engine]] 📅 2026-11-15 #money"]),
    case(
        "file.tasks objects carry the tasks' tags",
        "LIST WHERE contains(file.tasks.tags, \"#money\")",
        &["Charles Babbage"],
    ),
    case("a dataview block inside another fence is not a task source", "TASK FROM \"Examples\"", &[]),
    // ---- Subtasks, as Dataview shows them (indented here by two spaces a level)
    case(
        "a matching task brings its subtasks, matching or not",
        "TASK FROM \"Plans\" WHERE contains(text, \"Book\")",
        &["Book the hall 📅 2026-11-26", "  Ask about the projector", "  Pay the deposit", "    Get the receipt"],
    ),
    case(
        "a matching subtask of a matching task is shown once, beneath it",
        "TASK FROM \"Plans\" WHERE !completed",
        &[
            "Book the hall 📅 2026-11-26",
            "  Ask about the projector",
            "  Pay the deposit",
            "    Get the receipt",
            "Write the talk",
            "  Outline #draft",
            "Thank the hosts",
        ],
    ),
    case("a subtask matching alone is shown alone", "TASK FROM \"Plans\" WHERE contains(tags, \"#draft\")", &["Outline #draft"]),
    // ---- GROUP BY in TASK (keys before ›), and a group's name
    case(
        "TASK … GROUP BY shows the tasks under each key",
        "TASK FROM \"Daily\" GROUP BY status",
        &[
            "  › Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "  › Something undated",
            "  › Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
            "- › Cancelled thing 📅 2026-11-19",
            "X › Done with capital X ✅ 2026-11-20",
        ],
    ),
    case(
        "TASK grouped twice nests the keys",
        "TASK FROM \"Daily\" WHERE due GROUP BY status GROUP BY length(rows)",
        &[
            "1 › - › Cancelled thing 📅 2026-11-19",
            "2 ›   › Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "2 ›   › Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
        ],
    ),
    case(
        "a group's name (GROUP BY … AS) is its key",
        "LIST s FROM \"Projects\" GROUP BY status AS s",
        &["active: active", "closed: closed"],
    ),
    // ---- FLATTEN
    case(
        "FLATTEN … AS gives one row per item",
        "TABLE speaker FROM \"Plans\" FLATTEN speakers AS speaker",
        &["Lecture | Ada", "Lecture | Grace"],
    ),
    case(
        "FLATTEN without AS names the item as the field",
        "TABLE speakers FROM \"Plans\" FLATTEN speakers",
        &["Lecture | Ada", "Lecture | Grace"],
    ),
    case("FLATTEN of a value that is no list keeps the row", "TABLE held FROM \"Plans\" FLATTEN held", &["Lecture | 2026-11-28"]),
    case(
        "FLATTEN file.tasks gives each task as an object",
        "TABLE WITHOUT ID t.text, t.completed FROM \"Projects/Engine\" FLATTEN file.tasks AS t",
        &["Build the mill ⏳ 2026-11-20 | false", "Draw the plans 🛫 2026-11-01 | false", "Order brass (owner:: Charles) | false"],
    ),
    case(
        "FLATTEN then WHERE and SORT on the item",
        "LIST WITHOUT ID t.text FROM \"Daily\" FLATTEN file.tasks AS t WHERE t.due SORT t.due DESC",
        &[
            "Write to Ada Lovelace 🗓️ 2026-11-25 ➕ 2026-11-18",
            "Call [[Ada Lovelace|Ada]] about the lecture 📅 2026-11-22",
            "Cancelled thing 📅 2026-11-19",
        ],
    ),
    case(
        "FLATTEN then GROUP BY the item",
        "TABLE WITHOUT ID s, length(rows) AS n FROM \"People\" FLATTEN file.etags AS s GROUP BY s",
        &["#mentor | 1", "#money | 1", "#type/people | 2", "#type/people/navy | 1", "#vip | 1"],
    ),
    // ---- Lambdas in queries
    case(
        "map() with a lambda",
        "LIST WITHOUT ID map(speakers, (s) => upper(s)) FROM \"Plans\"",
        &["ADA, GRACE"],
    ),
    case(
        "filter() over file.tasks",
        "TABLE WITHOUT ID length(filter(file.tasks, (t) => !t.completed)) AS open FROM \"Plans\"",
        &["6"],
    ),
    case(
        "minby() passes over null keys",
        "LIST WITHOUT ID minby(file.tasks, (t) => t.due).text FROM \"Daily\"",
        &["Cancelled thing 📅 2026-11-19"],
    ),
    case(
        "a lambda sees the row's fields",
        "LIST WITHOUT ID filter(list(1, 3, 5), (x) => x < rating) FROM \"People\" WHERE rating",
        &["1, 3", "1", "1, 3"],
    ),
    case("an object literal", "LIST WITHOUT ID { name: file.name, r: rating }.r FROM \"People\" SORT rating DESC LIMIT 1", &["5"]),
    // ---- CALENDAR
    case("CALENDAR lists each page on its date", "CALENDAR file.day", &["2026-11-20: 2026-11-20"]),
    case(
        "CALENDAR leaves out pages without a date, earliest first",
        "CALENDAR due FROM \"Projects\" OR \"Plans\"",
        &["2026-12-01: Engine"],
    ),
    case("CALENDAR with WHERE", "CALENDAR held WHERE held > date(2026-11-01)", &["2026-11-28: Lecture"]),
];

fn summarize(graph: &model::Graph, output: &Output) -> Vec<String> {
    match output {
        Output::List { rows, without_id } => rows
            .iter()
            .map(|(id, v)| match (v, without_id) {
                (Some(v), true) => v.display(),
                (Some(v), false) => format!("{}: {}", id.display(), v.display()),
                (None, _) => id.display(),
            })
            .collect(),
        Output::Task { .. } => output
            .task_rows()
            .iter()
            .map(|&(group, i, depth)| {
                let keys: String = group.keys.iter().map(|k| format!("{} › ", k.display())).collect();
                format!("{keys}{}{}", "  ".repeat(depth), graph.tasks[i].raw)
            })
            .collect(),
        Output::Calendar { entries } => {
            entries.iter().map(|(date, page)| format!("{}: {}", date.display(), page.display())).collect()
        }
        Output::Table { rows, .. } => {
            rows.iter().map(|r| r.iter().map(|v| v.display()).collect::<Vec<_>>().join(" | ")).collect()
        }
    }
}

#[test]
fn documented_behaviours() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let settings = Settings::default();
    let vault = vault::load(&common::fixture("dataview"), &settings).unwrap();
    let graph = model::build(&vault, &settings);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut failures = Vec::new();
    for c in CASES {
        let this = c.this.map(|name| match select::find_subject(&graph, name).unwrap() {
            vault::Target::Note(id) => id,
            other => panic!("{other:?}"),
        });
        let parsed = match query::parse(c.query) {
            Ok(q) => q,
            Err(e) => {
                failures.push(format!("{}: `{}` does not parse: {e}", c.checks, c.query));
                continue;
            }
        };
        match Context::new(&graph, this, today).run(&parsed) {
            Ok(out) => {
                let got = summarize(&graph, &out);
                if got != c.expected {
                    failures.push(format!(
                        "{}: `{}`\n    expected {:?}\n    got      {:?}",
                        c.checks, c.query, c.expected, got
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: `{}` unsupported: {}", c.checks, c.query, e.0)),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn unsupported_parts_are_named() {
    let settings = Settings::default();
    let vault = vault::load(&common::fixture("dataview"), &settings).unwrap();
    let graph = model::build(&vault, &settings);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let q = query::parse("LIST WHERE frobnicate(file.name)").unwrap();
    let err = Context::new(&graph, None, today).run(&q).unwrap_err();
    assert!(err.0.contains("frobnicate"), "{}", err.0);
    // A lambda is read only where a function takes one; a computed function is not called.
    for (q, word) in [
        ("LIST WHERE (x) => x", "argument of map"),
        ("LIST WHERE length((x) => x)", "argument of map"),
        ("LIST WHERE ((a) => (b) => a + b)(1)(2)", "written in place"),
        ("LIST WHERE sort(1, (x) => x)", "no meaning for (number, function)"),
        ("LIST WHERE join(list(1), (x) => x)", "takes no function"),
    ] {
        let q = query::parse(q).unwrap();
        let err = Context::new(&graph, None, today).run(&q).unwrap_err();
        assert!(err.0.contains(word), "{}", err.0);
    }
}

#[test]
fn the_query_command_prints_what_obsidian_shows() {
    let vault = common::fixture("dataview").display().to_string();
    let r = common::run(&[
        "query",
        "TASK FROM \"Daily\" WHERE !completed SORT due ASC LIMIT 2",
        "--vault",
        &vault,
        "--as-of",
        common::AS_OF,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "[[Daily/2026-11-20|2026-11-20]]\n\n- [ ] Something undated\n- [-] Cancelled thing 📅 2026-11-19\n"
    );
    let r = common::run(&[
        "query",
        "TABLE rating FROM \"People\" SORT rating DESC LIMIT 1",
        "--vault",
        &vault,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = common::json(&r.stdout);
    assert_eq!(j["headers"][1], "rating");
    assert_eq!(j["rows"][0][0]["path"], "People/Ada Lovelace.md");
    assert_eq!(j["rows"][0][1], 5);
    // Grouped tasks under their key and its count of matching tasks; subtasks beneath.
    let r = common::run(&[
        "query",
        "TASK FROM \"Plans\" WHERE contains(text, \"Book\") OR contains(text, \"Thank\") GROUP BY file.name",
        "--vault",
        &vault,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "**Lecture** (2)\n\n[[Plans/Lecture|Lecture]]\n\n- [ ] Book the hall 📅 2026-11-26\n  - [ ] Ask about the projector\n  \
         - [x] Pay the deposit\n    - [ ] Get the receipt\n- [ ] Thank the hosts\n"
    );
    let r = common::run(&["query", "CALENDAR file.day", "--vault", &vault, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = common::json(&r.stdout);
    assert_eq!(j["type"], "calendar");
    assert_eq!(j["rows"][0]["date"], "2026-11-20");
    assert_eq!(j["rows"][0]["id"]["path"], "Daily/2026-11-20.md");
    // A parse error points at the column, like a compiler, and exits 2.
    let r = common::run(&["query", "LIST WHERE rating >", "--vault", &vault]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("1:20: expected a value"), "{}", r.stderr);
    assert!(r.stderr.contains("  LIST WHERE rating >\n                     ^"), "{}", r.stderr);
}

/// A vault built around the seed person note: the briefing answers its three queries.
#[test]
fn the_seed_notes_queries_are_answered_in_its_briefing() {
    let seeds = common::shared().join("seeds");
    let seed = std::fs::read_dir(&seeds)
        .expect("../shared/seeds")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a seed note");
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("People/Arun Krishna.md", &std::fs::read_to_string(seed).unwrap());
    write("VAST/Projects/AI caching strategy for MAI.md", "---\ntype: project\n---\nOwner [[Arun Krishna]].\n");
    write("Personal/Projects/Side project.md", "Only a heading link: [[Arun Krishna#Background]].\n");
    write("VAST/Projects/Unrelated.md", "No link here.\n");
    write("Areas/Not a project.md", "Links [[Arun Krishna]] but lives outside the project folders.\n");
    write(
        "Daily/2025-09-04.md",
        "- [ ] Follow up with [[Arun Krishna]] on BlobFuse 📅 2025-09-10\n\
         - [ ] Ask Arun Krishna about Alluxio\n\
         - [x] Sent notes to [[Arun Krishna]]\n\
         - [ ] @ArunKrishna to share the perf snapshot [due:: 2025-09-08]\n\
         - [-] Cancelled sync with Arun Krishna 📅 2025-09-01\n\
         - [ ] @arunkrishna lower-case handle does not match\n",
    );
    let vault = dir.path().display().to_string();
    let r = common::brief(&vault, "Arun Krishna", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = common::json(&r.stdout);
    let queries = j["queries"].as_array().unwrap();
    let rows = |i: usize| -> Vec<String> {
        queries[i]["rows"].as_array().unwrap().iter().map(|row| row[0]["text"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(queries.len(), 3);
    assert_eq!(queries[0]["heading"], "Projects");
    // Project notes that link to the note itself (a heading link is not the note's link).
    assert_eq!(rows(0), ["AI caching strategy for MAI"]);
    // Open tasks mentioning the name, undated first, completed ones left out, [-] kept.
    assert_eq!(
        rows(1),
        [
            "Ask Arun Krishna about Alluxio",
            "Cancelled sync with Arun Krishna",
            "Follow up with Arun Krishna on BlobFuse"
        ]
    );
    // `@ArunKrishna` is a case-sensitive substring.
    assert_eq!(rows(2), ["@ArunKrishna to share the perf snapshot"]);
}

/// Every query block of the Tasks plugin's sample vault is answered or said to be beyond the
/// subset, and none nested inside another fence is run.
#[test]
fn the_tasks_demo_vault_queries_never_crash() {
    let root = common::shared().join("corpora/tasks-demo");
    let settings = Settings::default();
    let vault = vault::load(&root, &settings).unwrap();
    let graph = model::build(&vault, &settings);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (mut answered, mut unsupported) = (Vec::new(), Vec::new());
    for id in vault.ids() {
        for block in query::blocks(&graph, id) {
            let place = format!("{}:{}", vault.note(id).path, block.line);
            match query::answer(&graph, &block, today) {
                query::Answer::Answered(_) => answered.push(place),
                query::Answer::Unsupported(reason) => {
                    assert!(!reason.is_empty());
                    unsupported.push(format!("{place}: {reason}"));
                }
            }
        }
    }
    // "How To/Access links.md" shows a dataview block inside a ````text fence at line 115 (an
    // example, not a query) and a real one at line 121.
    let in_file: Vec<&String> =
        answered.iter().chain(&unsupported).filter(|p| p.starts_with("How To/Access links.md")).collect();
    assert_eq!(in_file, ["How To/Access links.md:121"]);
    eprintln!("answered: {answered:#?}\nunsupported: {unsupported:#?}");
    // All of its Dataview blocks are answered (six of them group tasks).
    assert!(unsupported.is_empty(), "{unsupported:#?}");
    assert_eq!(answered.len(), 15);
}

/// `check` names every block a briefing could not answer, at its fence's line, with why.
#[test]
fn check_lists_every_refused_query_with_its_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Queries.md"),
        "# Queries\n\n```dataview\nLIST WHERE frobnicate(file.name)\n```\n\n```dataviewjs\ndv.list([1])\n```\n\n\
         ```dataview\nTABLE WHERE\n```\n\n```dataview\nTASK GROUP BY status\n```\n",
    )
    .unwrap();
    let r = common::run(&["check", "--vault", &dir.path().display().to_string()]);
    assert_eq!(r.code, 0, "refused queries are warnings: {}", r.stdout);
    let warnings: Vec<&str> = r.stdout.lines().filter(|l| l.contains("Dataview query not evaluated")).collect();
    assert_eq!(warnings.len(), 3, "{}", r.stdout);
    assert!(warnings[0].starts_with("Queries.md:3: warning:") && warnings[0].contains("frobnicate"), "{}", warnings[0]);
    assert!(warnings[1].starts_with("Queries.md:7: warning:") && warnings[1].contains("JavaScript"), "{}", warnings[1]);
    assert!(warnings[2].starts_with("Queries.md:11: warning:") && warnings[2].contains("line 12"), "{}", warnings[2]);
}
