//! `/auth`: tokens for API clients.
use poem::Request;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};

use super::{ApiTags, auth::BearerAuth, problem::ApiResult, types::Text};
use crate::{AppState, service::sign_in};

pub struct SignInApi {
    pub state: AppState,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields, example)]
pub struct TokenRequest {
    #[oai(validator(max_length = 254))]
    pub email: Text,
    #[oai(validator(max_length = 1024))]
    pub password: Text,
}

impl poem_openapi::types::Example for TokenRequest {
    fn example() -> Self {
        Self {
            email: "pa@example.org".into(),
            password: "onward-demo".into(),
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last token response. It works once.
    #[oai(validator(max_length = 200))]
    pub refresh_token: Text,
}

#[derive(Debug, Object)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <access_token>`; lasts `expires_in` seconds.
    pub access_token: String,
    /// Exchange at `/auth/refresh` for a new pair. Each refresh token works once.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

#[derive(ApiResponse)]
pub enum TokenIssued {
    /// A new access token and refresh token.
    #[oai(status = 200)]
    Ok(Json<TokenResponse>),
}

#[derive(ApiResponse)]
pub enum SignedOut {
    /// The session has ended: its tokens no longer work.
    #[oai(status = 204)]
    Done,
}

impl From<sign_in::TokenPair> for TokenIssued {
    fn from(pair: sign_in::TokenPair) -> Self {
        TokenIssued::Ok(Json(TokenResponse {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            token_type: "Bearer".into(),
            expires_in: pair.expires_in_seconds,
        }))
    }
}

#[OpenApi(prefix_path = "/auth", tag = "ApiTags::SignIn")]
impl SignInApi {
    /// Sign in with email and password
    ///
    /// Five wrong passwords for one account in 15 minutes lock it for 15 minutes (429 with
    /// `Retry-After`); many failures from one address are limited the same way.
    #[oai(path = "/token", method = "post")]
    async fn token(&self, req: &Request, body: Json<TokenRequest>) -> ApiResult<TokenIssued> {
        let address = super::client_address(req);
        Ok(
            sign_in::sign_in_with_password(&self.state, &body.email, &body.password, &address)
                .await?
                .into(),
        )
    }

    /// Exchange a refresh token for a new pair
    ///
    /// The refresh token presented stops working. Presenting one that was already used ends
    /// the whole session, because it means the token was copied.
    #[oai(path = "/refresh", method = "post")]
    async fn refresh(&self, body: Json<RefreshRequest>) -> ApiResult<TokenIssued> {
        Ok(sign_in::refresh(&self.state, &body.refresh_token)
            .await?
            .into())
    }

    /// Sign out
    ///
    /// Ends the session the access token belongs to; its refresh token stops working too.
    #[oai(path = "/logout", method = "post")]
    async fn logout(&self, auth: BearerAuth) -> ApiResult<SignedOut> {
        sign_in::sign_out(&self.state, auth.0.session_id).await?;
        Ok(SignedOut::Done)
    }
}
