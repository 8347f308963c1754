//! A young person's own pages. Each is saved by the service worker for offline reading.
use api::{
    AppState,
    domain::{calendar::age_on, care_leaver::Category, roles::Role},
    service::{
        Caller, PageRequest, access_log, care_leaver_status,
        contacts::{self, Supporter},
        young_people::{self, YoungPerson},
    },
};
use askama::Template;
use poem::{Request, Response, handler, web::Data};

use super::{Chrome, failed, form_sender, ok, see_other, visitor};
use crate::session::Visitor;

/// The signed-in young person, or the response that sends anyone else where they belong.
pub(super) async fn young_person(
    req: &Request,
    state: &AppState,
) -> Result<(Visitor, Caller, uuid::Uuid), Response> {
    let visitor = visitor(req, state).await?;
    let (caller, own) = as_young_person(&visitor).map_err(|away| see_other(away, &[]))?;
    Ok((visitor, caller, own))
}

/// The signed-in young person who sent a form, if the form carries the token our page gave
/// them.
pub(super) async fn young_person_form_sender(
    req: &Request,
    state: &AppState,
    csrf_token: &str,
) -> Result<(Visitor, Caller, uuid::Uuid), Response> {
    let visitor = form_sender(req, state, csrf_token).await?;
    let (caller, own) = as_young_person(&visitor).map_err(|away| see_other(away, &[]))?;
    Ok((visitor, caller, own))
}

/// The young person as a caller with their own record, or where anyone else should go.
fn as_young_person(visitor: &Visitor) -> Result<(Caller, uuid::Uuid), &'static str> {
    if !visitor.is_young_person() {
        return Err(if visitor.is_staff() {
            "/staff"
        } else {
            "/sign-in"
        });
    }
    let caller = visitor.caller().expect("a young person is signed in");
    let own = caller
        .actor
        .young_person_id
        .expect("a young person has a record");
    Ok((caller, own))
}

#[derive(Template)]
#[template(path = "young_person_home.html")]
struct Home {
    chrome: Chrome,
    name: String,
    /// The council's number for when the office is shut, and its `tel:` link.
    out_of_hours: Option<(String, String)>,
    /// They asked for help because they were homeless: link to their rights.
    homeless_case: bool,
}

#[handler]
pub async fn home(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller, _) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let out_of_hours = match contacts::out_of_hours_phone(state, &caller).await {
        Ok(number) => number.map(|number| (tel(&number), number)),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let name = visitor
        .account
        .as_ref()
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let homeless_case = match api::service::homelessness::has_own_case(state, &caller).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = Home {
        chrome: Chrome::new(&visitor, "Your home page").offline_ready(),
        name,
        out_of_hours,
        homeless_case,
    };
    ok(&page, &visitor)
}

#[derive(Template)]
#[template(path = "my_details.html")]
struct Details {
    chrome: Chrome,
    person: YoungPerson,
    date_of_birth: String,
    age: i32,
    /// What being a care leaver of their kind means for them; `None` if they are not one.
    care_leaver: Option<(&'static str, &'static str)>,
}

/// Each kind of care leaver, in words for the young person: what it is, and what it means.
fn care_leaver_words(category: Category) -> Option<(&'static str, &'static str)> {
    match category {
        Category::Eligible => Some((
            "You are an eligible child",
            "You are 16 or 17, in care, and have been in care for at least 13 weeks since you were 14. You should have a personal adviser and a pathway plan.",
        )),
        Category::Relevant => Some((
            "You are a relevant child",
            "You left care at 16 or 17 after at least 13 weeks in care since you were 14. The council must help you with somewhere to live and money, and you should have a personal adviser and a pathway plan.",
        )),
        Category::FormerRelevant => Some((
            "You are a former relevant care leaver",
            "You were in care for at least 13 weeks from when you were 14, and after you turned 16. You can have a personal adviser and a pathway plan until you are 25.",
        )),
        Category::Qualifying => Some((
            "You are a qualifying care leaver",
            "You were in care after you turned 16. You can ask the council for advice and help until you are 21, or 25 if you are in education or training.",
        )),
        Category::None => None,
    }
}

#[handler]
pub async fn details(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller, own) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let person = match young_people::get(state, &caller, own).await {
        Ok(person) => person,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let care_leaver = match care_leaver_status::on(state, &caller, own, None).await {
        Ok(status) => care_leaver_words(status.category),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = Details {
        chrome: Chrome::new(&visitor, "Your details").offline_ready(),
        care_leaver,
        date_of_birth: long_date(person.date_of_birth),
        age: age_on(person.date_of_birth, state.clock.today()),
        person,
    };
    ok(&page, &visitor)
}

pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A worker as a young person sees them.
pub struct Worker {
    pub title: &'static str,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    /// The number as a `tel:` link dials it.
    pub phone_link: Option<String>,
    pub working_hours: Option<String>,
    pub since: String,
}

impl From<&Supporter> for Worker {
    fn from(supporter: &Supporter) -> Self {
        Self {
            title: supporter.role.staff_role().title(),
            name: supporter.name.clone(),
            email: supporter.email.clone(),
            phone_link: supporter.phone.as_deref().map(tel),
            phone: supporter.phone.clone(),
            working_hours: supporter.working_hours.clone(),
            since: long_date(supporter.since),
        }
    }
}

/// "0151 496 0000" as a `tel:` address.
pub fn tel(number: &str) -> String {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// A time their personal adviser was in touch, as the young person reads it.
pub struct ContactLine {
    pub on: String,
    pub how: &'static str,
}

#[derive(Template)]
#[template(path = "my_workers.html")]
struct Workers {
    chrome: Chrome,
    workers: Vec<Worker>,
    out_of_hours: Option<(String, String)>,
    contacts: Vec<ContactLine>,
}

#[handler]
pub async fn workers(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller, own) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let supporters = match contacts::supporters(state, &caller, own).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let log = match contacts::contact_log(state, &caller, own).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = Workers {
        chrome: Chrome::new(&visitor, "Who supports you").offline_ready(),
        workers: supporters.workers.iter().map(Worker::from).collect(),
        out_of_hours: supporters
            .out_of_hours_phone
            .map(|number| (tel(&number), number)),
        contacts: log
            .iter()
            .take(5)
            .map(|c| ContactLine {
                on: long_date(c.contact_on),
                how: c.method.words(),
            })
            .collect(),
    };
    ok(&page, &visitor)
}

pub struct RecordView {
    pub when: String,
    pub who: String,
    pub role: &'static str,
    pub what: &'static str,
}

#[derive(Template)]
#[template(path = "my_record_views.html")]
struct RecordViews {
    chrome: Chrome,
    views: Vec<RecordView>,
    total: u64,
}

#[handler]
pub async fn record_views(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller, own) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let entries =
        match access_log::entries(state, &caller, own, PageRequest::new(Some(1), Some(50))).await {
            Ok(entries) => entries,
            Err(error) => return failed(error, Some(&visitor)),
        };
    let views = entries
        .items
        .iter()
        .map(|entry| RecordView {
            when: api::domain::calendar::date_in_england(entry.occurred_at)
                .format("%-d %B %Y")
                .to_string(),
            who: if entry.role == Some(Role::YoungPerson) {
                "You".into()
            } else {
                entry.who.clone()
            },
            role: entry.role.map(Role::title).unwrap_or("Member of staff"),
            what: entry
                .kind
                .map(|k| k.describe())
                .unwrap_or("Looked at your record"),
        })
        .collect();
    let page = RecordViews {
        chrome: Chrome::new(&visitor, "Who has looked at your record").offline_ready(),
        views,
        total: entries.total,
    };
    ok(&page, &visitor)
}
