//! A personal adviser records a time they were in touch with a young person.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        contacts::{Contact, ContactMethod, check_contact},
    },
    error::Error,
    service::contacts,
};
use askama::Template;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Chrome, failed, ok, render, see_other,
    staff::{child_name, staff_form_sender, staff_member},
};
use crate::forms::{ChoiceField, DateField, ErrorSummary, TextField, TextareaField, required_date};

#[derive(Template)]
#[template(path = "staff_contact_form.html")]
struct ContactForm {
    chrome: Chrome,
    errors: ErrorSummary,
    id: Uuid,
    name: String,
    contact_on: DateField,
    method: ChoiceField,
    seen_alone: ChoiceField,
    place: TextField,
    summary: TextareaField,
}

#[derive(Debug, Default, Deserialize)]
pub struct ContactAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    contact_on_day: String,
    #[serde(default)]
    contact_on_month: String,
    #[serde(default)]
    contact_on_year: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    seen_alone: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    summary: String,
}

const FIELD_ORDER: [&str; 5] = ["contact-on", "method", "seen-alone", "place", "summary"];

fn contact_form(
    chrome: Chrome,
    (id, name): (Uuid, String),
    answers: &ContactAnswers,
    mut errors: ErrorSummary,
) -> ContactForm {
    errors.in_page_order(&FIELD_ORDER.map(str::to_owned));
    let methods: Vec<(&str, &str)> = ContactMethod::ALL
        .iter()
        .map(|m| (m.code(), m.words()))
        .collect();
    ContactForm {
        chrome,
        id,
        name,
        contact_on: DateField::new("contact_on", "When were you in touch?")
            .hint("For example, 28 11 2026")
            .typed(
                &answers.contact_on_day,
                &answers.contact_on_month,
                &answers.contact_on_year,
            )
            .errors_from(&errors),
        method: ChoiceField::radios("method", "How?", &methods)
            .select(&[answers.method.as_str()])
            .errors_from(&errors),
        seen_alone: ChoiceField::radios(
            "seen_alone",
            "For a visit or video call: did you see them on their own?",
            &[("yes", "Yes"), ("no", "No")],
        )
        .hint("Leave this for a phone call, text or other contact")
        .select(&[answers.seen_alone.as_str()])
        .errors_from(&errors),
        place: TextField::new("place", "Where? (optional)")
            .value(&answers.place)
            .errors_from(&errors),
        summary: TextareaField::new("summary", "What did you talk about?")
            .hint("Anything agreed, and anything to follow up. The young person does not see this.")
            .value(&answers.summary)
            .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn new_contact(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !access::holds_grant(&caller.actor, Action::LogContact) {
        return failed(Error::Forbidden, Some(&visitor));
    }
    let name = match child_name(state, &caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let chrome = Chrome::new(&visitor, &format!("Record a contact with {name}"));
    let page = contact_form(
        chrome,
        (id, name),
        &ContactAnswers::default(),
        ErrorSummary::default(),
    );
    ok(&page, &visitor)
}

#[handler]
pub async fn record_contact(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(answers): Form<ContactAnswers>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &answers.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    let contact_on = required_date(
        &mut errors,
        "contact-on",
        (
            &answers.contact_on_day,
            &answers.contact_on_month,
            &answers.contact_on_year,
        ),
        "the date you were in touch",
    );
    let method = ContactMethod::from_code(&answers.method);
    if method.is_none() {
        errors.add("method", "Select how you were in touch");
    }
    let seen_alone = match answers.seen_alone.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let outcome = match (contact_on, method) {
        (Some(contact_on), Some(method)) => {
            let contact = Contact {
                contact_on,
                method,
                seen_alone,
                place: Some(answers.place.clone()),
                summary: answers.summary.clone(),
            };
            contacts::log_contact(state, &caller, id, &contact).await
        }
        (contact_on, method) => {
            // Check the rest too, so that every problem shows at once.
            let probe = Contact {
                contact_on: contact_on.unwrap_or(state.clock.today()),
                method: method.unwrap_or(ContactMethod::Other),
                seen_alone: seen_alone.filter(|_| method.is_some()),
                place: Some(answers.place.clone()),
                summary: answers.summary.clone(),
            };
            Err(Error::Invalid(
                check_contact(&probe, chrono::NaiveDate::MIN, state.clock.today())
                    .err()
                    .unwrap_or_default(),
            ))
        }
    };
    match outcome {
        Ok(_) => see_other(&format!("/staff/young-people/{id}?recorded=contact"), &[]),
        Err(Error::Invalid(fields)) => {
            errors.add_field_errors(&fields);
            let name = match child_name(state, &caller, id).await {
                Ok(name) => name,
                Err(error) => return failed(error, Some(&visitor)),
            };
            let chrome =
                Chrome::with_errors(&visitor, &format!("Record a contact with {name}"), true);
            let page = contact_form(chrome, (id, name), &answers, errors);
            render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}
