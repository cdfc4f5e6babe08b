//! What was read from each note, kept between runs outside the vault (in the user's cache
//! folder), so that a run parses only the notes that changed since the one before.
//!
//! A note's entry is used only when its file's size, modification time, change time and
//! inode are all the ones recorded (the check git makes for its index), and a cache file
//! only by the same build of dossier, reading with the same settings. No entry is kept for a
//! file changed in the last few seconds, since a second edit within the file system's clock
//! tick could leave its time stamps as they were. The cache is never needed: it can be
//! deleted at any time, and `--no-cache` or `cache = false` turns it off.
//!
//! Layout: a magic line, one postcard blob per note, the header (postcard: the fingerprint and
//! each note's path, stamp and blob), and the header's length. Blobs are decoded in parallel
//! and only when their file is unchanged; the blobs of notes read this run are written out as
//! they come, so a first run over a big vault does not hold them all in memory.

use crate::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The first bytes of a cache file; the number is the layout's version.
const MAGIC: &[u8] = b"dossier note cache 5\n";

/// Files changed this recently are read but not cached (see the module comment).
const RACY: Duration = Duration::from_secs(3);

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (following symbolic links, as reading does).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let since_epoch = |t: SystemTime| match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => (-(e.duration().as_secs() as i64), e.duration().subsec_nanos()),
        };
        let modified = since_epoch(meta.modified().ok()?);
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.ctime(), meta.ctime_nsec() as u32), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = ((0, 0), 0);
        Some(Stamp { len: meta.len(), modified, changed, inode })
    }

    /// Whether the file changed so recently (or in the future) that a second edit within the
    /// same clock tick might not show in its stamp.
    fn is_racy(&self, now: SystemTime) -> bool {
        let newest = self.modified.max(self.changed);
        let Some(t) = SystemTime::UNIX_EPOCH.checked_add(Duration::new(newest.0.max(0) as u64, newest.1)) else {
            return true;
        };
        now.duration_since(t).map_or(true, |age| age < RACY)
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    fingerprint: String,
    entries: Vec<(String, Entry)>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Entry {
    stamp: Stamp,
    start: u64,
    len: u64,
    /// CRC-32 of the blob: a byte changed on disk makes the note be read again, rather
    /// than decode into a note that says something else.
    crc: u32,
}

/// A cache file, as found at the start of a run, and the next one as it is written.
pub struct Cache {
    file: PathBuf,
    fingerprint: String,
    started: SystemTime,
    /// The whole file read at the start (entries point into it).
    bytes: Vec<u8>,
    entries: HashMap<String, Entry>,
    /// Why the stored file could not be used, if it existed and could not.
    problem: Option<String>,
    next: Mutex<Next>,
}

/// The next cache file, written beside the current one and renamed over it at the end.
enum Next {
    NotStarted,
    Open { out: std::io::BufWriter<tempfile::NamedTempFile>, written: u64 },
    Failed(String),
}

/// One note's record for the next cache file.
pub enum Blob {
    /// Unchanged: the same bytes as in the file read at the start.
    Kept(Entry),
    /// Read this run, and already written to the next file.
    Fresh(Entry),
    /// Not to be cached (changed too recently, or its stamp unknown).
    Skip,
}

/// How a run used the cache, for `--verbose`.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub file: PathBuf,
    /// Notes taken from the cache, and notes read from their files.
    pub reused: usize,
    pub read: usize,
    /// Whether the cache file was written again.
    pub saved: bool,
    /// What went wrong with the cache, if anything (the run itself is unaffected).
    pub problem: Option<String>,
}

/// The cache file for the vault at `root` (`None` when the system has no cache folder).
/// The file's name shows the vault's folder name; a hash of its full path tells vaults of the
/// same name apart.
pub fn location(root: &Path, sharing: bool) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let root = root.canonicalize().ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    let name: String = root
        .file_name()
        .map(|n| n.to_string_lossy().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).take(40).collect())
        .unwrap_or_default();
    let mode = if sharing { "shared" } else { "full" };
    Some(folder()?.join(format!("{name}-{:016x}-{mode}.bin", hasher.finish())))
}

/// The folder of every vault's cache file (`None` when the system has no cache folder).
pub fn folder() -> Option<PathBuf> {
    Some(dirs::cache_dir()?.join("dossier"))
}

/// How large all cache files together may grow before the least recently used go:
/// `DOSSIER_CACHE_MAX_MB` megabytes (a decimal number), else 1024.
pub fn size_limit() -> u64 {
    let megabytes = std::env::var("DOSSIER_CACHE_MAX_MB")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|mb| mb.is_finite() && *mb >= 0.0)
        .unwrap_or(1024.0);
    (megabytes * 1e6) as u64
}

/// A vault's cache file in [`folder`].
#[derive(Debug, Clone)]
pub struct CacheFile {
    pub path: PathBuf,
    pub bytes: u64,
    /// When a run last used it (each run that reads it marks it).
    pub last_used: SystemTime,
}

/// The cache files in `dir`, least recently used first.
pub fn files_in(dir: &Path) -> Vec<CacheFile> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<CacheFile> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file().then(|| CacheFile {
                path: e.path(),
                bytes: meta.len(),
                last_used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            })
        })
        .collect();
    files.sort_by(|a, b| a.last_used.cmp(&b.last_used).then_with(|| a.path.cmp(&b.path)));
    files
}

/// Removes the least recently used cache files of `dir` until all of them together are at
/// most `limit` bytes; `keep` (the one this run uses) stays whatever its size.
pub fn trim(dir: &Path, limit: u64, keep: &Path) {
    let files = files_in(dir);
    let mut total: u64 = files.iter().map(|f| f.bytes).sum();
    for f in files {
        if total <= limit {
            break;
        }
        if f.path != keep && std::fs::remove_file(&f.path).is_ok() {
            total -= f.bytes;
        }
    }
}

/// Marks `file` used now, so that trimming keeps it over files no run has used for longer.
fn mark_used(file: &Path) {
    if let Ok(f) = std::fs::File::options().append(true).open(file) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// What a cache file must have been made with to be used: this layout, this build of
/// dossier (any rebuild may read notes differently) and `settings`, the reading settings.
pub fn fingerprint(settings: &str) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let built = meta.modified().ok()?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some(format!(
        "dossier {} build {}.{} {} | {settings}",
        env!("CARGO_PKG_VERSION"),
        built.as_secs(),
        built.subsec_nanos(),
        meta.len()
    ))
}

impl Cache {
    /// Reads the cache `file`; a missing, damaged or foreign file gives an empty cache.
    pub fn open(file: PathBuf, fingerprint: String) -> Cache {
        let mut cache = Cache {
            file,
            fingerprint,
            started: SystemTime::now(),
            bytes: Vec::new(),
            entries: HashMap::default(),
            problem: None,
            next: Mutex::new(Next::NotStarted),
        };
        let bytes = match std::fs::read(&cache.file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return cache,
            Err(e) => {
                cache.problem = Some(format!("cannot read {}: {e}", cache.file.display()));
                return cache;
            }
        };
        match header_of(&bytes) {
            Some(header) if header.fingerprint == cache.fingerprint => {
                cache.entries = header.entries.into_iter().collect();
                cache.bytes = bytes;
                mark_used(&cache.file);
            }
            // Made by another build or with other settings: simply replaced.
            Some(_) => {}
            None => cache.problem = Some(format!("{} is damaged; it will be rebuilt", cache.file.display())),
        }
        cache
    }

    /// The record cached for the file at `path` if the file is unchanged since, with the
    /// entry to keep for the next cache file.
    pub fn lookup<T: DeserializeOwned>(&self, path: &str, stamp: Stamp) -> Option<(T, Blob)> {
        let entry = self.entries.get(path).filter(|e| e.stamp == stamp)?;
        let blob = self.blob(entry).filter(|b| crc32fast::hash(b) == entry.crc)?;
        let record = postcard::from_bytes(blob).ok()?;
        Some((record, Blob::Kept(*entry)))
    }

    fn blob(&self, entry: &Entry) -> Option<&[u8]> {
        self.bytes.get(usize::try_from(entry.start).ok()?..usize::try_from(entry.start + entry.len).ok()?)
    }

    /// Writes the record of a file just read to the next cache file.
    pub fn fresh<T: Serialize>(&self, record: &T, stamp: Option<Stamp>) -> Blob {
        let Some(stamp) = stamp.filter(|s| !s.is_racy(self.started)) else { return Blob::Skip };
        let Ok(bytes) = postcard::to_allocvec(record) else { return Blob::Skip };
        match self.append(&bytes) {
            Some(start) => Blob::Fresh(Entry { stamp, start, len: bytes.len() as u64, crc: crc32fast::hash(&bytes) }),
            None => Blob::Skip,
        }
    }

    /// Appends `bytes` to the next cache file (started on first use); where they start.
    fn append(&self, bytes: &[u8]) -> Option<u64> {
        let mut next = self.next.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if matches!(*next, Next::NotStarted) {
            *next = match start(&self.file) {
                Ok(out) => Next::Open { out, written: MAGIC.len() as u64 },
                Err(e) => Next::Failed(format!("cannot write {}: {e}", self.file.display())),
            };
        }
        let Next::Open { out, written } = &mut *next else { return None };
        match out.write_all(bytes) {
            Ok(()) => {
                let start = *written;
                *written += bytes.len() as u64;
                Some(start)
            }
            Err(e) => {
                *next = Next::Failed(format!("cannot write {}: {e}", self.file.display()));
                None
            }
        }
    }

    /// Finishes the next cache file and puts it in place of the old one, when it would
    /// differ from it: `records` are every file of this run, by path.
    pub fn save(self, records: Vec<(String, Blob)>) -> Report {
        let reused = records.iter().filter(|(_, b)| matches!(b, Blob::Kept(_))).count();
        let mut report =
            Report { file: self.file.clone(), reused, read: records.len() - reused, saved: false, problem: None };
        if reused == records.len() && reused == self.entries.len() {
            // Unchanged: nothing to write, but what a killed run left beside it goes.
            if let Some(dir) = self.file.parent() {
                crate::scratch::remove_stale(dir);
                trim(dir, size_limit(), &self.file);
            }
            report.problem = self.problem;
            return report;
        }
        let mut entries = Vec::with_capacity(records.len());
        for (path, blob) in records {
            match blob {
                Blob::Kept(old) => {
                    // Copied from the old file into the new one.
                    let bytes = self.blob(&old).unwrap_or_default();
                    if let Some(start) = self.append(bytes) {
                        entries.push((path, Entry { start, ..old }));
                    }
                }
                Blob::Fresh(entry) => entries.push((path, entry)),
                Blob::Skip => {}
            }
        }
        let finished = match self.next.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            Next::Open { out, .. } => finish(out, &Header { fingerprint: self.fingerprint, entries }, &self.file),
            Next::NotStarted => {
                // Nothing to keep (every note changed a moment ago, say): an empty cache.
                start(&self.file)
                    .map_err(anyhow::Error::from)
                    .and_then(|out| finish(out, &Header { fingerprint: self.fingerprint, entries }, &self.file))
            }
            Next::Failed(why) => Err(anyhow::anyhow!(why)),
        };
        match finished {
            Ok(()) => {
                report.saved = true;
                report.problem = self.problem;
                if let Some(dir) = self.file.parent() {
                    trim(dir, size_limit(), &self.file);
                }
            }
            Err(e) => report.problem = Some(format!("{e:#}")),
        }
        report
    }
}

/// The header of a cache file's bytes.
fn header_of(bytes: &[u8]) -> Option<Header> {
    if !bytes.starts_with(MAGIC) || bytes.len() < MAGIC.len() + 8 {
        return None;
    }
    let (rest, len) = bytes.split_at(bytes.len() - 8);
    let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
    let at = rest.len().checked_sub(len).filter(|&at| at >= MAGIC.len())?;
    postcard::from_bytes(&rest[at..]).ok()
}

/// Starts the next cache file beside `file` (readable by the user only, as the notes are).
fn start(file: &Path) -> std::io::Result<std::io::BufWriter<tempfile::NamedTempFile>> {
    let dir = file.parent().ok_or_else(|| std::io::Error::other("no folder"))?;
    if dir.exists() && !dir.is_dir() {
        return Err(std::io::Error::other(format!("{} is a file, not a folder", dir.display())));
    }
    std::fs::create_dir_all(dir)?;
    crate::scratch::remove_stale(dir);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, crate::scratch::create_in(dir)?);
    out.write_all(MAGIC)?;
    Ok(out)
}

/// Writes the header after the blobs, then renames the file into place, so that a reader
/// never sees half a file.
fn finish(mut out: std::io::BufWriter<tempfile::NamedTempFile>, header: &Header, file: &Path) -> anyhow::Result<()> {
    let header = postcard::to_allocvec(header)?;
    out.write_all(&header)?;
    out.write_all(&(header.len() as u64).to_le_bytes())?;
    let out = out.into_inner().map_err(|e| e.into_error())?;
    out.persist(file)?;
    Ok(())
}

/// Frontmatter values in the cache. YAML values describe their own type, which postcard's
/// compact encoding cannot carry: they are stored as this mirror of them.
pub mod yaml_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_yaml::{Mapping, Number, Value};

    #[derive(Serialize, Deserialize)]
    enum Stored {
        Null,
        Bool(bool),
        Unsigned(u64),
        Signed(i64),
        Float(f64),
        String(String),
        Sequence(Vec<Stored>),
        Mapping(Vec<(Stored, Stored)>),
        Tagged(String, Box<Stored>),
    }

    fn store(v: &Value) -> Stored {
        match v {
            Value::Null => Stored::Null,
            Value::Bool(b) => Stored::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Stored::Unsigned(u),
                (None, Some(i)) => Stored::Signed(i),
                _ => Stored::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Stored::String(s.clone()),
            Value::Sequence(items) => Stored::Sequence(items.iter().map(store).collect()),
            Value::Mapping(m) => Stored::Mapping(m.iter().map(|(k, v)| (store(k), store(v))).collect()),
            Value::Tagged(t) => Stored::Tagged(t.tag.to_string(), Box::new(store(&t.value))),
        }
    }

    fn restore(s: Stored) -> Value {
        match s {
            Stored::Null => Value::Null,
            Stored::Bool(b) => Value::Bool(b),
            Stored::Unsigned(u) => Value::Number(Number::from(u)),
            Stored::Signed(i) => Value::Number(Number::from(i)),
            Stored::Float(f) => Value::Number(Number::from(f)),
            Stored::String(s) => Value::String(s),
            Stored::Sequence(items) => Value::Sequence(items.into_iter().map(restore).collect()),
            Stored::Mapping(pairs) => {
                Value::Mapping(pairs.into_iter().map(|(k, v)| (restore(k), restore(v))).collect::<Mapping>())
            }
            Stored::Tagged(tag, value) => Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
                tag: serde_yaml::value::Tag::new(tag),
                value: restore(*value),
            })),
        }
    }

    pub fn serialize<S: Serializer>(map: &BTreeMap<String, Value>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.iter().map(|(k, v)| (k, store(v))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Value>, D::Error> {
        let pairs: Vec<(String, Stored)> = Vec::deserialize(d)?;
        Ok(pairs.into_iter().map(|(k, v)| (k, restore(v))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_survive_the_cache_exactly() {
        let yaml = "a: 1\nb: -2\nc: 2.50\nd: [x, {k: v}]\ne: !custom 7\nf: null\ng: true\nh: '[[Acme]]'\n";
        let map: std::collections::BTreeMap<String, serde_yaml::Value> = serde_yaml::from_str(yaml).unwrap();
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Holder(#[serde(with = "yaml_map")] std::collections::BTreeMap<String, serde_yaml::Value>);
        let bytes = postcard::to_allocvec(&Holder(map.clone())).unwrap();
        let back: Holder = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.0, map);
        assert_eq!(serde_yaml::to_string(&back.0).unwrap(), serde_yaml::to_string(&map).unwrap());
    }

    #[test]
    fn a_file_changed_seconds_ago_is_not_cached() {
        let now = SystemTime::now();
        let secs = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() as i64;
        let stamp = |at: i64| Stamp { len: 1, modified: (at, 0), changed: (at, 0), inode: 1 };
        assert!(stamp(secs(now)).is_racy(now));
        assert!(stamp(secs(now) + 60).is_racy(now), "a time stamp in the future");
        assert!(!stamp(secs(now) - 60).is_racy(now));
    }

    /// What a damaged cache costs: a record that does not decode is read from its note again
    /// (`lookup` gives `None`). It must never panic, nor ask for absurd amounts of memory.
    #[test]
    fn damaged_records_and_headers_are_refused_or_read_never_a_panic() {
        let text = "---\ntype: people\ncompany: \"[[Acme]]\"\nn: [1, -2, 2.5, {k: !t v}]\n---\n# A\n\n\
                    ## Key Facts\n\n- one [[B]] and #tag\n- [ ] call back 📅 2026-01-02\n\n| a | b |\n|---|---|\n| [[C]] | d |\n";
        let note = crate::vault::parse_note("People/A.md".into(), text, &mut Vec::new());
        let record = postcard::to_allocvec(&note).unwrap();
        let back: crate::vault::Note = postcard::from_bytes(&record).unwrap();
        assert_eq!(format!("{back:?}"), format!("{note:?}"), "a record reads back as written");
        let header = Header {
            fingerprint: "f".into(),
            entries: vec![(
                "People/A.md".into(),
                Entry {
                    stamp: Stamp { len: 1, modified: (1, 2), changed: (3, 4), inode: 5 },
                    start: 21,
                    len: 9,
                    crc: 0,
                },
            )],
        };
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(&record);
        let encoded = postcard::to_allocvec(&header).unwrap();
        file.extend_from_slice(&encoded);
        file.extend_from_slice(&(encoded.len() as u64).to_le_bytes());
        assert!(header_of(&file).is_some());
        let mut rng = fastrand::Rng::with_seed(7);
        for bytes in [record, file] {
            for _ in 0..5000 {
                let mut damaged = bytes.clone();
                let at = rng.usize(..damaged.len());
                match rng.u8(..3) {
                    0 => damaged[at] = rng.u8(..),
                    1 => damaged.truncate(at),
                    _ => damaged.insert(at, rng.u8(..)),
                }
                let _ = postcard::from_bytes::<crate::vault::Note>(&damaged);
                let _ = header_of(&damaged);
            }
        }
    }

    #[test]
    fn a_damaged_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.bin");
        std::fs::write(&file, b"dossier note cache 2\n\x01\x02\xff\xff\xff\xff\xff\xff\xff\xff").unwrap();
        let cache = Cache::open(file.clone(), "f".into());
        assert!(cache.entries.is_empty());
        assert!(cache.problem.as_deref().unwrap_or("").contains("damaged"));
        std::fs::write(&file, b"").unwrap();
        assert!(Cache::open(file, "f".into()).entries.is_empty());
    }
}
