//! What a pack says, as the app uses it and sends it to the UI (JSON).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::markdown::Block;

/// The checked contents of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackContent {
    /// The pack format version; always [`crate::FORMAT`] for a pack that loaded.
    pub format: u32,
    /// The agency's own version number for this pack; a higher one replaces a lower one.
    pub pack_version: u32,
    /// The day the agency made the pack, `YYYY-MM-DD`.
    pub issued: String,
    pub agency: Agency,
    pub contacts: Vec<Contact>,
    pub guidance: Vec<GuidancePage>,
    pub rules: Vec<Rule>,
    pub records: Records,
    /// The agency's usual split of everyday decisions for a child in its care; the placement plan has the last word.
    pub delegated_authority: BTreeMap<DelegatedDecision, Decider>,
}

/// Everyday decisions about a looked-after child's online life that a placement plan may delegate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DelegatedDecision {
    Phone,
    AppsAndGames,
    SocialMedia,
    Photos,
    StayingOver,
}

impl DelegatedDecision {
    pub const ALL: [DelegatedDecision; 5] = [DelegatedDecision::Phone, DelegatedDecision::AppsAndGames, DelegatedDecision::SocialMedia, DelegatedDecision::Photos, DelegatedDecision::StayingOver];
}

/// Who makes a decision, as the placement plan says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Decider {
    FosterCarer,
    SocialWorker,
    /// A parent with parental responsibility.
    Parent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "PackAgency")]
pub struct Agency {
    pub name: String,
    /// The logo's size and kind; its bytes are `VerifiedPack::logo_bytes`.
    pub logo: Option<Logo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "PackLogo")]
pub struct Logo {
    /// The file name inside the pack.
    pub file: String,
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    pub fn media_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
        }
    }
}

/// Who a carer can call, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "PackContact")]
pub struct Contact {
    pub role: Role,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `https://` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When they can be reached, in the agency's words ("Monday to Friday, 9am to 5pm").
    pub hours: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename = "PackRole")]
pub enum Role {
    DutyLine,
    OutOfHours,
    SupervisingSocialWorker,
    SafeguardingHub,
    Lado,
    Other,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::DutyLine, Role::OutOfHours, Role::SupervisingSocialWorker, Role::SafeguardingHub, Role::Lado, Role::Other];

    /// The id as written in a pack.
    pub fn id(self) -> &'static str {
        match self {
            Role::DutyLine => "duty-line",
            Role::OutOfHours => "out-of-hours",
            Role::SupervisingSocialWorker => "supervising-social-worker",
            Role::SafeguardingHub => "safeguarding-hub",
            Role::Lado => "lado",
            Role::Other => "other",
        }
    }

    /// The role in words, as a carer sees it beside the contact.
    pub fn label(self) -> &'static str {
        match self {
            Role::DutyLine => "Duty line",
            Role::OutOfHours => "Out of hours and emergencies",
            Role::SupervisingSocialWorker => "Your supervising social worker",
            Role::SafeguardingHub => "Local safeguarding hub",
            Role::Lado => "LADO (Local Authority Designated Officer)",
            Role::Other => "Other contact",
        }
    }
}

/// One guidance page: the Markdown as the agency wrote it and the safe tree
/// the UI renders (text and structure only, never HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuidancePage {
    pub id: String,
    pub title: String,
    pub markdown: String,
    pub document: Vec<Block>,
}

/// An extra rule for the family online-safety agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "PackRule")]
pub struct Rule {
    pub id: String,
    pub section: Section,
    /// Who speaks the rule; as in the app's own rule library. Defaults to `child`.
    #[serde(default)]
    pub voice: Voice,
    pub text: String,
    pub why: String,
    pub bands: Vec<Band>,
    /// The agency asks every looked-after child's agreement to include this rule.
    #[serde(default)]
    pub required: bool,
}

/// The agreement's sections, as in `content/agreement/rules.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename = "PackSection")]
pub enum Section {
    DevicesPlaces,
    TimeBalance,
    AppsGames,
    PeopleOnline,
    Sharing,
    Kindness,
    Money,
    SomethingWrong,
    Adults,
    Review,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::DevicesPlaces,
        Section::TimeBalance,
        Section::AppsGames,
        Section::PeopleOnline,
        Section::Sharing,
        Section::Kindness,
        Section::Money,
        Section::SomethingWrong,
        Section::Adults,
        Section::Review,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Section::DevicesPlaces => "devices-places",
            Section::TimeBalance => "time-balance",
            Section::AppsGames => "apps-games",
            Section::PeopleOnline => "people-online",
            Section::Sharing => "sharing",
            Section::Kindness => "kindness",
            Section::Money => "money",
            Section::SomethingWrong => "something-wrong",
            Section::Adults => "adults",
            Section::Review => "review",
        }
    }
}

/// The age bands, as in `content/agreement/rules.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(rename = "PackBand")]
pub enum Band {
    #[serde(rename = "5-7")]
    B5to7,
    #[serde(rename = "8-10")]
    B8to10,
    #[serde(rename = "11-13")]
    B11to13,
    #[serde(rename = "14-15")]
    B14to15,
    #[serde(rename = "16-17")]
    B16to17,
}

impl Band {
    pub const ALL: [Band; 5] = [Band::B5to7, Band::B8to10, Band::B11to13, Band::B14to15, Band::B16to17];

    pub fn id(self) -> &'static str {
        match self {
            Band::B5to7 => "5-7",
            Band::B8to10 => "8-10",
            Band::B11to13 => "11-13",
            Band::B14to15 => "14-15",
            Band::B16to17 => "16-17",
        }
    }
}

/// Who speaks a rule, as in `content/agreement/rules.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "PackVoice")]
pub enum Voice {
    #[default]
    Child,
    Adults,
    Family,
}

/// How the concern log behaves for this agency's carers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "PackRecords")]
pub struct Records {
    /// Every entry must say who wrote it.
    #[serde(default)]
    pub writer_name_required: bool,
    /// Ask for a police reference number when the police were told.
    #[serde(default)]
    pub ask_police_reference: bool,
    /// Shown at the top of the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the carer hands records over to, if the agency takes them through Harbour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover: Option<Handover>,
}

/// The agency's public key for hand-overs and, in its own words, how it wants records handed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "PackHandover")]
pub struct Handover {
    /// An age X25519 public key, `age1...`, made by `harbour-agency handover-key new`.
    pub recipient: String,
    /// "Hand over every entry to your supervising social worker within a day", for example.
    pub how: String,
    /// What happens to a child's records on this computer when their placement ends.
    #[serde(default)]
    pub at_placement_end: AtPlacementEnd,
}

/// What the agency asks of a child's records once the placement ends and everything is handed over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AtPlacementEnd {
    /// The carer decides whether to keep them.
    #[default]
    CarerChooses,
    /// They are removed from the carer's computer.
    Remove,
}
