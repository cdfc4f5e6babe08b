//! A generated vault for one big account (shared by the PDF tests and the benches).

/// A vault for one big account: `people` people at Megacorp, a few of ours, many meetings,
/// and names far longer than any table cell.
pub fn big_account(people: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: String| {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("Customers/Megacorp.md", "---\ntype: customer\n---\n# Megacorp\n".into());
    let long = "Maximiliana Theodora Wilhelmina von Hohenzollern-Sigmaringen-Ruritania ".repeat(3);
    for i in 0..people {
        let (company, name) = match i {
            0 => ("Megacorp", long.trim().to_string()),
            i if i % 20 == 0 => ("Our Co", format!("Colleague {i:03}")),
            i => ("Megacorp", format!("Person {i:03}")),
        };
        write(
            &format!("People/{name}.md"),
            format!(
                "---\ntype: people\nlast_contact: '2026-0{}-15'\n---\n\n## Contact Information\n\n| Field | Value |\n|---|---|\n| **Role** | {} |\n| **Company** | {company} |\n",
                1 + i % 9,
                if i == 1 { long.clone() } else { format!("Role {i}") }
            ),
        );
    }
    for m in 0..40 {
        let attendees: Vec<String> =
            (0..6).map(|k| format!("  - \"[[Person {:03}]]\"", 1 + (m * 5 + k) % (people - 1))).collect();
        write(
            &format!("Meetings/2026-10-{:02} - Sync {m}.md", 1 + m % 28),
            format!(
                "---\ntype: meeting\nattendees:\n{}\n  - \"[[Colleague 020]]\"\n---\nAbout [[Megacorp]].\n",
                attendees.join("\n")
            ),
        );
    }
    write("dossier.toml", "home-organization = \"Our Co\"\n".into());
    dir
}
