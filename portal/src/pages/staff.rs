//! Staff pages: the young people you work with, and one young person's record.
use api::{
    AppState,
    domain::calendar::age_on,
    error::Error,
    service::{Caller, PageRequest, allocations, young_people},
};
use askama::Template;
use poem::{
    Request, Response, handler,
    web::{Data, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Chrome, failed, ok, see_other, visitor,
    young_person::{Worker, long_date},
};
use crate::session::Visitor;

async fn staff_member(req: &Request, state: &AppState) -> Result<(Visitor, Caller), Response> {
    let visitor = visitor(req, state).await?;
    if !visitor.is_staff() {
        let destination = if visitor.is_young_person() {
            "/home"
        } else {
            "/staff/sign-in"
        };
        return Err(see_other(destination, &[]));
    }
    let caller = visitor.caller().expect("a member of staff is signed in");
    Ok((visitor, caller))
}

pub struct Row {
    pub id: Uuid,
    pub name: String,
    pub date_of_birth: String,
    pub age: i32,
}

#[derive(Template)]
#[template(path = "staff_home.html")]
struct Home {
    chrome: Chrome,
    name: String,
    role_titles: String,
    /// `None` when the role has no young people's records at all.
    young_people: Option<Vec<Row>>,
    total: u64,
    page: u64,
    pages: u64,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<u64>,
}

const PER_PAGE: u64 = 25;

#[handler]
pub async fn home(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<PageQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let account = visitor.account.as_ref().expect("signed in");
    let today = state.clock.today();
    let request = PageRequest::new(query.page, Some(PER_PAGE));
    let (young_people, total) = match young_people::list(state, &caller, request).await {
        Ok(page) => (
            Some(
                page.items
                    .iter()
                    .map(|person| Row {
                        id: person.id,
                        name: format!("{} {}", person.given_name, person.family_name),
                        date_of_birth: long_date(person.date_of_birth),
                        age: age_on(person.date_of_birth, today),
                    })
                    .collect(),
            ),
            page.total,
        ),
        Err(Error::Forbidden) => (None, 0),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = Home {
        chrome: Chrome::new(&visitor, "Your young people"),
        name: account.name.clone(),
        role_titles: account
            .roles
            .iter()
            .map(|r| r.title())
            .collect::<Vec<_>>()
            .join(", "),
        young_people,
        total,
        page: request.page,
        pages: total.div_ceil(PER_PAGE).max(1),
    };
    ok(&page, &visitor)
}

#[derive(Template)]
#[template(path = "staff_young_person.html")]
struct Record {
    chrome: Chrome,
    name: String,
    preferred_name: Option<String>,
    pronouns: Option<String>,
    date_of_birth: String,
    age: i32,
    workers: Vec<Worker>,
}

#[handler]
pub async fn young_person(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let person = match young_people::get(state, &caller, id).await {
        Ok(person) => person,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let workers = match allocations::list(state, &caller, id).await {
        Ok(allocations) => allocations
            .iter()
            .filter(|a| a.ended_on.is_none())
            .map(Worker::from)
            .collect(),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let name = format!("{} {}", person.given_name, person.family_name);
    let page = Record {
        chrome: Chrome::new(&visitor, &name),
        age: age_on(person.date_of_birth, state.clock.today()),
        date_of_birth: long_date(person.date_of_birth),
        preferred_name: person.preferred_name,
        pronouns: person.pronouns,
        name,
        workers,
    };
    ok(&page, &visitor)
}
