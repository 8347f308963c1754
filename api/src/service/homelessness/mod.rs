//! Homeless 16 and 17 year olds: each case from the day the young person asked for help to
//! the decision, read by the housing officer and social worker who work on it, managers, and
//! the young person themselves. Recording is in `recording`.
pub mod recording;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    homeless_case, homeless_interim_stay, homeless_rights_information, user, young_person,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{
    Caller,
    access_log::{self, ReadKind},
    accounts::{self, Names},
};
use crate::{
    AppState,
    domain::{
        access::{Decision as Access, HomelessAction, HomelessCaseFacts, decide_homeless_case},
        homelessness::{
            AccommodationKind, Area, Assessment, Decision, Outcome, Presented, RightsInformation,
            Route, assessment_due, assessment_status,
        },
        obligations::Status,
        people::full_name,
        roles::Role,
    },
    error::{Error, Result},
};

/// A member of staff named on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterimStay {
    pub id: Uuid,
    pub kind: AccommodationKind,
    pub place: String,
    pub from_on: NaiveDate,
    pub to_on: Option<NaiveDate>,
}

/// A time the young person was told their rights, and what they said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RightsRecord {
    pub id: Uuid,
    pub information: RightsInformation,
    pub given_by: Worker,
    /// Their own answer: understood, or needs it explained again; `None` until they answer.
    pub understood: Option<bool>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    pub decision: Decision,
    pub decided_by: Worker,
    /// The care episode an outcome under section 20 started.
    pub care_episode_id: Option<Uuid>,
}

/// Where a case has got to, in the order it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Presented,
    Assessing,
    Assessed,
    Decided,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Presented => "presented",
            Stage::Assessing => "assessing",
            Stage::Assessed => "assessed",
            Stage::Decided => "decided",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Stage::Presented => "Waiting for the joint assessment",
            Stage::Assessing => "Being assessed",
            Stage::Assessed => "Assessed, waiting for a decision",
            Stage::Decided => "Decided",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub date_of_birth: NaiveDate,
    pub presented_on: NaiveDate,
    pub presented: Presented,
    pub staying_tonight: String,
    pub safe_tonight: bool,
    pub housing_officer: Option<Worker>,
    pub social_worker: Option<Worker>,
    pub assessment: Assessment,
    pub assessment_due_on: NaiveDate,
    pub assessment_status: Status,
    pub stage: Stage,
    pub interim_stays: Vec<InterimStay>,
    /// The latest first.
    pub rights: Vec<RightsRecord>,
    pub decision: Option<DecisionRecord>,
}

impl Case {
    /// The young person said the latest explanation did not make sense to them.
    pub fn needs_explaining_again(&self) -> bool {
        self.rights.first().and_then(|r| r.understood) == Some(false)
    }

    /// They said they understood the latest explanation.
    pub fn rights_confirmed(&self) -> bool {
        self.rights.first().and_then(|r| r.understood) == Some(true)
    }
}

fn unexpected(what: &str) -> Error {
    Error::Unexpected(anyhow::anyhow!("{what}"))
}

pub(crate) fn codes<T: Copy>(text: &str, from_code: fn(&str) -> Option<T>) -> Result<Vec<T>> {
    text.split(',')
        .filter(|code| !code.is_empty())
        .map(|code| {
            from_code(code).ok_or_else(|| unexpected("an unknown code in a homelessness case"))
        })
        .collect()
}

pub(crate) fn facts(row: &homeless_case::Model) -> HomelessCaseFacts {
    HomelessCaseFacts {
        authority_id: row.authority_id,
        young_person_id: row.young_person_id,
        housing_officer_id: row.housing_officer_id,
        social_worker_id: row.social_worker_id,
    }
}

/// The case, if the caller may do `action` to it; another authority's, or one they do not
/// work on, is not found.
pub(crate) async fn authorise(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: Uuid,
    action: HomelessAction,
) -> Result<(homeless_case::Model, Role)> {
    let row = homeless_case::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    match decide_homeless_case(&caller.actor, action, Some(&facts(&row))) {
        Access::Allowed(role) => Ok((row, role)),
        Access::NotFound => Err(Error::NotFound),
        Access::Forbidden => Err(Error::Forbidden),
    }
}

fn worker(names: &Names, id: Uuid) -> Worker {
    Worker {
        id,
        name: names.of(id),
    }
}

fn stage(row: &homeless_case::Model) -> Stage {
    match (
        row.outcome.is_some(),
        row.assessment_completed_on,
        row.assessment_started_on,
    ) {
        (true, _, _) => Stage::Decided,
        (false, Some(_), _) => Stage::Assessed,
        (false, None, Some(_)) => Stage::Assessing,
        (false, None, None) => Stage::Presented,
    }
}

/// One case, with everything recorded on it; the read is written to the young person's access
/// log. Five queries.
#[tracing::instrument(skip(state, caller))]
pub async fn case(state: &AppState, caller: &Caller, id: Uuid) -> Result<Case> {
    let (row, role) = authorise(&state.db, caller, id, HomelessAction::Read).await?;
    let person = young_person::Entity::find_by_id(row.young_person_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| unexpected("a homelessness case without its young person"))?;
    let stays = homeless_interim_stay::Entity::find()
        .filter(homeless_interim_stay::Column::CaseId.eq(id))
        .order_by_asc(homeless_interim_stay::Column::FromOn)
        .all(&state.db)
        .await?;
    let rights = homeless_rights_information::Entity::find()
        .filter(homeless_rights_information::Column::CaseId.eq(id))
        .order_by_desc(homeless_rights_information::Column::RecordedAt)
        .all(&state.db)
        .await?;
    let names = accounts::names(
        &state.db,
        [row.housing_officer_id, row.social_worker_id, row.decided_by]
            .into_iter()
            .flatten()
            .chain(rights.iter().map(|r| r.given_by)),
    )
    .await?;
    access_log::record(
        &state.access_log,
        caller,
        &[(row.young_person_id, role)],
        ReadKind::HomelessnessCase,
        state.clock.now(),
    )
    .await?;
    assemble(state, row, person, stays, rights, &names)
}

fn assemble(
    state: &AppState,
    row: homeless_case::Model,
    person: young_person::Model,
    stays: Vec<homeless_interim_stay::Model>,
    rights: Vec<homeless_rights_information::Model>,
    names: &Names,
) -> Result<Case> {
    let working_days = state.standards.homeless_assessment_working_days;
    let interim_stays = stays
        .into_iter()
        .map(|stay| {
            Ok(InterimStay {
                id: stay.id,
                kind: AccommodationKind::from_code(&stay.kind)
                    .ok_or_else(|| unexpected("an unknown kind of accommodation"))?,
                place: stay.place,
                from_on: stay.from_on,
                to_on: stay.to_on,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let rights = rights
        .into_iter()
        .map(|r| {
            Ok(RightsRecord {
                id: r.id,
                information: RightsInformation {
                    given_on: r.given_on,
                    routes_explained: codes(&r.routes_explained, Route::from_code)?,
                    advocate_offered_on: Some(r.advocate_offered_on),
                    advocate_accepted: r.advocate_accepted,
                    advocate_name: r.advocate_name,
                },
                given_by: worker(names, r.given_by),
                understood: r.understood,
                answered_at: r.answered_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let decision = match (&row.outcome, row.decided_on, row.decided_by) {
        (Some(outcome), Some(decided_on), Some(decided_by)) => Some(DecisionRecord {
            decision: Decision {
                outcome: Outcome::from_code(outcome)
                    .ok_or_else(|| unexpected("an unknown outcome"))?,
                decided_on,
                reasons: row.decision_reasons.clone().unwrap_or_default(),
                declined_section_20: row.declined_section_20,
            },
            decided_by: worker(names, decided_by),
            care_episode_id: row.care_episode_id,
        }),
        _ => None,
    };
    Ok(Case {
        id: row.id,
        young_person_id: person.id,
        young_person_name: full_name(&person.given_name, &person.family_name),
        date_of_birth: person.date_of_birth,
        presented_on: row.presented_on,
        presented: Presented::from_code(&row.presented)
            .ok_or_else(|| unexpected("an unknown way of presenting"))?,
        staying_tonight: row.staying_tonight.clone(),
        safe_tonight: row.safe_tonight,
        housing_officer: row.housing_officer_id.map(|id| worker(names, id)),
        social_worker: row.social_worker_id.map(|id| worker(names, id)),
        assessment: Assessment {
            started_on: row.assessment_started_on,
            completed_on: row.assessment_completed_on,
            areas: codes(&row.areas_assessed, Area::from_code)?,
            views_and_wishes: row.views_and_wishes.clone(),
            requires_accommodation: row.requires_accommodation,
        },
        assessment_due_on: assessment_due(row.presented_on, working_days),
        assessment_status: assessment_status(
            row.presented_on,
            row.assessment_completed_on,
            working_days,
            state.clock.today(),
        ),
        stage: stage(&row),
        interim_stays,
        rights,
        decision,
    })
}

/// The housing officers or social workers who can be named on a case, by name: for those who
/// open and work on cases, so that the other side of the joint assessment can be added.
pub async fn workers_to_name(state: &AppState, caller: &Caller, role: Role) -> Result<Vec<Worker>> {
    if !matches!(
        decide_homeless_case(&caller.actor, HomelessAction::Open, None),
        Access::Allowed(_)
    ) || !matches!(role, Role::HousingOfficer | Role::SocialWorker)
    {
        return Err(Error::Forbidden);
    }
    let holders = entity::user_role::Entity::find()
        .select_only()
        .column(entity::user_role::Column::UserId)
        .filter(entity::user_role::Column::Role.eq(role.code()));
    let found: Vec<(Uuid, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::AuthorityId.eq(caller.actor.authority_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(holders)))
        .order_by_asc(user::Column::Name)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(found
        .into_iter()
        .map(|(id, name)| Worker { id, name })
        .collect())
}

/// Whether the signed-in young person has a homelessness case (for the link to their rights).
pub async fn has_own_case(state: &AppState, caller: &Caller) -> Result<bool> {
    let Some(young_person_id) = caller.actor.young_person_id else {
        return Ok(false);
    };
    Ok(sea_orm::PaginatorTrait::count(
        homeless_case::Entity::find()
            .filter(homeless_case::Column::YoungPersonId.eq(young_person_id)),
        &state.db,
    )
    .await?
        > 0)
}

/// The young person's own latest case, if they have one.
pub async fn own_case(state: &AppState, caller: &Caller) -> Result<Option<Case>> {
    let Some(young_person_id) = caller.actor.young_person_id else {
        return Ok(None);
    };
    let latest = homeless_case::Entity::find()
        .filter(homeless_case::Column::YoungPersonId.eq(young_person_id))
        .order_by_desc(homeless_case::Column::CreatedAt)
        .one(&state.db)
        .await?;
    match latest {
        Some(row) => case(state, caller, row.id).await.map(Some),
        None => Ok(None),
    }
}

/// The cases the caller may list: every one in the authority for a manager, otherwise those
/// they work on; with the role they read them in.
async fn visible_cases(
    state: &AppState,
    caller: &Caller,
) -> Result<(Vec<homeless_case::Model>, Role)> {
    let role = match decide_homeless_case(&caller.actor, HomelessAction::Read, None) {
        Access::Allowed(role) => role,
        _ => return Err(Error::Forbidden),
    };
    let mut query = homeless_case::Entity::find()
        .filter(homeless_case::Column::AuthorityId.eq(caller.actor.authority_id));
    let me = caller.actor.user_id;
    if !caller.actor.roles.contains(&Role::Manager) {
        let housing = caller.actor.roles.contains(&Role::HousingOfficer);
        let social = caller.actor.roles.contains(&Role::SocialWorker);
        query = query.filter(
            sea_orm::Condition::any()
                .add_option(housing.then(|| homeless_case::Column::HousingOfficerId.eq(me)))
                .add_option(social.then(|| homeless_case::Column::SocialWorkerId.eq(me))),
        );
    }
    Ok((query.all(&state.db).await?, role))
}

/// The year's figures for the cases the caller may list (every case, for a manager): two
/// queries, and no names, so nothing for the access log.
#[tracing::instrument(skip(state, caller))]
pub async fn figures(
    state: &AppState,
    caller: &Caller,
    year_starting: i32,
) -> Result<crate::domain::homelessness::YearFigures> {
    use crate::domain::{homelessness, timeliness::ReportingYear};
    let year = ReportingYear::new(year_starting).map_err(Error::Invalid)?;
    let (rows, _) = visible_cases(state, caller).await?;
    let answers: Vec<(Uuid, Option<bool>, DateTime<Utc>)> =
        homeless_rights_information::Entity::find()
            .select_only()
            .column(homeless_rights_information::Column::CaseId)
            .column(homeless_rights_information::Column::Understood)
            .column(homeless_rights_information::Column::RecordedAt)
            .filter(homeless_rights_information::Column::CaseId.is_in(rows.iter().map(|r| r.id)))
            .into_tuple()
            .all(&state.db)
            .await?;
    let mut latest: HashMap<Uuid, (DateTime<Utc>, Option<bool>)> = HashMap::new();
    for (case_id, understood, recorded_at) in answers {
        let entry = latest.entry(case_id).or_insert((recorded_at, understood));
        if recorded_at > entry.0 {
            *entry = (recorded_at, understood);
        }
    }
    let facts: Vec<homelessness::CaseFacts> = rows
        .iter()
        .map(|row| homelessness::CaseFacts {
            presented_on: row.presented_on,
            assessment_completed_on: row.assessment_completed_on,
            rights_confirmed: latest.get(&row.id).and_then(|(_, u)| *u) == Some(true),
            outcome: row
                .outcome
                .as_deref()
                .and_then(Outcome::from_code)
                .zip(row.decided_on),
        })
        .collect();
    Ok(homelessness::year_figures(
        &facts,
        year,
        state.clock.today(),
        state.standards.homeless_assessment_working_days,
    ))
}

/// A case as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub presented_on: NaiveDate,
    pub days_since_presenting: i64,
    pub stage: Stage,
    pub assessment_due_on: NaiveDate,
    pub assessment_status: Status,
    pub safe_tonight: bool,
}

/// The cases the caller works on (every case in the authority, for a manager), those not yet
/// decided first and then the longest waiting. Each young person listed is written to their
/// access log.
#[tracing::instrument(skip(state, caller))]
pub async fn list(state: &AppState, caller: &Caller) -> Result<Vec<CaseSummary>> {
    let (rows, role) = visible_cases(state, caller).await?;
    let people: HashMap<Uuid, young_person::Model> = young_person::Entity::find()
        .filter(young_person::Column::Id.is_in(rows.iter().map(|r| r.young_person_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let today = state.clock.today();
    let working_days = state.standards.homeless_assessment_working_days;
    let mut cases: Vec<CaseSummary> = rows
        .iter()
        .filter_map(|row| {
            let person = people.get(&row.young_person_id)?;
            Some(CaseSummary {
                id: row.id,
                young_person_id: person.id,
                young_person_name: full_name(&person.given_name, &person.family_name),
                presented_on: row.presented_on,
                days_since_presenting: (today - row.presented_on).num_days(),
                stage: stage(row),
                assessment_due_on: assessment_due(row.presented_on, working_days),
                assessment_status: assessment_status(
                    row.presented_on,
                    row.assessment_completed_on,
                    working_days,
                    today,
                ),
                safe_tonight: row.safe_tonight,
            })
        })
        .collect();
    cases.sort_by_key(|c| (c.stage == Stage::Decided, c.presented_on, c.id));
    let reads: Vec<(Uuid, Role)> = cases.iter().map(|c| (c.young_person_id, role)).collect();
    access_log::record(
        &state.access_log,
        caller,
        &reads,
        ReadKind::Listed,
        state.clock.now(),
    )
    .await?;
    Ok(cases)
}
