//! The council's administrators write the local offer: every item with where it stands, a
//! form to add or edit one, publish and retire, translations, and each item's history.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        care_leaver::Category,
        local_offer::{
            Amount, Area, Condition, Eligibility, Language, OfferItem, Period, Translation,
            parse_pounds, pounds,
        },
    },
    error::Error,
    service::{
        Caller,
        local_offer::Status,
        offer_publishing::{self, ItemRecord},
    },
};
use askama::Template;
use chrono::Datelike;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Chrome, failed, ok, render, see_other,
    staff::{staff_form_sender, staff_member},
    young_person::long_date,
};
use crate::{
    forms::{
        ChoiceField, DateField, ErrorSummary, Field, TextField, TextareaField, answer,
        required_date,
    },
    session::Visitor,
};

/// Staff who may write the offer, or the page that says they may not.
async fn publisher(req: &Request, state: &AppState) -> Result<(Visitor, Caller), Response> {
    let (visitor, caller) = staff_member(req, state).await?;
    if access::holds_grant(&caller.actor, Action::PublishOffer) {
        Ok((visitor, caller))
    } else {
        Err(failed(Error::Forbidden, Some(&visitor)))
    }
}

fn status_tag(status: Status) -> &'static str {
    match status {
        Status::Draft => "tag--grey",
        Status::Published => "tag--green",
        Status::Retired => "tag--red",
    }
}

pub struct ItemRow {
    pub id: Uuid,
    pub title: String,
    pub area: &'static str,
    pub status: &'static str,
    pub status_class: &'static str,
    pub changed: String,
    pub languages: String,
}

#[derive(Template)]
#[template(path = "publishing_items.html")]
struct ItemsPage {
    chrome: Chrome,
    rows: Vec<ItemRow>,
}

#[handler]
pub async fn all_items(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller) = match publisher(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let records = match offer_publishing::all_items(state, &caller).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = ItemsPage {
        chrome: Chrome::new(&visitor, "The local offer"),
        rows: records
            .iter()
            .map(|r| ItemRow {
                id: r.item_id,
                title: r.current.item.title.clone(),
                area: r.current.item.area.title(),
                status: r.current.status.title(),
                status_class: status_tag(r.current.status),
                changed: long_date(api::domain::calendar::date_in_england(
                    r.current.recorded_at,
                )),
                languages: std::iter::once("English")
                    .chain(r.translations.iter().map(|t| t.translation.language.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
    };
    ok(&page, &visitor)
}

/// A version as the history shows it.
pub struct VersionView {
    pub version: i32,
    pub status: &'static str,
    pub title: String,
    pub summary: String,
    pub amount: Option<String>,
    pub who: String,
    pub how_to_get: String,
    pub recorded: String,
}

pub struct TranslationView {
    pub code: &'static str,
    pub dir: &'static str,
    pub name: &'static str,
    pub title: Option<String>,
    pub recorded: Option<String>,
}

#[derive(Template)]
#[template(path = "publishing_item.html")]
struct ItemPage {
    chrome: Chrome,
    saved: Option<&'static str>,
    id: Uuid,
    version: i32,
    status: &'static str,
    status_class: &'static str,
    area: &'static str,
    statutory: bool,
    last_reviewed_on: String,
    current: VersionView,
    /// Buttons: the status to move to, and the words on the button.
    actions: Vec<(&'static str, &'static str)>,
    history: Vec<VersionView>,
    translations: Vec<TranslationView>,
}

fn recorded(by: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{} on {}",
        by,
        long_date(api::domain::calendar::date_in_england(at))
    )
}

fn version_view(v: &offer_publishing::ItemVersion) -> VersionView {
    VersionView {
        version: v.version,
        status: v.status.title(),
        title: v.item.title.clone(),
        summary: v.item.summary.clone(),
        amount: v.item.amount.map(|a| a.to_string()),
        who: v.item.eligibility.words(),
        how_to_get: v.item.how_to_get.clone(),
        recorded: recorded(&v.recorded_by, v.recorded_at),
    }
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

fn saved_message(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "added" => "Added as a draft. Nobody outside the council sees it until you publish it.",
        "edited" => "Your changes are saved.",
        "published" => "Published. Anyone can now read it on the local offer page.",
        "retired" => "Retired. It is no longer on the local offer page.",
        "draft" => "Taken back to draft. It is no longer on the local offer page.",
        "translated" => "The translation is saved.",
        _ => return None,
    })
}

#[handler]
pub async fn show_item(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Query(query): Query<SavedQuery>,
) -> Response {
    let (visitor, caller) = match publisher(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let record = match offer_publishing::item_record(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let current = &record.current;
    let actions = match current.status {
        Status::Draft => vec![("published", "Publish")],
        Status::Published => vec![("retired", "Retire"), ("draft", "Take back to draft")],
        Status::Retired => vec![("published", "Publish again")],
    };
    let translations = offer_publishing::other_languages()
        .map(|language| {
            let written = record
                .translations
                .iter()
                .find(|t| t.translation.language == language);
            TranslationView {
                code: language.code(),
                dir: language.direction(),
                name: language.name(),
                title: written.map(|t| t.translation.title.clone()),
                recorded: written.map(|t| recorded(&t.recorded_by, t.recorded_at)),
            }
        })
        .collect();
    let page = ItemPage {
        chrome: Chrome::new(&visitor, &current.item.title),
        saved: saved_message(query.saved.as_deref()),
        id,
        version: current.version,
        status: current.status.title(),
        status_class: status_tag(current.status),
        area: current.item.area.title(),
        statutory: current.item.statutory,
        last_reviewed_on: long_date(current.item.last_reviewed_on),
        current: version_view(current),
        actions,
        history: record.history.iter().map(version_view).collect(),
        translations,
    };
    ok(&page, &visitor)
}

#[handler]
pub async fn change_status(
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
    let Some(status) = Status::from_code(answer(&pairs, "status")) else {
        return failed(
            Error::invalid("status", "Choose what to do"),
            Some(&visitor),
        );
    };
    let Ok(version) = answer(&pairs, "version").parse::<i32>() else {
        return failed(
            Error::invalid("version", "Open the item again"),
            Some(&visitor),
        );
    };
    match offer_publishing::set_status(state, &caller, id, version, status).await {
        Ok(_) => see_other(&format!("/admin/offer/{id}?saved={}", status.code()), &[]),
        Err(error) => failed(error, Some(&visitor)),
    }
}

/// The answers on the item form, as typed.
#[derive(Debug, Default, Clone)]
struct ItemAnswers {
    area: String,
    title: String,
    summary: String,
    amount: String,
    period: String,
    min_age: String,
    until_age: String,
    categories: Vec<String>,
    conditions: Vec<String>,
    how_to_get: String,
    statutory: String,
    reviewed_day: String,
    reviewed_month: String,
    reviewed_year: String,
    version: String,
}

impl ItemAnswers {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let all = |name: &str| -> Vec<String> {
            pairs
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let one = |name: &str| answer(pairs, name).to_owned();
        Self {
            area: one("area"),
            title: one("title"),
            summary: one("summary"),
            amount: one("amount"),
            period: one("period"),
            min_age: one("min_age"),
            until_age: one("until_age"),
            categories: all("category"),
            conditions: all("condition"),
            how_to_get: one("how_to_get"),
            statutory: one("statutory"),
            reviewed_day: one("last_reviewed_on_day"),
            reviewed_month: one("last_reviewed_on_month"),
            reviewed_year: one("last_reviewed_on_year"),
            version: one("version"),
        }
    }

    fn from_item(item: &OfferItem, version: i32) -> Self {
        let age = |a: Option<u8>| a.map(|a| a.to_string()).unwrap_or_default();
        Self {
            area: item.area.code().into(),
            title: item.title.clone(),
            summary: item.summary.clone(),
            amount: item
                .amount
                .map(|a| pounds(a.pence).trim_start_matches('£').to_owned())
                .unwrap_or_default(),
            period: item
                .amount
                .map(|a| a.period.code().to_owned())
                .unwrap_or_default(),
            min_age: age(item.eligibility.min_age),
            until_age: age(item.eligibility.until_age),
            categories: item
                .eligibility
                .categories
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            conditions: item
                .eligibility
                .conditions
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            how_to_get: item.how_to_get.clone(),
            statutory: if item.statutory { "yes" } else { "no" }.into(),
            reviewed_day: item.last_reviewed_on.day().to_string(),
            reviewed_month: item.last_reviewed_on.month().to_string(),
            reviewed_year: item.last_reviewed_on.year().to_string(),
            version: version.to_string(),
        }
    }

    /// The item, or what is wrong with the answers, field by field.
    fn read(&self, errors: &mut ErrorSummary) -> Option<OfferItem> {
        let area = Area::from_code(&self.area);
        if area.is_none() {
            errors.add("area", "Choose the area it belongs to");
        }
        let amount = match (self.amount.trim(), Period::from_code(&self.period)) {
            ("", None) => Some(None),
            ("", Some(_)) => {
                errors.add("amount", "Enter the amount, or choose no amount below");
                None
            }
            (typed, period) => match (parse_pounds(typed), period) {
                (Some(pence), Some(period)) => Some(Some(Amount { pence, period })),
                (None, _) => {
                    errors.add("amount", "Enter the amount in pounds, like 3000 or 57.50");
                    None
                }
                (Some(_), None) => {
                    errors.add("period", "Choose how often it is paid");
                    None
                }
            },
        };
        let mut age = |typed: &str, id: &str| -> Option<Option<u8>> {
            match typed.trim() {
                "" => Some(None),
                typed => match typed.parse::<u8>() {
                    Ok(age) => Some(Some(age)),
                    Err(_) => {
                        errors.add(id, "Enter an age in years, like 18, or leave it empty");
                        None
                    }
                },
            }
        };
        let min_age = age(&self.min_age, "min-age");
        let until_age = age(&self.until_age, "until-age");
        let statutory = match self.statutory.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.add(
                    "statutory",
                    "Say whether the law says care leavers can have it",
                );
                None
            }
        };
        let reviewed = required_date(
            errors,
            "last-reviewed-on",
            (
                &self.reviewed_day,
                &self.reviewed_month,
                &self.reviewed_year,
            ),
            "the date it was last checked",
        );
        Some(OfferItem {
            area: area?,
            title: self.title.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            amount: amount?,
            eligibility: Eligibility {
                min_age: min_age?,
                until_age: until_age?,
                categories: self
                    .categories
                    .iter()
                    .filter_map(|c| Category::from_code(c))
                    .collect(),
                conditions: self
                    .conditions
                    .iter()
                    .filter_map(|c| Condition::from_code(c))
                    .collect(),
            },
            how_to_get: self.how_to_get.trim().to_owned(),
            statutory: statutory?,
            last_reviewed_on: reviewed?,
        })
    }

    fn fields(&self, errors: &ErrorSummary) -> Vec<Field> {
        let areas: Vec<(&str, &str)> = Area::ALL.iter().map(|a| (a.code(), a.title())).collect();
        let periods = [
            ("one_off", "Once"),
            ("per_year", "Every year"),
            ("per_month", "Every month"),
            ("per_week", "Every week"),
        ];
        let categories: Vec<(&str, &str)> = Category::ALL
            .iter()
            .filter(|c| **c != Category::None)
            .map(|c| (c.code(), c.title()))
            .collect();
        let conditions: Vec<(&str, &str)> = Condition::ALL
            .iter()
            .map(|c| (c.code(), c.words()))
            .collect();
        let selected = |list: &[String]| -> Vec<String> { list.to_vec() };
        let categories_selected = selected(&self.categories);
        let conditions_selected = selected(&self.conditions);
        vec![
            Field::Choice(
                ChoiceField::radios("area", "Which area of the offer is it in?", &areas)
                    .select(&[&self.area])
                    .errors_from(errors),
            ),
            Field::Text(
                TextField::new("title", "Title")
                    .value(&self.title)
                    .errors_from(errors),
            ),
            Field::Textarea(
                TextareaField::new("summary", "What it is")
                    .hint("Plain English, for a 16-year-old. Say what it is and what it is for.")
                    .value(&self.summary)
                    .errors_from(errors),
            ),
            Field::Text(
                TextField::new("amount", "How much, in pounds (optional)")
                    .hint("Leave empty if it is not money. For example, 3000 or 57.50")
                    .value(&self.amount)
                    .errors_from(errors),
            ),
            Field::Choice(
                ChoiceField::radios("period", "How often is it paid? (if it is money)", &periods)
                    .select(&[&self.period])
                    .errors_from(errors),
            ),
            Field::Text(
                TextField::new("min_age", "From what age? (optional)")
                    .numeric()
                    .value(&self.min_age)
                    .errors_from(errors),
            ),
            Field::Text(
                TextField::new("until_age", "Until what age? (optional)")
                    .hint("Up to that birthday: 25 means until they turn 25")
                    .numeric()
                    .value(&self.until_age)
                    .errors_from(errors),
            ),
            Field::Choice(
                ChoiceField::checkboxes("category", "Which care leavers can have it?", &categories)
                    .hint("Tick none for every kind of care leaver")
                    .select(
                        &categories_selected
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>(),
                    )
                    .errors_from(errors),
            ),
            Field::Choice(
                ChoiceField::checkboxes("condition", "Only for young people who are", &conditions)
                    .hint("Tick any that must be true")
                    .select(
                        &conditions_selected
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>(),
                    )
                    .errors_from(errors),
            ),
            Field::Textarea(
                TextareaField::new("how_to_get", "How to get it")
                    .value(&self.how_to_get)
                    .errors_from(errors),
            ),
            Field::Choice(
                ChoiceField::radios(
                    "statutory",
                    "Does the law say care leavers can have it?",
                    &[
                        ("yes", "Yes, it is statutory"),
                        ("no", "No, the council chooses to offer it"),
                    ],
                )
                .select(&[&self.statutory])
                .errors_from(errors),
            ),
            Field::Date(
                DateField::new("last_reviewed_on", "When was it last checked?")
                    .hint("For example, 1 11 2026")
                    .typed(
                        &self.reviewed_day,
                        &self.reviewed_month,
                        &self.reviewed_year,
                    )
                    .errors_from(errors),
            ),
        ]
    }
}

#[derive(Template)]
#[template(path = "publishing_form.html")]
struct ItemForm {
    chrome: Chrome,
    errors: ErrorSummary,
    heading: String,
    action: String,
    version: String,
    fields: Vec<Field>,
    back: String,
}

fn item_form(
    chrome: Chrome,
    heading: String,
    action: String,
    answers: &ItemAnswers,
    mut errors: ErrorSummary,
    back: String,
) -> ItemForm {
    let fields = answers.fields(&errors);
    let ids: Vec<String> = fields.iter().map(|f| f.id().to_owned()).collect();
    errors.in_page_order(&ids);
    let fields = answers.fields(&errors);
    ItemForm {
        chrome,
        errors,
        heading,
        action,
        version: answers.version.clone(),
        fields,
        back,
    }
}

#[handler]
pub async fn new_item(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, _) = match publisher(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = item_form(
        Chrome::new(&visitor, "Add an item to the offer"),
        "Add an item to the offer".into(),
        "/admin/offer/new".into(),
        &ItemAnswers::default(),
        ErrorSummary::default(),
        "/admin/offer".into(),
    );
    ok(&page, &visitor)
}

#[handler]
pub async fn add_item(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&pairs, "csrf_token")).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let answers = ItemAnswers::from_pairs(&pairs);
    let mut errors = ErrorSummary::default();
    if let Some(item) = answers.read(&mut errors) {
        match offer_publishing::create(state, &caller, &item).await {
            Ok(id) => return see_other(&format!("/admin/offer/{id}?saved=added"), &[]),
            Err(Error::Invalid(fields)) => errors.add_field_errors(&fields),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else if let Err(Error::Invalid(fields)) = check_words(state, &partial(&answers)) {
        // The words too, so that every problem shows at once.
        errors.add_field_errors(&fields);
    }
    let page = item_form(
        Chrome::with_errors(&visitor, "Add an item to the offer", true),
        "Add an item to the offer".into(),
        "/admin/offer/new".into(),
        &answers,
        errors,
        "/admin/offer".into(),
    );
    render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
}

/// The typed words as an item with placeholder facts, to check the words alone.
fn partial(answers: &ItemAnswers) -> OfferItem {
    OfferItem {
        area: Area::Accommodation,
        title: answers.title.trim().to_owned(),
        summary: answers.summary.trim().to_owned(),
        amount: None,
        eligibility: Eligibility::default(),
        how_to_get: answers.how_to_get.trim().to_owned(),
        statutory: false,
        last_reviewed_on: chrono::NaiveDate::MIN,
    }
}

fn check_words(state: &AppState, item: &OfferItem) -> Result<(), Error> {
    api::domain::local_offer::check_item(item, state.clock.today()).map_err(Error::Invalid)
}

#[handler]
pub async fn edit_item(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
) -> Response {
    let (visitor, caller) = match publisher(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let record: ItemRecord = match offer_publishing::item_record(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let answers = ItemAnswers::from_item(&record.current.item, record.current.version);
    let page = item_form(
        Chrome::new(&visitor, &format!("Edit {}", record.current.item.title)),
        format!("Edit {}", record.current.item.title),
        format!("/admin/offer/{id}/edit"),
        &answers,
        ErrorSummary::default(),
        format!("/admin/offer/{id}"),
    );
    ok(&page, &visitor)
}

#[handler]
pub async fn save_item(
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
    let answers = ItemAnswers::from_pairs(&pairs);
    let mut errors = ErrorSummary::default();
    let based_on = answers.version.parse::<i32>().unwrap_or_default();
    if let Some(item) = answers.read(&mut errors) {
        match offer_publishing::edit(state, &caller, id, based_on, &item).await {
            Ok(_) => return see_other(&format!("/admin/offer/{id}?saved=edited"), &[]),
            Err(Error::Invalid(fields)) => errors.add_field_errors(&fields),
            // Keep what they typed, and say what happened.
            Err(Error::Conflict(message)) => errors.add("title", message),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else if let Err(Error::Invalid(fields)) = check_words(state, &partial(&answers)) {
        errors.add_field_errors(&fields);
    }
    let heading = format!("Edit {}", answers.title.trim());
    let page = item_form(
        Chrome::with_errors(&visitor, &heading, true),
        heading,
        format!("/admin/offer/{id}/edit"),
        &answers,
        errors,
        format!("/admin/offer/{id}"),
    );
    render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
}

#[derive(Template)]
#[template(path = "publishing_translation.html")]
struct TranslationForm {
    chrome: Chrome,
    errors: ErrorSummary,
    id: Uuid,
    language: &'static str,
    code: &'static str,
    english: VersionView,
    title: TextField,
    summary: TextareaField,
    how_to_get: TextareaField,
}

fn translation_form(
    chrome: Chrome,
    record: &ItemRecord,
    language: Language,
    typed: (&str, &str, &str),
    errors: ErrorSummary,
) -> TranslationForm {
    let (code, dir) = (language.code(), language.direction());
    TranslationForm {
        chrome,
        id: record.item_id,
        language: language.name(),
        code,
        english: version_view(&record.current),
        title: TextField::new("title", &format!("Title in {}", language.name()))
            .typed_in(code, dir)
            .value(typed.0)
            .errors_from(&errors),
        summary: TextareaField::new("summary", &format!("What it is, in {}", language.name()))
            .typed_in(code, dir)
            .value(typed.1)
            .errors_from(&errors),
        how_to_get: TextareaField::new(
            "how_to_get",
            &format!("How to get it, in {}", language.name()),
        )
        .typed_in(code, dir)
        .value(typed.2)
        .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn write_translation(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, code)): Path<(Uuid, String)>,
) -> Response {
    let (visitor, caller) = match publisher(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(language) = Language::from_code(&code).filter(|l| *l != Language::English) else {
        return failed(Error::NotFound, Some(&visitor));
    };
    let record = match offer_publishing::item_record(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let existing = record
        .translations
        .iter()
        .find(|t| t.translation.language == language)
        .map(|t| t.translation.clone());
    let typed = existing.as_ref().map_or(("", "", ""), |t| {
        (t.title.as_str(), t.summary.as_str(), t.how_to_get.as_str())
    });
    let heading = format!("{} in {}", record.current.item.title, language.name());
    let page = translation_form(
        Chrome::new(&visitor, &heading),
        &record,
        language,
        typed,
        ErrorSummary::default(),
    );
    ok(&page, &visitor)
}

#[handler]
pub async fn save_translation(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, code)): Path<(Uuid, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&pairs, "csrf_token")).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(language) = Language::from_code(&code).filter(|l| *l != Language::English) else {
        return failed(Error::NotFound, Some(&visitor));
    };
    let typed = (
        answer(&pairs, "title"),
        answer(&pairs, "summary"),
        answer(&pairs, "how_to_get"),
    );
    let translation = Translation {
        language,
        title: typed.0.trim().to_owned(),
        summary: typed.1.trim().to_owned(),
        how_to_get: typed.2.trim().to_owned(),
    };
    let mut errors = ErrorSummary::default();
    match offer_publishing::translate(state, &caller, id, &translation).await {
        Ok(_) => return see_other(&format!("/admin/offer/{id}?saved=translated"), &[]),
        Err(Error::Invalid(fields)) => {
            errors.add_field_errors(&fields);
            errors.in_page_order(&["title".into(), "summary".into(), "how-to-get".into()]);
        }
        Err(error) => return failed(error, Some(&visitor)),
    }
    let record = match offer_publishing::item_record(state, &caller, id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let heading = format!("{} in {}", record.current.item.title, language.name());
    let page = translation_form(
        Chrome::with_errors(&visitor, &heading, true),
        &record,
        language,
        typed,
        errors,
    );
    render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
}
