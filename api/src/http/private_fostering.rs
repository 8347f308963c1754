//! Private fostering: notifications from anyone, with no account.
use poem::Request;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, payload::Json};

use super::{
    ApiTags,
    problem::ApiResult,
    types::{Date, Text},
};
use crate::{
    AppState,
    domain::private_fostering::notification::{Notification, Notifier},
    service::private_fostering,
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
            private_fostering::notify(&self.state, notifier, &body.0.into(), &address).await?;
        Ok(NotificationResponse::Created(Json(
            PfNotificationReceived {
                reference: received.reference.as_str().to_owned(),
            },
        )))
    }
}
