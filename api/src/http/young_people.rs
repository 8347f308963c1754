//! `/young-people`: records, who is allocated to them, and who has read them.
use chrono::{DateTime, Utc};
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    problem::ApiResult,
    types::{AllocationRoleName, Date, RoleName, Text},
};
use crate::{
    AppState,
    service::{
        PageRequest, access_log,
        allocations::{self, Allocation},
        young_people::{self, NewYoungPerson, YoungPerson},
    },
};

pub struct YoungPeopleApi {
    pub state: AppState,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields, example)]
pub struct NewYoungPersonBody {
    #[oai(validator(max_length = 100))]
    pub given_name: Text,
    #[oai(validator(max_length = 100))]
    pub family_name: Text,
    /// Not in the future; the young person must be 25 or under.
    pub date_of_birth: Date,
    /// The name they like to be called, if different.
    #[oai(nullable, validator(max_length = 100))]
    pub preferred_name: Option<Text>,
    /// In their own words, for example `she/her` or `they/them`.
    #[oai(nullable, validator(max_length = 40))]
    pub pronouns: Option<Text>,
}

impl poem_openapi::types::Example for NewYoungPersonBody {
    fn example() -> Self {
        Self {
            given_name: "Alex".into(),
            family_name: "Morgan".into(),
            date_of_birth: Date(chrono::NaiveDate::from_ymd_opt(2010, 3, 14).expect("a real date")),
            preferred_name: Some("Lex".into()),
            pronouns: Some("they/them".into()),
        }
    }
}

#[derive(Debug, Object)]
pub struct YoungPersonBody {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    #[oai(nullable)]
    pub preferred_name: Option<String>,
    #[oai(nullable)]
    pub pronouns: Option<String>,
    pub date_of_birth: Date,
    pub created_at: DateTime<Utc>,
}

impl From<YoungPerson> for YoungPersonBody {
    fn from(person: YoungPerson) -> Self {
        Self {
            id: person.id,
            given_name: person.given_name,
            family_name: person.family_name,
            preferred_name: person.preferred_name,
            pronouns: person.pronouns,
            date_of_birth: person.date_of_birth.into(),
            created_at: person.created_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct YoungPeoplePage {
    pub items: Vec<YoungPersonBody>,
    /// How many young people you can see in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(ApiResponse)]
pub enum YoungPersonCreated {
    /// The record was created.
    #[oai(status = 201)]
    Created(Json<YoungPersonBody>, #[oai(header = "Location")] String),
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewAllocationBody {
    /// A member of staff who holds the matching role (see `GET /staff`).
    pub staff_user_id: Uuid,
    pub role: AllocationRoleName,
    /// Defaults to today. The previous holder of this role's allocation ends on this date.
    #[oai(nullable)]
    pub started_on: Option<Date>,
}

#[derive(Debug, Object)]
pub struct AllocationBody {
    pub id: Uuid,
    pub staff_user_id: Uuid,
    pub staff_name: String,
    pub staff_email: String,
    pub role: AllocationRoleName,
    pub started_on: Date,
    /// Empty while the allocation is current.
    #[oai(nullable)]
    pub ended_on: Option<Date>,
}

impl From<Allocation> for AllocationBody {
    fn from(allocation: Allocation) -> Self {
        Self {
            id: allocation.id,
            staff_user_id: allocation.staff_user_id,
            staff_name: allocation.staff_name,
            staff_email: allocation.staff_email,
            role: allocation.role.into(),
            started_on: allocation.started_on.into(),
            ended_on: allocation.ended_on.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct AllocationsBody {
    /// Current allocations first, then past ones, most recent first.
    pub allocations: Vec<AllocationBody>,
}

#[derive(ApiResponse)]
pub enum AllocationCreated {
    /// The member of staff is now allocated.
    #[oai(status = 201)]
    Created(Json<AllocationBody>),
}

#[derive(ApiResponse)]
pub enum AllocationEnded {
    /// The allocation has ended (or had already).
    #[oai(status = 204)]
    Done,
}

#[derive(Debug, Object)]
pub struct AccessLogEntryBody {
    pub occurred_at: DateTime<Utc>,
    /// The name of the person who read the record.
    pub who: String,
    /// The role they were acting in.
    #[oai(nullable)]
    pub role: Option<RoleName>,
    /// What they looked at, in plain words.
    pub what: String,
}

#[derive(Debug, Object)]
pub struct AccessLogPage {
    /// Newest first.
    pub items: Vec<AccessLogEntryBody>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[OpenApi(prefix_path = "/young-people", tag = "ApiTags::YoungPeople")]
impl YoungPeopleApi {
    /// Create a young person's record
    ///
    /// For managers and administrators. The record belongs to your authority.
    #[oai(path = "/", method = "post")]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewYoungPersonBody>,
    ) -> ApiResult<YoungPersonCreated> {
        let body = body.0;
        let new = NewYoungPerson {
            given_name: body.given_name.into_string(),
            family_name: body.family_name.into_string(),
            date_of_birth: body.date_of_birth.into(),
            preferred_name: body.preferred_name.map(Text::into_string),
            pronouns: body.pronouns.map(Text::into_string),
        };
        let person = young_people::create(&self.state, &auth.caller(), new).await?;
        let location = format!("/api/v1/young-people/{}", person.id);
        Ok(YoungPersonCreated::Created(Json(person.into()), location))
    }

    /// List the young people you work with
    ///
    /// Managers see everyone in their authority; PAs, social workers and IROs see those
    /// allocated to them; a young person sees only themselves. Sorted by family name.
    #[oai(path = "/", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<YoungPeoplePage>> {
        let result = young_people::list(
            &self.state,
            &auth.caller(),
            PageRequest::new(page.0, per_page.0),
        )
        .await?;
        Ok(Json(YoungPeoplePage {
            total: result.total,
            page: result.page,
            per_page: result.per_page,
            items: result.items.into_iter().map(Into::into).collect(),
        }))
    }

    /// Read a young person's record
    ///
    /// The read is written to the young person's access log.
    #[oai(path = "/:id", method = "get")]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<Json<YoungPersonBody>> {
        let person = young_people::get(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(person.into()))
    }

    /// Who works with this young person
    ///
    /// Their PA, social worker and IRO, current and past.
    #[oai(path = "/:id/allocations", method = "get")]
    async fn allocations(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Json<AllocationsBody>> {
        let allocations = allocations::list(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(AllocationsBody {
            allocations: allocations.into_iter().map(Into::into).collect(),
        }))
    }

    /// Allocate a member of staff
    ///
    /// For managers and administrators. A young person has one PA, one social worker and
    /// one IRO at a time: the previous one's allocation ends when the new one starts.
    #[oai(path = "/:id/allocations", method = "post")]
    async fn allocate(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewAllocationBody>,
    ) -> ApiResult<AllocationCreated> {
        let new = allocations::NewAllocation {
            staff_user_id: body.staff_user_id,
            role: body.role.into(),
            started_on: body.started_on.map(Into::into),
        };
        let allocation = allocations::allocate(&self.state, &auth.caller(), id.0, new).await?;
        Ok(AllocationCreated::Created(Json(allocation.into())))
    }

    /// End an allocation
    ///
    /// For managers and administrators. The allocation is kept in the history, ended today.
    #[oai(path = "/:id/allocations/:allocation_id", method = "delete")]
    async fn end_allocation(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        allocation_id: Path<Uuid>,
    ) -> ApiResult<AllocationEnded> {
        allocations::end(&self.state, &auth.caller(), id.0, allocation_id.0).await?;
        Ok(AllocationEnded::Done)
    }

    /// Who has read this record
    ///
    /// For the young person themselves and managers. Newest first.
    #[oai(path = "/:id/access-log", method = "get")]
    async fn access_log(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<AccessLogPage>> {
        let result = access_log::entries(
            &self.state,
            &auth.caller(),
            id.0,
            PageRequest::new(page.0, per_page.0),
        )
        .await?;
        Ok(Json(AccessLogPage {
            total: result.total,
            page: result.page,
            per_page: result.per_page,
            items: result
                .items
                .into_iter()
                .map(|entry| AccessLogEntryBody {
                    occurred_at: entry.occurred_at,
                    who: entry.who,
                    role: entry.role.map(Into::into),
                    what: entry
                        .kind
                        .map(|k| k.describe())
                        .unwrap_or("Looked at your record")
                        .to_owned(),
                })
                .collect(),
        }))
    }
}
