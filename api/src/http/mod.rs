//! The JSON API (OpenAPI 3): one module per area, all under `/api/v1`.

pub mod auth;
pub mod me;
pub mod middleware;
pub mod problem;
pub mod sign_in;
pub mod staff;
pub mod types;
pub mod young_people;

use poem::{
    EndpointExt, Route, get, handler,
    http::StatusCode,
    web::{Data, Json},
};
use poem_openapi::{OpenApiService, Tags};
use serde_json::json;

use crate::{AppState, database};

#[derive(Tags)]
pub enum ApiTags {
    /// Getting, refreshing and ending API tokens
    SignIn,
    /// The signed-in account
    Me,
    /// Young people's records, their workers, and who has read them
    YoungPeople,
    /// The staff directory
    Staff,
}

pub const API_VERSION: &str = "1.0.0";

pub fn openapi(state: &AppState) -> OpenApiService<impl poem_openapi::OpenApi + use<>, ()> {
    OpenApiService::new(
        (
            sign_in::SignInApi {
                state: state.clone(),
            },
            me::MeApi,
            young_people::YoungPeopleApi {
                state: state.clone(),
            },
            staff::StaffApi {
                state: state.clone(),
            },
        ),
        "Onward API",
        API_VERSION,
    )
    .description(
        "Records, statutory clocks and entitlements for children in care and care leavers. \
         Errors are application/problem+json (RFC 9457). Dates are YYYY-MM-DD; times RFC 3339 UTC.",
    )
    .server("/api/v1")
}

/// `/api/v1/…`, `/api/openapi.json`, `/api/docs` and `/health`, with the state attached.
pub fn routes(state: AppState) -> (Route, Vec<String>) {
    let service = openapi(&state);
    let docs_script_hashes = middleware::inline_script_hashes(&service.swagger_ui_html());
    let route = Route::new()
        .at("/health", get(health).data(state.clone()))
        .at("/api/openapi.json", service.spec_endpoint())
        .nest("/api/docs", service.swagger_ui())
        .nest("/api/v1", service.data(state));
    (route, docs_script_hashes)
}

/// Ready when the database answers.
#[handler]
async fn health(state: Data<&AppState>) -> poem::Response {
    use poem::IntoResponse;
    if database::is_reachable(&state.db).await {
        Json(json!({"status": "ok"})).into_response()
    } else {
        problem::Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Not ready",
            "The database is not answering",
        )
        .into_response()
    }
}
