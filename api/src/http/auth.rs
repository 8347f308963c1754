//! Bearer-token authentication for API operations.
use poem::Request;
use poem_openapi::{SecurityScheme, auth::Bearer};

use super::problem::ApiError;
use crate::{
    AppState,
    error::Error,
    request_id,
    service::{
        Caller,
        sign_in::{self, Authenticated},
    },
};

/// An access token from `POST /api/v1/auth/token`, as `Authorization: Bearer <token>`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "JWT", checker = "check_bearer")]
pub struct BearerAuth(pub Authenticated);

async fn check_bearer(req: &Request, bearer: Bearer) -> poem::Result<Authenticated> {
    let state = req.data::<AppState>().ok_or_else(|| {
        poem::Error::from_string(
            "application state missing",
            poem::http::StatusCode::INTERNAL_SERVER_ERROR,
        )
    })?;
    sign_in::authenticate(state, &bearer.token)
        .await
        .map_err(|error| match error {
            Error::Unauthenticated => poem_openapi::error::AuthorizationError.into(),
            other => ApiError::from(other).into(),
        })
}

impl BearerAuth {
    /// The signed-in person, as the service layer knows them.
    pub fn caller(&self) -> Caller {
        Caller {
            actor: self.0.account.actor(),
            request_id: request_id::current(),
        }
    }
}
