//! End-to-end: the `brief` command on the sample vault and on fixture vaults.

mod common;

use common::*;

fn sample() -> String {
    sample_vault().display().to_string()
}

#[test]
fn markdown_briefing_of_the_sample_customer() {
    let r = brief(sample_vault(), "Microsoft", "md", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("brief_microsoft_md", r.stdout);
    // The one broken note the briefing draws on is named on stderr with path and line.
    assert!(r.stderr.contains("Inbox/Scratch - MAI call prep.md:4: error: malformed frontmatter"), "{}", r.stderr);
}

#[test]
fn json_briefing_of_the_sample_project() {
    let r = brief(sample_vault(), "AI caching strategy for MAI", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("brief_mai_project_json", r.stdout);
}

#[test]
fn a_subject_with_no_note_is_briefed_from_its_links() {
    let r = brief(sample_vault(), "fabrikam health", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    assert_eq!(j["subject"]["name"], "Fabrikam Health");
    assert_eq!(j["subject"]["kind"], "customer");
    assert!(j["subject"]["path"].is_null());
    let people: Vec<&str> = j["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(people, ["Noah Greenberg", "Jordan Avery"]);
    // Last contact 2026-06-10 is more than 90 days before the as-of date.
    assert_eq!(j["people"][0]["stale"], true);
    assert_eq!(j["tasks"][0]["due"], "2026-07-01");
}

#[test]
fn aliases_and_case_find_the_same_subject() {
    let by_name = brief(sample_vault(), "Microsoft", "json", &[]);
    for query in ["msft", "MICROSOFT", "Microsoft Corporation", "Customers/Microsoft"] {
        let r = brief(sample_vault(), query, "json", &[]);
        assert_eq!(r.code, 0, "{query}: {}", r.stderr);
        assert_eq!(r.stdout, by_name.stdout, "{query}");
    }
}

#[test]
fn unknown_subjects_exit_2_with_suggestions() {
    let r = run(&["brief", "Microsft", "--vault", &sample(), "-o", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("did you mean \"Microsoft\""), "{}", r.stderr);
}

#[test]
fn ambiguous_subjects_exit_2_with_candidates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("A")).unwrap();
    std::fs::create_dir_all(dir.path().join("B")).unwrap();
    std::fs::write(dir.path().join("A/Plan.md"), "# Plan A\n").unwrap();
    std::fs::write(dir.path().join("B/Plan.md"), "# Plan B\n").unwrap();
    let vault = dir.path().display().to_string();
    let r = run(&["brief", "plan", "--vault", &vault, "-o", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("A/Plan.md, B/Plan.md"), "{}", r.stderr);
    let r = run(&["brief", "B/Plan", "--vault", &vault, "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn same_input_same_bytes() {
    for format in ["md", "json"] {
        let first = brief(sample_vault(), "Microsoft", format, &[]);
        let second = brief(sample_vault(), "Microsoft", format, &[]);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

#[test]
fn default_output_goes_to_out_and_the_vault_is_untouched() {
    let before = snapshot_tree(&sample_vault());
    let cwd = tempfile::tempdir().unwrap();
    let r = run_in(cwd.path(), &["brief", "AI caching strategy for MAI", "--vault", &sample(), "--as-of", AS_OF]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = cwd.path().join("out/ai-caching-strategy-for-mai.md");
    assert!(written.is_file(), "{}", r.stderr);
    assert!(std::fs::read_to_string(written).unwrap().starts_with("# Briefing: AI caching strategy for MAI"));
    assert_eq!(snapshot_tree(&sample_vault()), before, "the vault was changed");
}

/// `-o brief.pdf` writes a PDF, as the name says; `--format` still decides when given, and a
/// name with no known extension keeps the configured format.
#[test]
fn the_output_file_name_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).display().to_string();
    let project = "AI caching strategy for MAI";
    for (name, starts) in [("b.pdf", "%PDF-"), ("b.JSON", "{"), ("b.html", "<!doctype html>"), ("b.txt", "# Briefing")]
    {
        let r = run(&["brief", project, "--vault", &sample(), "--as-of", AS_OF, "-o", &out(name), "-q"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert!(bytes.starts_with(starts.as_bytes()), "{name}: {:?}", String::from_utf8_lossy(&bytes[..20]));
    }
    let r =
        run(&["brief", project, "--vault", &sample(), "--as-of", AS_OF, "--format", "md", "-o", &out("c.pdf"), "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(dir.path().join("c.pdf")).unwrap().starts_with("# Briefing"));
    // A map-only format named by the file of a brief is refused, as `--format svg` is.
    let r = run(&["brief", project, "--vault", &sample(), "--as-of", AS_OF, "-o", &out("b.svg"), "-q"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn the_default_output_is_never_inside_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Acme.md"), "---\ntype: customer\n---\n# Acme\n").unwrap();
    let r = run_in(dir.path(), &["brief", "Acme"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("inside the vault"), "{}", r.stderr);
    assert!(!dir.path().join("out").exists());
    // Named explicitly, a path in the vault is the user's choice.
    let r = run_in(dir.path(), &["brief", "Acme", "-o", "acme-brief.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("acme-brief.md").is_file());
}

#[test]
fn bad_notes_are_warnings_and_the_rest_is_complete() {
    let vault = fixture("bad-input");
    let before = snapshot_tree(&vault);
    let r = brief(&vault, "Globex", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    // Malformed YAML: an error with the file's line; the body (and its task) still read.
    assert!(r.stderr.contains("Notes/Malformed yaml.md:4: error: malformed frontmatter"), "{}", r.stderr);
    // Not UTF-8: read lossily, with a warning on the first bad line.
    assert!(r.stderr.contains("Notes/Not utf8.md:3: warning: file is not valid UTF-8"), "{}", r.stderr);
    let tasks: Vec<&str> = j["tasks"].as_array().unwrap().iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert!(tasks.contains(&"Send Globex the contract"), "{tasks:?}");
    assert!(tasks.iter().any(|t| t.starts_with("Call Globex about the caf")), "{tasks:?}");
    // Hidden folders are not part of the vault.
    assert!(!tasks.iter().any(|t| t.contains("Hidden")), "{tasks:?}");
    // CRLF and BOM notes read like any other: people with roles, facts with the right lines.
    let people: Vec<(&str, &str)> = j["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(people, [("Ada Stone", "CTO"), ("Bom Person", "Architect"), ("Crlf Person", "Buyer")]);
    let crlf_fact = j["facts"].as_array().unwrap().iter().find(|f| f["text"] == "Line ends are CRLF here.").unwrap();
    assert_eq!(crlf_fact["source"]["line"], 15);
    assert_eq!(snapshot_tree(&vault), before, "the vault was changed");
}

#[test]
fn note_text_cannot_change_the_markdown_structure() {
    use comrak::nodes::NodeValue;
    let vault = fixture("hostile-text");
    let r = brief(&vault, "Initech", "md", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.wikilinks_title_after_pipe = true;
    options.extension.strikethrough = true;
    let root = comrak::parse_document(&arena, &r.stdout, &options);
    let mut headings = Vec::new();
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Heading(_) => {
                let text = text_of(node);
                headings.push(text);
            }
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) => {
                panic!("HTML from a note reached the output:\n{}", r.stdout)
            }
            NodeValue::Link(l) => panic!("a link from a note reached the output: {}", l.url),
            NodeValue::Strikethrough => panic!("note markup reached the output:\n{}", r.stdout),
            NodeValue::Emph => {
                // The template's own placeholders ("_No meetings recorded._") are the only emphasis.
                let text = text_of(node);
                assert!(text.starts_with("No "), "note emphasis reached the output: {text}");
            }
            NodeValue::WikiLink(w) => assert!(
                ["Customers/Initech", "People/", "Notes/"].iter().any(|p| w.url.starts_with(p)),
                "unexpected link {}",
                w.url
            ),
            NodeValue::Table(table) => {
                for row in node.children() {
                    assert_eq!(row.children().count(), table.alignments.len(), "a table row got extra cells");
                }
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            "Briefing: Initech",
            "Summary",
            "Stakeholders",
            "Their side",
            "Power and interest",
            "Decisions",
            "Key facts",
            "Open tasks",
            "Meetings",
            "Projects",
            "Topics",
            "Data quality",
            "Sources"
        ]
    );
    // The words themselves are all still there, as text.
    for words in ["Not a heading", "<script>alert(1)</script>", "==highlight==", "# Role | with pipe", "Eve | Pipe"] {
        let plain = r.stdout.replace('\\', "");
        assert!(plain.contains(words), "{words} missing:\n{}", r.stdout);
    }
}

#[test]
fn templates_can_be_replaced_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brief.md.j2"),
        "{{ subject.name }} has {{ people | length }} people; {{ facts[0].text }}\n",
    )
    .unwrap();
    let templates = dir.path().display().to_string();
    let r = run(&[
        "brief",
        "Fabrikam Health",
        "--vault",
        &sample(),
        "--templates",
        &templates,
        "--as-of",
        AS_OF,
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "Fabrikam Health has 2 people; Fabrikam Health keeps 30 PB of imaging data and grows about 20\\% a year.\n"
    );

    std::fs::write(dir.path().join("brief.md.j2"), "line one\n{{ subject.nmae }}\n").unwrap();
    let r = run(&["brief", "Fabrikam Health", "--vault", &sample(), "--templates", &templates, "-o", "-"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("brief.md.j2: line 2"), "{}", r.stderr);
}

/// `-o /dev/null` writes to the device; renaming a temporary file over it would replace it.
#[cfg(unix)]
#[test]
fn output_to_a_device_writes_to_it_and_leaves_it_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let r = run(&["brief", "Microsoft", "--vault", &sample(), "--as-of", AS_OF, "-o", "/dev/null", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null was replaced");
}

/// A symbolic link as the output is written through: the link stays, its target changes.
#[cfg(unix)]
#[test]
fn output_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("latest.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(&[
        "brief",
        "Microsoft",
        "--vault",
        &sample(),
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "-o",
        &link.display().to_string(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('{'));
}

/// The text of a Markdown node and everything under it.
fn text_of<'a>(node: &'a comrak::nodes::AstNode<'a>) -> String {
    node.descendants()
        .filter_map(|n| match &n.data().value {
            comrak::nodes::NodeValue::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_leading_name_owns_a_task_when_it_names_one_person_and_a_task_belongs_by_its_own_line_heading_or_parent() {
    // TODO.md: every task under `## Acme`; under `## Active` only the task that links Acme and
    // the one under the `[[Acme]] onboarding` item — not the plants, not Globex's invoice.
    let vault = fixture("task-owners");
    let r = brief(&vault, "Acme", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    let owners: Vec<(&str, Option<&str>)> =
        j["tasks"].as_array().unwrap().iter().map(|t| (t["text"].as_str().unwrap(), t["owner"].as_str())).collect();
    assert_eq!(
        owners,
        [
            // A first name only one person has, a full name, an alias.
            ("Drew: create the repository", Some("Drew Kim")),
            ("Ann: send the deck", None),
            ("Ann Lee: book the room", Some("Ann Lee")),
            ("Sparky: order the badges", Some("Sam Ortiz")),
            ("Note: nobody owns this one", None),
            ("Renew the Acme support contract", None),
            ("Drew: invite the admins", Some("Drew Kim")),
        ]
    );
    let check = run(&["check", "--vault", &vault.display().to_string()]);
    assert!(
        check.stdout.contains("TODO.md:6: note: `Ann:` could be Ann Lee or Ann Park; the task has no owner"),
        "{}",
        check.stdout
    );
}

/// Every customer of the sample and of every fixture vault, briefed and reviewed: each
/// "none" sentence is borne out by the report's own JSON, and says what was looked at.
#[test]
fn every_none_sentence_is_about_what_was_read() {
    let vaults = sample_and_fixture_vaults();
    let mut checked = 0;
    for vault in vaults {
        let v = vault.display().to_string();
        let listed = run(&["list", "customers", "--vault", &v, "-q"]);
        let header = listed.stdout.lines().next().unwrap_or_default();
        let width = header.find("PEOPLE").unwrap_or(0);
        for line in listed.stdout.lines().skip(1) {
            let name = line[..width.min(line.len())].trim();
            let report = |command: &str, format: &str| {
                let mut args =
                    vec![command, name, "--vault", &v, "--format", format, "--as-of", AS_OF, "-o", "-", "-q"];
                if command == "review" {
                    args.extend(["--quarter", "2026-Q3"]);
                }
                run(&args)
            };
            let context = format!("{v}: {name}");
            let md = report("brief", "md");
            if md.code != 0 {
                continue;
            }
            checked += 1;
            let j = json(&report("brief", "json").stdout);
            if md.stdout.contains("_No decisions recorded") {
                assert!(j["decisions"].as_array().unwrap().is_empty(), "{context}");
                assert!(md.stdout.contains("notes read has items under “Key Decisions”"), "{context}");
            }
            if md.stdout.contains("_No facts recorded") {
                assert!(j["facts"].as_array().unwrap().is_empty(), "{context}");
            }
            if md.stdout.contains("_No open tasks") {
                assert!(j["tasks"].as_array().unwrap().iter().all(|t| t["open"] == false), "{context}");
            }
            if md.stdout.contains("_No meetings recorded") {
                assert!(j["meetings"].as_array().unwrap().is_empty(), "{context}");
            }

            let md = report("review", "md").stdout;
            let j = json(&report("review", "json").stdout);
            for (key, sentence, undated) in [
                ("meetings", "_No meetings in the period._", "meetings have no date"),
                ("decisions", "_No decisions dated in the period._", "decisions carry no date"),
                ("facts", "_No facts dated in the period._", "facts carry no date"),
            ] {
                if md.contains(sentence) {
                    assert!(j[key].as_array().unwrap().is_empty(), "{context}: {key}");
                }
                // What had no date is said, whether or not the period holds any.
                let n = j["undated"][key].as_u64().unwrap();
                assert_eq!(md.contains(&format!("{n} of the account's {undated}")), n > 0, "{context}: {key}");
            }
        }
    }
    assert!(checked >= 8, "only {checked} customers briefed");
}

/// Writes customer note Acme into `vault` with `tasks` under its Tasks heading.
fn write_acme_tasks(vault: &std::path::Path, tasks: &str) {
    std::fs::create_dir_all(vault.join("Customers")).unwrap();
    std::fs::write(vault.join("Customers/Acme.md"), format!("---\ntype: customer\n---\n# Acme\n\n## Tasks\n\n{tasks}"))
        .unwrap();
}

/// A task inside a `%% … %%` block is not shown by Obsidian nor read by the Tasks plugin:
/// it is no task of the briefing either, and a comment inside a task line is not its text.
#[test]
fn tasks_inside_comments_are_not_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    write_acme_tasks(
        vault,
        "- [ ] Send the quote 📅 2026-12-01 %%after legal%%\n\n%%\n- [ ] Ask about the budget cut\n%%\n",
    );
    let j = json(&brief(vault, "Acme", "json", &[]).stdout);
    let texts: Vec<&str> = j["tasks"].as_array().unwrap().iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Send the quote"]);
}

/// A task that waits (⛔) for an open task (🆔) is blocked; once that one is done it is not.
/// Every Tasks field is in the JSON.
#[test]
fn a_task_waiting_for_an_open_one_is_blocked() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    let write = |first: &str| {
        write_acme_tasks(
            vault,
            &format!("- [{first}] Get the budget 🆔 budget ➕ 2026-10-01 🛫 2026-10-02\n- [ ] Send the quote ⛔ budget 🏁 keep\n"),
        )
    };
    write(" ");
    let j = json(&brief(vault, "Acme", "json", &["--no-cache"]).stdout);
    let task = |name: &str| j["tasks"].as_array().unwrap().iter().find(|t| t["text"] == name).cloned().unwrap();
    let quote = task("Send the quote");
    assert_eq!(quote["blocked"], true);
    assert_eq!(quote["depends_on"], serde_json::json!(["budget"]));
    assert_eq!(quote["on_completion"], "keep");
    let budget = task("Get the budget");
    assert_eq!(
        (budget["id"].as_str(), budget["created"].as_str(), budget["start"].as_str()),
        (Some("budget"), Some("2026-10-01"), Some("2026-10-02"))
    );
    assert_eq!(budget["blocked"], false);
    let md = brief(vault, "Acme", "md", &["--no-cache"]).stdout;
    assert!(md.contains("**Blocked:** Send the quote"), "{md}");
    write("x");
    let j = json(&brief(vault, "Acme", "json", &["--no-cache"]).stdout);
    let quote = j["tasks"].as_array().unwrap().iter().find(|t| t["text"] == "Send the quote").cloned().unwrap();
    assert_eq!(quote["blocked"], false, "its task is done");
}

/// A checkbox's character means what the Tasks plugin's status set says (`[/]` in progress,
/// the Minimal theme's `[i]` and `[?]` to-dos), and a vault may say otherwise in dossier.toml.
#[test]
fn status_characters_mean_what_the_tasks_plugin_says_unless_configured() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    write_acme_tasks(
        vault,
        "- [/] Draft the plan\n- [i] The budget is fixed\n- [?] Ask about the budget\n- [-] Old idea\n",
    );
    let types = |extra: &[&str]| -> Vec<(String, String, bool)> {
        let j = json(&brief(vault, "Acme", "json", extra).stdout);
        j["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["status"].as_str().unwrap().to_string(),
                    t["status_type"].as_str().unwrap().to_string(),
                    t["open"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let got = types(&["--no-cache"]);
    let find = |got: &[(String, String, bool)], s: &str| got.iter().find(|(c, ..)| c == s).cloned().unwrap();
    assert_eq!(find(&got, "/"), ("/".into(), "in-progress".into(), true));
    assert_eq!(find(&got, "i"), ("i".into(), "todo".into(), true));
    assert_eq!(find(&got, "?"), ("?".into(), "todo".into(), true));
    assert_eq!(find(&got, "-"), ("-".into(), "cancelled".into(), false));
    std::fs::write(vault.join("dossier.toml"), "[tasks.statuses]\n\"?\" = \"non-task\"\ni = \"non-task\"\n").unwrap();
    let got = types(&["--no-cache"]);
    assert_eq!(find(&got, "?"), ("?".into(), "non-task".into(), false));
    assert_eq!(find(&got, "i"), ("i".into(), "non-task".into(), false));
    assert_eq!(find(&got, "/"), ("/".into(), "in-progress".into(), true), "the other defaults stay");
}
