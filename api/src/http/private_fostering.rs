//! Private fostering: notifications from anyone, with no account; the officer's list of
//! arrangements, visits and status changes. The case and its checks are in
//! `private_fostering_casework`.
use poem::Request;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    obligations::StatusName,
    problem::ApiResult,
    types::{Date, Text},
};
use crate::{
    AppState,
    domain::private_fostering::{
        ArrangementStatus, StatusChange,
        notification::{Notification, Notifier},
        visits::{Visit, VisitDeadline, VisitKind},
    },
    service::{
        PageRequest,
        private_fostering::{arrangements, notifications},
    },
};

pub struct PrivateFosteringApi {
    pub state: AppState,
}

/// `carer`: the person the child lives with; `parent`: a parent or someone with parental
/// responsibility; `other`: anyone else (a neighbour, a teacher, a doctor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum NotifierName {
    Carer,
    Parent,
    Other,
}

impl From<NotifierName> for Notifier {
    fn from(name: NotifierName) -> Self {
        match name {
            NotifierName::Carer => Notifier::Carer,
            NotifierName::Parent => Notifier::Parent,
            NotifierName::Other => Notifier::Other,
        }
    }
}

impl From<Notifier> for NotifierName {
    fn from(notifier: Notifier) -> Self {
        match notifier {
            Notifier::Carer => NotifierName::Carer,
            Notifier::Parent => NotifierName::Parent,
            Notifier::Other => NotifierName::Other,
        }
    }
}

/// What Schedule 1 of the 2005 Regulations asks for. Leave out (or send null for) anything
/// you do not know. Required: your name, the child's name, the carer's name, the address where
/// the child is living, and at least one of your email, your phone or the carer's phone.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewPfNotification {
    pub notifier: NotifierName,
    #[oai(validator(max_length = 100))]
    pub notifier_name: Text,
    #[oai(default, nullable, validator(max_length = 254))]
    pub notifier_email: Option<Text>,
    #[oai(default, nullable, validator(max_length = 30))]
    pub notifier_phone: Option<Text>,
    /// The child's name, or what they are called.
    #[oai(validator(max_length = 100))]
    pub child_name: Text,
    #[oai(default, nullable)]
    pub child_date_of_birth: Option<Date>,
    #[oai(default, nullable, validator(max_length = 100))]
    pub child_sex: Option<Text>,
    #[oai(default, nullable, validator(max_length = 200))]
    pub child_place_of_birth: Option<Text>,
    #[oai(default, nullable, validator(max_length = 200))]
    pub child_religion: Option<Text>,
    #[oai(default, nullable, validator(max_length = 200))]
    pub child_racial_origin: Option<Text>,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub child_cultural_and_linguistic_background: Option<Text>,
    #[oai(default, nullable)]
    pub child_disabled: Option<bool>,
    /// The person the child is living with.
    #[oai(validator(max_length = 100))]
    pub carer_name: Text,
    /// Where the child is living now.
    #[oai(validator(max_length = 500))]
    pub carer_address: Text,
    #[oai(default, nullable, validator(max_length = 30))]
    pub carer_phone: Option<Text>,
    /// The carer's addresses over the last five years.
    #[oai(default, nullable, validator(max_length = 2000))]
    pub carer_previous_addresses: Option<Text>,
    /// Everyone else living in the carer's home.
    #[oai(default, nullable, validator(max_length = 2000))]
    pub household: Option<Text>,
    /// The child's parents and anyone with parental responsibility, and where they live.
    #[oai(default, nullable, validator(max_length = 2000))]
    pub parents: Option<Text>,
    /// The child's brothers and sisters under 18, and where they live.
    #[oai(default, nullable, validator(max_length = 2000))]
    pub siblings: Option<Text>,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub arranged_by: Option<Text>,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub purpose: Option<Text>,
    /// When it started, or will start if it is planned.
    #[oai(default, nullable)]
    pub started_on: Option<Date>,
    #[oai(default, nullable, validator(max_length = 200))]
    pub expected_length: Option<Text>,
}

impl From<NewPfNotification> for Notification {
    fn from(body: NewPfNotification) -> Self {
        let text = |t: Option<Text>| t.map(Text::into_string);
        Notification {
            notifier_name: body.notifier_name.into_string(),
            notifier_email: text(body.notifier_email),
            notifier_phone: text(body.notifier_phone),
            child_name: body.child_name.into_string(),
            child_date_of_birth: body.child_date_of_birth.map(|d| d.0),
            child_sex: text(body.child_sex),
            child_place_of_birth: text(body.child_place_of_birth),
            child_religion: text(body.child_religion),
            child_racial_origin: text(body.child_racial_origin),
            child_cultural_and_linguistic_background: text(
                body.child_cultural_and_linguistic_background,
            ),
            child_disabled: body.child_disabled,
            carer_name: body.carer_name.into_string(),
            carer_address: body.carer_address.into_string(),
            carer_phone: text(body.carer_phone),
            carer_previous_addresses: text(body.carer_previous_addresses),
            household: text(body.household),
            parents: text(body.parents),
            siblings: text(body.siblings),
            arranged_by: text(body.arranged_by),
            purpose: text(body.purpose),
            started_on: body.started_on.map(|d| d.0),
            expected_length: text(body.expected_length),
        }
    }
}

#[derive(Debug, Object)]
pub struct PfNotificationReceived {
    /// Quote this in anything else you tell us, such as `PF-7KQM-3RTV`.
    pub reference: String,
}

#[derive(ApiResponse)]
pub enum NotificationResponse {
    /// Received: the private fostering team has been told.
    #[oai(status = 201)]
    Created(Json<PfNotificationReceived>),
}

/// `notified`, `assessing`, `confirmed`, `not_private_fostering` or `ended`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ArrangementStatusName {
    Notified,
    Assessing,
    Confirmed,
    NotPrivateFostering,
    Ended,
}

impl From<ArrangementStatusName> for ArrangementStatus {
    fn from(name: ArrangementStatusName) -> Self {
        match name {
            ArrangementStatusName::Notified => Self::Notified,
            ArrangementStatusName::Assessing => Self::Assessing,
            ArrangementStatusName::Confirmed => Self::Confirmed,
            ArrangementStatusName::NotPrivateFostering => Self::NotPrivateFostering,
            ArrangementStatusName::Ended => Self::Ended,
        }
    }
}

impl From<ArrangementStatus> for ArrangementStatusName {
    fn from(status: ArrangementStatus) -> Self {
        match status {
            ArrangementStatus::Notified => Self::Notified,
            ArrangementStatus::Assessing => Self::Assessing,
            ArrangementStatus::Confirmed => Self::Confirmed,
            ArrangementStatus::NotPrivateFostering => Self::NotPrivateFostering,
            ArrangementStatus::Ended => Self::Ended,
        }
    }
}

/// `pf_initial_visit` (within 7 working days of the notification) or `pf_visit` (6 weeks
/// apart in the first year, 12 after).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum PfVisitKindName {
    PfInitialVisit,
    PfVisit,
}

#[derive(Debug, Object)]
pub struct PfVisitDueBody {
    pub kind: PfVisitKindName,
    pub due_on: Date,
    pub status: StatusName,
}

impl From<VisitKind> for PfVisitKindName {
    fn from(kind: VisitKind) -> Self {
        match kind {
            VisitKind::Initial => PfVisitKindName::PfInitialVisit,
            VisitKind::Regular => PfVisitKindName::PfVisit,
        }
    }
}

impl From<VisitDeadline> for PfVisitDueBody {
    fn from(deadline: VisitDeadline) -> Self {
        Self {
            kind: deadline.kind.into(),
            due_on: deadline.due_on.into(),
            status: deadline.status.into(),
        }
    }
}

#[derive(Debug, Object)]
pub struct PfArrangementBody {
    pub id: Uuid,
    pub status: ArrangementStatusName,
    pub child_name: String,
    pub carer_name: String,
    /// When the council became aware: the arrangement's first year runs from here.
    pub aware_on: Date,
    /// When anyone first told us.
    pub received_on: Date,
    pub notifications: u64,
    #[oai(nullable)]
    pub last_visit_on: Option<Date>,
    /// The visit owed next; empty once none is owed.
    #[oai(nullable)]
    pub next_visit: Option<PfVisitDueBody>,
}

impl From<arrangements::Arrangement> for PfArrangementBody {
    fn from(a: arrangements::Arrangement) -> Self {
        Self {
            id: a.id,
            status: a.status.into(),
            child_name: a.child_name,
            carer_name: a.carer_name,
            aware_on: a.aware_on.into(),
            received_on: a.received_on.into(),
            notifications: a.notifications,
            last_visit_on: a.last_visit_on.map(Into::into),
            next_visit: a.next_visit.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct PfArrangementsPage {
    /// The visit due soonest first (the longest overdue at the top); none owed last.
    pub items: Vec<PfArrangementBody>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// A visit: the day, whether the child was seen, whether alone (only if seen), and what was
/// found.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewPfVisit {
    pub visited_on: Date,
    pub child_seen: bool,
    #[oai(default, nullable)]
    pub seen_alone: Option<bool>,
    #[oai(validator(max_length = 10000))]
    pub report: Text,
}

/// A change of status, made from the status the officer saw (`from`). `reason` is needed for
/// `not_private_fostering` and `ended`; `ended_on` for `ended` and only then.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct PfStatusChange {
    pub from: ArrangementStatusName,
    pub to: ArrangementStatusName,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub reason: Option<Text>,
    #[oai(default, nullable)]
    pub ended_on: Option<Date>,
}

#[derive(Debug, Object)]
pub struct PfVisitRecorded {
    pub id: Uuid,
}

#[derive(Debug, Object)]
pub struct PfArrangementStatusBody {
    pub status: ArrangementStatusName,
}

#[derive(ApiResponse)]
pub enum VisitResponse {
    #[oai(status = 201)]
    Created(Json<PfVisitRecorded>),
}

#[OpenApi(prefix_path = "/private-fostering", tag = "ApiTags::PrivateFostering")]
impl PrivateFosteringApi {
    /// Tell the council about a private fostering arrangement
    ///
    /// No sign-in. Anyone may tell us: the carer, a parent, or anyone else who knows. Ten
    /// notifications an hour from one address; more get 429 with `Retry-After`. A second
    /// notification about the same child and carer within 30 days joins the first.
    #[oai(path = "/notifications", method = "post")]
    async fn notify(
        &self,
        req: &Request,
        body: Json<NewPfNotification>,
    ) -> ApiResult<NotificationResponse> {
        let address = super::client_address(req);
        let notifier = body.0.notifier.into();
        let received =
            notifications::notify(&self.state, notifier, &body.0.into(), &address).await?;
        Ok(NotificationResponse::Created(Json(
            PfNotificationReceived {
                reference: received.reference.as_str().to_owned(),
            },
        )))
    }

    /// Private fostering arrangements
    ///
    /// For the private fostering officer and managers: every arrangement the council knows
    /// about, with the visit owed next.
    #[oai(path = "/arrangements", method = "get")]
    async fn arrangements(
        &self,
        auth: BearerAuth,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<PfArrangementsPage>> {
        let found = arrangements::list(
            &self.state,
            &auth.caller(),
            PageRequest::new(page.0, per_page.0),
        )
        .await?;
        Ok(Json(PfArrangementsPage {
            total: found.total,
            page: found.page,
            per_page: found.per_page,
            items: found.items.into_iter().map(Into::into).collect(),
        }))
    }

    /// Record a visit
    ///
    /// The private fostering officer's only. The date from when the council was told to today.
    #[oai(path = "/arrangements/:id/visits", method = "post")]
    async fn record_visit(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewPfVisit>,
    ) -> ApiResult<VisitResponse> {
        let body = body.0;
        let visit = Visit {
            visited_on: body.visited_on.0,
            child_seen: body.child_seen,
            seen_alone: body.seen_alone,
            report: body.report.into_string(),
        };
        let id = arrangements::record_visit(&self.state, &auth.caller(), id.0, visit).await?;
        Ok(VisitResponse::Created(Json(PfVisitRecorded { id })))
    }

    /// Change an arrangement's status
    ///
    /// The private fostering officer's only. Notified → assessing, confirmed or not private
    /// fostering; assessing → confirmed or not; confirmed → ended; a decision made in error
    /// back to assessing. 409 if the status is no longer `from`.
    #[oai(path = "/arrangements/:id/status", method = "put")]
    async fn change_status(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<PfStatusChange>,
    ) -> ApiResult<Json<PfArrangementStatusBody>> {
        let body = body.0;
        let to = body.to;
        arrangements::change_status(
            &self.state,
            &auth.caller(),
            id.0,
            body.from.into(),
            StatusChange {
                to: to.into(),
                reason: body.reason.map(Text::into_string),
                ended_on: body.ended_on.map(|d| d.0),
            },
        )
        .await?;
        Ok(Json(PfArrangementStatusBody { status: to }))
    }
}
