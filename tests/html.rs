//! End-to-end: `--format html`, one self-contained page per report, opened in a real browser
//! (headless Chromium) as a reader would open it: it loads with no console error and no
//! request, its script runs under its own Content-Security-Policy, the people are in the
//! page, and hostile note text (`tests/fixtures/hostile-text`) shows as text and runs nothing.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it); `CHROMIUM=/path` picks another.
//! Where it cannot be found, the browser tests say so and pass: the checks on the file itself
//! still run. Screenshots go to `target/html-screenshots/` for a person to look at.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use common::*;
use sha2::{Digest, Sha256};

fn html(vault: &Path, report: &[&str]) -> String {
    let v = vault.display().to_string();
    let mut args: Vec<&str> = report.to_vec();
    let invite = root().join("data/invites/contoso-security-review.ics").display().to_string();
    // An invite is named from the repository; the command runs elsewhere.
    for a in args.iter_mut().filter(|a| a.ends_with(".ics")) {
        *a = &invite;
    }
    args.extend(["--vault", &v, "--format", "html", "--as-of", AS_OF, "-o", "-"]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{report:?}: {}", r.stderr);
    r.stdout
}

/// The pages under test: (vault, report, a name each must show).
fn pages() -> Vec<(PathBuf, Vec<&'static str>, &'static str)> {
    vec![
        (sample_vault(), vec!["brief", "Microsoft"], "Dana Whitfield"),
        (sample_vault(), vec!["map", "Microsoft"], "Owen Brandt"),
        (sample_vault(), vec!["meeting", "2026-11-26 - MAI multi-region pooling review"], "Dana Whitfield"),
        (sample_vault(), vec!["meeting", "--ics", "data/invites/contoso-security-review.ics"], "Rune Olsen"),
        (sample_vault(), vec!["review", "Microsoft", "--quarter", "2026-Q3"], "Lukas Nowak"),
        (fixture("hostile-text"), vec!["brief", "Initech"], "Trudy"),
        (fixture("hostile-text"), vec!["map", "Initech"], "Mallory"),
    ]
}

/// The text between `<script>` and `</script>`, for each script of the page.
fn scripts(page: &str) -> Vec<&str> {
    page.split("<script>").skip(1).map(|rest| &rest[..rest.find("</script>").expect("a closed script")]).collect()
}

#[test]
fn a_page_needs_nothing_outside_itself_and_runs_only_its_own_script() {
    for (vault, report, name) in pages() {
        let page = html(&vault, &report);
        assert!(page.starts_with("<!doctype html>"), "{report:?}");
        let csp = page
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{report:?}: no Content-Security-Policy"))
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/");
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        // No attribute that could make the page fetch or link to anything (text from a note
        // holds no raw `"`: it is escaped).
        for attribute in [" src=\"", " href=\"", " srcset=\"", " action=\"", "url("] {
            assert!(!page.contains(attribute), "{report:?}: {attribute} in the page");
        }
        let scripts = scripts(&page);
        if report[0] == "map" {
            assert_eq!(scripts.len(), 1, "the map's filters");
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(scripts[0].as_bytes()));
            assert!(csp.contains(&format!("script-src 'sha256-{hash}'")), "the policy allows that script: {csp}");
        } else {
            assert!(scripts.is_empty(), "{report:?} has no script");
            assert!(csp.contains("script-src 'none'"), "{csp}");
        }
        assert!(page.contains(name), "{report:?}: {name} missing");
        assert_eq!(page, html(&vault, &report), "same input, same bytes");
    }
}

#[test]
fn hostile_text_is_escaped_in_the_file() {
    let brief = html(&fixture("hostile-text"), &["brief", "Initech"]);
    let map = html(&fixture("hostile-text"), &["map", "Initech"]);
    for page in [&brief, &map] {
        for raw in ["<script>document", "<img src=x", "<svg onload", "<iframe", "<link rel", "<textarea>", "</cite>`"] {
            assert!(!page.contains(raw), "unescaped {raw:?} in the page");
        }
        assert!(page.contains("&lt;script&gt;document.documentElement.dataset.pwned"), "the role shows as text");
    }
    // The map's card shows the location, written as template syntax: text, not evaluated.
    assert!(map.contains("{{ 7 * 7 }} {% raw %} &lt;svg onload="), "{map}");
}

/// Chromium's program, if this machine has one.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(name)).find(|p| p.is_file())
    })
}

/// What the browser made of the page: its DOM after scripts ran, and its log.
struct Opened {
    dom: String,
    log: String,
}

fn open_in_browser(browser: &Path, page: &Path, screenshot: Option<&Path>) -> Opened {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=2000",
        "--window-size=1280,1800",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.path().display()));
    match screenshot {
        Some(png) => cmd.arg(format!("--screenshot={}", png.display())),
        None => cmd.arg("--dump-dom"),
    };
    cmd.arg(format!("file://{}", page.display()));
    let out = cmd.output().expect("chromium runs");
    Opened {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        log: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The page's own console messages and refusals in Chromium's log (not the browser's own
/// start-up chatter about D-Bus or GPUs).
fn page_complaints(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| {
            l.contains("CONSOLE") || l.contains("Refused to") || l.contains("Uncaught") || l.contains("net::ERR")
        })
        .collect()
}

#[test]
fn every_page_opens_in_a_real_browser_shows_its_people_and_runs_nothing_from_a_note() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED: no Chromium here (install Debian's chromium, or set CHROMIUM); the file checks still ran");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shots = root().join("target/html-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for (vault, report, name) in pages() {
        let label = format!("{}-{}", report[0], report[1].trim_start_matches("--").replace(' ', "-"));
        let file = dir.path().join(format!("{label}.html"));
        std::fs::write(&file, html(&vault, &report)).unwrap();
        let opened = open_in_browser(&browser, &file, None);
        assert!(opened.dom.contains("</html>"), "{report:?}: no DOM from the browser:\n{}", opened.log);
        assert!(opened.dom.contains(name), "{report:?}: {name} is not in the page");
        assert!(!opened.dom.contains("data-pwned"), "{report:?}: a note's script ran");
        let complaints = page_complaints(&opened.log);
        assert!(complaints.is_empty(), "{report:?}: the page complained:\n{}", complaints.join("\n"));
        if report[0] == "map" {
            // Our script ran under the page's policy: it wrote the count.
            let people = opened.dom.matches("class=\"person").count();
            assert!(people > 0);
            assert!(
                opened.dom.contains(&format!("{people} of {people} people")),
                "{report:?}: the map's script did not run"
            );
        }
        let png = shots.join(format!("{label}.png"));
        open_in_browser(&browser, &file, Some(&png));
    }
}
