//! Where a read vault's memory goes, by part (a dev tool for issue 6): string capacities and
//! element counts, summed over every note.
use dossier::vault::{Block, Inline};
use dossier::{config, vault};

fn main() {
    let root = std::env::args().nth(1).expect("vault");
    let settings = config::load(root.as_ref(), None, &mut Default::default()).expect("settings");
    let v = vault::load(root.as_ref(), &settings).expect("vault");
    let (mut text, mut raw, mut inlines, mut blocks, mut headings, mut sections) = (0, 0, 0, 0, 0, 0);
    let mut extra = 0;
    let (mut links, mut link_strings, mut keys, mut paths, mut tags, mut links_code) = (0, 0, 0, 0, 0, 0);
    let mut count = |i: &Inline| {
        text += i.text.capacity();
        raw += i.raw.capacity();
        inlines += 1;
    };
    for n in &v.notes {
        paths += n.path.capacity() + n.stem.capacity() + n.title.capacity() + n.folder.capacity();
        links += n.links.capacity();
        for l in &n.links {
            link_strings += l.target.path.capacity() + l.target.label.as_ref().map_or(0, String::capacity);
        }
        keys += n.frontmatter.key_lines.keys().map(|k| k.capacity() + 40).sum::<usize>();
        extra += n.frontmatter.extra.len();
        tags += n.body.tags.iter().map(String::capacity).sum::<usize>();
        for s in &n.body.sections {
            sections += 1;
            headings += s.heading.as_ref().map_or(0, |h| h.text.capacity());
            for b in &s.blocks {
                blocks += 1;
                match b {
                    Block::Paragraph(i) | Block::ListItem { inline: i, .. } => count(i),
                    Block::Table { rows, .. } => rows.iter().flatten().for_each(&mut count),
                    Block::Code { literal, .. } => links_code += literal.capacity(),
                }
            }
        }
    }
    let mib = |b: usize| b as f64 / 1048576.0;
    println!("notes {}", v.notes.len());
    println!(
        "note structs {:.1} MiB ({} B each)",
        mib(v.notes.len() * std::mem::size_of::<vault::Note>()),
        std::mem::size_of::<vault::Note>()
    );
    println!("paths/names {:.1} MiB", mib(paths));
    println!(
        "links {} × {} B = {:.1} MiB, + strings {:.1} MiB",
        links,
        std::mem::size_of::<vault::Link>(),
        mib(links * std::mem::size_of::<vault::Link>()),
        mib(link_strings)
    );
    println!(
        "sections {} ({} B each) {:.1} MiB, heading text {:.1} MiB",
        sections,
        std::mem::size_of::<dossier::vault::markdown::Section>(),
        mib(sections * std::mem::size_of::<dossier::vault::markdown::Section>()),
        mib(headings)
    );
    println!(
        "blocks {} × {} B = {:.1} MiB",
        blocks,
        std::mem::size_of::<Block>(),
        mib(blocks * std::mem::size_of::<Block>())
    );
    println!(
        "inlines {}: text {:.1} MiB, raw {:.1} MiB; code {:.1} MiB",
        inlines,
        mib(text),
        mib(raw),
        mib(links_code)
    );
    println!(
        "frontmatter key lines ~{:.1} MiB, other fields {extra} (YAML values), tags {:.1} MiB",
        mib(keys),
        mib(tags)
    );
    println!("(compare with the live heap after reading that stage_times prints)");
}
