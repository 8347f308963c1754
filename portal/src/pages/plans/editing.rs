//! The worker's side of a pathway plan: read it with the young person's views, edit the
//! draft (and, if someone else saved first, see so without losing what was typed), agree it.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        calendar::date_in_england,
        pathway_plans::{Plan, PlanAction, Section, SectionContent, latest_review},
        validation::FieldErrors,
    },
    error::Error,
    service::{
        Caller,
        pathway_plans::{self, Agreement},
    },
};
use askama::Template;
use chrono::Datelike;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path, Query},
};
use uuid::Uuid;

use super::{SavedQuery, SectionView, changed, example_date, sections};
use crate::{
    forms::{
        ChoiceField, DateField, ErrorSummary, Field, TextField, TextareaField, answer, read_date,
    },
    pages::{
        Chrome, failed, ok, render, see_other,
        staff::{child_name, staff_form_sender, staff_member},
        young_person::long_date,
    },
};

/// Blank action rows offered under each section, for new actions.
const BLANK_ROWS: usize = 2;

#[derive(Template)]
#[template(path = "staff_plan.html")]
struct PlanPage {
    chrome: Chrome,
    id: Uuid,
    name: String,
    saved: Option<&'static str>,
    version: i32,
    sections: Vec<SectionView>,
    young_person_agreed: Option<String>,
    may_edit: bool,
    agreed_versions: i32,
    next_review_on: Option<String>,
    changes_since_agreed: Vec<(&'static str, Vec<String>)>,
}

#[handler]
pub async fn staff_plan(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Query(query): Query<SavedQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let draft = match pathway_plans::draft(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let name = draft.young_person_name.clone();
    let page = PlanPage {
        chrome: Chrome::new(&visitor, &format!("Pathway plan for {name}")),
        id,
        name,
        saved: match query.saved.as_deref() {
            Some("draft") => Some("The plan is saved. The young person can read it now."),
            Some("agreed") => {
                Some("The plan is agreed. This version is kept, and the next review is set.")
            }
            _ => None,
        },
        version: draft.version,
        sections: sections(&draft.plan, Some(&draft)),
        young_person_agreed: draft
            .young_person_agreed_at
            .map(|at| long_date(date_in_england(at))),
        may_edit: access::holds_grant(&caller.actor, Action::EditPathwayPlan),
        agreed_versions: draft.agreed_versions,
        next_review_on: draft.next_review_on.map(long_date),
        changes_since_agreed: match &draft.last_agreed {
            Some((plan, _)) => changed(plan, &draft.plan),
            None => Vec::new(),
        },
    };
    ok(&page, &visitor)
}

/// One section's fields on the editing form.
pub struct SectionFields {
    pub title: &'static str,
    pub fields: Vec<Field>,
}

/// The name of a form field for part of a section: `money__needs`, `money__actions__0__who`.
fn name(section: Section, part: &str) -> String {
    format!("{}__{part}", section.code())
}

/// A domain message key (`money.actions.0.what`) as the id of its field (`money--actions--0--what`).
fn field_id(key: &str) -> String {
    key.replace('.', "--").replace('_', "-")
}

fn section_fields(
    section: Section,
    content: &SectionContent,
    errors: &ErrorSummary,
) -> SectionFields {
    let mut fields = vec![
        Field::Textarea(
            TextareaField::new(&name(section, "needs"), "What is needed")
                .value(&content.needs)
                .errors_from(errors),
        ),
        Field::Textarea(
            TextareaField::new(
                &name(section, "own_words"),
                "In the young person's own words",
            )
            .value(&content.own_words)
            .errors_from(errors),
        ),
    ];
    let blank = PlanAction {
        what: String::new(),
        who: String::new(),
        by_when: None,
        done: false,
    };
    let rows = content
        .actions
        .iter()
        .chain(std::iter::repeat_n(&blank, BLANK_ROWS));
    for (i, action) in rows.enumerate() {
        let part = |p: &str| name(section, &format!("actions__{i}__{p}"));
        let number = i + 1;
        fields.push(Field::Text(
            TextField::new(
                &part("what"),
                &format!("Action {number}: what will be done"),
            )
            .value(&action.what)
            .errors_from(errors),
        ));
        fields.push(Field::Text(
            TextField::new(&part("who"), &format!("Action {number}: who will do it"))
                .value(&action.who)
                .errors_from(errors),
        ));
        let mut by = DateField::new(&part("by"), &format!("Action {number}: by when (optional)"))
            .errors_from(errors);
        if let Some(date) = action.by_when {
            by = by.date(date);
        }
        fields.push(Field::Date(by));
        fields.push(Field::Choice(
            ChoiceField::checkboxes(
                &part("done"),
                &format!("Action {number}: done?"),
                &[("yes", "Done")],
            )
            .select(if action.done { &["yes"] } else { &[] }),
        ));
    }
    SectionFields {
        title: section.title(),
        fields,
    }
}

/// The plan as typed, or the problems with it (dates people could not have meant).
fn read_plan(pairs: &[(String, String)]) -> (Plan, FieldErrors) {
    let mut errors = FieldErrors::new();
    let sections = Section::ALL
        .into_iter()
        .map(|section| {
            let mut actions = Vec::new();
            for i in 0.. {
                let key = |p: &str| name(section, &format!("actions__{i}__{p}"));
                if !pairs.iter().any(|(n, _)| *n == key("what")) {
                    break;
                }
                let (what, who) = (answer(pairs, &key("what")), answer(pairs, &key("who")));
                let by_when = match read_date(
                    answer(pairs, &format!("{}_day", key("by"))),
                    answer(pairs, &format!("{}_month", key("by"))),
                    answer(pairs, &format!("{}_year", key("by"))),
                    "the date",
                ) {
                    Ok(date) => date,
                    Err(message) => {
                        errors.add(&format!("{}.actions.{i}.by", section.code()), message);
                        None
                    }
                };
                let done = answer(pairs, &key("done")) == "yes";
                if what.trim().is_empty() && who.trim().is_empty() && by_when.is_none() && !done {
                    continue;
                }
                actions.push(PlanAction {
                    what: what.trim().to_owned(),
                    who: who.trim().to_owned(),
                    by_when,
                    done,
                });
            }
            (
                section,
                SectionContent {
                    needs: answer(pairs, &name(section, "needs")).trim().to_owned(),
                    actions,
                    own_words: answer(pairs, &name(section, "own_words")).trim().to_owned(),
                },
            )
        })
        .filter(|(_, content)| *content != SectionContent::default())
        .collect();
    (Plan { sections }, errors)
}

#[derive(Template)]
#[template(path = "staff_plan_form.html")]
struct EditPage {
    chrome: Chrome,
    errors: ErrorSummary,
    id: Uuid,
    name: String,
    version: i32,
    /// Someone saved while this person was editing: what the page says about it.
    changed_meanwhile: Option<String>,
    sections: Vec<SectionFields>,
}

fn edit_page(
    chrome: Chrome,
    (id, name): (Uuid, String),
    version: i32,
    plan: &Plan,
    errors: ErrorSummary,
    changed_meanwhile: Option<String>,
) -> EditPage {
    EditPage {
        sections: Section::ALL
            .into_iter()
            .map(|s| section_fields(s, &plan.section(s), &errors))
            .collect(),
        chrome,
        errors,
        id,
        name,
        version,
        changed_meanwhile,
    }
}

async fn may_edit(state: &AppState, caller: &Caller, id: Uuid) -> Result<String, Error> {
    if !access::holds_grant(&caller.actor, Action::EditPathwayPlan) {
        return Err(Error::Forbidden);
    }
    child_name(state, caller, id).await
}

/// The draft to edit or agree, for someone whose role edits plans: one read of the record,
/// which also names whose plan it is.
async fn editable_draft(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<pathway_plans::Draft, Error> {
    if !access::holds_grant(&caller.actor, Action::EditPathwayPlan) {
        return Err(Error::Forbidden);
    }
    pathway_plans::draft(state, caller, id).await
}

#[handler]
pub async fn edit_plan(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let draft = match editable_draft(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let name = draft.young_person_name.clone();
    let chrome = Chrome::new(&visitor, &format!("Edit the pathway plan for {name}"));
    let page = edit_page(
        chrome,
        (id, name),
        draft.version,
        &draft.plan,
        ErrorSummary::default(),
        None,
    );
    ok(&page, &visitor)
}

#[handler]
pub async fn save_plan(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&pairs, "csrf_token")).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let name = match may_edit(state, &caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let based_on: i32 = answer(&pairs, "version").parse().unwrap_or_default();
    let (plan, mut problems) = read_plan(&pairs);
    let outcome = if problems.is_empty() {
        pathway_plans::save_draft(state, &caller, id, based_on, &plan).await
    } else {
        if let Err(more) = api::domain::pathway_plans::check_plan(&plan) {
            problems.merge(more);
        }
        Err(Error::Invalid(problems))
    };
    let mut errors = ErrorSummary::default();
    let (version, changed_meanwhile) = match outcome {
        Ok(_) => return see_other(&format!("/staff/young-people/{id}/plan?saved=draft"), &[]),
        Err(Error::Invalid(fields)) => {
            for (key, messages) in fields.iter() {
                if let Some(message) = messages.first() {
                    errors.add(&field_id(key), message.clone());
                }
            }
            (based_on, None)
        }
        // Keep what they typed; show who saved meanwhile; a second save is a choice made
        // knowing that.
        Err(Error::Conflict(message)) => match pathway_plans::draft(state, &caller, id).await {
            Ok(current) => (
                current.version,
                Some(format!(
                    "{message} {} saved it{}. What you typed is below: read the plan as it is now, then save again if yours should replace it.",
                    current.updated_by.unwrap_or_else(|| "Someone".into()),
                    current
                        .updated_at
                        .map(|at| format!(" on {}", long_date(date_in_england(at))))
                        .unwrap_or_default()
                )),
            ),
            Err(error) => return failed(error, Some(&visitor)),
        },
        Err(error) => return failed(error, Some(&visitor)),
    };
    let title = format!("Edit the pathway plan for {name}");
    let chrome = Chrome::with_errors(&visitor, &title, !errors.is_empty());
    let status = if changed_meanwhile.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = edit_page(
        chrome,
        (id, name),
        version,
        &plan,
        errors,
        changed_meanwhile,
    );
    render(&page, status, &visitor)
}

#[derive(Template)]
#[template(path = "staff_plan_agree.html")]
struct AgreePage {
    chrome: Chrome,
    errors: ErrorSummary,
    id: Uuid,
    name: String,
    version: i32,
    young_person_agreed: bool,
    next_review_on: DateField,
    reason: TextareaField,
}

fn agree_page(
    chrome: Chrome,
    (id, name): (Uuid, String),
    (version, young_person_agreed): (i32, bool),
    pairs: &[(String, String)],
    errors: ErrorSummary,
) -> AgreePage {
    AgreePage {
        chrome,
        id,
        name,
        version,
        young_person_agreed,
        next_review_on: DateField::new("next_review_on", "When is the plan next reviewed?")
            .hint("Within 6 months")
            .typed(
                answer(pairs, "next_review_on_day"),
                answer(pairs, "next_review_on_month"),
                answer(pairs, "next_review_on_year"),
            )
            .errors_from(&errors),
        reason: TextareaField::new(
            "not_agreed_reason",
            "The young person has not agreed this version. Why is it being agreed without them?",
        )
        .value(answer(pairs, "not_agreed_reason"))
        .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn agree_form(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let draft = match editable_draft(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let name = draft.young_person_name.clone();
    let review = latest_review(state.clock.today());
    let typed = [
        ("next_review_on_day".to_owned(), review.day().to_string()),
        (
            "next_review_on_month".to_owned(),
            review.month().to_string(),
        ),
        ("next_review_on_year".to_owned(), review.year().to_string()),
    ];
    let mut page = agree_page(
        Chrome::new(&visitor, &format!("Agree the pathway plan for {name}")),
        (id, name),
        (draft.version, draft.young_person_agreed),
        &typed,
        ErrorSummary::default(),
    );
    page.next_review_on.hint = Some(format!("Within 6 months. {}", example_date(review)));
    ok(&page, &visitor)
}

#[handler]
pub async fn save_agreement(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&pairs, "csrf_token")).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let name = match may_edit(state, &caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let based_on: i32 = answer(&pairs, "version").parse().unwrap_or_default();
    let mut errors = ErrorSummary::default();
    let next_review_on = match read_date(
        answer(&pairs, "next_review_on_day"),
        answer(&pairs, "next_review_on_month"),
        answer(&pairs, "next_review_on_year"),
        "the review date",
    ) {
        Ok(date) => date,
        Err(message) => {
            errors.add("next-review-on", message);
            None
        }
    };
    if errors.is_empty() {
        let agreement = Agreement {
            based_on,
            next_review_on,
            not_agreed_reason: Some(answer(&pairs, "not_agreed_reason").to_owned()),
        };
        match pathway_plans::agree(state, &caller, id, &agreement).await {
            Ok(_) => return see_other(&format!("/staff/young-people/{id}/plan?saved=agreed"), &[]),
            Err(Error::Invalid(fields)) => errors.add_field_errors(&fields),
            Err(Error::Conflict(message)) => errors.add("next-review-on", message),
            Err(error) => return failed(error, Some(&visitor)),
        }
    }
    let draft = match pathway_plans::draft(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    errors.in_page_order(&["next-review-on".into(), "not-agreed-reason".into()]);
    let page = agree_page(
        Chrome::with_errors(
            &visitor,
            &format!("Agree the pathway plan for {name}"),
            true,
        ),
        (id, name),
        (draft.version, draft.young_person_agreed),
        &pairs,
        errors,
    );
    render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
}
