//! A person as a stakeholder: the optional frontmatter keys an account team keeps
//! (`buying_role`, `influence`, `disposition`, `reports_to`, `owner`, `contact_every`), and
//! what the notes let us derive instead of asking for it: relationship strength from the
//! contacts recorded, and who on our side has met whom.
//!
//! Keys are read in snake_case or kebab-case (`buying_role`, `buying-role`). A value dossier
//! does not understand is a warning with its line, never a guess.

use chrono::NaiveDate;
use serde::Serialize;
use serde_yaml::Value;

use super::entities::{Source, Sourced};
use super::Graph;
use crate::config::StrengthSettings;
use crate::diagnostics::Diagnostic;
use crate::vault::frontmatter::scalar_string;
use crate::vault::{fields, wikilink, Note, NoteId, Target};

/// A buying role in the sense of Miller Heiman and MEDDPICC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BuyingRole {
    EconomicBuyer,
    TechnicalBuyer,
    UserBuyer,
    Champion,
    Coach,
    Influencer,
    Blocker,
}

impl BuyingRole {
    pub const ALL: [BuyingRole; 7] = [
        BuyingRole::EconomicBuyer,
        BuyingRole::TechnicalBuyer,
        BuyingRole::UserBuyer,
        BuyingRole::Champion,
        BuyingRole::Coach,
        BuyingRole::Influencer,
        BuyingRole::Blocker,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BuyingRole::EconomicBuyer => "economic buyer",
            BuyingRole::TechnicalBuyer => "technical buyer",
            BuyingRole::UserBuyer => "user buyer",
            BuyingRole::Champion => "champion",
            BuyingRole::Coach => "coach",
            BuyingRole::Influencer => "influencer",
            BuyingRole::Blocker => "blocker",
        }
    }

    /// Reads `economic buyer`, `Economic-Buyer`, `economic_buyer`, `EB`, `decision maker`, ….
    pub fn parse(text: &str) -> Option<BuyingRole> {
        Some(match normalise(text).as_str() {
            "economic buyer" | "economic" | "eb" | "decision maker" | "budget holder" => BuyingRole::EconomicBuyer,
            "technical buyer" | "technical" | "tb" | "technical evaluator" => BuyingRole::TechnicalBuyer,
            "user buyer" | "user" | "ub" | "end user" => BuyingRole::UserBuyer,
            "champion" => BuyingRole::Champion,
            "coach" | "guide" => BuyingRole::Coach,
            "influencer" => BuyingRole::Influencer,
            "blocker" | "anti sponsor" | "antisponsor" => BuyingRole::Blocker,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Influence {
    High,
    Medium,
    Low,
}

impl Influence {
    pub fn parse(text: &str) -> Option<Influence> {
        Some(match normalise(text).as_str() {
            "high" | "key player" | "key" | "strong" => Influence::High,
            "medium" | "moderate" | "some" => Influence::Medium,
            "low" | "weak" | "none" => Influence::Low,
            _ => return None,
        })
    }
}

/// From most to least supportive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Disposition {
    Mentor,
    Supporter,
    Neutral,
    Sceptic,
    Blocker,
}

impl Disposition {
    pub fn parse(text: &str) -> Option<Disposition> {
        Some(match normalise(text).as_str() {
            "mentor" | "advocate" | "sponsor" => Disposition::Mentor,
            "supporter" | "supportive" | "positive" | "ally" => Disposition::Supporter,
            "neutral" | "unknown position" => Disposition::Neutral,
            "sceptic" | "skeptic" | "sceptical" | "skeptical" | "negative" => Disposition::Sceptic,
            "blocker" | "opponent" | "detractor" | "hostile" => Disposition::Blocker,
            _ => return None,
        })
    }

    /// Supporters and mentors are on our side of the deal.
    pub fn is_supportive(self) -> bool {
        self <= Disposition::Supporter
    }
}

fn normalise(text: &str) -> String {
    text.trim().to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A buying role, for every project or for one.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleAssignment {
    pub role: BuyingRole,
    /// `None`: the role holds for every deal with this person.
    pub project: Option<Target>,
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stakeholder {
    pub buying_roles: Vec<RoleAssignment>,
    pub influence: Option<Sourced<Influence>>,
    pub disposition: Option<Sourced<Disposition>>,
    /// The first is the solid reporting line; any further ones are dotted lines.
    pub reports_to: Vec<Sourced<Target>>,
    /// Which of our people holds the relationship.
    pub owner: Option<Sourced<Target>>,
    /// The intended contact cadence, in days.
    pub contact_every: Option<Sourced<i64>>,
}

impl Stakeholder {
    /// Roles that hold for `project` (and those that hold for every project).
    pub fn roles_for<'a>(&'a self, project: Option<&'a Target>) -> impl Iterator<Item = BuyingRole> + 'a {
        self.buying_roles.iter().filter(move |r| r.project.is_none() || r.project.as_ref() == project).map(|r| r.role)
    }
}

/// The value of the field that fills `role` (its names in `settings.fields`), with its line:
/// a frontmatter value as YAML (a mapping keeps its structure), any other as its text.
fn value(note: &Note, fields: &[fields::Field], names: &[String]) -> Option<(Value, u32)> {
    let field = fields::find_first(fields, names)?;
    let value = match field.yaml(note) {
        Some(v) => v.clone(),
        None => Value::String(field.values.first().cloned().unwrap_or_default()),
    };
    Some((value, field.line))
}

fn strings(v: &Value) -> Vec<String> {
    let raw: Vec<String> = match v {
        Value::Sequence(items) => items.iter().filter_map(scalar_string).collect(),
        other => scalar_string(other).map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default(),
    };
    raw.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// A `[[link]]` or a plain name, resolved like a link from `id`.
fn target(graph: &Graph, id: NoteId, written: &str) -> Option<Target> {
    match wikilink::scan(written).first() {
        Some(found) => graph.target_of(id, &found.target),
        None => graph.target_of_name(id, written),
    }
}

/// Reads the stakeholder keys of person note `id`; problems go to `diagnostics`.
pub fn read(graph: &Graph, id: NoteId, fields: &[fields::Field], diagnostics: &mut Vec<Diagnostic>) -> Stakeholder {
    let names = &graph.field_keys;
    let note = graph.vault.note(id);
    let path = &note.path;
    let mut s = Stakeholder::default();
    let mut warn = |line: u32, message: String| diagnostics.push(Diagnostic::warning(path, line, message));

    if let Some((v, line)) = value(note, fields, &names.buying_role) {
        let v = &v;
        let source = graph.source(id, line);
        let mut add = |written: &str, project: Option<Target>, warn: &mut dyn FnMut(u32, String)| {
            match BuyingRole::parse(written) {
                Some(role) => s.buying_roles.push(RoleAssignment { role, project, source: source.clone() }),
                None => warn(
                    line,
                    format!(
                        "unknown buying_role \"{written}\"; expected one of: {}",
                        BuyingRole::ALL.map(BuyingRole::label).join(", ")
                    ),
                ),
            }
        };
        match v {
            // `buying_role: {"[[Project]]": economic buyer, Other project: [coach]}`
            Value::Mapping(map) => {
                for (k, roles) in map {
                    let Some(project) = scalar_string(k).and_then(|k| target(graph, id, &k)) else { continue };
                    for written in strings(roles) {
                        add(&written, Some(project.clone()), &mut warn);
                    }
                }
            }
            other => {
                for written in strings(other) {
                    add(&written, None, &mut warn);
                }
            }
        }
        s.buying_roles.sort_by(|a, b| (&a.project, a.role).cmp(&(&b.project, b.role)));
        s.buying_roles.dedup_by(|a, b| a.role == b.role && a.project == b.project);
    }

    if let Some((v, line)) = value(note, fields, &names.influence) {
        if let Some(text) = scalar_string(&v).filter(|t| !t.trim().is_empty()) {
            match Influence::parse(&text) {
                Some(value) => s.influence = Some(Sourced { value, source: graph.source(id, line) }),
                None => warn(line, format!("unknown influence \"{text}\"; expected high, medium or low")),
            }
        }
    }
    if let Some((v, line)) = value(note, fields, &names.disposition) {
        if let Some(text) = scalar_string(&v).filter(|t| !t.trim().is_empty()) {
            match Disposition::parse(&text) {
                Some(value) => s.disposition = Some(Sourced { value, source: graph.source(id, line) }),
                None => warn(
                    line,
                    format!("unknown disposition \"{text}\"; expected mentor, supporter, neutral, sceptic or blocker"),
                ),
            }
        }
    }
    if let Some((v, line)) = value(note, fields, &names.reports_to) {
        for written in strings(&v) {
            if let Some(t) = target(graph, id, &written).filter(|t| *t != Target::Note(id)) {
                if !s.reports_to.iter().any(|r| r.value == t) {
                    s.reports_to.push(Sourced { value: t, source: graph.source(id, line) });
                }
            }
        }
    }
    if let Some((v, line)) = value(note, fields, &names.owner) {
        if let Some(t) = strings(&v).first().and_then(|w| target(graph, id, w)) {
            s.owner = Some(Sourced { value: t, source: graph.source(id, line) });
        }
    }
    if let Some((v, line)) = value(note, fields, &names.contact_every) {
        if let Some(text) = scalar_string(&v) {
            match parse_days(&text) {
                Some(days) => s.contact_every = Some(Sourced { value: days, source: graph.source(id, line) }),
                None => warn(line, format!("contact_every \"{text}\" is not a number of days (e.g. 30, 2w, 3m)")),
            }
        }
    }
    s
}

/// `30`, `30d`, `30 days`, `2w`, `3 weeks`, `3m`, `1 month`, `1y` → days.
fn parse_days(text: &str) -> Option<i64> {
    let t = text.trim().to_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n: i64 = t[..split].parse().ok().filter(|n| *n > 0)?;
    let unit = match t[split..].trim() {
        "" | "d" | "day" | "days" => 1,
        "w" | "wk" | "week" | "weeks" => 7,
        "m" | "mo" | "month" | "months" => 30,
        "y" | "year" | "years" => 365,
        _ => return None,
    };
    n.checked_mul(unit)
}

/// One recorded contact with a person: a meeting they attended, or a Recent Context entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub date: Option<NaiveDate>,
    pub meeting: Option<Target>,
    pub source: Source,
}

/// How well we know someone, graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    None,
    Poor,
    Fair,
    Good,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Strength {
    /// `good`, `fair`, `poor` or `none`.
    pub grade: Grade,
    /// Sum over contacts up to the as-of date of 0.5^(age / half-life); undated ones count
    /// as one half-life old. Rounded to two decimals.
    pub score: f64,
    /// Contacts up to the as-of date.
    pub contacts: usize,
}

/// Relationship strength as of `as_of`: recent contacts weigh most; later ones are plans.
pub fn strength(contacts: &[Contact], as_of: NaiveDate, settings: &StrengthSettings) -> Strength {
    let half_life = settings.half_life_days.max(1) as f64;
    let mut score = 0.0;
    let mut counted = 0;
    for c in contacts {
        let age = match c.date {
            Some(d) if d > as_of => continue,
            Some(d) => (as_of - d).num_days() as f64,
            None => half_life,
        };
        score += 0.5f64.powf(age / half_life);
        counted += 1;
    }
    let score = (score * 100.0).round() / 100.0;
    let grade = if counted == 0 {
        Grade::None
    } else if score >= settings.good {
        Grade::Good
    } else if score >= settings.fair {
        Grade::Fair
    } else {
        Grade::Poor
    };
    Strength { grade, score, contacts: counted }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(date: &str) -> Contact {
        Contact {
            date: Some(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()),
            meeting: None,
            source: Source { path: "p.md".into(), line: 1 },
        }
    }

    #[test]
    fn roles_and_levels_read_common_spellings() {
        assert_eq!(BuyingRole::parse("Economic_Buyer"), Some(BuyingRole::EconomicBuyer));
        assert_eq!(BuyingRole::parse(" decision-maker "), Some(BuyingRole::EconomicBuyer));
        assert_eq!(BuyingRole::parse("champion"), Some(BuyingRole::Champion));
        assert_eq!(BuyingRole::parse("friend"), None);
        assert_eq!(Influence::parse("Key player"), Some(Influence::High));
        assert_eq!(Disposition::parse("skeptic"), Some(Disposition::Sceptic));
        assert!(Disposition::Mentor.is_supportive() && !Disposition::Neutral.is_supportive());
    }

    #[test]
    fn cadences_read_units() {
        assert_eq!(parse_days("30"), Some(30));
        assert_eq!(parse_days("2w"), Some(14));
        assert_eq!(parse_days("3 months"), Some(90));
        assert_eq!(parse_days("0"), None);
        assert_eq!(parse_days("often"), None);
    }

    #[test]
    fn strength_weighs_recent_contacts_and_ignores_future_ones() {
        let settings = StrengthSettings::default();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(strength(&[], as_of, &settings).grade, Grade::None);
        let recent = strength(&[contact("2026-11-20"), contact("2026-11-01"), contact("2026-10-20")], as_of, &settings);
        assert_eq!(recent.grade, Grade::Good, "{recent:?}");
        let old = strength(&[contact("2026-01-10")], as_of, &settings);
        assert_eq!(old.grade, Grade::Poor, "{old:?}");
        let planned = strength(&[contact("2026-12-01")], as_of, &settings);
        assert_eq!((planned.grade, planned.contacts), (Grade::None, 0));
    }
}
