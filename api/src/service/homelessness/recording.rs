//! Recording a homelessness case: opening it when a young person presents, the joint
//! assessment, interim accommodation, the rights information, the young person's own answer,
//! and the decision (an outcome under section 20 starting a care episode in the same
//! transaction).
use chrono::NaiveDate;
use entity::{
    care_episode, homeless_case, homeless_interim_stay, homeless_rights_information,
    staff_allocation, user, user_role, young_person,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::authorise;
use crate::{
    AppState,
    domain::{
        access::{Decision as Access, HomelessAction, decide_homeless_case},
        care::{self, LegalStatus},
        homelessness::{
            AccommodationKind, Assessment, Decision, DecisionFacts, Outcome, Presented,
            RightsInformation, check_age_when_presented, check_assessment, check_decision,
            check_interim_accommodation, check_rights_information,
        },
        obligations::Span,
        people::Email,
        roles::{AllocationRole, Role},
        validation::FieldErrors,
    },
    error::{Error, Result},
    service::{
        Caller,
        accounts::{self, NewAccount},
        obligations,
        young_people::NewYoungPerson,
    },
};

const MAX_TEXT: usize = 2000;

/// Who presented: someone the council already has a record for, or someone new.
#[derive(Debug, Clone)]
pub enum WhoPresented {
    Known(Uuid),
    /// Someone new, with the email address they will sign in with to see their rights, if
    /// they have one.
    New(NewYoungPerson, Option<String>),
}

#[derive(Debug, Clone)]
pub struct NewCase {
    pub young_person: WhoPresented,
    pub presented_on: NaiveDate,
    pub presented: Presented,
    pub staying_tonight: String,
    pub safe_tonight: bool,
    /// The other worker, when the one opening the case knows who it is.
    pub housing_officer_id: Option<Uuid>,
    pub social_worker_id: Option<Uuid>,
}

fn text_errors(errors: &mut FieldErrors, field: &str, text: &str, required: Option<&str>) {
    match required {
        Some(message) if text.trim().is_empty() => errors.add(field, message),
        _ if text.chars().count() > MAX_TEXT => errors.add(
            field,
            format!("This must be {MAX_TEXT} characters or fewer"),
        ),
        _ => {}
    }
}

/// Is `user_id` someone in the authority with `role`? Named workers must be.
async fn holds_role(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    user_id: Uuid,
    role: Role,
) -> Result<bool> {
    let found = user::Entity::find()
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::AuthorityId.eq(authority_id))
        .filter(user::Column::Active.eq(true))
        .filter(
            user::Column::Id.in_subquery(
                user_role::Entity::find()
                    .select_only()
                    .column(user_role::Column::UserId)
                    .filter(user_role::Column::Role.eq(role.code()))
                    .into_query(),
            ),
        )
        .count(db)
        .await?;
    Ok(found > 0)
}

async fn check_workers(
    state: &AppState,
    caller: &Caller,
    housing_officer_id: Option<Uuid>,
    social_worker_id: Option<Uuid>,
    errors: &mut FieldErrors,
) -> Result<()> {
    for (field, id, role, words) in [
        (
            "housing_officer_id",
            housing_officer_id,
            Role::HousingOfficer,
            "a housing officer",
        ),
        (
            "social_worker_id",
            social_worker_id,
            Role::SocialWorker,
            "a social worker",
        ),
    ] {
        if let Some(id) = id
            && !holds_role(&state.db, caller.actor.authority_id, id, role).await?
        {
            errors.add(field, format!("Choose {words} in this council"));
        }
    }
    Ok(())
}

/// A young person has asked for help. The worker opening the case is on it; a new young
/// person's record is made at the same time.
#[tracing::instrument(skip_all)]
pub async fn open(state: &AppState, caller: &Caller, new: NewCase) -> Result<Uuid> {
    if !matches!(
        decide_homeless_case(&caller.actor, HomelessAction::Open, None),
        Access::Allowed(_)
    ) {
        return Err(Error::Forbidden);
    }
    let today = state.clock.today();
    let me = caller.actor.user_id;
    let housing_officer_id = new.housing_officer_id.or_else(|| {
        caller
            .actor
            .roles
            .contains(&Role::HousingOfficer)
            .then_some(me)
    });
    let social_worker_id = new.social_worker_id.or_else(|| {
        caller
            .actor
            .roles
            .contains(&Role::SocialWorker)
            .then_some(me)
    });
    let mut errors = FieldErrors::new();
    if new.presented_on > today {
        errors.add("presented_on", "The date must be today or in the past");
    }
    text_errors(
        &mut errors,
        "staying_tonight",
        &new.staying_tonight,
        Some("Enter where the young person is staying tonight"),
    );
    check_workers(
        state,
        caller,
        housing_officer_id,
        social_worker_id,
        &mut errors,
    )
    .await?;
    let date_of_birth = match &new.young_person {
        WhoPresented::Known(id) => {
            let person = young_person::Entity::find_by_id(*id)
                .filter(young_person::Column::AuthorityId.eq(caller.actor.authority_id))
                .one(&state.db)
                .await?;
            match person {
                Some(person) => Some(person.date_of_birth),
                None => {
                    errors.add(
                        "young_person_id",
                        "There is no young person with that record",
                    );
                    None
                }
            }
        }
        WhoPresented::New(person, email) => {
            if let Some(email) = email {
                errors.check("email", Email::parse(email));
            }
            match crate::service::young_people::check(person, today) {
                Ok(_) => Some(person.date_of_birth),
                Err(Error::Invalid(found)) => {
                    errors.merge(found);
                    None
                }
                Err(other) => return Err(other),
            }
        }
    };
    if let Some(born) = date_of_birth
        && let Err(found) = check_age_when_presented(born, new.presented_on)
    {
        errors.merge(found);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let young_person_id = match new.young_person {
        WhoPresented::Known(id) => id,
        WhoPresented::New(person, email) => {
            let name = person.given_name.trim().to_owned();
            let id = crate::service::young_people::insert(
                &txn,
                caller.actor.authority_id,
                person,
                today,
                now,
            )
            .await?;
            if let Some(email) = email {
                let email = Email::parse(&email).map_err(|m| Error::invalid("email", m))?;
                accounts::create(
                    &txn,
                    NewAccount {
                        authority_id: caller.actor.authority_id,
                        email,
                        name: &name,
                        roles: &[Role::YoungPerson],
                        password_hash: None,
                        young_person_id: Some(id),
                        team_id: None,
                    },
                    now,
                )
                .await?;
            }
            id
        }
    };
    let id = Uuid::new_v4();
    homeless_case::ActiveModel {
        id: Set(id),
        authority_id: Set(caller.actor.authority_id),
        young_person_id: Set(young_person_id),
        presented_on: Set(new.presented_on),
        presented: Set(new.presented.code().to_owned()),
        staying_tonight: Set(new.staying_tonight.trim().to_owned()),
        safe_tonight: Set(new.safe_tonight),
        housing_officer_id: Set(housing_officer_id),
        social_worker_id: Set(social_worker_id),
        assessment_started_on: Set(None),
        assessment_completed_on: Set(None),
        areas_assessed: Set(String::new()),
        views_and_wishes: Set(None),
        requires_accommodation: Set(None),
        outcome: Set(None),
        decided_on: Set(None),
        decision_reasons: Set(None),
        declined_section_20: Set(false),
        decided_by: Set(None),
        care_episode_id: Set(None),
        opened_by: Set(me),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    // The joint assessment's deadline joins the young person's statutory deadlines.
    let person = young_person::Entity::find_by_id(young_person_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    obligations::refresh(&txn, &person, &state.standards, today, now).await?;
    txn.commit().await?;
    tracing::info!(case_id = %id, "homelessness case opened");
    Ok(id)
}

/// The joint assessment as it stands, and who is working on it (`None`: as before).
#[derive(Debug, Clone)]
pub struct AssessmentUpdate {
    pub assessment: Assessment,
    pub housing_officer_id: Option<Uuid>,
    pub social_worker_id: Option<Uuid>,
}

#[tracing::instrument(skip_all)]
pub async fn record_assessment(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    update: AssessmentUpdate,
) -> Result<()> {
    let (row, _) = authorise(&state.db, caller, id, HomelessAction::Record).await?;
    if row.outcome.is_some() {
        return Err(Error::Conflict(
            "The decision has been made: the assessment can no longer change".into(),
        ));
    }
    let assessment = update.assessment;
    let mut errors = check_assessment(row.presented_on, &assessment, state.clock.today())
        .err()
        .unwrap_or_default();
    text_errors(
        &mut errors,
        "views_and_wishes",
        assessment.views_and_wishes.as_deref().unwrap_or_default(),
        None,
    );
    let housing = update.housing_officer_id.or(row.housing_officer_id);
    let social = update.social_worker_id.or(row.social_worker_id);
    check_workers(
        state,
        caller,
        update.housing_officer_id,
        update.social_worker_id,
        &mut errors,
    )
    .await?;
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut areas = assessment.areas;
    areas.sort();
    areas.dedup();
    let young_person_id = row.young_person_id;
    let mut changed: homeless_case::ActiveModel = row.into();
    changed.assessment_started_on = Set(assessment.started_on);
    changed.assessment_completed_on = Set(assessment.completed_on);
    changed.areas_assessed = Set(areas.iter().map(|a| a.code()).collect::<Vec<_>>().join(","));
    changed.views_and_wishes = Set(assessment
        .views_and_wishes
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty()));
    changed.requires_accommodation = Set(assessment.requires_accommodation);
    changed.housing_officer_id = Set(housing);
    changed.social_worker_id = Set(social);
    changed.updated_at = Set(state.clock.now());
    let txn = state.db.begin().await?;
    changed.update(&txn).await?;
    let person = young_person::Entity::find_by_id(young_person_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    obligations::refresh(
        &txn,
        &person,
        &state.standards,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct NewInterimStay {
    pub kind: AccommodationKind,
    pub place: String,
    pub from_on: NaiveDate,
    pub to_on: Option<NaiveDate>,
}

/// Where the young person is staying while they are assessed. Bed and breakfast is refused.
#[tracing::instrument(skip_all)]
pub async fn record_interim_stay(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    stay: NewInterimStay,
) -> Result<Uuid> {
    let (row, _) = authorise(&state.db, caller, id, HomelessAction::Record).await?;
    let mut errors =
        check_interim_accommodation(stay.kind, stay.from_on, stay.to_on, row.presented_on)
            .err()
            .unwrap_or_default();
    text_errors(
        &mut errors,
        "place",
        &stay.place,
        Some("Enter where the young person is staying"),
    );
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let stay_id = Uuid::new_v4();
    homeless_interim_stay::ActiveModel {
        id: Set(stay_id),
        case_id: Set(id),
        kind: Set(stay.kind.code().to_owned()),
        place: Set(stay.place.trim().to_owned()),
        from_on: Set(stay.from_on),
        to_on: Set(stay.to_on),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    Ok(stay_id)
}

/// The young person was told what each route means, and offered an advocate. Told again
/// after saying they did not understand, it is recorded again: every time is kept.
#[tracing::instrument(skip_all)]
pub async fn record_rights_information(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    rights: RightsInformation,
) -> Result<Uuid> {
    let (row, _) = authorise(&state.db, caller, id, HomelessAction::Record).await?;
    check_rights_information(&rights, row.presented_on, state.clock.today())
        .map_err(Error::Invalid)?;
    let advocate_offered_on = rights
        .advocate_offered_on
        .ok_or_else(|| Error::invalid("advocate_offered_on", "Enter the date you offered one"))?;
    let rights_id = Uuid::new_v4();
    homeless_rights_information::ActiveModel {
        id: Set(rights_id),
        case_id: Set(id),
        given_on: Set(rights.given_on),
        given_by: Set(caller.actor.user_id),
        routes_explained: Set(rights
            .routes_explained
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")),
        advocate_offered_on: Set(advocate_offered_on),
        advocate_accepted: Set(rights.advocate_accepted),
        advocate_name: Set(rights
            .advocate_name
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())),
        understood: Set(None),
        answered_at: Set(None),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    Ok(rights_id)
}

/// The young person's own answer, in their own session, to the latest explanation of their
/// rights: they understood it, or they need someone to explain it again (which flags the case).
#[tracing::instrument(skip_all)]
pub async fn answer_rights(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    understood: bool,
) -> Result<()> {
    authorise(&state.db, caller, id, HomelessAction::ConfirmRights).await?;
    let latest = homeless_rights_information::Entity::find()
        .filter(homeless_rights_information::Column::CaseId.eq(id))
        .order_by_desc(homeless_rights_information::Column::RecordedAt)
        .one(&state.db)
        .await?
        .ok_or_else(|| {
            Error::Conflict("Nobody has recorded explaining your rights to you yet".into())
        })?;
    let mut answered: homeless_rights_information::ActiveModel = latest.into();
    answered.understood = Set(Some(understood));
    answered.answered_at = Set(Some(state.clock.now()));
    answered.update(&state.db).await?;
    Ok(())
}

/// Record the decision. Not before the rights information; a child in need who requires
/// accommodation is accommodated under section 20 unless, fully informed, they declined. An
/// outcome under section 20 starts a period of care from the day decided, so the review and
/// health clocks start, and the case's social worker is allocated to the young person.
#[tracing::instrument(skip_all)]
pub async fn decide(state: &AppState, caller: &Caller, id: Uuid, decision: Decision) -> Result<()> {
    let (row, _) = authorise(&state.db, caller, id, HomelessAction::Record).await?;
    if row.outcome.is_some() {
        return Err(Error::Conflict(
            "A decision has already been recorded".into(),
        ));
    }
    let rights_given = homeless_rights_information::Entity::find()
        .filter(homeless_rights_information::Column::CaseId.eq(id))
        .count(&state.db)
        .await?
        > 0;
    let today = state.clock.today();
    check_decision(
        DecisionFacts {
            presented_on: row.presented_on,
            rights_given,
            requires_accommodation: row.requires_accommodation,
        },
        &decision,
        today,
    )
    .map_err(Error::Invalid)?;
    let person = young_person::Entity::find_by_id(row.young_person_id)
        .one(&state.db)
        .await?
        .ok_or(Error::NotFound)?;
    let accommodated = decision.outcome == Outcome::Section20;
    if accommodated {
        let facts = obligations::load_facts(&state.db, &person).await?;
        care::check_period_of_care(
            Span {
                started_on: decision.decided_on,
                ended_on: None,
            },
            person.date_of_birth,
            &facts.periods_of_care,
            today,
        )
        .map_err(|found| {
            let mut errors = FieldErrors::new();
            for messages in found.into_map().into_values() {
                for message in messages {
                    errors.add("decided_on", message);
                }
            }
            Error::Invalid(errors)
        })?;
    }
    let now = state.clock.now();
    let social_worker_id = row.social_worker_id;
    let young_person_id = row.young_person_id;
    let txn = state.db.begin().await?;
    let care_episode_id = accommodated.then(Uuid::new_v4);
    // Conditional on no decision yet, so that of two decisions sent at once only one lands.
    let decided = homeless_case::Entity::update_many()
        .col_expr(
            homeless_case::Column::Outcome,
            Expr::value(decision.outcome.code()),
        )
        .col_expr(
            homeless_case::Column::DecidedOn,
            Expr::value(decision.decided_on),
        )
        .col_expr(
            homeless_case::Column::DecisionReasons,
            Expr::value(decision.reasons.trim()),
        )
        .col_expr(
            homeless_case::Column::DeclinedSection20,
            Expr::value(decision.declined_section_20),
        )
        .col_expr(
            homeless_case::Column::DecidedBy,
            Expr::value(caller.actor.user_id),
        )
        .col_expr(
            homeless_case::Column::CareEpisodeId,
            Expr::value(care_episode_id),
        )
        .col_expr(homeless_case::Column::UpdatedAt, Expr::value(now))
        .filter(homeless_case::Column::Id.eq(id))
        .filter(homeless_case::Column::Outcome.is_null())
        .exec(&txn)
        .await?;
    if decided.rows_affected == 0 {
        return Err(Error::Conflict(
            "A decision has already been recorded".into(),
        ));
    }
    if let Some(episode) = care_episode_id {
        care_episode::ActiveModel {
            id: Set(episode),
            young_person_id: Set(person.id),
            started_on: Set(decision.decided_on),
            ended_on: Set(None),
            legal_status: Set(LegalStatus::Section20.code().to_owned()),
            recorded_by: Set(caller.actor.user_id),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        if let Some(worker) = social_worker_id {
            allocate_social_worker(&txn, young_person_id, worker, decision.decided_on, now).await?;
        }
    }
    // The joint assessment is no longer owed once decided; a period of care starts its clocks.
    obligations::refresh(&txn, &person, &state.standards, today, now).await?;
    txn.commit().await?;
    tracing::info!(case_id = %id, accommodated, "homelessness decision recorded");
    Ok(())
}

/// The case's social worker becomes the young person's allocated social worker, unless they
/// already are.
async fn allocate_social_worker(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
    worker: Uuid,
    from: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let role = AllocationRole::SocialWorker.code();
    let already = staff_allocation::Entity::find()
        .filter(staff_allocation::Column::YoungPersonId.eq(young_person_id))
        .filter(staff_allocation::Column::StaffUserId.eq(worker))
        .filter(staff_allocation::Column::Role.eq(role))
        .filter(staff_allocation::Column::EndedOn.is_null())
        .count(db)
        .await?;
    if already == 0 {
        staff_allocation::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(young_person_id),
            staff_user_id: Set(worker),
            role: Set(role.to_owned()),
            started_on: Set(from),
            ended_on: Set(None),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
