//! Figures for managers: reviews and health assessments on time, overall and by team.
use api::{AppState, error::Error, service::reports};
use askama::Template;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Query},
};
use serde::Deserialize;

use super::{
    Chrome, failed, ok, render,
    staff::{TimelinessRow, staff_member},
    young_person::long_date,
};
use crate::forms::{DateField, ErrorSummary, read_date};

pub struct TeamFigures {
    pub name: String,
    pub rows: Vec<TimelinessRow>,
}

#[derive(Template)]
#[template(path = "staff_timeliness.html")]
struct TimelinessPage {
    chrome: Chrome,
    errors: ErrorSummary,
    from: DateField,
    to: DateField,
    period: String,
    overall: Vec<TimelinessRow>,
    teams: Vec<TeamFigures>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    from_day: String,
    #[serde(default)]
    from_month: String,
    #[serde(default)]
    from_year: String,
    #[serde(default)]
    to_day: String,
    #[serde(default)]
    to_month: String,
    #[serde(default)]
    to_year: String,
}

#[handler]
pub async fn timeliness(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<PeriodQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    let mut date = |id: &str, parts: (&str, &str, &str), what: &str| {
        read_date(parts.0, parts.1, parts.2, what).unwrap_or_else(|message| {
            errors.add(id, message);
            None
        })
    };
    let from = date(
        "from",
        (&query.from_day, &query.from_month, &query.from_year),
        "the start of the period",
    );
    let to = date(
        "to",
        (&query.to_day, &query.to_month, &query.to_year),
        "the end of the period",
    );
    let asked = if errors.is_empty() {
        reports::timeliness(state, &caller, from, to).await
    } else {
        Err(Error::Invalid(Default::default()))
    };
    let found = match asked {
        Ok(found) => found,
        // Show the problem, with the default period's figures beneath it.
        Err(Error::Invalid(fields)) => {
            errors.add_field_errors(&fields);
            match reports::timeliness(state, &caller, None, None).await {
                Ok(found) => found,
                Err(error) => return failed(error, Some(&visitor)),
            }
        }
        Err(error) => return failed(error, Some(&visitor)),
    };
    let has_errors = !errors.is_empty();
    let page = TimelinessPage {
        chrome: Chrome::with_errors(
            &visitor,
            "Reviews and health assessments on time",
            has_errors,
        ),
        from: DateField::new("from", "From")
            .hint("For example, 1 4 2026")
            .typed(&query.from_day, &query.from_month, &query.from_year)
            .errors_from(&errors),
        to: DateField::new("to", "To")
            .hint("Leave both empty for the twelve months to today")
            .typed(&query.to_day, &query.to_month, &query.to_year)
            .errors_from(&errors),
        period: format!(
            "{} to {}",
            long_date(found.period.from),
            long_date(found.period.to)
        ),
        overall: TimelinessRow::all(&found.overall),
        teams: found
            .teams
            .iter()
            .map(|team| TeamFigures {
                name: team.team_name.clone(),
                rows: TimelinessRow::all(&team.measures),
            })
            .collect(),
        errors,
    };
    if has_errors {
        render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
    } else {
        ok(&page, &visitor)
    }
}
