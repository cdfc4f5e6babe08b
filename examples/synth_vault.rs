//! Writes a synthetic account vault in the seed note's format, deterministic from a seed:
//! customers, their projects, people on both sides, meetings with attendees, daily notes
//! with tasks, facts and decisions, links everywhere, and some long notes.
//!
//!     cargo run --release --example synth_vault -- --notes 10000 --seed 1 --out /tmp/vault-10k
//!     … --shape facts          (one of the shapes below; `account` when not given)
//!
//! Shapes, so that speed is measured on vaults unlike ours too (issue 20):
//! - `account`: the seed's format, as above; every fiftieth person note long.
//! - `prose`:   person notes with a few KB of prose inside the kept sections.
//! - `facts`:   person notes with 2–8 facts, each linking a random customer.
//! - `hubs`:    link-dense: 20 hub notes each linking a twentieth of the people, and every
//!   person linking 20 others.
//! - `tiny`:    many tiny notes: people, meetings and days of a line or two with a link.
//! - `huge`:    20 person notes of about 400 KB each among ordinary ones.
//!
//! A development tool for benchmarks (benches/README.md), not one of dossier's commands.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Args {
    notes: usize,
    seed: u64,
    out: PathBuf,
    shape: Shape,
}

/// What a vault's person notes hold, by shape (see the module's comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Account,
    Prose,
    Facts,
    Hubs,
    Tiny,
    Huge,
}

impl Shape {
    pub const ALL: [Shape; 6] = [Shape::Account, Shape::Prose, Shape::Facts, Shape::Hubs, Shape::Tiny, Shape::Huge];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Account => "account",
            Shape::Prose => "prose",
            Shape::Facts => "facts",
            Shape::Hubs => "hubs",
            Shape::Tiny => "tiny",
            Shape::Huge => "huge",
        }
    }

    fn parse(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Paragraphs of 30 words in person `i`'s Background (of `people`).
    fn background(self, i: usize, people: usize) -> usize {
        match self {
            Shape::Account | Shape::Facts | Shape::Hubs => {
                if i.is_multiple_of(50) {
                    120
                } else {
                    3
                }
            }
            Shape::Prose => 20,
            Shape::Tiny => 0,
            Shape::Huge => {
                if i.is_multiple_of((people / 20).max(1)) {
                    2_000
                } else {
                    3
                }
            }
        }
    }
}

fn args() -> Args {
    let mut a = Args { notes: 1000, seed: 1, out: PathBuf::from("synthetic-vault"), shape: Shape::Account };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--notes" => a.notes = value.parse().expect("--notes N"),
            "--seed" => a.seed = value.parse().expect("--seed S"),
            "--out" => a.out = PathBuf::from(value),
            "--shape" => {
                a.shape = Shape::parse(&value).unwrap_or_else(|| {
                    let names: Vec<&str> = Shape::ALL.iter().map(|s| s.name()).collect();
                    panic!("unknown shape {value}; one of {}", names.join(", "))
                })
            }
            other => panic!("unknown option {other}; use --notes N --seed S --out DIR [--shape NAME]"),
        }
    }
    a
}

const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nora",
    "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Yara", "Zoe",
];
const LAST: &[&str] = &[
    "Abbott",
    "Brandt",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gupta",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Varga",
];
const ROLES: &[&str] = &[
    "Chief Information Officer",
    "Head of Data Platform",
    "Storage Architect",
    "Principal Engineer",
    "Director of IT",
    "Procurement Lead",
    "Security Architect",
    "VP Infrastructure",
    "Data Engineer",
    "Program Manager",
];
const TOPICS: &[&str] = &[
    "capacity planning",
    "data residency",
    "tiering",
    "backup windows",
    "GPU utilisation",
    "Kubernetes integration",
    "renewal timing",
    "pricing",
    "migration risk",
    "performance benchmarks",
    "security review",
    "support model",
];
const WORDS: &[&str] = &[
    "the",
    "cluster",
    "needs",
    "more",
    "throughput",
    "before",
    "quarter",
    "end",
    "and",
    "their",
    "team",
    "wants",
    "a",
    "written",
    "plan",
    "for",
    "migration",
    "with",
    "clear",
    "milestones",
    "budget",
    "is",
    "approved",
    "pending",
    "review",
];

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

fn sentence(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(pick(rng, WORDS));
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + ".",
        None => s,
    }
}

fn date(rng: &mut fastrand::Rng) -> String {
    format!("2026-{:02}-{:02}", rng.u32(1..=11), rng.u32(1..=28))
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("create folder");
    std::fs::write(p, text).expect("write note");
}

fn main() {
    let a = args();
    eprintln!("{}", generate_shape(&a.out, a.notes, a.seed, a.shape));
}

/// Writes a vault of about `notes` notes under `out` in the `account` shape; says what it
/// wrote. (Also used by benches/stages.rs.)
#[allow(dead_code)] // the example's own main uses generate_shape
pub fn generate(out: &Path, notes: usize, seed: u64) -> String {
    generate_shape(out, notes, seed, Shape::Account)
}

/// Writes a vault of about `notes` notes of `shape` under `out`; says what it wrote.
pub fn generate_shape(out: &Path, notes: usize, seed: u64, shape: Shape) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let customers = (notes / 200).max(3);
    let projects = customers * 2;
    let people = notes * 2 / 5;
    let meetings = notes * 7 / 20;
    let dailies = notes.saturating_sub(customers + projects + people + meetings);
    let customer_name = |i: usize| format!("Customer {i:04}");
    let project_name = |i: usize| format!("Project {i:04} for {}", customer_name(i % customers));
    // People: one in six ours; the rest spread over the customers.
    let person_name = |i: usize| format!("{} {} {i:05}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    let company_of = |i: usize| {
        if i.is_multiple_of(6) {
            "Our Co".to_string()
        } else {
            format!("[[{}]]", customer_name(i % customers))
        }
    };
    // Someone at customer `c` (index ≡ c mod customers), and one of ours (index ≡ 0 mod 6).
    let someone_at = |rng: &mut fastrand::Rng, c: usize| {
        let k = rng.usize(..(people / customers).max(1));
        let i = (k * customers + c) % people.max(1);
        if i.is_multiple_of(6) {
            (i + customers * 6) % people.max(1)
        } else {
            i
        }
    };
    let one_of_ours = |rng: &mut fastrand::Rng| (rng.usize(..(people / 6).max(1)) * 6) % people.max(1);
    // A meeting of customer `c` (meeting m belongs to customer m mod customers).
    let meeting_of = |rng: &mut fastrand::Rng, c: usize| {
        (rng.usize(..(meetings / customers).max(1)) * customers + c) % meetings.max(1)
    };

    std::fs::create_dir_all(out).expect("create the vault folder");
    write(out, "dossier.toml", "home-organization = \"Our Co\"\n");
    for c in 0..customers {
        let mut t = format!(
            "---\ntype: customer\ncreated: '2025-01-01'\naliases: [C{c:04}]\n---\n# {}\n\n## Key Facts\n\n",
            customer_name(c)
        );
        for _ in 0..3 {
            let _ = writeln!(t, "- {}", sentence(&mut rng, 12));
        }
        t.push_str("\n## Related Projects\n\n");
        for p in [c, c + customers] {
            let _ = writeln!(t, "- [[{}]]", project_name(p));
        }
        write(out, &format!("Customers/{}.md", customer_name(c)), &t);
    }
    for p in 0..projects {
        let mut t = format!(
            "---\ntype: project\ncustomer: \"[[{}]]\"\n---\n# {}\n\n## Key Decisions\n\n- ✅ {}\n\n## Action Items\n\n",
            customer_name(p % customers),
            project_name(p),
            sentence(&mut rng, 10)
        );
        for _ in 0..4 {
            let who = someone_at(&mut rng, p % customers);
            let _ = writeln!(t, "- [ ] {} [[{}]] 📅 {}", sentence(&mut rng, 6), person_name(who), date(&mut rng));
        }
        write(out, &format!("Projects/{}.md", project_name(p)), &t);
    }
    for i in 0..people {
        if shape == Shape::Tiny {
            let t = format!("---\ntype: people\n---\nWorks at {}.\n", company_of(i));
            write(out, &format!("People/{}.md", person_name(i)), &t);
            continue;
        }
        let mut t = format!(
            "---\ntype: people\ntitle: {name}\ncreated: '2025-06-01'\nlast_contact: '{}'\ntags:\n- type/people\n---\n\n# {name}\n\n## Contact Information\n\n| Field | Value |\n|-------|-------|\n| **Role** | {} |\n| **Company** | {} |\n| **Email** | _Unknown_ |\n| **Location** | _Unknown_ |\n\n## Background\n\n",
            date(&mut rng),
            pick(&mut rng, ROLES),
            company_of(i),
            name = person_name(i)
        );
        for _ in 0..shape.background(i, people) {
            let _ = writeln!(t, "{}\n", sentence(&mut rng, 30));
        }
        t.push_str("## Key Facts\n\n");
        let facts = if shape == Shape::Facts { rng.usize(2..=8) } else { 3 };
        for _ in 0..facts {
            if shape == Shape::Facts {
                let c = rng.usize(..customers);
                let _ = writeln!(t, "- {} [[{}]]", sentence(&mut rng, 14), customer_name(c));
            } else {
                let _ = writeln!(t, "- {}", sentence(&mut rng, 14));
            }
        }
        if shape == Shape::Hubs {
            t.push_str("\n## Related People\n\n");
            for _ in 0..20 {
                let _ = writeln!(t, "- [[{}]]", person_name(rng.usize(..people.max(1))));
            }
        }
        let _ = write!(
            t,
            "\n## Topics Discussed\n\n{}, {}, {}\n\n## Recent Context\n\n",
            pick(&mut rng, TOPICS),
            pick(&mut rng, TOPICS),
            pick(&mut rng, TOPICS)
        );
        for _ in 0..2 {
            let m = meeting_of(&mut rng, i % customers);
            let via = one_of_ours(&mut rng);
            let _ = writeln!(
                t,
                "- {}: [[Meeting {m:05}]] - {} (via {})",
                date(&mut rng),
                sentence(&mut rng, 8),
                person_name(via)
            );
        }
        let _ = write!(
            t,
            "\n## Related Customers\n\n- [[{}]]\n\n## Related Projects\n\n- [[{}]]\n",
            customer_name(i % customers),
            project_name(i % projects)
        );
        write(out, &format!("People/{}.md", person_name(i)), &t);
    }
    if shape == Shape::Hubs {
        // Hubs: each links a twentieth of the people (they count among the daily notes).
        for h in 0..20 {
            let mut t = format!("# Hub {h:02}\n\n");
            for i in (h..people).step_by(20) {
                let _ = writeln!(t, "- [[{}]]", person_name(i));
            }
            write(out, &format!("Hubs/Hub {h:02}.md"), &t);
        }
    }
    for m in 0..meetings {
        let c = m % customers;
        if shape == Shape::Tiny {
            let t = format!(
                "---\ntype: meeting\ndate: {}\nattendees: [\"[[{}]]\"]\n---\nWith [[{}]].\n",
                date(&mut rng),
                person_name(someone_at(&mut rng, c)),
                customer_name(c)
            );
            write(out, &format!("Meetings/Meeting {m:05}.md"), &t);
            continue;
        }
        let mut t = format!("---\ntype: meeting\ndate: {}\nattendees:\n", date(&mut rng));
        let mut attendees: Vec<usize> = (0..3).map(|_| someone_at(&mut rng, c)).collect();
        attendees.push(one_of_ours(&mut rng));
        for i in attendees {
            let _ = writeln!(t, "- \"[[{}]]\"", person_name(i));
        }
        let _ = write!(
            t,
            "---\n# Meeting {m:05}\n\nCustomer: [[{}]] · Project: [[{}]]\n\n## Notes\n\n- {}\n- {}\n\n## Decisions\n\n- ✅ {}\n\n## Action Items\n\n- [ ] {} 📅 {}\n",
            customer_name(c),
            project_name(c + customers * rng.usize(..2)),
            sentence(&mut rng, 15),
            sentence(&mut rng, 15),
            sentence(&mut rng, 9),
            sentence(&mut rng, 7),
            date(&mut rng)
        );
        write(out, &format!("Meetings/Meeting {m:05}.md"), &t);
    }
    let dailies = if shape == Shape::Hubs { dailies.saturating_sub(20) } else { dailies };
    for d in 0..dailies {
        if shape == Shape::Tiny {
            write(out, &format!("Daily/Day {d:05}.md"), &format!("See [[{}]].\n", customer_name(d % customers)));
            continue;
        }
        let mut t = format!("# Day {d:05}\n\n");
        for _ in 0..5 {
            let _ = writeln!(t, "- {} [[{}]]", sentence(&mut rng, 10), customer_name(rng.usize(..customers)));
        }
        let _ = writeln!(
            t,
            "\n## Tasks\n\n- [ ] {} @{} 📅 {}",
            sentence(&mut rng, 6),
            person_name(rng.usize(..people.max(1))).replace(' ', ""),
            date(&mut rng)
        );
        write(out, &format!("Daily/Day {d:05}.md"), &t);
    }
    let hubs = if shape == Shape::Hubs { 20 } else { 0 };
    format!(
        "wrote {} notes ({} shape) to {}: {customers} customers, {projects} projects, {people} people, {meetings} meetings, {dailies} daily notes",
        customers + projects + people + meetings + dailies + hubs,
        shape.name(),
        out.display()
    )
}
