//! Wire types shared by several areas of the API.
use std::{borrow::Cow, marker::PhantomData, ops::Deref, str::FromStr, sync::Arc};

use chrono::NaiveDate;
use poem::IntoResponse;
use poem_openapi::{
    Enum,
    payload::Payload,
    registry::{MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromJSON, ParseFromParameter, ParseResult, ToJSON, Type},
};
use serde_json::Value;

use crate::domain::roles::{AllocationRole, Role};

/// A JSON body already serialised, perhaps kept from an earlier request, and documented as
/// the `T` it was made from.
pub struct RenderedJson<T>(Arc<[u8]>, PhantomData<fn() -> T>);

impl<T: ToJSON> RenderedJson<T> {
    pub fn render(body: &T) -> Vec<u8> {
        serde_json::to_vec(&body.to_json()).expect("a JSON value always serialises")
    }

    pub fn new(bytes: Arc<[u8]>) -> Self {
        Self(bytes, PhantomData)
    }
}

impl<T: ToJSON> From<&T> for RenderedJson<T> {
    fn from(body: &T) -> Self {
        Self::new(Self::render(body).into())
    }
}

impl<T: Type> Payload for RenderedJson<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type> IntoResponse for RenderedJson<T> {
    fn into_response(self) -> poem::Response {
        poem::Response::builder()
            .content_type(<Self as Payload>::CONTENT_TYPE)
            .body(self.0.to_vec())
    }
}

/// A role someone holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RoleName {
    Admin,
    Pa,
    SocialWorker,
    Iro,
    Manager,
    PrivateFosteringOfficer,
    HousingOfficer,
    YoungPerson,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Admin => RoleName::Admin,
            Role::PersonalAdviser => RoleName::Pa,
            Role::SocialWorker => RoleName::SocialWorker,
            Role::Iro => RoleName::Iro,
            Role::Manager => RoleName::Manager,
            Role::PrivateFosteringOfficer => RoleName::PrivateFosteringOfficer,
            Role::HousingOfficer => RoleName::HousingOfficer,
            Role::YoungPerson => RoleName::YoungPerson,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Admin => Role::Admin,
            RoleName::Pa => Role::PersonalAdviser,
            RoleName::SocialWorker => Role::SocialWorker,
            RoleName::Iro => Role::Iro,
            RoleName::Manager => Role::Manager,
            RoleName::PrivateFosteringOfficer => Role::PrivateFosteringOfficer,
            RoleName::HousingOfficer => Role::HousingOfficer,
            RoleName::YoungPerson => Role::YoungPerson,
        }
    }
}

/// How a member of staff is allocated to a young person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AllocationRoleName {
    Pa,
    SocialWorker,
    Iro,
}

impl From<AllocationRole> for AllocationRoleName {
    fn from(role: AllocationRole) -> Self {
        match role {
            AllocationRole::PersonalAdviser => AllocationRoleName::Pa,
            AllocationRole::SocialWorker => AllocationRoleName::SocialWorker,
            AllocationRole::Iro => AllocationRoleName::Iro,
        }
    }
}

impl From<AllocationRoleName> for AllocationRole {
    fn from(role: AllocationRoleName) -> Self {
        match role {
            AllocationRoleName::Pa => AllocationRole::PersonalAdviser,
            AllocationRoleName::SocialWorker => AllocationRole::SocialWorker,
            AllocationRoleName::Iro => AllocationRole::Iro,
        }
    }
}

/// A calendar date on the wire: exactly `YYYY-MM-DD` (RFC 3339 `full-date`, the OpenAPI
/// `date` format). chrono alone would also take `2010-1-5`, ` 2010-01-05` or `+2010-01-05`,
/// which the specification does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

const DATE_ADVICE: &str = "Enter a real date as YYYY-MM-DD, for example 2010-03-14";

impl FromStr for Date {
    type Err = &'static str;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let shape_is_right = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_is_right {
            return Err(DATE_ADVICE);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| DATE_ADVICE)
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Date(date)
    }
}

impl From<Date> for NaiveDate {
    fn from(date: Date) -> Self {
        date.0
    }
}

impl Type for Date {
    const IS_REQUIRED: bool = true;

    type RawValueType = Self;

    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string_date".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new_with_format("string", "date")))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for Date {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(text) => text.parse().map_err(ParseError::custom),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ParseFromParameter for Date {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        value.parse().map_err(ParseError::custom)
    }
}

impl ToJSON for Date {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.format("%Y-%m-%d").to_string()))
    }
}

/// A JSON string in a request body, and nothing else. poem-openapi turns `false` or `12`
/// into the string `"false"` or `"12"` when it expects a `String`; the API refuses wrong
/// types instead of guessing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text(pub String);

impl Text {
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(text.to_owned())
    }
}

impl Type for Text {
    const IS_REQUIRED: bool = true;

    type RawValueType = Self;

    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new("string")))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for Text {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(text) => Ok(Text(text)),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ToJSON for Text {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_only_in_full_form() {
        assert_eq!(
            "2010-03-14".parse::<Date>(),
            Ok(Date(NaiveDate::from_ymd_opt(2010, 3, 14).unwrap()))
        );
        for wrong in [
            "2010-3-14",
            " 2010-03-14",
            "2010-03-14 ",
            "+2010-03-14",
            "2010-02-30",
            "20100314",
            "",
        ] {
            assert!(wrong.parse::<Date>().is_err(), "{wrong:?} was accepted");
        }
    }

    #[test]
    fn text_is_only_ever_a_json_string() {
        assert_eq!(
            Text::parse_from_json(Some(Value::String("she/her".into()))).unwrap(),
            Text::from("she/her")
        );
        for wrong in [Value::Bool(false), Value::from(12), Value::Null] {
            assert!(Text::parse_from_json(Some(wrong)).is_err());
        }
    }

    #[test]
    fn dates_are_written_in_full_form() {
        let date = Date(NaiveDate::from_ymd_opt(987, 1, 2).unwrap());
        assert_eq!(date.to_json(), Some(Value::String("0987-01-02".into())));
    }
}
