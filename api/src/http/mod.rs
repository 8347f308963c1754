//! The JSON API (OpenAPI 3): one module per area, all under `/api/v1`.

pub mod auth;
pub mod care;
pub mod care_leavers;
pub mod caseload;
pub mod contacts;
pub mod entitlements;
pub mod escalations;
pub mod health_history;
pub mod homelessness;
pub mod local_offer;
pub mod me;
pub mod middleware;
pub mod obligations;
pub mod offer_publishing;
pub mod pathway_plans;
pub mod private_fostering;
pub mod private_fostering_case;
pub mod private_fostering_casework;
pub mod problem;
pub mod reports;
pub mod sign_in;
pub mod spec;
pub mod staff;
pub mod types;
pub mod young_people;

use poem::{
    Endpoint, EndpointExt, Response, Route,
    endpoint::make_sync,
    get, handler,
    http::{HeaderValue, StatusCode, header},
    web::{Data, Html, Json},
};
use poem_openapi::{OpenApiService, Tags};
use serde_json::json;
use std::sync::Arc;

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
    /// Recording care: periods of care, placements, reviews, assessments, plans, visits
    Care,
    /// Statutory deadlines and whether they were met
    Obligations,
    /// IROs' challenges to children's plans (the dispute resolution process)
    Escalations,
    /// Figures across the service
    Reports,
    /// Health histories: immunisations, checks, conditions, GP and dentist
    Health,
    /// The local offer to care leavers (public), and each care leaver's entitlements
    Offer,
    /// Private fostering: notifications from anyone, and the council's follow-up
    PrivateFostering,
    /// Homeless 16 and 17 year olds: joint assessments, rights explained, decisions
    Homelessness,
}

pub const API_VERSION: &str = "1.0.0";

/// The caller's IP address, for rate limits only: never logged, and kept only as a hash.
pub fn client_address(req: &poem::Request) -> String {
    req.remote_addr()
        .as_socket_addr()
        .map(|addr| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub fn openapi(state: &AppState) -> OpenApiService<impl poem_openapi::OpenApi + use<>, ()> {
    // Grouped because poem-openapi implements `OpenApi` for tuples of up to 16.
    OpenApiService::new(
        (
            records_and_deadlines(state),
            care_leavers_and_the_public(state),
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

fn records_and_deadlines(state: &AppState) -> impl poem_openapi::OpenApi + use<> {
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
        care::CareApi {
            state: state.clone(),
        },
        obligations::ObligationsApi {
            state: state.clone(),
        },
        escalations::EscalationsApi {
            state: state.clone(),
        },
        reports::ReportsApi {
            state: state.clone(),
        },
        health_history::HealthApi {
            state: state.clone(),
        },
    )
}

fn care_leavers_and_the_public(state: &AppState) -> impl poem_openapi::OpenApi + use<> {
    (
        care_leavers::CareLeaversApi {
            state: state.clone(),
        },
        local_offer::LocalOfferApi {
            state: state.clone(),
        },
        entitlements::EntitlementsApi {
            state: state.clone(),
        },
        offer_publishing::OfferPublishingApi {
            state: state.clone(),
        },
        contacts::ContactsApi {
            state: state.clone(),
        },
        pathway_plans::PathwayPlansApi {
            state: state.clone(),
        },
        caseload::CaseloadApi {
            state: state.clone(),
        },
        private_fostering::PrivateFosteringApi {
            state: state.clone(),
        },
        private_fostering_casework::PrivateFosteringCaseworkApi {
            state: state.clone(),
        },
        homelessness::HomelessnessApi {
            state: state.clone(),
        },
    )
}

/// `/api/v1/…`, `/api/openapi.json`, `/api/docs` and `/health`, with the state attached.
pub fn routes(state: AppState) -> (Route, Vec<String>) {
    let service = openapi(&state);
    let generated = service.spec();
    let document = spec::with_closed_request_bodies(&generated);
    // The explorer shows the same document the API serves.
    let docs_html = service.swagger_ui_html().replace(&generated, &document);
    let docs_script_hashes = middleware::inline_script_hashes(&docs_html);
    let allowed = Arc::new(spec::AllowedMethods::from_spec(&document));
    let api = service.data(state.clone()).around(move |next, req| {
        let allowed = allowed.clone();
        async move {
            let path = req.uri().path().to_owned();
            match next.call(req).await {
                Err(error) if error.status() == StatusCode::METHOD_NOT_ALLOWED => {
                    Ok(method_not_allowed(error, allowed.for_path(&path)))
                }
                outcome => outcome,
            }
        }
    });
    let route = Route::new()
        .at("/health", get(health).data(state))
        .at(
            "/api/openapi.json",
            make_sync(move |_| {
                Response::builder()
                    .content_type("application/json")
                    .body(document.clone())
            }),
        )
        .nest(
            "/api/docs",
            Route::new().at("/", make_sync(move |_| Html(docs_html.clone()))),
        )
        .nest("/api/v1", api);
    (route, docs_script_hashes)
}

/// A 405 says which methods would have worked (RFC 9110).
fn method_not_allowed(error: poem::Error, allow: Option<&str>) -> Response {
    let mut response = problem::from_poem_error(error);
    if let Some(value) = allow.and_then(|allow| HeaderValue::from_str(allow).ok()) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
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
