//! A vault of every kind of broken and hostile input, generated here (one note is 50 MB):
//! each case gets a warning with its path and line, the rest of the report is intact, every
//! command finishes, and not a byte of the vault changes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

/// A run is bounded: a hang fails the test instead of stalling CI.
const LIMIT: Duration = Duration::from_secs(300);

struct Case {
    path: &'static str,
    /// Expected diagnostic: `path:line:` then this text.
    line: u32,
    says: &'static str,
}

const CASES: &[Case] = &[
    Case { path: "Notes/Unclosed quote.md", line: 3, says: "malformed frontmatter (lines 1-4)" },
    Case { path: "Notes/Tabs.md", line: 3, says: "tab character" },
    Case { path: "Notes/Duplicate keys.md", line: 3, says: "`type` is set 2 times" },
    Case { path: "Notes/Alias bomb.md", line: 2, says: "repetition limit exceeded" },
    Case { path: "Notes/Deep yaml.md", line: 2, says: "recursion limit exceeded" },
    Case { path: "Notes/Deep map.md", line: 130, says: "recursion limit exceeded" },
    Case { path: "Notes/Not a map.md", line: 2, says: "not a set of `key: value` pairs" },
    Case { path: "Notes/Latin-1.md", line: 4, says: "not valid UTF-8" },
    Case { path: "Notes/Binary.md", line: 1, says: "NUL bytes" },
    Case { path: "Notes/Big.md", line: 1, says: "over the limit of 16777216 (max-note-bytes): skipped" },
    Case { path: "Notes/Nested quotes.md", line: 1, says: "nest more than 100 deep" },
    Case { path: "Notes/Nested lists.md", line: 102, says: "nest more than 100 deep" },
    Case { path: "Notes/Nested emphasis.md", line: 1, says: "nest more than 100 deep" },
    Case { path: "Notes/Loop", line: 1, says: "loops back to a folder above it" },
    Case { path: "Notes/Outside", line: 1, says: "leads out of the vault" },
    Case { path: "Notes/Outside file.md", line: 1, says: "leads out of the vault" },
];

/// The notes that carry the account: they must survive everything around them.
fn write_account(v: &Path) {
    write(
        v,
        "Customers/Globex.md",
        "---\ntype: customer\n---\n# Globex\n\n## Key Facts\n- Globex runs 40 PB of flash\n",
    );
    write(
        v,
        "People/Ada Stone.md",
        "---\ntype: people\ncompany: \"[[Globex]]\"\nrole: CTO\n---\n# Ada Stone\n\n## Recent Context\n- 2026-11-01: Met the [[Globex]] team\n",
    );
    // BOM and CRLF line ends: read as if neither were there.
    write_bytes(
        v,
        "People/Bo Crlf.md",
        b"\xEF\xBB\xBF---\r\ntype: people\r\ncompany: \"[[Globex]]\"\r\nrole: Buyer\r\n---\r\n# Bo Crlf\r\n",
    );
    // Format bait: every output must show these words as words.
    write(
        v,
        "People/Mallory Bait.md",
        concat!(
            "---\ntype: people\ncompany: \"[[Globex]]\"\n",
            "role: \"#panic(\\\"typst\\\") ] } <script>alert(1)</script> | pipe\"\n---\n",
            "# Mallory Bait\n\n## Key Facts\n",
            "- # Not a heading #import \"evil.typ\": * `] #{ panic() }` end --> A[\"x\"] \"]; evil [label=\"x\n",
            "- <img src=x onerror=alert(1)> | cell | cell\n",
        ),
    );
}

fn write_hostile(v: &Path) {
    write(v, "Notes/Unclosed quote.md", "---\ntitle: \"abc\ncompany: \"[[Globex]]\"\n---\nSee [[Globex]].\n");
    write(v, "Notes/Tabs.md", "---\ntype: people\n\tcompany: \"[[Globex]]\"\n---\nSee [[Globex]].\n");
    write(
        v,
        "Notes/Duplicate keys.md",
        "---\ntype: people\ntype: customer\ncompany: \"[[Globex]]\"\n---\nSee [[Globex]].\n",
    );
    // A billion laughs: nine aliases of nine of the one before.
    let mut bomb =
        String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        bomb += &format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(","));
    }
    write(v, "Notes/Alias bomb.md", &(bomb + "---\nSee [[Globex]].\n"));
    write(
        v,
        "Notes/Deep yaml.md",
        &format!("---\ndeep: {}{}\n---\nSee [[Globex]].\n", "[".repeat(5000), "]".repeat(5000)),
    );
    let deep_map: String = (0..2000).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    write(v, "Notes/Deep map.md", &format!("---\n{deep_map}---\nSee [[Globex]].\n"));
    write(v, "Notes/Not a map.md", "---\n- just\n- a list\n---\nSee [[Globex]].\n");
    write(v, "Notes/Empty.md", "");
    write(v, "Notes/Only dashes.md", "---\n");
    write(v, "Notes/Dashes twice.md", "---\n---\n");
    write_bytes(v, "Notes/Latin-1.md", b"# Latin-1\n\nSee [[Globex]].\n- [ ] Call Globex about the caf\xe9 order\n");
    let mut binary: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    binary[7] = 0;
    write_bytes(v, "Notes/Binary.md", &binary);
    // 50 MB of facts, over the default limit of 16 MiB.
    let line = format!("- a fact about [[Globex]] {}\n", "x".repeat(200));
    write(v, "Notes/Big.md", &line.repeat(50 * 1024 * 1024 / line.len() + 1));
    write(v, "Notes/Nested quotes.md", &format!("{} See [[Globex]]\n", ">".repeat(20_000)));
    let lists: String = (0..3000).map(|i| format!("{}- item [[Globex]]\n", "  ".repeat(i))).collect();
    write(v, "Notes/Nested lists.md", &format!("Intro\n{lists}"));
    write(v, "Notes/Nested emphasis.md", &format!("{0}x{0}\n\nSee [[Globex]].\n", "*".repeat(50_000)));
    write(v, "Notes/Nested brackets.md", &format!("{}Globex{}\n", "[".repeat(50_000), "]".repeat(50_000)));
    write(v, "Notes/Nested links.md", &format!("{}Globex{}\n", "[[".repeat(20_000), "]]".repeat(20_000)));
    write(v, "Notes/Nested parens.md", &format!("[x]({}y{})\n", "(".repeat(20_000), ")".repeat(20_000)));
    write(v, "Notes/Queries.md", &hostile_queries());
    // 120 folders deep.
    let deep: String = (0..120).map(|i| format!("d{i}/")).collect();
    write(v, &format!("Deep/{deep}Deep note.md"), "See [[Globex]].\n");
    // Odd names: a title with `/` and `..`, a colon, control characters, a newline.
    write(
        v,
        "Customers/Evil.md",
        "---\ntype: customer\ntitle: \"../../../tmp/evil: \\u001b[2J\"\naliases: [\"a/b\", \"..\"]\n---\nSee [[Globex]].\n",
    );
    write(v, "Notes/Colon: title.md", "See [[Globex]].\n");
    write(v, "Notes/Ctl \u{1}\u{1b}[31mred.md", "See [[Globex]].\n");
    write(v, "Notes/New\nline.md", "See [[Globex]].\n");
    write(v, "Notes/Dots...md", "See [[Globex]] and [[../../etc/passwd]] and [[a/b]].\n");
    // The same name in two folders.
    write(v, "Archive/Ada Stone.md", "---\ntype: people\ncompany: \"[[Globex]]\"\n---\nAn old copy.\n");
    // Symbolic links: a loop, a folder and a file outside the vault.
    std::os::unix::fs::symlink("..", v.join("Notes/Loop")).unwrap();
    std::os::unix::fs::symlink("/etc", v.join("Notes/Outside")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", v.join("Notes/Outside file.md")).unwrap();
    std::os::unix::fs::symlink("missing.md", v.join("Notes/Dangling.md")).unwrap();
}

/// Dataview blocks nested far beyond any real query.
fn hostile_queries() -> String {
    let block = |q: String| format!("```dataview\n{q}\n```\n\n");
    [
        block(format!("LIST WHERE {}x{}", "(".repeat(5000), ")".repeat(5000))),
        block(format!("LIST WHERE {}x", "!".repeat(5000))),
        block(format!("LIST FROM {}#a", "-".repeat(5000))),
        block(format!("TABLE {}x{}", "list(".repeat(2000), ")".repeat(2000))),
        block(format!("LIST WHERE {}1 > 0", "1+".repeat(480))),
    ]
    .concat()
}

fn write(v: &Path, path: &str, text: &str) {
    write_bytes(v, path, text.as_bytes());
}

fn write_bytes(v: &Path, path: &str, bytes: &[u8]) {
    let path = v.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Every entry under `dir` (links not followed): its kind, bytes or link target, and mtime.
fn fingerprint(dir: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        let meta = entry.path().symlink_metadata().unwrap();
        let (kind, bytes) = if meta.is_symlink() {
            ("link".to_string(), std::fs::read_link(entry.path()).unwrap().into_os_string().into_encoded_bytes())
        } else if meta.is_file() {
            ("file".to_string(), std::fs::read(entry.path()).unwrap())
        } else {
            ("dir".to_string(), Vec::new())
        };
        out.insert(entry.path().to_path_buf(), (kind, bytes, meta.modified().unwrap()));
    }
    out
}

struct Hostile {
    _dir: tempfile::TempDir,
    vault: PathBuf,
    cwd: PathBuf,
}

fn hostile_vault() -> Hostile {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    write_account(&vault);
    write_hostile(&vault);
    let cwd = dir.path().join("work");
    std::fs::create_dir(&cwd).unwrap();
    Hostile { vault, cwd, _dir: dir }
}

fn run_bounded(cwd: &Path, args: &[&str]) -> std::process::Output {
    dossier().current_dir(cwd).args(args).timeout(LIMIT).output().expect("dossier runs")
}

#[test]
fn every_bad_input_is_a_warning_and_the_account_survives() {
    let h = hostile_vault();
    let vault = h.vault.to_str().unwrap();
    let before = fingerprint(&h.vault);

    let check = run_bounded(&h.cwd, &["check", "--vault", vault]);
    // `check` prints its findings on standard output.
    let stderr = String::from_utf8_lossy(&check.stdout);
    assert_ne!(check.status.code(), None, "check was killed:\n{stderr}");
    for case in CASES {
        let at = format!("{}:{}: ", case.path, case.line);
        let found = stderr.lines().any(|l| l.starts_with(&at) && l.contains(case.says));
        assert!(found, "no `{at}… {}` in:\n{stderr}", case.says);
    }
    // Control characters in names reach the terminal as U+FFFD, never as escapes.
    assert!(!stderr.contains('\u{1b}'), "an escape sequence reached stderr");

    let brief =
        run_bounded(&h.cwd, &["brief", "Globex", "--vault", vault, "--as-of", AS_OF, "--format", "json", "-o", "-"]);
    assert_eq!(brief.status.code(), Some(0), "{}", String::from_utf8_lossy(&brief.stderr));
    let view = json(std::str::from_utf8(&brief.stdout).unwrap());
    let names: Vec<&str> = view["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for person in ["Ada Stone", "Bo Crlf", "Mallory Bait"] {
        assert!(names.contains(&person), "{person} missing from {names:?}");
    }
    let facts = view["facts"].to_string();
    assert!(facts.contains("Globex runs 40 PB of flash"), "{facts}");
    // The bait is kept as data, word for word.
    assert!(facts.contains("#{ panic() }"), "{facts}");
    let sources = view["sources"].to_string();
    for linked in ["Notes/Tabs.md", "Notes/Latin-1.md", "Notes/Nested lists.md", "Notes/Colon: title.md", "Deep/d0/"] {
        assert!(sources.contains(linked), "{linked} is not among the sources: {sources}");
    }
    for never in ["Notes/Big.md", "Notes/Binary.md", "Notes/Outside", "hostname"] {
        assert!(!sources.contains(never), "{never} should not have been read: {sources}");
    }

    // Every command and format finishes on it.
    for args in [
        &["list", "people", "--as-of", AS_OF][..],
        &["brief", "Globex", "--format", "md", "--as-of", AS_OF, "-o", "-"],
        &["brief", "Globex", "--format", "pdf", "--as-of", AS_OF, "-o", "globex.pdf"],
        &["brief", "Globex", "--share", "--format", "md", "--as-of", AS_OF, "-o", "-"],
        &["review", "Globex", "--quarter", "2026-Q4", "--as-of", AS_OF, "-o", "-"],
        &["map", "Globex", "--format", "mermaid", "--as-of", AS_OF, "-o", "-"],
        &["map", "Globex", "--format", "dot", "--as-of", AS_OF, "-o", "-"],
        &["meeting", "People/Ada Stone", "Bo Crlf", "--as-of", AS_OF, "-o", "-"],
        &["query", "--this", "Notes/Queries.md", "LIST FROM [[Globex]]", "--as-of", AS_OF],
    ] {
        let mut with_vault = args.to_vec();
        with_vault.extend(["--vault", vault]);
        let out = run_bounded(&h.cwd, &with_vault);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(std::fs::read(h.cwd.join("globex.pdf")).unwrap().starts_with(b"%PDF"));

    // The same name in two folders: asked for by name, dossier says which paths to choose from.
    let out = run_bounded(&h.cwd, &["meeting", "Ada Stone", "--vault", vault, "--as-of", AS_OF, "-o", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("it names Archive/Ada Stone.md, People/Ada Stone.md"), "{stderr}");

    assert!(fingerprint(&h.vault) == before, "the vault changed");
}

#[test]
fn a_subject_named_like_a_path_is_written_inside_the_output_folder() {
    let h = hostile_vault();
    let vault = h.vault.to_str().unwrap();
    let out = run_bounded(&h.cwd, &["brief", "Evil", "--vault", vault, "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written: Vec<PathBuf> = walkdir::WalkDir::new(h.cwd.parent().unwrap())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_path_buf())
        .filter(|p| !p.starts_with(&h.vault))
        .collect();
    // The note is named by its file name, as in Obsidian: its hostile `title` renames nothing.
    assert_eq!(written, [h.cwd.join("out/evil.md")], "{}", String::from_utf8_lossy(&out.stderr));
    // Asked for by that title, it is the same note and the same safe file.
    let out = run_bounded(&h.cwd, &["brief", "../../../tmp/evil: \u{1b}[2J", "--vault", vault, "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out/evil.md"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_hostile_query_is_refused_with_its_column() {
    let h = hostile_vault();
    let deep = format!("LIST WHERE {}x{}", "(".repeat(100), ")".repeat(100));
    let out = run_bounded(&h.cwd, &["query", &deep, "--vault", h.vault.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1:76: the query nests more than 64 levels deep"), "{stderr}");
}

#[test]
fn a_reporting_line_thousands_long_is_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    write(&v, "Customers/Chain.md", "---\ntype: customer\n---\n# Chain\n");
    for i in 0..5000 {
        let manager = if i == 0 { String::new() } else { format!("reports_to: \"[[P{}]]\"\n", i - 1) };
        write(&v, &format!("People/P{i}.md"), &format!("---\ntype: people\ncompany: \"[[Chain]]\"\n{manager}---\n"));
    }
    let vault = v.to_str().unwrap();
    // On a 1 MiB stack (an eighth of the usual), so that walking the chain by recursion fails.
    let bin = assert_cmd::cargo::cargo_bin("dossier");
    let small_stack = |format: &str| {
        std::process::Command::new("sh")
            .args(["-c", "ulimit -s 1024 && exec \"$0\" \"$@\""])
            .arg(&bin)
            .env("XDG_CACHE_HOME", common::cache_home())
            .args(["map", "Chain", "--vault", vault, "--format", format, "--as-of", AS_OF, "-o", "-"])
            .output()
            .expect("sh runs")
    };
    for format in ["md", "mermaid", "dot"] {
        let out = small_stack(format);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = small_stack("json");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let view = json(std::str::from_utf8(&out.stdout).unwrap());
    let members = view["groups"][0]["members"].as_array().expect("members");
    assert_eq!(members.len(), 5000);
    assert_eq!(members[4999]["depth"], 4999, "the chain is one line, each a level below the last");
}
