//! The Tasks plugin's own parsing tests (obsidian-tasks-group/obsidian-tasks, `tests/`), ported
//! as tables: each case names the test it follows and says what the plugin reads from the
//! line. Two layers, as the plugin has them: what a task's text holds (its serializers'
//! `deserialize` tests: `parse`), and what a whole line is (`Task.fromLine`: list markers,
//! quotes, status characters; read here from a note in a vault).
//!
//! Where dossier reads a line differently on purpose, the case says so and tests our rule:
//! - fields are read anywhere in the line, as Dataview reads them (Tasks: only at its end);
//! - a description is plain text: whitespace collapsed, no leading space;
//! - there is no global filter, so a filter tag is a tag like any other;
//! - `1) [ ] x` is a task, as Obsidian shows it (Tasks' list markers are `-`, `*`, `+`, `1.`).
//!
//! Left out: serializing (dossier never writes a task), reminders (not in the Tasks plugin
//! itself), recurrence arithmetic and toggling (dossier reports, it does not complete tasks),
//! urgency scores, and custom date formats.

use std::collections::BTreeMap;

use dossier::config::Settings;
use dossier::model::task::{parse, TaskFields};

/// What the plugin's tests compare, as `field=value` pairs in a fixed order; fields that are
/// empty are left out.
fn render(t: &TaskFields) -> String {
    let mut out: Vec<String> = vec![format!("description={}", t.description)];
    let dates = [
        ("start", t.start),
        ("created", t.created),
        ("scheduled", t.scheduled),
        ("due", t.due),
        ("done", t.completed),
        ("cancelled", t.cancelled),
    ];
    for (name, date) in dates {
        if let Some(d) = date {
            out.push(format!("{name}={d}"));
        }
    }
    if let Some(p) = t.priority {
        out.push(format!("priority={}", serde_json::to_value(p).unwrap().as_str().unwrap()));
    }
    if let Some(r) = &t.recurrence {
        out.push(format!("recurrence={r}"));
    }
    if let Some(id) = &t.id {
        out.push(format!("id={id}"));
    }
    if !t.depends_on.is_empty() {
        out.push(format!("dependsOn={}", t.depends_on.join(",")));
    }
    if let Some(c) = &t.on_completion {
        out.push(format!("onCompletion={c}"));
    }
    if let Some(b) = &t.block_id {
        out.push(format!("blockId={b}"));
    }
    let tags = dossier::vault::markdown::body_tags(&t.description);
    if !tags.is_empty() {
        out.push(format!("tags={}", tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(",")));
    }
    out.join(" | ")
}

struct Case {
    follows: String,
    text: String,
    expected: String,
}

fn case(follows: &str, text: &str, expected: &str) -> Case {
    Case { follows: follows.into(), text: text.into(), expected: expected.into() }
}

const DEFAULT: &str = "DefaultTaskSerializer.test.ts › deserialize";
const DATAVIEW: &str = "DataviewTaskSerializer.test.ts › deserialize";
const TASK: &str = "Task.test.ts › parsing";
const TAGS: &str = "Task.test.ts › parsing tags";

/// The cases on a task's text (after its checkbox).
fn text_cases() -> Vec<Case> {
    let mut cases = vec![case(DEFAULT, "", "description=")];
    // should parse a $what; the non-standard emoji.
    for (what, symbol) in [
        ("start", "🛫"),
        ("created", "➕"),
        ("scheduled", "⏳"),
        ("due", "📅"),
        ("done", "✅"),
        ("cancelled", "❌"),
        ("scheduled", "⌛"),
        ("due", "📆"),
        ("due", "🗓"),
    ] {
        cases.push(case(
            &format!("{DEFAULT} › should parse a {what} ({symbol})"),
            &format!("{symbol} 2021-06-20"),
            &format!("description= | {what}=2021-06-20"),
        ));
    }
    // should parse priorities, with and without Variant Selector 16.
    for (name, symbol) in
        [("highest", "🔺"), ("high", "⏫"), ("medium", "🔼"), ("low", "🔽"), ("lowest", "⏬"), ("high", "⏫\u{FE0F}")]
    {
        cases.push(case(
            &format!("{DEFAULT} › should parse a priority ({symbol})"),
            symbol,
            &format!("description= | priority={name}"),
        ));
    }
    cases.extend([
        case(&format!("{DEFAULT} › should parse a priority (None)"), "", "description="),
        case(&format!("{DEFAULT} › should parse a recurrence"), "🔁 every day", "description= | recurrence=every day"),
        case(&format!("{DEFAULT} › should parse depends on one task"), "⛔ F12345", "description= | dependsOn=F12345"),
        case(
            &format!("{DEFAULT} › should parse depends on one task - with Variant Selector 16"),
            "⛔\u{FE0F} F12345",
            "description= | dependsOn=F12345",
        ),
        case(
            &format!("{DEFAULT} › should parse depends on two tasks"),
            "⛔ 123456,abC123",
            "description= | dependsOn=123456,abC123",
        ),
        case(
            &format!("{DEFAULT} › should parse depends on multiple tasks with varying spaces tasks"),
            "⛔ ab , CD ,  EF  ,    GK",
            "description= | dependsOn=ab,CD,EF,GK",
        ),
        case(
            &format!("{DEFAULT} › should parse id with lower-case and numbers"),
            "🆔 pqrd0f",
            "description= | id=pqrd0f",
        ),
        case(&format!("{DEFAULT} › should parse id with capitals"), "🆔 Abcd0f", "description= | id=Abcd0f"),
        case(&format!("{DEFAULT} › should parse id with hyphen"), "🆔 Abcd0f-", "description= | id=Abcd0f-"),
        case(&format!("{DEFAULT} › should parse id with underscore"), "🆔 Ab_cd0f", "description= | id=Ab_cd0f"),
        case(
            &format!("{DEFAULT} › should not parse id with asterisk, so id is left in description"),
            "🆔 A*bcd0f",
            "description=🆔 A*bcd0f",
        ),
        case(
            &format!("{DEFAULT} › should parse tags"),
            " #hello #world #task",
            "description=#hello #world #task | tags=#hello,#world,#task",
        ),
        // The on-completion field (OnCompletion.test.ts reads these lines).
        case(
            "OnCompletion.test.ts › should parse 🏁 delete",
            "Do it 🏁 delete",
            "description=Do it | onCompletion=delete",
        ),
        case("OnCompletion.test.ts › should parse 🏁 keep", "Do it 🏁 keep", "description=Do it | onCompletion=keep"),
    ]);

    // The Dataview format: each date field, priority and recurrence in brackets.
    let dataview_fields = [
        ("start::", "2021-06-20", "start=2021-06-20"),
        ("due::", "2021-06-20", "due=2021-06-20"),
        ("completion::", "2021-06-20", "done=2021-06-20"),
        ("created::", "2021-06-20", "created=2021-06-20"),
        ("scheduled::", "2021-06-20", "scheduled=2021-06-20"),
        ("cancelled::", "2021-06-20", "cancelled=2021-06-20"),
        ("repeat::", "every day", "recurrence=every day"),
        ("priority::", "high", "priority=high"),
    ];
    for (symbol, value, read) in dataview_fields {
        cases.push(case(
            &format!("{DATAVIEW} › should parse a {symbol}"),
            &format!("[{symbol} {value}]"),
            &format!("description= | {read}"),
        ));
        // whitespace within an inline field: every spacing the plugin's test tries.
        for (how, text) in [
            ("with no extraneous whitespace", format!("[{symbol}{value}]")),
            ("with whitespace after :: (one)", format!("[{symbol} {value}]")),
            ("with whitespace after :: (many)", format!("[{symbol}               {value}]")),
            ("with whitespace near brackets (one after opening)", format!("[ {symbol}{value}]")),
            ("with whitespace near brackets (many after opening)", format!("[      {symbol}{value}]")),
            ("with whitespace near brackets (one before closing)", format!("[{symbol}{value} ]")),
            ("with whitespace near brackets (many before closing)", format!("[{symbol}{value}     ]")),
            ("with whitespace near brackets (one surrounding)", format!("[ {symbol}{value} ]")),
            ("with whitespace near brackets (many surrounding)", format!("[     {symbol}{value}     ]")),
            ("with whitespace near brackets and after ::", format!("[     {symbol}     {value}     ]")),
        ] {
            cases.push(case(
                &format!("{DATAVIEW} › whitespace within an inline field › {symbol} › should parse {how}"),
                &text,
                &format!("description= | {read}"),
            ));
        }
    }
    for (name, word) in
        [("highest", "highest"), ("high", "high"), ("medium", "medium"), ("low", "low"), ("lowest", "lowest")]
    {
        cases.push(case(
            &format!("{DATAVIEW} › should parse a priority ({word})"),
            &format!("[priority:: {word}]"),
            &format!("description= | priority={name}"),
        ));
    }
    cases.extend([
        case(
            &format!("{DATAVIEW} › should parse a task with multiple fields and tags"),
            "Wobble [priority::high] #tag1 [completion:: 2024-09-04] #tag2  [due::2025-10-05] #tag3 [scheduled::2022-07-02] #tag4 [start::2023-08-03] #tag5  [repeat::every day]  #tag6 #tag7 #tag8 #tag9 #tag10",
            "description=Wobble #tag1 #tag2 #tag3 #tag4 #tag5 #tag6 #tag7 #tag8 #tag9 #tag10 | start=2023-08-03 | scheduled=2022-07-02 | due=2025-10-05 | done=2024-09-04 | priority=high | recurrence=every day | tags=#tag1,#tag2,#tag3,#tag4,#tag5,#tag6,#tag7,#tag8,#tag9,#tag10",
        ),
        case(
            &format!("{DATAVIEW} › should parse tags"),
            " #hello #world #task",
            "description=#hello #world #task | tags=#hello,#world,#task",
        ),
        case(
            &format!("{DATAVIEW} › should recognize inline fields surrounded by square brackets"),
            "Some task that is [due::2021-08-22] [priority:: high]",
            "description=Some task that is | due=2021-08-22 | priority=high",
        ),
        case(
            &format!("{DATAVIEW} › should recognize inline fields surrounded by parens"),
            "Some task that is (due::2021-08-22) (priority:: high)",
            "description=Some task that is | due=2021-08-22 | priority=high",
        ),
        case(
            &format!("{DATAVIEW} › should not recognize inline fields with mismatched surrounding pair"),
            "Some task that is [due::2021-08-22) (priority:: high]",
            "description=Some task that is [due::2021-08-22) (priority:: high]",
        ),
        case(
            &format!("{DATAVIEW} › should not recognize unbracketed fields"),
            "Some task - due value not found by dataview - due:: 2021-08-22",
            "description=Some task - due value not found by dataview - due:: 2021-08-22",
        ),
        case(
            &format!("{DATAVIEW} › should recognize comma seperated inline fields"),
            "Some task that is [due::2021-08-22], [priority::high]       , (start::2021-08-19)",
            "description=Some task that is | start=2021-08-19 | due=2021-08-22 | priority=high",
        ),
        // it.skip upstream ("until tasks has support for parsing fields arbitrarily within a
        // task line"): dossier reads fields anywhere, as Dataview does; the text is what is left.
        case(
            &format!("{DATAVIEW} › should recognize inline fields arbitrarily positioned in the string (skipped upstream; our rule)"),
            "Some task that is [due::2021-08-02] and is [priority::high]",
            "description=Some task that is and is | due=2021-08-02 | priority=high",
        ),
        case(
            "DataviewTaskSerializer: [dependsOn:: ] and [id:: ] (its symbol table)",
            "Ship [id:: abcdef] [dependsOn:: 123456,abc123]",
            "description=Ship | id=abcdef | dependsOn=123456,abc123",
        ),
        case(
            "DataviewTaskSerializer: the field names are exact ([dependson:: ] is not a Tasks field)",
            "Ship [dependson:: F12345]",
            "description=Ship",
        ),
        case(
            "DataviewTaskSerializer: [onCompletion:: ] (its symbol table)",
            "Ship [onCompletion:: delete]",
            "description=Ship | onCompletion=delete",
        ),
    ]);

    // Task.test.ts › parsing (the text after `- [x] `).
    cases.extend([
        case(
            &format!("{TASK} › parses a task from a line starting with hyphen"),
            "this is a done task 🗓 2021-09-12 ✅ 2021-06-20 ➕ 2023-03-07",
            "description=this is a done task | created=2023-03-07 | due=2021-09-12 | done=2021-06-20",
        ),
        case(
            &format!("{TASK} › allows signifier emojis as part of the description"),
            "this is a ✅ done task 🗓 2021-09-12 ✅ 2021-06-20",
            "description=this is a ✅ done task | due=2021-09-12 | done=2021-06-20",
        ),
        case(
            &format!("{TASK} › also works with block links and trailing spaces"),
            "this is a ✅ done task 🗓 2021-09-12 ✅ 2021-06-20 ^my-precious  ",
            "description=this is a ✅ done task | due=2021-09-12 | done=2021-06-20 | blockId=my-precious",
        ),
        case(
            &format!("{TASK} › supports tag anywhere in the description and separates them correctly from signifier emojis"),
            "this is a task due 📅 2021-09-12 #inside_tag ⏫ #some/tags_with_underscore",
            "description=this is a task due #inside_tag #some/tags_with_underscore | due=2021-09-12 | priority=high | tags=#inside_tag,#some/tags_with_underscore",
        ),
        case(
            &format!("{TASK} › supports parsing large number of values"),
            "Wobble ⏫  #tag1 ✅ 2022-07-02 #tag2  📅 2022-07-02 #tag3 ⏳ 2022-07-02 #tag4 🛫 2022-07-02 #tag5  🔁 every day  #tag6 #tag7 #tag8 #tag9 #tag10",
            "description=Wobble #tag1 #tag2 #tag3 #tag4 #tag5 #tag6 #tag7 #tag8 #tag9 #tag10 | start=2022-07-02 | scheduled=2022-07-02 | due=2022-07-02 | done=2022-07-02 | priority=high | recurrence=every day | tags=#tag1,#tag2,#tag3,#tag4,#tag5,#tag6,#tag7,#tag8,#tag9,#tag10",
        ),
    ]);
    for (n, text) in [
        "Wobble ✅2022-07-01 📅2022-07-02 ⏳2022-07-03 🛫2022-07-04 ➕2022-07-05 🔁every day",
        "Wobble ✅ 2022-07-01 📅 2022-07-02 ⏳ 2022-07-03 🛫 2022-07-04 ➕ 2022-07-05 🔁 every day",
        "Wobble ✅  2022-07-01 📅  2022-07-02 ⏳  2022-07-03 🛫  2022-07-04 ➕  2022-07-05 🔁  every day",
        "Wobble ✅  2022-07-01 📅  2022-07-02 ⏳  2022-07-03 🛫  2022-07-04 ➕   2022-07-05 🔁  every day",
    ]
    .into_iter()
    .enumerate()
    {
        cases.push(case(
            &format!("{TASK} › supports parsing of emojis with multiple spaces (line {})", n + 1),
            text,
            "description=Wobble | start=2022-07-04 | created=2022-07-05 | scheduled=2022-07-03 | due=2022-07-02 | done=2022-07-01 | recurrence=every day",
        ));
    }

    // Task.test.ts › parsing tags (the global-filter cases keep the filter tag in the
    // description, as the plugin does; with no global filter here, it is also a tag).
    for (text, description, tags) in [
        (
            "this is a done task #tagone 🗓 2021-09-12 #another-tag ✅ 2021-06-20 #and_another",
            "this is a done task #tagone #another-tag #and_another",
            "#tagone,#another-tag,#and_another",
        ),
        ("this is a done task #tagone #tagtwo 🗓 2021-09-12 ✅ 2021-06-20", "this is a done task #tagone #tagtwo", "#tagone,#tagtwo"),
        ("this is a normal task #tagone 🗓 2021-09-12 ✅ 2021-06-20", "this is a normal task #tagone", "#tagone"),
        (
            "this is a normal task #tagone #tag/with/depth #tagtwo 🗓 2021-09-12 ✅ 2021-06-20",
            "this is a normal task #tagone #tag/with/depth #tagtwo",
            "#tagone,#tag/with/depth,#tagtwo",
        ),
        (
            "#someglobaltasktag this is a done task #tagone 🗓 2021-09-12 ✅ 2021-06-20",
            "#someglobaltasktag this is a done task #tagone",
            "#someglobaltasktag,#tagone",
        ),
        (
            "#someglobaltasktag this is a normal task #tagone #tagtwo 🗓 2021-09-12 #tagthree ✅ 2021-06-20 #tagfour",
            "#someglobaltasktag this is a normal task #tagone #tagtwo #tagthree #tagfour",
            "#someglobaltasktag,#tagone,#tagtwo,#tagthree,#tagfour",
        ),
        (
            "Export [Cloud Feedly feeds](https://cloud.feedly.com/#opml) #context/pc_clare 🔁 every 4 weeks on Sunday ⏳ 2022-05-15 #context/more_context",
            "Export [Cloud Feedly feeds](https://cloud.feedly.com/#opml) #context/pc_clare #context/more_context",
            "#context/pc_clare,#context/more_context",
        ),
        (
            "Export [Cloud Feedly feeds](https://cloud.feedly.com/#opml) #context/pc_clare ⏳ 2022-05-15 🔁 every 4 weeks on Sunday #context/more_context",
            "Export [Cloud Feedly feeds](https://cloud.feedly.com/#opml) #context/pc_clare #context/more_context",
            "#context/pc_clare,#context/more_context",
        ),
        (
            "Review [savings accounts and interest rates](https://www.moneysavingexpert.com/tips/2022/04/20/#hiya) #context/pc_clare ⏳ 2022-05-06",
            "Review [savings accounts and interest rates](https://www.moneysavingexpert.com/tips/2022/04/20/#hiya) #context/pc_clare",
            "#context/pc_clare",
        ),
        ("count the # of tomatoes #gardening", "count the # of tomatoes #gardening", "#gardening"),
        (
            "this is a done task #tagone 📅 2021-09-12 ✅ 2021-06-20 #journal/daily",
            "this is a done task #tagone #journal/daily",
            "#tagone,#journal/daily",
        ),
    ] {
        let expected_tags = format!("tags={tags}");
        cases.push(Case {
            follows: format!("{TAGS} › should parse \"{text}\""),
            text: text.into(),
            // Only the description and tags are compared here, as upstream.
            expected: format!("description={description} | … | {expected_tags}"),
        });
    }

    // Task.test.ts › properties for scripting › recurring-related properties.
    cases.extend([
        case(
            "Task.test.ts › recurring-related properties (non-recurring)",
            "non-recurring task",
            "description=non-recurring task",
        ),
        case(
            "Task.test.ts › recurring-related properties (recurring)",
            "recurring 🔁 every day 📅 2022-06-17",
            "description=recurring | due=2022-06-17 | recurrence=every day",
        ),
        case(
            "Task.test.ts › recurring-related properties (invalid rules are discarded)",
            "recurring 🔁 invalid rule 📅 2022-06-17",
            "description=recurring | due=2022-06-17",
        ),
        case(
            "Task.test.ts › retains the block link",
            "this is a task 📅 2021-09-12 ^my-precious",
            "description=this is a task | due=2021-09-12 | blockId=my-precious",
        ),
        // The Tasks plugin's invalid-date behaviour (DateFallback/​Task tests): an impossible
        // date is no date, and the line's text keeps it.
        case(
            "Task.test.ts › happens should ignore invalid date fields (📅 2023-02-31)",
            "Fix 📅 2023-02-31",
            "description=Fix 📅 2023-02-31",
        ),
        case("Task.test.ts › invalid due date (📅 2023-13-02)", "Fix 📅 2023-13-02", "description=Fix 📅 2023-13-02"),
    ]);
    cases
}

/// Compares the rendered fields, or only the description and tags for a `… |` expectation.
fn compare(actual: &TaskFields, expected: &str) -> bool {
    let rendered = render(actual);
    match expected.split_once(" | … | ") {
        None => rendered == expected,
        Some((description, tags)) => {
            let parts: Vec<&str> = rendered.split(" | ").collect();
            parts.first() == Some(&description) && parts.last() == Some(&tags)
        }
    }
}

#[test]
fn task_text_as_the_tasks_plugin_reads_it() {
    let cases = text_cases();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let t = parse(&c.text);
            (!compare(&t, &c.expected)).then(|| {
                format!(
                    "{}\n    line:     {:?}\n    expected: {}\n    read:     {}",
                    c.follows,
                    c.text,
                    c.expected,
                    render(&t)
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    // The count the README quotes.
    assert_eq!(cases.len(), TEXT_CASES, "update TEXT_CASES and the README's count");
}

/// How many text cases are ported (quoted in the README).
const TEXT_CASES: usize = 160;

/// A whole line, as `Task.fromLine` reads it: whether it is a task, its status character and
/// type, and its description.
struct LineCase {
    follows: &'static str,
    line: &'static str,
    /// `None`: not a task.
    expected: Option<(&'static str, &'static str, &'static str)>,
}

const LINE_CASES: &[LineCase] = &[
    LineCase {
        follows: "Task.test.ts › should be a task",
        line: "- [ ] A Task",
        expected: Some((" ", "todo", "A Task")),
    },
    LineCase {
        follows: "Task.test.ts › parses a task from a line starting with hyphen",
        line: "- [x] this is a done task 🗓 2021-09-12 ✅ 2021-06-20 ➕ 2023-03-07",
        expected: Some(("x", "done", "this is a done task")),
    },
    LineCase {
        follows: "Task.test.ts › parses a task from a line starting with asterisk",
        line: "* [ ] this is a task in asterisk list",
        expected: Some((" ", "todo", "this is a task in asterisk list")),
    },
    LineCase {
        follows: "Task.test.ts › parses a task from a line starting with plus sign",
        line: "+ [ ] this is a task in asterisk list",
        expected: Some((" ", "todo", "this is a task in asterisk list")),
    },
    LineCase {
        follows: "Task.test.ts › parses a task from a line (numbered)",
        line: "1. [x] this is a done task",
        expected: Some(("x", "done", "this is a done task")),
    },
    LineCase {
        follows: "Task.test.ts › parses a task from a line (big number)",
        line: "909999. [ ] this is a todo task",
        expected: Some((" ", "todo", "this is a todo task")),
    },
    LineCase {
        follows: "Task.test.ts › done not parse a task from a line starting with @ sign",
        line: "@ [ ] this is a task in asterisk list",
        expected: None,
    },
    LineCase {
        follows: "Task.test.ts › supports capitalised status characters",
        line: "- [D] this is a deferred task",
        expected: Some(("D", "todo", "this is a deferred task")),
    },
    LineCase {
        follows: "Task.test.ts › supports parsing of tasks inside blockquotes or callouts (1)",
        line: "> - [ ] Task inside a blockquote or callout 📅2022-07-29",
        expected: Some((" ", "todo", "Task inside a blockquote or callout")),
    },
    LineCase {
        follows: "Task.test.ts › supports parsing of tasks inside blockquotes or callouts (2)",
        line: ">>> - [ ] Task inside a blockquote or callout 📅2022-07-29",
        expected: Some((" ", "todo", "Task inside a blockquote or callout")),
    },
    LineCase {
        follows: "Task.test.ts › supports parsing of tasks inside blockquotes or callouts (3)",
        line: "> > > * [ ] Task inside a blockquote or callout 📅2022-07-29",
        expected: Some((" ", "todo", "Task inside a blockquote or callout")),
    },
    LineCase {
        follows: "Task.test.ts › parsing tags (in a callout)",
        line: "> - [ ] Task inside a blockquote or callout #tagone",
        expected: Some((" ", "todo", "Task inside a blockquote or callout #tagone")),
    },
    LineCase {
        follows: "Task.test.ts › parsing tags (in a nested callout)",
        line: ">>> * [ ] Task inside a nested blockquote or callout #tagone",
        expected: Some((" ", "todo", "Task inside a nested blockquote or callout #tagone")),
    },
    // Status.test.ts / StatusRegistry: the core statuses.
    LineCase { follows: "StatusRegistry › core status TODO", line: "- [ ] a", expected: Some((" ", "todo", "a")) },
    LineCase { follows: "StatusRegistry › core status DONE", line: "- [x] a", expected: Some(("x", "done", "a")) },
    LineCase {
        follows: "StatusRegistry › core status IN_PROGRESS",
        line: "- [/] a",
        expected: Some(("/", "in-progress", "a")),
    },
    LineCase {
        follows: "StatusRegistry › core status CANCELLED",
        line: "- [-] a",
        expected: Some(("-", "cancelled", "a")),
    },
    LineCase {
        follows: "StatusRegistry › an unknown character is a to-do",
        line: "- [“] a",
        expected: Some(("“", "todo", "a")),
    },
    // Our rule: Obsidian shows `1)` lists with checkboxes, so they are tasks here.
    LineCase {
        follows:
            "TaskRegularExpressions.test.ts › 1) is NOT a valid list marker (our rule: Obsidian shows it as a task)",
        line: "1) [ ] numbered with a parenthesis",
        expected: Some((" ", "todo", "numbered with a parenthesis")),
    },
];

#[test]
fn whole_lines_as_the_tasks_plugin_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    // One note, each case a paragraph of its own (so that none nests in another).
    let text: String = LINE_CASES.iter().map(|c| format!("{}\n\n", c.line)).collect();
    std::fs::write(dir.path().join("Cases.md"), &text).unwrap();
    let settings = Settings::default();
    let vault = dossier::vault::load(dir.path(), &settings).unwrap();
    let graph = dossier::model::build(&vault, &settings);
    let mut by_line: BTreeMap<u32, (String, String, String)> = BTreeMap::new();
    for t in &graph.tasks {
        let status_type = serde_json::to_value(t.status_type).unwrap().as_str().unwrap().to_string();
        by_line.insert(t.source.line, (t.status.to_string(), status_type, t.text.clone()));
    }
    let mut failures = Vec::new();
    for (n, c) in LINE_CASES.iter().enumerate() {
        let line = 2 * n as u32 + 1;
        let read = by_line.get(&line).map(|(s, ty, text)| (s.as_str(), ty.as_str(), text.as_str()));
        if read != c.expected {
            failures.push(format!(
                "{}\n    line:     {:?}\n    expected: {:?}\n    read:     {read:?}",
                c.follows, c.line, c.expected
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} lines differ:\n{}", failures.len(), LINE_CASES.len(), failures.join("\n"));
}

/// ListItem.test.ts: a task's parent is the list item it is indented under; a task at the
/// top of its list has none.
#[test]
fn a_subtask_knows_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let note = "- [ ] parent task\n    - [ ] child task\n        - [x] grandchild\n- plain bullet\n    - [ ] under a bullet\n\n- [ ] alone\n";
    std::fs::write(dir.path().join("Tree.md"), note).unwrap();
    let settings = Settings::default();
    let vault = dossier::vault::load(dir.path(), &settings).unwrap();
    let graph = dossier::model::build(&vault, &settings);
    type Parent<'a> = Option<(&'a str, u32, bool)>;
    let parents: Vec<(&str, Parent)> = graph
        .tasks
        .iter()
        .map(|t| (t.text.as_str(), t.parent.as_ref().map(|p| (p.text.as_str(), p.line, p.is_task))))
        .collect();
    assert_eq!(
        parents,
        [
            ("parent task", None),
            ("child task", Some(("parent task", 1, true))),
            ("grandchild", Some(("child task", 2, true))),
            ("under a bullet", Some(("plain bullet", 4, false))),
            ("alone", None),
        ]
    );
    // A list nested in a list on one line (`- - [ ] x`): the bullet on that line is the
    // task's parent, never the task itself (the fuzzer's crash).
    std::fs::write(
        dir.path().join("Tree.md"),
        "- - [ ] same line
-   - [ ] spaced too
",
    )
    .unwrap();
    let vault = dossier::vault::load(dir.path(), &settings).unwrap();
    let graph = dossier::model::build(&vault, &settings);
    let parents: Vec<(&str, Parent)> = graph
        .tasks
        .iter()
        .map(|t| (t.text.as_str(), t.parent.as_ref().map(|p| (p.text.as_str(), p.line, p.is_task))))
        .collect();
    assert_eq!(parents, [("same line", Some(("", 1, false))), ("spaced too", Some(("", 2, false)))]);
}

/// A note of the Tasks plugin's `tests/Obsidian/__test_data__` and what Obsidian's own
/// metadata cache (`cachedMetadata.listItems`, recorded there from Obsidian) says of its list
/// items: (0-based line, task character, parent line — negative for an item at the root).
struct ObsidianSample {
    name: &'static str,
    text: &'static str,
    items: &'static [(u32, Option<char>, i64)],
}

const OBSIDIAN_SAMPLES: &[ObsidianSample] = &[
    ObsidianSample {
        name: "inheritance_task_listitem_mixed_grandchildren",
        text: "- [ ] parent task\n    - child list item\n        - grandchild list item 1\n        - [ ] grandchild task\n        - grandchild list item 2\n",
        items: &[(0, Some(' '), -1), (1, None, 0), (2, None, 1), (3, Some(' '), 1), (4, None, 1)],
    },
    ObsidianSample {
        name: "inheritance_task_2listitem_3task",
        text: "- [ ] parent task\n    - child list item 1\n        - [ ] grandchild task 1\n        - [ ] grandchild task 2\n    - child list item 2\n        - [ ] grandchild task 3\n",
        items: &[(0, Some(' '), -1), (1, None, 0), (2, Some(' '), 1), (3, Some(' '), 1), (4, None, 0), (5, Some(' '), 4)],
    },
    ObsidianSample {
        name: "callouts_nested_issue_2890_labelled",
        text: " > [!Calendar]+ MONTH\n >> [!Check]+ GROUP\n >>> [!Attention]+ Correction TITLE\n >>> Some stuff goes here\n >>> - [ ] #task Correction1\n >>> - [ ] #task Correction2\n >>> - [ ] #task Correction3\n >>> - [ ] #task Correction4\n\n```tasks\nnot done\npath includes {{query.file.path}}\n```\n",
        items: &[(4, Some(' '), -4), (5, Some(' '), -4), (6, Some(' '), -4), (7, Some(' '), -4)],
    },
    ObsidianSample {
        name: "comments_markdown_style",
        text: "# comments_markdown_style\n\nWhole task line is ignored by Obsidian's `cachedMetadata`:\n%%\n- [ ] #task Whole task in 'comments_markdown_style'\n%%\n\n- [ ] #task Whole task in 'comments_markdown_style' - with commented-out tag: %% #i-am-parsed-by-obsidian  %% - is recognised by Obsidian's `cachedMetadata`\n- [ ] #task Whole task in 'comments_markdown_style' - with commented-out link: %% [[comments_html_style]]  %% - is recognised by Obsidian's `cachedMetadata`\n",
        items: &[(7, Some(' '), -7), (8, Some(' '), -7)],
    },
    ObsidianSample {
        name: "code_block_in_task",
        text: "# code_block_in_task\n\n## Tasks with code blocks - code-blocks wrongly hidden\n\n- [ ] #task Task in 'code_block_in_task' level-1-a\n    - [ ] #task Task in 'code_block_in_task' level-2-a\n      ```sh\n      ls -la\n      ```\n    - [ ] #task Task in 'code_block_in_task' level-2-b\n- [ ] #task Task in 'code_block_in_task' level-1-b\n  ```sh\n  ls -la\n  ```\n- [ ] #task Task in 'code_block_in_task' level-1-c\n\nRelated issues:\n\n- #3344: [Code block in list doesn't render in Reading mode](https://github.com/obsidian-tasks-group/obsidian-tasks/issues/3344)\n- #2061: [Multi-line tasks (indented lines below a task items) are not shown in Reading mode and Tasks query results](https://github.com/obsidian-tasks-group/obsidian-tasks/issues/2061)\n\n## Non-tasks with code blocks - code blocks rendered correctly\n\n- [ ] Non-task in 'code_block_in_task' level-1-a\n    - [ ] Non-task in 'code_block_in_task' level-2-a\n      ```sh\n      ls -la\n      ```\n    - [ ] Non-task in 'code_block_in_task' level-2-b\n- [ ] Non-task in 'code_block_in_task' level-1-b\n  ```sh\n  ls -la\n  ```\n- [ ] Non-task in 'code_block_in_task' level-1-c\n",
        items: &[
            (4, Some(' '), -4),
            (5, Some(' '), 4),
            (9, Some(' '), 4),
            (10, Some(' '), -4),
            (14, Some(' '), -4),
            (18, None, -18),
            (19, None, -18),
            (23, Some(' '), -23),
            (24, Some(' '), 23),
            (28, Some(' '), 23),
            (29, Some(' '), -23),
            (33, Some(' '), -23),
        ],
    },
];

/// Every list item Obsidian's metadata cache records, and no other: the same lines, task
/// characters and parents (a `%% … %%` block hides its items from Obsidian, and from us).
#[test]
fn list_items_and_parents_as_obsidian_records_them() {
    for sample in OBSIDIAN_SAMPLES {
        // Read in full: a run keeps only the items later stages use (tasks and their parents).
        let note = dossier::vault::parse_note(format!("{}.md", sample.name), sample.text, &mut Vec::new());
        let ours: Vec<(u32, Option<char>, i64)> = note
            .body
            .list_items_with_parents()
            .filter(|(inline, _, _)| !note.is_commented(inline.line))
            .map(|(inline, task, parent)| (inline.line - 1, task, parent.map_or(-1, |p| p as i64 - 1)))
            .collect();
        // Obsidian gives a root item the negated line of its list's first item; we say "none".
        let expected: Vec<(u32, Option<char>, i64)> = sample
            .items
            .iter()
            .map(|&(line, task, parent)| (line, task, if parent < 0 { -1 } else { parent }))
            .collect();
        assert_eq!(ours, expected, "{}", sample.name);
    }
}
