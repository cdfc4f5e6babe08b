//! End-to-end: `list` and `check`, the seed note, and the public vaults in ../shared/corpora.

mod common;

use common::*;

fn sample() -> String {
    sample_vault().display().to_string()
}

#[test]
fn list_shows_what_the_vault_holds() {
    let r = run(&["list", "--vault", &sample()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("list_counts", r.stdout);
    for what in ["customers", "projects", "people", "meetings"] {
        let r = run(&["list", what, "--vault", &sample(), "--as-of", AS_OF]);
        assert_eq!(r.code, 0, "{what}: {}", r.stderr);
        insta::assert_snapshot!(format!("list_{what}"), r.stdout);
    }
}

#[test]
fn check_reports_every_problem_and_fails_on_errors() {
    let r = run(&["check", "--vault", &sample()]);
    assert_eq!(r.code, 1, "the sample holds one note with broken frontmatter");
    insta::assert_snapshot!("check_sample", r.stdout);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Fine.md"), "# Fine\n").unwrap();
    let r = run(&["check", "--vault", &dir.path().display().to_string()]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "1 notes read: 0 errors, 0 warnings, 0 notes\n");
}

#[test]
fn check_names_ambiguous_links_and_alias_resolution() {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("A/Plan.md", "# A\n"),
        ("Deep/B/Plan.md", "# B\n"),
        ("Hub.md", "See [[Plan]] and [[Big Boss]].\n"),
        ("People/Jane Doe.md", "---\naliases: [Big Boss]\n---\n"),
    ] {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let r = run(&["check", "--vault", &dir.path().display().to_string()]);
    assert_eq!(r.code, 0, "warnings alone do not fail: {}", r.stdout);
    assert!(r.stdout.contains("Hub.md:1: warning: ambiguous link [[Plan]]: 2 notes have this name; took A/Plan.md (shortest path), not Deep/B/Plan.md"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Hub.md:1: note: [[Big Boss]] has no note of that name; resolved by alias to People/Jane Doe.md"),
        "{}",
        r.stdout
    );
}

#[test]
fn unknown_configuration_keys_are_warnings_with_a_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dossier.toml"), "stale-after-days = 30\nhome-org = \"X\"\n").unwrap();
    let r = run(&["list", "--vault", &dir.path().display().to_string()]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("dossier.toml:2: warning: unknown configuration key `home-org`"), "{}", r.stderr);
}

/// The real person note of ../shared/seeds, in a vault of its own.
#[test]
fn the_seed_person_note_is_read_completely() {
    let seeds = shared().join("seeds");
    let seed = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("{} is missing ({e}): CI provides ../shared beside the checkout", seeds.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a seed note");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("People")).unwrap();
    std::fs::copy(&seed, dir.path().join("People/Arun Krishna.md")).unwrap();
    let vault = dir.path().display().to_string();
    let r = brief(&vault, "Arun Krishna", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    assert_eq!(j["subject"]["kind"], "person");
    let p = &j["people"][0];
    assert_eq!(p["role"], "Senior Presales System Engineer");
    assert_eq!(p["company"], "VAST Data");
    assert_eq!(p["location"], "San Jose, California");
    assert_eq!(p["last_contact"], "2025-09-03");
    assert_eq!(p["stale"], true);
    assert_eq!(j["facts"].as_array().unwrap().len(), 6);
    let decisions: Vec<&str> = j["decisions"].as_array().unwrap().iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(decisions.len(), 3);
    assert!(decisions.iter().all(|d| !d.starts_with('✅')), "{decisions:?}");
    // The meeting of its Recent Context has no note; it is still on the timeline.
    let m = &j["meetings"][0];
    assert_eq!(m["date"], "2025-09-03");
    assert!(m["path"].is_null());
    assert!(m["title"].as_str().unwrap().starts_with("2025-09-03 - Reconnected post-sabbatical"));
    // Microsoft is linked but has no note: a customer by its use.
    let r = brief(&vault, "Microsoft", "json", &[]);
    assert_eq!(json(&r.stdout)["subject"]["kind"], "customer");
    // auto_created and needs-review are reported.
    let r = run(&["check", "--vault", &vault]);
    assert!(r.stdout.contains("People/Arun Krishna.md:6: note: note was created automatically"), "{}", r.stdout);
    assert!(r.stdout.contains("People/Arun Krishna.md:7: note: note is tagged needs-review"), "{}", r.stdout);
}

/// Public vaults nobody here wrote: `check` and `list` finish without a crash.
#[test]
fn public_vaults_are_read_without_a_crash() {
    let corpora = shared().join("corpora");
    let mut seen = 0;
    for entry in std::fs::read_dir(&corpora).expect("../shared/corpora").filter_map(Result::ok) {
        if !entry.path().is_dir() {
            continue;
        }
        seen += 1;
        let vault = entry.path().display().to_string();
        for args in [
            vec!["check", "--vault", &vault],
            vec!["list", "--vault", &vault],
            vec!["list", "people", "--vault", &vault],
        ] {
            let r = run(&args);
            assert!(r.code == 0 || r.code == 1, "{args:?} exited {}: {}", r.code, r.stderr);
        }
    }
    assert!(seen >= 3, "expected the three public vaults");
}

#[test]
fn config_prints_every_setting_with_where_it_comes_from() {
    let vault = fixture("share").display().to_string();
    let r = run(&["config", "--vault", &vault]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = r.stdout.replace(&vault, "VAULT");
    // The cache file's name holds a hash of where the vault is: shown here by its folder.
    let cache_folder = cache_home().join("dossier").display().to_string();
    let text: String = text
        .lines()
        .map(|l| match l.strip_prefix("# note cache: ") {
            Some(rest) if rest.starts_with(&cache_folder) && rest.contains("/share-") => {
                "# note cache: CACHE/dossier/share-HASH-full.bin (safe to delete at any time)\n".to_string()
            }
            _ => format!("{l}\n"),
        })
        .collect();
    insta::assert_snapshot!("config_share_fixture", text);
    // What it prints is a configuration file: it reads back to the same settings.
    let mut diags = dossier::diagnostics::Diagnostics::default();
    let reread = dossier::config::parse(&r.stdout, "printed", &mut diags).expect("valid TOML");
    let original = dossier::config::load(&fixture("share"), None, &mut diags).unwrap();
    assert_eq!(reread, original);
    assert!(diags.iter().next().is_none(), "unknown keys in the printed configuration");
}

#[test]
fn exported_templates_render_the_same_reports_and_are_not_overwritten_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine");
    let t = target.display().to_string();
    let r = run(&["templates", "export", &t]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["brief.md.j2", "brief.typ", "meeting.md.j2", "review.typ", "map.md.j2", "CONTEXT.md"] {
        assert!(target.join(name).is_file(), "{name} not exported");
    }
    let built_in = brief(sample_vault(), "Microsoft", "md", &[]);
    let exported = brief(sample_vault(), "Microsoft", "md", &["--templates", &t]);
    assert_eq!(built_in.stdout, exported.stdout);
    // A second export would overwrite edits: refused unless --force.
    std::fs::write(target.join("brief.md.j2"), "# Mine: {{ subject.name }}\n").unwrap();
    assert_eq!(run(&["templates", "export", &t]).code, 2);
    let mine = brief(sample_vault(), "Microsoft", "md", &["--templates", &t]);
    assert_eq!(mine.stdout, "# Mine: Microsoft\n");
    let listed = run(&["templates", "list", "--templates", &t]);
    assert!(listed.stdout.lines().any(|l| l.starts_with("brief.md.j2") && l.contains("mine")), "{}", listed.stdout);
    assert_eq!(run(&["templates", "export", &t, "--force"]).code, 0);
}

#[test]
fn the_template_context_reference_is_current_and_names_every_field_of_the_json() {
    let printed = run(&["templates", "context"]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    let committed = std::fs::read_to_string(root().join("report-templates/CONTEXT.md")).unwrap();
    assert!(
        committed == printed.stdout,
        "report-templates/CONTEXT.md is out of date: run `cargo run -- templates context > report-templates/CONTEXT.md`"
    );
    // Every key the JSON reports hold is a documented field.
    fn keys(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    out.insert(k.clone());
                    keys(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let vault = sample_vault().display().to_string();
    let mut found = std::collections::BTreeSet::new();
    for args in [
        vec!["brief", "Microsoft"],
        vec!["meeting", "2026-11-26 - MAI multi-region pooling review"],
        vec!["review", "Microsoft", "--quarter", "2026-Q4"],
        vec!["map", "Microsoft"],
    ] {
        let mut args = args;
        args.extend(["--vault", &vault, "--format", "json", "--as-of", AS_OF, "-o", "-"]);
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        keys(&json(&r.stdout), &mut found);
    }
    assert!(found.len() > 100, "{found:?}");
    let undocumented: Vec<&String> =
        found.iter().filter(|k| *k != "shared" && !committed.contains(&format!("| `{k}` |"))).collect();
    assert!(undocumented.is_empty(), "JSON fields missing from the reference: {undocumented:?}");
}

#[test]
fn the_configured_format_and_templates_apply_unless_the_command_line_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join("dossier-templates")).unwrap();
    std::fs::write(vault.join("Acme.md"), "---\ntype: customer\n---\n# Acme\n").unwrap();
    std::fs::write(vault.join("dossier.toml"), "format = \"json\"\ntemplates = \"dossier-templates\"\n").unwrap();
    std::fs::write(vault.join("dossier-templates/brief.md.j2"), "# Ours: {{ subject.name }}\n").unwrap();
    let v = vault.display().to_string();
    // Run from elsewhere: the templates folder is found beside dossier.toml.
    let as_json = run(&["brief", "Acme", "--vault", &v, "--as-of", AS_OF, "-o", "-"]);
    assert_eq!(as_json.code, 0, "{}", as_json.stderr);
    assert_eq!(json(&as_json.stdout)["subject"]["name"], "Acme");
    let as_md = run(&["brief", "Acme", "--vault", &v, "--format", "md", "--as-of", AS_OF, "-o", "-"]);
    assert_eq!(as_md.stdout, "# Ours: Acme\n", "{}", as_md.stderr);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let e = empty.display().to_string();
    let built_in =
        run(&["brief", "Acme", "--vault", &v, "--format", "md", "--templates", &e, "--as-of", AS_OF, "-o", "-"]);
    assert!(built_in.stdout.starts_with("# Briefing: Acme"), "{}", built_in.stdout);
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        for command in ["brief", "meeting", "review", "map"] {
            assert!(r.stdout.contains(command), "{shell} completion lacks {command}");
        }
    }
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH dossier 1") && man.stdout.contains("meeting"));
}

#[test]
fn diagnostics_show_the_line_they_are_about_and_strict_makes_warnings_fail() {
    let vault = sample_vault().display().to_string();
    let r = run(&["check", "--vault", &vault]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("People/Sam Patel.md:5: warning: unknown influence")).unwrap();
    assert_eq!(lines[at + 1], "5 | influence: very high");
    assert!(!r.stdout.contains('\x1b'), "no colour when not on a terminal");
    // A brief with warnings: written normally, refused with --strict.
    let normal = brief(sample_vault(), "Sam Patel", "md", &[]);
    assert_eq!(normal.code, 0);
    assert!(normal.stderr.contains("warning: person Sam Patel has no role"));
    assert!(!normal.stderr.contains("note: note is tagged needs-review"), "notes only with --verbose");
    let verbose = brief(sample_vault(), "Sam Patel", "md", &["--verbose"]);
    assert!(verbose.stderr.contains("note: note is tagged needs-review"), "{}", verbose.stderr);
    let strict = brief(sample_vault(), "Sam Patel", "md", &["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stdout.is_empty() && strict.stderr.contains("--strict"), "{}", strict.stderr);
    assert_eq!(run(&["check", "--vault", &fixture("review").display().to_string(), "--strict"]).code, 0);
}
