//! Pathway plans in the portal: the young person reads their plan, sees what changed, adds
//! their views and agrees it; in `editing`, their PA or social worker writes and agrees it.
mod editing;

pub use editing::{agree_form, edit_plan, save_agreement, save_plan, staff_plan};

use api::{
    AppState,
    domain::pathway_plans::{Plan, Section, changes},
    error::Error,
    service::pathway_plans::{self, Draft},
};
use askama::Template;
use chrono::Datelike;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path, Query},
};
use serde::Deserialize;

use super::{
    Chrome, failed, ok, render, see_other,
    young_person::{long_date, young_person, young_person_form_sender},
};
use crate::forms::{ErrorSummary, TextareaField};

/// An action as the plan shows it.
pub struct ActionView {
    pub what: String,
    pub who: String,
    pub by_when: Option<String>,
    pub done: bool,
}

/// A section as the plan shows it, with the young person's views on it.
pub struct SectionView {
    pub code: &'static str,
    pub title: &'static str,
    pub needs: String,
    pub actions: Vec<ActionView>,
    pub own_words: String,
    pub views: Vec<(String, String)>,
}

pub fn sections(plan: &Plan, draft: Option<&Draft>) -> Vec<SectionView> {
    plan.in_order()
        .into_iter()
        .map(|(section, content)| SectionView {
            code: section.code(),
            title: section.title(),
            needs: content.needs,
            actions: content
                .actions
                .into_iter()
                .map(|a| ActionView {
                    what: a.what,
                    who: a.who,
                    by_when: a.by_when.map(long_date),
                    done: a.done,
                })
                .collect(),
            own_words: content.own_words,
            views: draft
                .map(|d| {
                    d.comments
                        .iter()
                        .filter(|c| c.section == section)
                        .map(|c| {
                            (
                                c.body.clone(),
                                long_date(api::domain::calendar::date_in_england(c.written_at)),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// What changed, section by section, as lines under a section title.
pub fn changed(before: &Plan, after: &Plan) -> Vec<(&'static str, Vec<String>)> {
    changes(before, after)
        .into_iter()
        .map(|c| (c.section.title(), c.changes))
        .collect()
}

#[derive(Template)]
#[template(path = "my_plan.html")]
struct MyPlan {
    chrome: Chrome,
    saved: Option<&'static str>,
    written: bool,
    version: i32,
    sections: Vec<SectionView>,
    /// The draft is the plan as last agreed: nothing new to agree.
    agreed_as_it_stands: Option<String>,
    /// The young person agreed this draft, on this date.
    you_agreed: Option<String>,
    next_review_on: Option<String>,
    changes_since_agreed: Vec<(&'static str, Vec<String>)>,
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

#[handler]
pub async fn my_plan(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<SavedQuery>,
) -> Response {
    let (visitor, caller, own) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let draft = match pathway_plans::draft(state, &caller, own).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let agreed_as_it_stands = draft
        .last_agreed
        .as_ref()
        .filter(|(plan, _)| *plan == draft.plan)
        .map(|(_, on)| long_date(*on));
    let page = MyPlan {
        chrome: Chrome::new(&visitor, "Your pathway plan").offline_ready(),
        saved: match query.saved.as_deref() {
            Some("views") => Some("Thank you. Your views are added to your plan."),
            Some("agreed") => Some("Thank you. You have agreed your plan."),
            _ => None,
        },
        written: draft.version > 0,
        version: draft.version,
        sections: sections(&draft.plan, Some(&draft)),
        you_agreed: draft
            .young_person_agreed_at
            .map(|at| long_date(api::domain::calendar::date_in_england(at))),
        next_review_on: draft.next_review_on.map(long_date),
        changes_since_agreed: match &draft.last_agreed {
            Some((plan, _)) if agreed_as_it_stands.is_none() => changed(plan, &draft.plan),
            _ => Vec::new(),
        },
        agreed_as_it_stands,
    };
    ok(&page, &visitor)
}

#[derive(Debug, Deserialize)]
pub struct AgreeAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    version: i32,
}

/// "I agree with my plan": to the version they read.
#[handler]
pub async fn agree_my_plan(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(answers): Form<AgreeAnswers>,
) -> Response {
    let (visitor, caller, own) =
        match young_person_form_sender(req, state, &answers.csrf_token).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    match pathway_plans::agree_as_young_person(state, &caller, own, answers.version).await {
        Ok(()) => see_other("/my/plan?saved=agreed", &[]),
        // The plan changed since they read it: show them the plan as it is now.
        Err(Error::Conflict(_)) => see_other("/my/plan", &[]),
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[derive(Template)]
#[template(path = "my_plan_views.html")]
struct ViewsPage {
    chrome: Chrome,
    errors: ErrorSummary,
    code: &'static str,
    title: &'static str,
    body: TextareaField,
}

fn views_page(chrome: Chrome, section: Section, typed: &str, errors: ErrorSummary) -> ViewsPage {
    ViewsPage {
        chrome,
        code: section.code(),
        title: section.title(),
        body: TextareaField::new("body", &format!("What do you think about “{}”?", section.title()))
            .hint("Your personal adviser will read this. Say what you want to happen, or what is not right.")
            .value(typed)
            .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn add_views(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(code): Path<String>,
) -> Response {
    let (visitor, _, _) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(section) = Section::from_code(&code) else {
        return failed(Error::NotFound, Some(&visitor));
    };
    let chrome = Chrome::new(&visitor, &format!("Your views: {}", section.title()));
    ok(
        &views_page(chrome, section, "", ErrorSummary::default()),
        &visitor,
    )
}

#[derive(Debug, Deserialize)]
pub struct ViewsAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    body: String,
}

#[handler]
pub async fn send_views(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(code): Path<String>,
    Form(answers): Form<ViewsAnswers>,
) -> Response {
    let (visitor, caller, own) =
        match young_person_form_sender(req, state, &answers.csrf_token).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let Some(section) = Section::from_code(&code) else {
        return failed(Error::NotFound, Some(&visitor));
    };
    match pathway_plans::comment(state, &caller, own, section, &answers.body).await {
        Ok(()) => see_other(&format!("/my/plan?saved=views#{}", section.code()), &[]),
        Err(Error::Invalid(fields)) => {
            let errors = ErrorSummary::from(fields);
            let chrome =
                Chrome::with_errors(&visitor, &format!("Your views: {}", section.title()), true);
            render(
                &views_page(chrome, section, &answers.body, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
                &visitor,
            )
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

/// Today's date in words, for hints.
pub fn example_date(date: chrono::NaiveDate) -> String {
    format!(
        "For example, {} {} {}",
        date.day(),
        date.month(),
        date.year()
    )
}
