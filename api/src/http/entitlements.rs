//! Entitlements: what each care leaver can get from the local offer, their requests, the
//! answers, and their key-documents checklist.
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    care_leavers::CategoryName,
    local_offer::AmountBody,
    problem::ApiResult,
    types::{Date, RenderedJson, Text},
};
use crate::{
    AppState,
    domain::{
        entitlements::{Availability, KeyDocument, Status, Step},
        local_offer::Condition,
    },
    error::Error,
    service::entitlements::{self, Answer, Entitlement, Entitlements, KeyDocumentTick, Waiting},
};

pub struct EntitlementsApi {
    pub state: AppState,
}

/// Something in a young person's life an item of the offer can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ConditionName {
    InHigherEducation,
    InFurtherEducation,
    InApprenticeship,
    LivesInTheBorough,
    LivingIndependently,
}

const CONDITIONS: [(ConditionName, Condition); 5] = [
    (
        ConditionName::InHigherEducation,
        Condition::InHigherEducation,
    ),
    (
        ConditionName::InFurtherEducation,
        Condition::InFurtherEducation,
    ),
    (ConditionName::InApprenticeship, Condition::InApprenticeship),
    (
        ConditionName::LivesInTheBorough,
        Condition::LivesInTheBorough,
    ),
    (
        ConditionName::LivingIndependently,
        Condition::LivingIndependently,
    ),
];

impl From<Condition> for ConditionName {
    fn from(condition: Condition) -> Self {
        CONDITIONS
            .iter()
            .find(|(_, c)| *c == condition)
            .map(|(n, _)| *n)
            .expect("every condition has a name")
    }
}

impl From<ConditionName> for Condition {
    fn from(name: ConditionName) -> Self {
        CONDITIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .expect("every name has a condition")
    }
}

/// Where a young person stands with an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum EntitlementStatusName {
    NotYet,
    Eligible,
    Requested,
    Approved,
    Received,
    Declined,
    NotApplicable,
}

impl From<Status> for EntitlementStatusName {
    fn from(status: Status) -> Self {
        match status {
            Status::NotYet => EntitlementStatusName::NotYet,
            Status::Eligible => EntitlementStatusName::Eligible,
            Status::Requested => EntitlementStatusName::Requested,
            Status::Approved => EntitlementStatusName::Approved,
            Status::Received => EntitlementStatusName::Received,
            Status::Declined => EntitlementStatusName::Declined,
            Status::NotApplicable => EntitlementStatusName::NotApplicable,
        }
    }
}

/// A step of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RequestStepName {
    Requested,
    Approved,
    Received,
    Declined,
}

impl From<Step> for RequestStepName {
    fn from(step: Step) -> Self {
        match step {
            Step::Requested => RequestStepName::Requested,
            Step::Approved => RequestStepName::Approved,
            Step::Received => RequestStepName::Received,
            Step::Declined => RequestStepName::Declined,
        }
    }
}

/// A document on the key-documents checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum KeyDocumentName {
    BirthCertificate,
    Passport,
    NationalInsuranceNumber,
    BankAccount,
    ProvisionalDrivingLicence,
}

const DOCUMENTS: [(KeyDocumentName, KeyDocument); 5] = [
    (
        KeyDocumentName::BirthCertificate,
        KeyDocument::BirthCertificate,
    ),
    (KeyDocumentName::Passport, KeyDocument::Passport),
    (
        KeyDocumentName::NationalInsuranceNumber,
        KeyDocument::NationalInsuranceNumber,
    ),
    (KeyDocumentName::BankAccount, KeyDocument::BankAccount),
    (
        KeyDocumentName::ProvisionalDrivingLicence,
        KeyDocument::ProvisionalDrivingLicence,
    ),
];

impl From<KeyDocument> for KeyDocumentName {
    fn from(document: KeyDocument) -> Self {
        DOCUMENTS
            .iter()
            .find(|(_, d)| *d == document)
            .map(|(n, _)| *n)
            .expect("every document has a name")
    }
}

impl From<KeyDocumentName> for KeyDocument {
    fn from(name: KeyDocumentName) -> Self {
        DOCUMENTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
            .expect("every name has a document")
    }
}

#[derive(Debug, Object)]
pub struct RequestStepBody {
    pub step: RequestStepName,
    /// The young person's words when they asked.
    #[oai(nullable)]
    pub message: Option<String>,
    /// Why it was turned down.
    #[oai(nullable)]
    pub reason: Option<String>,
    #[oai(nullable)]
    pub received_on: Option<Date>,
    #[oai(nullable)]
    pub amount_pence: Option<i64>,
    pub recorded_by: String,
    /// The young person recorded this step themselves.
    pub by_young_person: bool,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Object)]
pub struct EntitlementBody {
    /// The offer item's id.
    pub item_id: Uuid,
    pub area: String,
    pub title: String,
    #[oai(nullable)]
    pub amount: Option<AmountBody>,
    /// Who can have it, as a sentence.
    pub who: String,
    pub how_to_get: String,
    pub status: EntitlementStatusName,
    /// For `not_yet`: the day it can first be had, if that is what it waits for.
    #[oai(nullable)]
    pub available_from: Option<Date>,
    /// For `not_yet`: what must first be true in the young person's life.
    pub waiting_for: Vec<ConditionName>,
    /// For `not_applicable`: why not, in words for the young person.
    #[oai(nullable)]
    pub not_applicable_because: Option<String>,
    /// The young person may ask for it now.
    pub can_ask: bool,
    /// Every step since they first asked, oldest first.
    pub history: Vec<RequestStepBody>,
}

impl From<Entitlement> for EntitlementBody {
    fn from(e: Entitlement) -> Self {
        let (available_from, waiting_for, not_applicable_because) = match e.availability {
            Availability::Eligible => (None, vec![], None),
            Availability::NotYet { from, waiting_for } => (
                from.map(Into::into),
                waiting_for.into_iter().map(Into::into).collect(),
                None,
            ),
            Availability::NotApplicable { why } => (None, vec![], Some(why)),
        };
        Self {
            item_id: e.item_id,
            area: e.item.area.code().to_owned(),
            amount: e.item.amount.map(AmountBody::from),
            who: e.item.eligibility.words(),
            title: e.item.title,
            how_to_get: e.item.how_to_get,
            status: e.status.into(),
            available_from,
            waiting_for,
            not_applicable_because,
            can_ask: e.can_ask,
            history: e
                .steps
                .into_iter()
                .map(|s| RequestStepBody {
                    step: s.step.into(),
                    message: s.message,
                    reason: s.reason,
                    received_on: s.received_on.map(Into::into),
                    amount_pence: s.amount_pence,
                    recorded_by: s.recorded_by,
                    by_young_person: s.by_young_person,
                    recorded_at: s.recorded_at,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Object)]
pub struct KeyDocumentBody {
    pub document: KeyDocumentName,
    pub title: String,
    pub has_it: bool,
    /// Who last ticked or unticked it.
    #[oai(nullable)]
    pub changed_by: Option<String>,
    #[oai(nullable)]
    pub changed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<KeyDocumentTick> for KeyDocumentBody {
    fn from(tick: KeyDocumentTick) -> Self {
        Self {
            document: tick.document.into(),
            title: tick.document.title().to_owned(),
            has_it: tick.has_it,
            changed_by: tick.last_changed.as_ref().map(|(name, _, _)| name.clone()),
            changed_at: tick.last_changed.map(|(_, _, at)| at),
        }
    }
}

#[derive(Debug, Object)]
pub struct EntitlementsBody {
    pub as_of: Date,
    /// Their care-leaver status on `as_of`.
    pub category: CategoryName,
    /// What their PA has recorded about their life.
    pub circumstances: Vec<ConditionName>,
    /// Every published item of the offer, by area then title.
    pub items: Vec<EntitlementBody>,
    pub key_documents: Vec<KeyDocumentBody>,
}

impl From<Entitlements> for EntitlementsBody {
    fn from(e: Entitlements) -> Self {
        Self {
            as_of: e.as_of.into(),
            category: e.category.into(),
            circumstances: e.conditions.into_iter().map(Into::into).collect(),
            items: e.items.into_iter().map(Into::into).collect(),
            key_documents: e.key_documents.into_iter().map(Into::into).collect(),
        }
    }
}

/// A young person asks for an item.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct AskBody {
    /// Anything they want their PA to know.
    #[oai(validator(max_length = 2000))]
    #[oai(nullable)]
    pub message: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum EntitlementAnswerName {
    Approve,
    Received,
    Decline,
}

/// A worker's answer: `approve` a request; `received` with the date (and amount, for
/// money); `decline` with the reason the young person will read.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct EntitlementAnswerBody {
    pub answer: EntitlementAnswerName,
    #[oai(nullable)]
    pub received_on: Option<Date>,
    #[oai(
        nullable,
        validator(minimum(value = "0"), maximum(value = "100000000"))
    )]
    pub amount_pence: Option<i64>,
    #[oai(validator(max_length = 2000))]
    #[oai(nullable)]
    pub reason: Option<Text>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct CircumstancesBody {
    /// Everything true now; anything left out is no longer true.
    #[oai(validator(max_items = 5, unique_items))]
    pub conditions: Vec<ConditionName>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct KeyDocumentTickBody {
    pub has_it: bool,
}

#[derive(Debug, Object)]
pub struct WaitingRequestBody {
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub item_id: Uuid,
    pub item_title: String,
    /// `requested` (waiting for an answer) or `approved` (waiting to be given).
    pub step: RequestStepName,
    #[oai(nullable)]
    pub message: Option<String>,
    pub since: chrono::DateTime<chrono::Utc>,
}

impl From<Waiting> for WaitingRequestBody {
    fn from(w: Waiting) -> Self {
        Self {
            young_person_id: w.young_person_id,
            young_person_name: w.young_person_name,
            item_id: w.item_id,
            item_title: w.item_title,
            step: w.step.into(),
            message: w.message,
            since: w.since,
        }
    }
}

#[derive(Debug, Object)]
pub struct WaitingRequestsBody {
    /// Oldest first.
    pub requests: Vec<WaitingRequestBody>,
}

#[derive(ApiResponse)]
pub enum EntitlementsResponse {
    /// Every published item of the offer for this young person, and their key documents.
    #[oai(status = 200)]
    Found(RenderedJson<EntitlementsBody>),
}

#[derive(ApiResponse)]
pub enum StepAddedResponse {
    /// Recorded: the item as it now stands.
    #[oai(status = 201)]
    Created(Json<EntitlementBody>),
}

impl EntitlementsApi {
    async fn item_now(
        &self,
        caller: &crate::service::Caller,
        young_person_id: Uuid,
        item_id: Uuid,
    ) -> crate::error::Result<StepAddedResponse> {
        let all = entitlements::of(&self.state, caller, young_person_id, None).await?;
        let item = all
            .items
            .into_iter()
            .find(|e| e.item_id == item_id)
            .ok_or(Error::NotFound)?;
        Ok(StepAddedResponse::Created(Json(item.into())))
    }
}

#[OpenApi(tag = "ApiTags::Offer")]
impl EntitlementsApi {
    /// What a young person can get from the local offer
    ///
    /// Every published item with its status as of `as_of` (default today): `not_yet` (with
    /// the date or what must first be true), `eligible`, `requested`, `approved`, `received`,
    /// `declined` (with the reason) or `not_applicable`; and the key-documents checklist.
    #[oai(path = "/young-people/:id/entitlements", method = "get")]
    async fn entitlements(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        as_of: Query<Option<Date>>,
    ) -> ApiResult<EntitlementsResponse> {
        let body = entitlements::rendered(
            &self.state,
            &auth.caller(),
            id.0,
            as_of.0.map(|d| d.0),
            |found| RenderedJson::<EntitlementsBody>::render(&found.into()),
        )
        .await?;
        Ok(EntitlementsResponse::Found(RenderedJson::new(body)))
    }

    /// Ask for an item
    ///
    /// The young person's own request; their personal adviser is told by email. 409 if they
    /// have already asked, or cannot ask yet.
    #[oai(
        path = "/young-people/:id/entitlements/:item_id/requests",
        method = "post"
    )]
    async fn ask(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        item_id: Path<Uuid>,
        body: Json<AskBody>,
    ) -> ApiResult<StepAddedResponse> {
        let caller = auth.caller();
        entitlements::ask(
            &self.state,
            &caller,
            id.0,
            item_id.0,
            body.0.message.as_deref(),
        )
        .await?;
        Ok(self.item_now(&caller, id.0, item_id.0).await?)
    }

    /// Answer a request, or record an item as received
    ///
    /// The young person's PA or social worker, or a manager. 409 if the request has changed
    /// since (for example, approving when nothing was asked for).
    #[oai(
        path = "/young-people/:id/entitlements/:item_id/answers",
        method = "post"
    )]
    async fn answer(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        item_id: Path<Uuid>,
        body: Json<EntitlementAnswerBody>,
    ) -> ApiResult<StepAddedResponse> {
        let body = body.0;
        let answer = match body.answer {
            EntitlementAnswerName::Approve => Answer::Approve,
            EntitlementAnswerName::Received => Answer::Received {
                on: body
                    .received_on
                    .ok_or_else(|| Error::invalid("received_on", "Enter the date it was received"))?
                    .0,
                amount_pence: body.amount_pence,
            },
            EntitlementAnswerName::Decline => Answer::Decline {
                reason: body.reason.map(Text::into_string).unwrap_or_default(),
            },
        };
        let caller = auth.caller();
        entitlements::answer(&self.state, &caller, id.0, item_id.0, answer).await?;
        Ok(self.item_now(&caller, id.0, item_id.0).await?)
    }

    /// Record what is true in a young person's life that the offer depends on
    ///
    /// At university, at college, in an apprenticeship, living in the borough, moving into a
    /// home of their own. Replaces what was recorded before, which is kept.
    #[oai(path = "/young-people/:id/circumstances", method = "put")]
    async fn circumstances(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<CircumstancesBody>,
    ) -> ApiResult<Json<EntitlementsBody>> {
        let caller = auth.caller();
        let conditions: Vec<Condition> = body.0.conditions.into_iter().map(Into::into).collect();
        entitlements::record_circumstances(&self.state, &caller, id.0, &conditions).await?;
        Ok(Json(
            entitlements::of(&self.state, &caller, id.0, None)
                .await?
                .into(),
        ))
    }

    /// Tick or untick a key document
    ///
    /// The young person, or their PA or social worker, or a manager.
    #[oai(path = "/young-people/:id/key-documents/:document", method = "put")]
    async fn tick(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        document: Path<KeyDocumentName>,
        body: Json<KeyDocumentTickBody>,
    ) -> ApiResult<Json<KeyDocumentBody>> {
        let caller = auth.caller();
        let document: KeyDocument = document.0.into();
        entitlements::tick_key_document(&self.state, &caller, id.0, document, body.0.has_it)
            .await?;
        let all = entitlements::of(&self.state, &caller, id.0, None).await?;
        let tick = all
            .key_documents
            .into_iter()
            .find(|t| t.document == document)
            .ok_or(Error::NotFound)?;
        Ok(Json(tick.into()))
    }

    /// Requests waiting for a worker
    ///
    /// Across the caller's young people (every young person, for a manager): asked for and
    /// not yet answered, or approved and not yet given. Oldest first.
    #[oai(path = "/entitlement-requests", method = "get")]
    async fn waiting(&self, auth: BearerAuth) -> ApiResult<Json<WaitingRequestsBody>> {
        let found = entitlements::waiting(&self.state, &auth.caller()).await?;
        Ok(Json(WaitingRequestsBody {
            requests: found.into_iter().map(Into::into).collect(),
        }))
    }
}
