//! The wire types of one private fostering arrangement as the officer reads it: the case,
//! with the notifications as sent, visits, Schedule 2 checks and DBS checks.
use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use uuid::Uuid;

use super::{
    obligations::StatusName,
    private_fostering::{NotifierName, PfArrangementBody, PfVisitKindName},
    types::Date,
};
use crate::{
    domain::private_fostering::{
        notification::Notification,
        schedule_2::{Finding, Schedule2Matter},
        suitability::DbsOutcome,
        visits::VisitDeadline,
    },
    service::private_fostering::casework::{
        Case, RecordedBy, RecordedSchedule2Check, RecordedSuitabilityCheck, RecordedVisit,
        SentNotification,
    },
};

/// A matter in Schedule 2 to the 2005 Regulations, paragraph 1(a) to 1(k) in order:
/// `intended_duration`, `wishes_and_feelings`, `accommodation`, `carers_capacity`, `household`,
/// `contact`, `financial_arrangements`, `health`, `education`, `decisions`, `advice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Schedule2MatterName {
    IntendedDuration,
    WishesAndFeelings,
    Accommodation,
    CarersCapacity,
    Household,
    Contact,
    FinancialArrangements,
    Health,
    Education,
    Decisions,
    Advice,
}

impl From<Schedule2MatterName> for Schedule2Matter {
    fn from(name: Schedule2MatterName) -> Self {
        use Schedule2MatterName as N;
        match name {
            N::IntendedDuration => Self::IntendedDuration,
            N::WishesAndFeelings => Self::WishesAndFeelings,
            N::Accommodation => Self::Accommodation,
            N::CarersCapacity => Self::CarersCapacity,
            N::Household => Self::Household,
            N::Contact => Self::Contact,
            N::FinancialArrangements => Self::FinancialArrangements,
            N::Health => Self::Health,
            N::Education => Self::Education,
            N::Decisions => Self::Decisions,
            N::Advice => Self::Advice,
        }
    }
}

impl From<Schedule2Matter> for Schedule2MatterName {
    fn from(matter: Schedule2Matter) -> Self {
        use Schedule2Matter as M;
        match matter {
            M::IntendedDuration => Self::IntendedDuration,
            M::WishesAndFeelings => Self::WishesAndFeelings,
            M::Accommodation => Self::Accommodation,
            M::CarersCapacity => Self::CarersCapacity,
            M::Household => Self::Household,
            M::Contact => Self::Contact,
            M::FinancialArrangements => Self::FinancialArrangements,
            M::Health => Self::Health,
            M::Education => Self::Education,
            M::Decisions => Self::Decisions,
            M::Advice => Self::Advice,
        }
    }
}

/// `satisfied`, or `concerns` (which needs notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum PfFindingName {
    Satisfied,
    Concerns,
}

impl From<PfFindingName> for Finding {
    fn from(name: PfFindingName) -> Self {
        match name {
            PfFindingName::Satisfied => Finding::Satisfied,
            PfFindingName::Concerns => Finding::Concerns,
        }
    }
}

impl From<Finding> for PfFindingName {
    fn from(finding: Finding) -> Self {
        match finding {
            Finding::Satisfied => PfFindingName::Satisfied,
            Finding::Concerns => PfFindingName::Concerns,
        }
    }
}

/// `clear`, `information_disclosed` (which needs notes) or `pending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum DbsOutcomeName {
    Clear,
    InformationDisclosed,
    Pending,
}

impl From<DbsOutcomeName> for DbsOutcome {
    fn from(name: DbsOutcomeName) -> Self {
        match name {
            DbsOutcomeName::Clear => DbsOutcome::Clear,
            DbsOutcomeName::InformationDisclosed => DbsOutcome::InformationDisclosed,
            DbsOutcomeName::Pending => DbsOutcome::Pending,
        }
    }
}

impl From<DbsOutcome> for DbsOutcomeName {
    fn from(outcome: DbsOutcome) -> Self {
        match outcome {
            DbsOutcome::Clear => DbsOutcomeName::Clear,
            DbsOutcome::InformationDisclosed => DbsOutcomeName::InformationDisclosed,
            DbsOutcome::Pending => DbsOutcomeName::Pending,
        }
    }
}

#[derive(Debug, Object)]
pub struct PfRecordedByBody {
    pub user_id: Uuid,
    pub name: String,
}

impl From<RecordedBy> for PfRecordedByBody {
    fn from(by: RecordedBy) -> Self {
        Self {
            user_id: by.user_id,
            name: by.name,
        }
    }
}

#[derive(Debug, Object)]
pub struct PfSchedule2CheckBody {
    pub id: Uuid,
    pub matter: Schedule2MatterName,
    /// Where the matter is in Schedule 2: `1(a)` to `1(k)`.
    pub paragraph: String,
    pub checked_on: Date,
    pub finding: PfFindingName,
    #[oai(nullable)]
    pub notes: Option<String>,
    pub recorded_by: PfRecordedByBody,
    pub recorded_at: DateTime<Utc>,
}

impl From<RecordedSchedule2Check> for PfSchedule2CheckBody {
    fn from(check: RecordedSchedule2Check) -> Self {
        Self {
            id: check.id,
            matter: check.matter.into(),
            paragraph: check.matter.paragraph().to_owned(),
            checked_on: check.checked_on.into(),
            finding: check.finding.into(),
            notes: check.notes,
            recorded_by: check.recorded_by.into(),
            recorded_at: check.recorded_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct PfSchedule2ChecklistBody {
    /// The latest check of each matter checked, in the Schedule's order.
    pub latest: Vec<PfSchedule2CheckBody>,
    /// The matters nobody has checked yet, in the Schedule's order.
    pub not_checked: Vec<Schedule2MatterName>,
}

#[derive(Debug, Object)]
pub struct PfSuitabilityCheckBody {
    pub id: Uuid,
    pub person_name: String,
    pub relationship: String,
    pub checked_on: Date,
    pub outcome: DbsOutcomeName,
    #[oai(nullable)]
    pub notes: Option<String>,
    pub recorded_by: PfRecordedByBody,
    pub recorded_at: DateTime<Utc>,
}

impl From<RecordedSuitabilityCheck> for PfSuitabilityCheckBody {
    fn from(check: RecordedSuitabilityCheck) -> Self {
        Self {
            id: check.id,
            person_name: check.person_name,
            relationship: check.relationship,
            checked_on: check.checked_on.into(),
            outcome: check.outcome.into(),
            notes: check.notes,
            recorded_by: check.recorded_by.into(),
            recorded_at: check.recorded_at,
        }
    }
}

/// What someone told us, exactly as they typed it (trimmed): plain text, never markup.
/// Empty where they did not know or did not say.
#[derive(Debug, Object)]
pub struct PfNotificationAsSentBody {
    pub notifier_name: String,
    #[oai(nullable)]
    pub notifier_email: Option<String>,
    #[oai(nullable)]
    pub notifier_phone: Option<String>,
    pub child_name: String,
    #[oai(nullable)]
    pub child_date_of_birth: Option<Date>,
    #[oai(nullable)]
    pub child_sex: Option<String>,
    #[oai(nullable)]
    pub child_place_of_birth: Option<String>,
    #[oai(nullable)]
    pub child_religion: Option<String>,
    #[oai(nullable)]
    pub child_racial_origin: Option<String>,
    #[oai(nullable)]
    pub child_cultural_and_linguistic_background: Option<String>,
    #[oai(nullable)]
    pub child_disabled: Option<bool>,
    pub carer_name: String,
    pub carer_address: String,
    #[oai(nullable)]
    pub carer_phone: Option<String>,
    #[oai(nullable)]
    pub carer_previous_addresses: Option<String>,
    #[oai(nullable)]
    pub household: Option<String>,
    #[oai(nullable)]
    pub parents: Option<String>,
    #[oai(nullable)]
    pub siblings: Option<String>,
    #[oai(nullable)]
    pub arranged_by: Option<String>,
    #[oai(nullable)]
    pub purpose: Option<String>,
    #[oai(nullable)]
    pub started_on: Option<Date>,
    #[oai(nullable)]
    pub expected_length: Option<String>,
}

impl From<Notification> for PfNotificationAsSentBody {
    fn from(n: Notification) -> Self {
        Self {
            notifier_name: n.notifier_name,
            notifier_email: n.notifier_email,
            notifier_phone: n.notifier_phone,
            child_name: n.child_name,
            child_date_of_birth: n.child_date_of_birth.map(Into::into),
            child_sex: n.child_sex,
            child_place_of_birth: n.child_place_of_birth,
            child_religion: n.child_religion,
            child_racial_origin: n.child_racial_origin,
            child_cultural_and_linguistic_background: n.child_cultural_and_linguistic_background,
            child_disabled: n.child_disabled,
            carer_name: n.carer_name,
            carer_address: n.carer_address,
            carer_phone: n.carer_phone,
            carer_previous_addresses: n.carer_previous_addresses,
            household: n.household,
            parents: n.parents,
            siblings: n.siblings,
            arranged_by: n.arranged_by,
            purpose: n.purpose,
            started_on: n.started_on.map(Into::into),
            expected_length: n.expected_length,
        }
    }
}

#[derive(Debug, Object)]
pub struct PfSentNotificationBody {
    pub id: Uuid,
    pub reference: String,
    pub received_at: DateTime<Utc>,
    pub received_on: Date,
    pub notifier: NotifierName,
    pub notification: PfNotificationAsSentBody,
}

impl From<SentNotification> for PfSentNotificationBody {
    fn from(sent: SentNotification) -> Self {
        Self {
            id: sent.id,
            reference: sent.reference,
            received_at: sent.received_at,
            received_on: sent.received_on.into(),
            notifier: sent.notifier.into(),
            notification: sent.notification.into(),
        }
    }
}

#[derive(Debug, Object)]
pub struct PfRecordedVisitBody {
    pub id: Uuid,
    pub visited_on: Date,
    pub child_seen: bool,
    #[oai(nullable)]
    pub seen_alone: Option<bool>,
    pub report: String,
    pub recorded_by: PfRecordedByBody,
    pub recorded_at: DateTime<Utc>,
}

impl From<RecordedVisit> for PfRecordedVisitBody {
    fn from(visit: RecordedVisit) -> Self {
        Self {
            id: visit.id,
            visited_on: visit.visited_on.into(),
            child_seen: visit.child_seen,
            seen_alone: visit.seen_alone,
            report: visit.report,
            recorded_by: visit.recorded_by.into(),
            recorded_at: visit.recorded_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct PfVisitDeadlineBody {
    pub kind: PfVisitKindName,
    pub due_on: Date,
    pub status: StatusName,
    /// The visit that met it; empty while it is open.
    #[oai(nullable)]
    pub completed_on: Option<Date>,
}

impl From<VisitDeadline> for PfVisitDeadlineBody {
    fn from(deadline: VisitDeadline) -> Self {
        Self {
            kind: deadline.kind.into(),
            due_on: deadline.due_on.into(),
            status: deadline.status.into(),
            completed_on: deadline.completed_on.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct PfCaseBody {
    pub arrangement: PfArrangementBody,
    /// Where the child is living.
    pub carer_address: String,
    /// Why it is not private fostering, or why it ended.
    #[oai(nullable)]
    pub status_reason: Option<String>,
    #[oai(nullable)]
    pub confirmed_on: Option<Date>,
    #[oai(nullable)]
    pub ended_on: Option<Date>,
    /// Every notification, the first first.
    pub notifications: Vec<PfSentNotificationBody>,
    /// Every visit, the latest first.
    pub visits: Vec<PfRecordedVisitBody>,
    /// Each visit deadline so far, and the one owed next while one is owed.
    pub visit_deadlines: Vec<PfVisitDeadlineBody>,
    pub schedule_2: PfSchedule2ChecklistBody,
    /// Every Schedule 2 check, the latest first.
    pub schedule_2_history: Vec<PfSchedule2CheckBody>,
    /// Every DBS check, the latest first.
    pub suitability_checks: Vec<PfSuitabilityCheckBody>,
}

impl From<Case> for PfCaseBody {
    fn from(case: Case) -> Self {
        Self {
            arrangement: case.arrangement.into(),
            carer_address: case.carer_address,
            status_reason: case.status_reason,
            confirmed_on: case.confirmed_on.map(Into::into),
            ended_on: case.ended_on.map(Into::into),
            notifications: case.notifications.into_iter().map(Into::into).collect(),
            visits: case.visits.into_iter().map(Into::into).collect(),
            visit_deadlines: case.visit_deadlines.into_iter().map(Into::into).collect(),
            schedule_2: PfSchedule2ChecklistBody {
                latest: case.schedule_2.latest.into_iter().map(Into::into).collect(),
                not_checked: case
                    .schedule_2
                    .not_checked
                    .into_iter()
                    .map(Into::into)
                    .collect(),
            },
            schedule_2_history: case
                .schedule_2_history
                .into_iter()
                .map(Into::into)
                .collect(),
            suitability_checks: case
                .suitability_checks
                .into_iter()
                .map(Into::into)
                .collect(),
        }
    }
}
