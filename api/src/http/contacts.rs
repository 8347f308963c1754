//! Who supports a young person and how to reach them; the personal adviser's contact log.
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    problem::ApiResult,
    types::{AllocationRoleName, Date, Text},
};
use crate::{
    AppState,
    domain::contacts::{Contact, ContactMethod},
    service::contacts::{self, ContactRecord, Supporters},
};

pub struct ContactsApi {
    pub state: AppState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ContactMethodName {
    Visit,
    Phone,
    Text,
    Video,
    Other,
}

const METHODS: [(ContactMethodName, ContactMethod); 5] = [
    (ContactMethodName::Visit, ContactMethod::Visit),
    (ContactMethodName::Phone, ContactMethod::Phone),
    (ContactMethodName::Text, ContactMethod::Text),
    (ContactMethodName::Video, ContactMethod::Video),
    (ContactMethodName::Other, ContactMethod::Other),
];

impl From<ContactMethod> for ContactMethodName {
    fn from(method: ContactMethod) -> Self {
        METHODS
            .iter()
            .find(|(_, m)| *m == method)
            .map(|(n, _)| *n)
            .expect("every method has a name")
    }
}

impl From<ContactMethodName> for ContactMethod {
    fn from(name: ContactMethodName) -> Self {
        METHODS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
            .expect("every name has a method")
    }
}

#[derive(Debug, Object)]
pub struct SupporterBody {
    pub role: AllocationRoleName,
    /// "Personal adviser", "Social worker", "Independent reviewing officer".
    pub role_title: String,
    pub name: String,
    pub email: String,
    #[oai(nullable)]
    pub phone: Option<String>,
    #[oai(nullable)]
    pub working_hours: Option<String>,
    pub since: Date,
}

#[derive(Debug, Object)]
pub struct ContactsBody {
    /// Allocated today: PA, then social worker, then IRO.
    pub workers: Vec<SupporterBody>,
    /// The council's number when the office is shut (the emergency duty team).
    #[oai(nullable)]
    pub out_of_hours_phone: Option<String>,
}

impl From<Supporters> for ContactsBody {
    fn from(s: Supporters) -> Self {
        Self {
            workers: s
                .workers
                .into_iter()
                .map(|w| SupporterBody {
                    role: w.role.into(),
                    role_title: w.role.staff_role().title().to_owned(),
                    name: w.name,
                    email: w.email,
                    phone: w.phone,
                    working_hours: w.working_hours,
                    since: w.since.into(),
                })
                .collect(),
            out_of_hours_phone: s.out_of_hours_phone,
        }
    }
}

#[derive(Debug, Object)]
pub struct ContactEntryBody {
    pub id: Uuid,
    pub contact_on: Date,
    pub method: ContactMethodName,
    /// Who was in touch.
    pub by: String,
    /// Staff only; `null` for the young person (their PA's notes are not theirs to read).
    #[oai(nullable)]
    pub seen_alone: Option<bool>,
    #[oai(nullable)]
    pub place: Option<String>,
    #[oai(nullable)]
    pub summary: Option<String>,
}

impl From<ContactRecord> for ContactEntryBody {
    fn from(r: ContactRecord) -> Self {
        let notes = r.notes;
        Self {
            id: r.id,
            contact_on: r.contact_on.into(),
            method: r.method.into(),
            by: r.by,
            seen_alone: notes.as_ref().and_then(|n| n.seen_alone),
            place: notes.as_ref().and_then(|n| n.place.clone()),
            summary: notes.map(|n| n.summary),
        }
    }
}

#[derive(Debug, Object)]
pub struct ContactLogBody {
    /// Newest first.
    pub contacts: Vec<ContactEntryBody>,
}

/// A contact: when, how, whether they were seen alone (a visit or video call only), where,
/// and what was talked about.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewContactBody {
    pub contact_on: Date,
    pub method: ContactMethodName,
    /// Required for a visit or video call; must be left out otherwise.
    #[oai(nullable)]
    pub seen_alone: Option<bool>,
    #[oai(nullable, validator(max_length = 200))]
    pub place: Option<Text>,
    #[oai(validator(max_length = 5000))]
    pub summary: Text,
}

#[derive(Debug, Object)]
pub struct LoggedContact {
    pub id: Uuid,
}

#[derive(ApiResponse)]
pub enum LoggedResponse {
    /// Recorded; the next contact falls due from it.
    #[oai(status = 201)]
    Created(Json<LoggedContact>),
}

#[OpenApi(prefix_path = "/young-people", tag = "ApiTags::YoungPeople")]
impl ContactsApi {
    /// Who supports a young person, and how to reach them
    ///
    /// Their personal adviser, social worker and IRO with phone, email and working hours, and
    /// the council's out-of-hours number.
    #[oai(path = "/:id/contacts", method = "get")]
    async fn contacts(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<Json<ContactsBody>> {
        let found = contacts::supporters(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(found.into()))
    }

    /// When the personal adviser was in touch
    ///
    /// Staff read the notes; the young person reads when and how.
    #[oai(path = "/:id/contact-log", method = "get")]
    async fn log(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<Json<ContactLogBody>> {
        let found = contacts::contact_log(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(ContactLogBody {
            contacts: found.into_iter().map(Into::into).collect(),
        }))
    }

    /// Record a contact
    ///
    /// The young person's personal adviser, or a manager. The `pa_contact` deadline moves on
    /// from it.
    #[oai(path = "/:id/contact-log", method = "post")]
    async fn record(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewContactBody>,
    ) -> ApiResult<LoggedResponse> {
        let body = body.0;
        let contact = Contact {
            contact_on: body.contact_on.0,
            method: body.method.into(),
            seen_alone: body.seen_alone,
            place: body.place.map(Text::into_string),
            summary: body.summary.into_string(),
        };
        let logged = contacts::log_contact(&self.state, &auth.caller(), id.0, &contact).await?;
        Ok(LoggedResponse::Created(Json(LoggedContact { id: logged })))
    }
}
