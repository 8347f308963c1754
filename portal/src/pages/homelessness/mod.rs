//! Homeless 16 and 17 year olds in the portal: the cases on a worker's home page, the case
//! page, and the young person's "Your rights" page where they say whether they understood.
mod forms;

use api::{
    AppState,
    domain::{
        access::{Decision as Access, HomelessAction, decide_homeless_case},
        homelessness::Route,
    },
    service::{
        Caller,
        homelessness::{self as service, Case, Stage, recording},
    },
};
use askama::Template;
use poem::{
    Request, Response, handler,
    web::{Data, Form, Path},
};
use serde::Deserialize;
use uuid::Uuid;

pub use self::forms::{case_form, new_case, open_case, save_case_form};
use super::{
    Chrome, failed, form_sender, ok, see_other,
    staff::{StatusTag, staff_member},
    young_person::{long_date, young_person},
};

pub fn case_url(id: Uuid) -> String {
    format!("/staff/homelessness/{id}")
}

/// A case on a worker's home page.
pub struct CaseRow {
    pub href: String,
    pub name: String,
    pub presented_on: String,
    pub days: i64,
    pub stage: &'static str,
    pub due_on: String,
    pub tag: StatusTag,
    pub safe_tonight: bool,
}

/// The cases on a worker's home page, and the year's figures for them.
pub struct Section {
    pub cases: Vec<CaseRow>,
    pub year: String,
    pub as_of: String,
    pub asked: u64,
    pub assessments_on_time: String,
    pub rights_confirmed: u64,
    /// Outcomes decided this year, those with none left out.
    pub outcomes: Vec<(&'static str, u64)>,
}

/// The cases the visitor works on, for their home page; `None` when their role has none.
pub async fn home_section(
    state: &AppState,
    caller: &Caller,
) -> api::error::Result<Option<Section>> {
    if !matches!(
        decide_homeless_case(&caller.actor, HomelessAction::Open, None),
        Access::Allowed(_)
    ) {
        return Ok(None);
    }
    let today = state.clock.today();
    let year = api::domain::timeliness::ReportingYear::containing(today);
    let figures = service::figures(state, caller, year.starting()).await?;
    let cases = service::list(state, caller)
        .await?
        .into_iter()
        .map(|c| CaseRow {
            href: case_url(c.id),
            name: c.young_person_name,
            presented_on: long_date(c.presented_on),
            days: c.days_since_presenting,
            stage: c.stage.words(),
            due_on: long_date(c.assessment_due_on),
            tag: StatusTag::new(c.assessment_status, c.assessment_due_on, today),
            safe_tonight: c.safe_tonight,
        })
        .collect();
    Ok(Some(Section {
        cases,
        year: figures.year.words(),
        as_of: long_date(figures.as_of),
        asked: figures.cases,
        assessments_on_time: match figures.assessments.percent_on_time() {
            Some(percent) => format!(
                "{percent}% ({} of {})",
                figures.assessments.on_time, figures.assessments.due
            ),
            None => "None due yet".into(),
        },
        rights_confirmed: figures.rights_confirmed,
        outcomes: figures
            .outcomes
            .into_iter()
            .filter(|(_, decided)| *decided > 0)
            .map(|(outcome, decided)| (outcome.words(), decided))
            .collect(),
    }))
}

#[derive(Template)]
#[template(path = "staff_homeless_case.html")]
struct CasePage {
    chrome: Chrome,
    id: Uuid,
    case: Case,
    facts: Vec<(&'static str, String)>,
    due_on: String,
    tag: StatusTag,
    areas: String,
    decided: bool,
    rights_given: bool,
    can_record: bool,
}

fn yes_no(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not yet answered",
    }
}

#[handler]
pub async fn show(req: &Request, Path(id): Path<Uuid>, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let case = match service::case(state, &caller, id).await {
        Ok(case) => case,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let worker = |w: &Option<service::Worker>| {
        w.as_ref()
            .map(|w| w.name.clone())
            .unwrap_or_else(|| "Not yet named".into())
    };
    let facts = vec![
        ("Date of birth", long_date(case.date_of_birth)),
        (
            "Asked for help",
            format!(
                "{}: {}",
                long_date(case.presented_on),
                case.presented.words()
            ),
        ),
        ("Staying tonight", case.staying_tonight.clone()),
        ("Housing officer", worker(&case.housing_officer)),
        ("Social worker", worker(&case.social_worker)),
    ];
    let can_record = !matches!(
        decide_homeless_case(
            &caller.actor,
            HomelessAction::Record,
            Some(&api::domain::access::HomelessCaseFacts {
                authority_id: caller.actor.authority_id,
                young_person_id: case.young_person_id,
                housing_officer_id: case.housing_officer.as_ref().map(|w| w.id),
                social_worker_id: case.social_worker.as_ref().map(|w| w.id),
            }),
        ),
        Access::NotFound | Access::Forbidden
    );
    let page = CasePage {
        chrome: Chrome::new(&visitor, "Homelessness case"),
        id,
        facts,
        due_on: long_date(case.assessment_due_on),
        tag: StatusTag::new(
            case.assessment_status,
            case.assessment_due_on,
            state.clock.today(),
        ),
        areas: case
            .assessment
            .areas
            .iter()
            .map(|a| a.words())
            .collect::<Vec<_>>()
            .join("; "),
        decided: case.stage == Stage::Decided,
        rights_given: !case.rights.is_empty(),
        can_record,
        case,
    };
    ok(&page, &visitor)
}

impl CasePage {
    fn requires_accommodation(&self) -> &'static str {
        yes_no(self.case.assessment.requires_accommodation)
    }

    fn routes(&self, record: &service::RightsRecord) -> String {
        record
            .information
            .routes_explained
            .iter()
            .map(|r| route_short(*r))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn date(&self, day: &Option<chrono::NaiveDate>) -> String {
        day.map(long_date).unwrap_or_else(|| "Not yet".into())
    }

    fn long(&self, day: &chrono::NaiveDate) -> String {
        long_date(*day)
    }
}

fn route_short(route: Route) -> &'static str {
    match route {
        Route::Section20 => "section 20",
        Route::Section17WithHousing => "section 17 with Part 7 housing",
        Route::HousingOnly => "Part 7 housing only",
    }
}

/// What each route means, in words for a 16 or 17 year old.
struct RouteExplained {
    title: &'static str,
    lines: [&'static str; 3],
}

const ROUTES_EXPLAINED: [RouteExplained; 3] = [
    RouteExplained {
        title: "Being looked after by children's services (section 20)",
        lines: [
            "Children's services find you somewhere to live, like a foster home or supported \
             lodgings, and pay for it.",
            "You get a social worker, and a plan for your care that you help to write.",
            "If you are looked after for 13 weeks or more after you turn 14, with some of it after \
             you turn 16, you become a care leaver: you get a personal adviser and support with \
             money, education and a home up to age 25.",
        ],
    },
    RouteExplained {
        title: "Help from children's services with housing (section 17 and Part 7)",
        lines: [
            "The council's housing service finds you somewhere to live, and children's services \
             support you.",
            "You are not looked after, so you do not become a care leaver later.",
            "You may have to claim benefits and pay towards your rent.",
        ],
    },
    RouteExplained {
        title: "Housing only (Part 7)",
        lines: [
            "The council's housing service helps you find somewhere to live.",
            "Children's services are not involved, and you do not become a care leaver later.",
            "You will usually have to manage your own money and rent.",
        ],
    },
];

#[derive(Template)]
#[template(path = "my_rights.html")]
struct MyRights {
    chrome: Chrome,
    routes: &'static [RouteExplained],
    /// When and by whom they were last told.
    told: Option<(String, String)>,
    advocate: Option<String>,
    answer: Option<bool>,
}

/// "Your rights": what each route means, and "I understood this" or "I need someone to
/// explain it again" for the latest time they were told.
#[handler]
pub async fn my_rights(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller, _) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let case = match service::own_case(state, &caller).await {
        Ok(Some(case)) => case,
        Ok(None) => return failed(api::error::Error::NotFound, Some(&visitor)),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let latest = case.rights.first();
    let page = MyRights {
        chrome: Chrome::new(&visitor, "Your rights"),
        routes: &ROUTES_EXPLAINED,
        told: latest.map(|r| (long_date(r.information.given_on), r.given_by.name.clone())),
        advocate: latest.and_then(|r| r.information.advocate_name.clone()),
        answer: latest.and_then(|r| r.understood),
    };
    ok(&page, &visitor)
}

#[derive(Debug, Default, Deserialize)]
pub struct RightsAnswer {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    understood: String,
}

#[handler]
pub async fn answer_my_rights(
    req: &Request,
    Form(form): Form<RightsAnswer>,
    Data(state): Data<&AppState>,
) -> Response {
    let visitor = match form_sender(req, state, &form.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let Some(caller) = visitor.caller().filter(|_| visitor.is_young_person()) else {
        return see_other("/sign-in", &[]);
    };
    let understood = match form.understood.as_str() {
        "yes" => true,
        "no" => false,
        _ => return see_other("/my/rights", &[]),
    };
    let case = match service::own_case(state, &caller).await {
        Ok(Some(case)) => case,
        Ok(None) => return failed(api::error::Error::NotFound, Some(&visitor)),
        Err(error) => return failed(error, Some(&visitor)),
    };
    match recording::answer_rights(state, &caller, case.id, understood).await {
        Ok(()) => see_other("/my/rights#answer", &[]),
        Err(error) => failed(error, Some(&visitor)),
    }
}
