//! A worker's caseload, gathered in four queries and one access-log write however many young
//! people it holds: the young people, their open deadlines, their PA's last contact, and
//! their requests waiting.
use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{entitlement_step, obligation, pa_contact, young_person};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::{
    Caller, Page, PageRequest,
    access::allocated_to,
    access_log::{self, ReadKind},
};
use crate::{
    AppState,
    domain::{
        access,
        caseload::{self, Case, OpenDeadline, Sort},
        entitlements::Step,
        obligations::Kind,
        roles::Role,
    },
    error::{Error, Result},
};

/// The caller's caseload in the order asked for, one page of it. Each young person on the
/// page is logged as seen in the caseload; those on other pages are not.
#[tracing::instrument(skip(state, caller))]
pub async fn of(
    state: &AppState,
    caller: &Caller,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<Case>> {
    let allocations = access::caseload_allocations(&caller.actor);
    let Some(first) = allocations.first() else {
        return Err(Error::Forbidden);
    };
    let role: Role = first.staff_role();
    let today = state.clock.today();
    let allocated = || allocated_to(caller.actor.user_id, &allocations, today);

    let people = young_person::Entity::find()
        .filter(young_person::Column::AuthorityId.eq(caller.actor.authority_id))
        .filter(young_person::Column::Id.in_subquery(allocated()))
        .all(&state.db)
        .await?;
    let mut deadlines: HashMap<Uuid, Vec<OpenDeadline>> = HashMap::new();
    let open: Vec<(Uuid, String, NaiveDate)> = obligation::Entity::find()
        .select_only()
        .column(obligation::Column::YoungPersonId)
        .column(obligation::Column::Kind)
        .column(obligation::Column::DueOn)
        .filter(obligation::Column::YoungPersonId.in_subquery(allocated()))
        .filter(obligation::Column::CompletedOn.is_null())
        .into_tuple()
        .all(&state.db)
        .await?;
    for (young_person_id, kind, due_on) in open {
        if let Some(kind) = Kind::from_code(&kind) {
            deadlines
                .entry(young_person_id)
                .or_default()
                .push(OpenDeadline { kind, due_on });
        }
    }
    let last_contacts: HashMap<Uuid, Option<NaiveDate>> = pa_contact::Entity::find()
        .select_only()
        .column(pa_contact::Column::YoungPersonId)
        .column_as(pa_contact::Column::ContactOn.max(), "last_contact_on")
        .filter(pa_contact::Column::YoungPersonId.in_subquery(allocated()))
        .group_by(pa_contact::Column::YoungPersonId)
        .into_tuple::<(Uuid, Option<NaiveDate>)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let waiting: HashMap<Uuid, i64> = entitlement_step::Entity::find()
        .select_only()
        .column(entitlement_step::Column::YoungPersonId)
        .column_as(entitlement_step::Column::Id.count(), "waiting")
        .filter(entitlement_step::Column::YoungPersonId.in_subquery(allocated()))
        .filter(entitlement_step::Column::ReplacedAt.is_null())
        .filter(
            entitlement_step::Column::Step.is_in([Step::Requested.code(), Step::Approved.code()]),
        )
        .group_by(entitlement_step::Column::YoungPersonId)
        .into_tuple::<(Uuid, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();

    let mut cases: Vec<Case> = people
        .into_iter()
        .map(|person| Case {
            young_person_id: person.id,
            open_deadlines: deadlines.remove(&person.id).unwrap_or_default(),
            last_contact_on: last_contacts.get(&person.id).copied().flatten(),
            waiting_requests: waiting
                .get(&person.id)
                .map_or(0, |&n| u64::try_from(n).unwrap_or(0)),
            given_name: person.given_name,
            family_name: person.family_name,
            date_of_birth: person.date_of_birth,
        })
        .collect();
    caseload::sort(&mut cases, sort, today);
    let total = cases.len() as u64;
    let shown: Vec<Case> = cases
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(page.per_page).unwrap_or(usize::MAX))
        .collect();
    let reads: Vec<(Uuid, Role)> = shown.iter().map(|c| (c.young_person_id, role)).collect();
    access_log::record(
        &state.access_log,
        caller,
        &reads,
        ReadKind::Caseload,
        state.clock.now(),
    )
    .await?;
    Ok(Page {
        items: shown,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}
