//! Errors as `application/problem+json` (RFC 9457), for every failure the API can return:
//! those our handlers raise and those poem raises before a handler runs.
use std::collections::BTreeMap;

use poem::{
    Response,
    http::{StatusCode, header},
};
use poem_openapi::{ApiResponse, Object, payload::Json};

use crate::{error::Error, request_id};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem report. `errors` names each field that was wrong and what to do about it.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[oai(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For validation problems: messages keyed by field name.
    #[oai(skip_serializing_if_is_none)]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
    /// Quote this when reporting the problem.
    pub request_id: String,
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("/api/problems/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: None,
            request_id: request_id::current(),
        }
    }

    pub fn into_response(self) -> Response {
        use poem_openapi::types::ToJSON;
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, PROBLEM_JSON)
            .body(self.to_json_string())
    }
}

impl poem_openapi::types::Example for Problem {
    fn example() -> Self {
        let mut errors = BTreeMap::new();
        errors.insert(
            "date_of_birth".into(),
            vec!["Date of birth must be today or in the past".into()],
        );
        Self {
            problem_type: "/api/problems/validation".into(),
            title: "Some of the information is not right".into(),
            status: 422,
            detail: "Check the fields listed in errors and try again".into(),
            errors: Some(errors),
            request_id: "3f1c2a9e-0c1d-4f7a-9a57-2f3a6b1d9c10".into(),
        }
    }
}

/// Every error an operation can answer with; declared on every operation in the spec.
#[derive(Debug, ApiResponse)]
pub enum ApiError {
    /// The request is malformed (for example, not JSON).
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(Json<Problem>),
    /// Sign-in is missing, expired or revoked.
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(Json<Problem>),
    /// Your role does not allow this.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(Json<Problem>),
    /// No such record, or not one you may see.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(Json<Problem>),
    /// The change conflicts with the record as it is now.
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(Json<Problem>),
    /// The request body is over 1 MiB.
    #[oai(status = 413, content_type = "application/problem+json")]
    PayloadTooLarge(Json<Problem>),
    /// The request body is not sent as `Content-Type: application/json`.
    #[oai(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Json<Problem>),
    /// Some fields are not right: see `errors`.
    #[oai(status = 422, content_type = "application/problem+json")]
    Unprocessable(Json<Problem>),
    /// Too many attempts; wait for `Retry-After` seconds.
    #[oai(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Json<Problem>, #[oai(header = "Retry-After")] u64),
    /// Something went wrong on our side.
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(Json<Problem>),
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        match error {
            Error::Invalid(fields) => {
                let mut problem = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    "Some of the information is not right",
                    "Check the fields listed in errors and try again",
                );
                problem.errors = Some(fields.into_map());
                ApiError::Unprocessable(Json(problem))
            }
            Error::Unauthenticated => ApiError::Unauthorized(Json(unauthenticated())),
            Error::WrongCredentials => ApiError::Unauthorized(Json(Problem::new(
                StatusCode::UNAUTHORIZED,
                "wrong-credentials",
                "Sign-in failed",
                "The email address or password is not right",
            ))),
            Error::Forbidden => ApiError::Forbidden(Json(Problem::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed",
                "Your role does not allow this",
            ))),
            Error::NotFound => ApiError::NotFound(Json(not_found())),
            Error::Conflict(detail) => ApiError::Conflict(Json(Problem::new(
                StatusCode::CONFLICT,
                "conflict",
                "This conflicts with the record as it is now",
                detail,
            ))),
            Error::TooManyAttempts {
                retry_after_seconds,
            } => ApiError::TooManyRequests(
                Json(Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too-many-attempts",
                    "Too many attempts",
                    format!(
                        "Wait {} before trying again",
                        minutes_and_seconds(retry_after_seconds)
                    ),
                )),
                retry_after_seconds,
            ),
            Error::Unexpected(cause) => {
                tracing::error!(error = ?cause, "unexpected error");
                ApiError::Internal(Json(internal()))
            }
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

fn minutes_and_seconds(seconds: u64) -> String {
    match seconds {
        0..=59 => format!("{seconds} seconds"),
        60..=119 => "1 minute".into(),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

fn unauthenticated() -> Problem {
    Problem::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        "Sign-in required",
        "Send a valid access token as `Authorization: Bearer <token>`",
    )
}

fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "Not found",
        "There is nothing here, or it is not yours to see",
    )
}

fn internal() -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Sorry, something went wrong",
        "Something went wrong on our side. Try again later; if it keeps happening, quote the request id",
    )
}

/// Turn an error raised outside our handlers (routing, parsing, auth) into a problem.
pub fn from_poem_error(error: poem::Error) -> Response {
    use poem_openapi::error::{
        AuthorizationError, ContentTypeError, ParseParamError, ParsePathError,
        ParseRequestPayloadError,
    };
    if error.is_from_response() {
        return error.into_response();
    }
    let status = error.status();
    let problem = if error.is::<AuthorizationError>() {
        unauthenticated()
    } else if let Some(parse) = error.downcast_ref::<ParseRequestPayloadError>() {
        payload_problem(&parse.reason)
    } else if let Some(param) = error.downcast_ref::<ParseParamError>() {
        let mut problem = Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid-parameter",
            "A query parameter is not right",
            format!("`{}`: {}", param.name, param.reason),
        );
        problem.errors = Some(BTreeMap::from([(
            param.name.to_owned(),
            vec![param.reason.clone()],
        )]));
        problem
    } else if let Some(path) = error.downcast_ref::<ParsePathError>() {
        let mut problem = not_found();
        problem.detail = format!("`{}` is not a valid identifier", path.name);
        problem
    } else if let Some(content_type) = error.downcast_ref::<ContentTypeError>() {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Send JSON",
            format!("{content_type}; send `Content-Type: application/json`"),
        )
    } else {
        match status {
            StatusCode::NOT_FOUND => not_found(),
            StatusCode::METHOD_NOT_ALLOWED => Problem::new(
                status,
                "method-not-allowed",
                "Method not allowed",
                "This address does not accept that HTTP method",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
                status,
                "payload-too-large",
                "Request too large",
                "The request body must be 1 MiB or smaller",
            ),
            s if s.is_server_error() => {
                tracing::error!(error = %error, "unexpected error outside a handler");
                internal()
            }
            s => Problem::new(
                s,
                "bad-request",
                s.canonical_reason().unwrap_or("Bad request"),
                error.to_string(),
            ),
        }
    };
    problem.into_response()
}

/// poem-openapi reports body problems as text; recover the field names it mentions.
fn payload_problem(reason: &str) -> Problem {
    let schema_error = reason.contains("failed to parse \"")
        || reason.contains("Expected input type")
        || reason.contains("expects an input value");
    if !schema_error {
        return Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "The request body is not valid JSON",
            reason.to_owned(),
        );
    }
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let field = between(reason, "unknown field `", "`")
        .map(|field| (field, "This field is not recognised".to_owned()))
        .or_else(|| {
            between(reason, "field `", "` verification failed").map(|field| {
                let rule = reason
                    .split("verification failed.")
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .trim_end_matches([')', '"']);
                (field, format!("This value is not allowed ({rule})"))
            })
        });
    if let Some((field, message)) = field {
        errors.entry(field.to_owned()).or_default().push(message);
    }
    let mut problem = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        "Some of the information is not right",
        format!("The request body does not match the schema: {reason}"),
    );
    if !errors.is_empty() {
        problem.errors = Some(errors);
    }
    problem
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_reported_against_the_field() {
        let problem = payload_problem(r#"failed to parse "TokenRequest": unknown field `admin`."#);
        assert_eq!(problem.status, 422);
        assert!(problem.errors.unwrap().contains_key("admin"));
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        assert_eq!(
            payload_problem("EOF while parsing an object at line 1 column 1").status,
            400
        );
    }

    #[test]
    fn waiting_times_read_naturally() {
        assert_eq!(minutes_and_seconds(30), "30 seconds");
        assert_eq!(minutes_and_seconds(61), "1 minute");
        assert_eq!(minutes_and_seconds(900), "15 minutes");
    }
}
