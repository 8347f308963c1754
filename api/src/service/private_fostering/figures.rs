//! The year's private fostering figures, as councils report them to the DfE.
use crate::{
    AppState,
    domain::{
        access::Action,
        private_fostering::figures::{ArrangementFacts, ReportingYear, YearFigures, year_figures},
    },
    error::{Error, Result},
    service::Caller,
};

use super::arrangements::{allowed, load_all};

/// The reporting year today falls in, named by the April it starts.
pub fn current_year(state: &AppState) -> i32 {
    ReportingYear::containing(state.clock.today()).starting()
}

/// The figures for the reporting year starting in April `year_starting`, for the caller's
/// authority, counted to today while the year runs. Three queries.
#[tracing::instrument(skip(state, caller))]
pub async fn figures(state: &AppState, caller: &Caller, year_starting: i32) -> Result<YearFigures> {
    allowed(caller, Action::ReadPrivateFostering)?;
    let year = ReportingYear::new(year_starting).map_err(Error::Invalid)?;
    let arrangements: Vec<ArrangementFacts> = load_all(state, caller.actor.authority_id)
        .await?
        .into_iter()
        .map(|loaded| ArrangementFacts {
            visits: loaded.facts(),
            confirmed_on: loaded.row.confirmed_on,
        })
        .collect();
    Ok(year_figures(&arrangements, year, state.clock.today()))
}
