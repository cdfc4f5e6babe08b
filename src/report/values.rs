//! The closed sets of values a view holds, as enums: the JSON writes them in kebab-case, the
//! renderers match them exhaustively, and CONTEXT.md lists them.

use serde::Serialize;

use crate::model::Kind;

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectKind {
    Customer,
    Project,
    Person,
    Meeting,
    /// Any other note, or a link target with no note.
    Topic,
}

impl From<Kind> for SubjectKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Person => SubjectKind::Person,
            Kind::Customer => SubjectKind::Customer,
            Kind::Project => SubjectKind::Project,
            Kind::Meeting => SubjectKind::Meeting,
            Kind::Note => SubjectKind::Topic,
        }
    }
}

/// A line between two people on the map.
/// (In the order of their names: the map's edges are sorted by it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// From a person to a further manager.
    DottedLine,
    /// Ours introduced them ("via").
    Introduced,
    /// Ours and theirs in the same meetings.
    Met,
    /// From the owner of the relationship.
    Owner,
    /// From a person to their (first) manager.
    ReportsTo,
}

/// Whether a Dataview block of the subject note was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QueryStatus {
    Answered,
    /// Not evaluated: `reason` says why.
    Unsupported,
}

/// What a meeting's preparation lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    NoEconomicBuyer,
    NoCustomer,
    NoCustomerAttendee,
    NoAttendees,
    NoNote,
    NoRole,
    NoBuyingRole,
    NoCompany,
    NoRecentContact,
    NoDate,
}

/// Where a talking point comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TalkingPointKind {
    /// An open question to ask a decision on.
    Decide,
    /// An open task from an earlier meeting.
    FollowUp,
    /// A task falling due around the meeting.
    Due,
    /// Where the last conversation with one of their people stopped.
    PickUp,
}

/// The buying-role coverage at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageStatus {
    /// A supportive person who decides (economic or technical buyer).
    Green,
    /// A supportive key player (high influence, or champion), but no supportive decider.
    Amber,
    /// Neither.
    Red,
}

impl CoverageStatus {
    pub fn name(self) -> &'static str {
        match self {
            CoverageStatus::Green => "green",
            CoverageStatus::Amber => "amber",
            CoverageStatus::Red => "red",
        }
    }
}
