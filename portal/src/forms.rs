//! Form fields as values, so that every form gets its label, hint, error message, error
//! styling, `aria-describedby` and `autocomplete` right by construction. The templates in
//! `templates/fields.html` draw them.

/// One problem with a form, linked from the error summary to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorLink {
    pub field_id: String,
    pub message: String,
}

/// The ids of a field's hint and error message, for `aria-describedby`.
fn described_by(id: &str, has_hint: bool, has_error: bool) -> String {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    ids.join(" ")
}

/// The "There is a problem" box at the top of a page.
///
/// Built from a use case's field errors, field `date_of_birth` links to element
/// `date-of-birth`, the id the field macros give it.
#[derive(Debug, Clone, Default)]
pub struct ErrorSummary {
    pub errors: Vec<ErrorLink>,
}

impl From<api::domain::validation::FieldErrors> for ErrorSummary {
    fn from(fields: api::domain::validation::FieldErrors) -> Self {
        let mut summary = Self::default();
        summary.add_field_errors(&fields);
        summary
    }
}

impl ErrorSummary {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn add(&mut self, field_id: &str, message: impl Into<String>) {
        self.errors.push(ErrorLink {
            field_id: field_id.to_owned(),
            message: message.into(),
        });
    }

    /// A use case's field errors, under the ids the field macros give their fields: the first
    /// message for each field the summary does not already have one for.
    pub fn add_field_errors(&mut self, fields: &api::domain::validation::FieldErrors) {
        for (field, messages) in fields.iter() {
            let id = field.replace('_', "-");
            if let (Some(message), None) = (messages.first(), self.for_field(&id)) {
                self.add(&id, message.clone());
            }
        }
    }

    /// Put the messages in the order the fields appear on the page, as people read them.
    pub fn in_page_order(&mut self, field_ids: &[String]) {
        self.errors.sort_by_key(|e| {
            field_ids
                .iter()
                .position(|id| *id == e.field_id)
                .unwrap_or(usize::MAX)
        });
    }

    /// The message for one field, if it has one.
    pub fn for_field(&self, field_id: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field_id == field_id)
            .map(|e| e.message.clone())
    }
}

#[derive(Debug, Clone)]
pub struct TextField {
    pub id: String,
    pub name: String,
    pub label: String,
    /// Show the label as the page's heading (one question per page).
    pub label_is_heading: bool,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    pub input_type: &'static str,
    pub autocomplete: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    pub spellcheck: bool,
    pub width_class: &'static str,
    /// The language the answer is typed in, and its direction, when it is not English.
    pub language: Option<(&'static str, &'static str)>,
}

impl TextField {
    pub fn new(name: &str, label: &str) -> Self {
        Self {
            id: name.replace('_', "-"),
            name: name.to_owned(),
            label: label.to_owned(),
            label_is_heading: false,
            hint: None,
            value: String::new(),
            error: None,
            input_type: "text",
            autocomplete: None,
            inputmode: None,
            spellcheck: true,
            width_class: "",
            language: None,
        }
    }

    /// The answer is typed in this language (`lang` and `dir` on the input).
    pub fn typed_in(mut self, code: &'static str, direction: &'static str) -> Self {
        self.language = Some((code, direction));
        self
    }

    pub fn heading(mut self) -> Self {
        self.label_is_heading = true;
        self
    }

    pub fn hint(mut self, hint: &str) -> Self {
        self.hint = Some(hint.to_owned());
        self
    }

    pub fn value(mut self, value: &str) -> Self {
        self.value = value.to_owned();
        self
    }

    pub fn email(mut self) -> Self {
        self.input_type = "email";
        self.autocomplete = Some("email");
        self.spellcheck = false;
        self
    }

    pub fn current_password(mut self) -> Self {
        self.input_type = "password";
        self.autocomplete = Some("current-password");
        self.spellcheck = false;
        self
    }

    /// A telephone number: the phone's dial pad, no spellcheck.
    pub fn telephone(mut self) -> Self {
        self.input_type = "tel";
        self.spellcheck = false;
        self.width_class = " input--width-10";
        self
    }

    /// Digits to copy from a letter, such as an NHS number.
    pub fn numeric(mut self) -> Self {
        self.inputmode = Some("numeric");
        self.spellcheck = false;
        self.width_class = " input--width-10";
        self
    }

    pub fn one_time_code(mut self) -> Self {
        self.autocomplete = Some("one-time-code");
        self.inputmode = Some("numeric");
        self.spellcheck = false;
        self.width_class = " input--code";
        self
    }

    /// Take this field's message from the summary, if there is one.
    pub fn errors_from(mut self, summary: &ErrorSummary) -> Self {
        self.error = summary.for_field(&self.id);
        self
    }

    /// `aria-describedby` for the input: its hint and error, when present.
    pub fn described_by(&self) -> String {
        described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }
}

/// A day, month and year asked for in three boxes.
#[derive(Debug, Clone)]
pub struct DateField {
    pub id: String,
    pub name: String,
    pub legend: String,
    pub hint: Option<String>,
    pub day: String,
    pub month: String,
    pub year: String,
    pub error: Option<String>,
    /// `bday` for a date of birth, so phones can fill it in.
    pub autocomplete_prefix: Option<&'static str>,
}

impl DateField {
    pub fn new(name: &str, legend: &str) -> Self {
        Self {
            id: name.replace('_', "-"),
            name: name.to_owned(),
            legend: legend.to_owned(),
            hint: Some("For example, 27 3 2007".into()),
            day: String::new(),
            month: String::new(),
            year: String::new(),
            error: None,
            autocomplete_prefix: None,
        }
    }

    pub fn date_of_birth(mut self) -> Self {
        self.autocomplete_prefix = Some("bday");
        self
    }

    pub fn errors_from(mut self, summary: &ErrorSummary) -> Self {
        self.error = summary.for_field(&self.id);
        self
    }

    pub fn autocomplete(&self, part: &str) -> String {
        self.autocomplete_prefix
            .map(|prefix| format!("{prefix}-{part}"))
            .unwrap_or_else(|| "off".into())
    }

    pub fn described_by(&self) -> String {
        described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }

    /// Show what the person typed back to them.
    pub fn typed(mut self, day: &str, month: &str, year: &str) -> Self {
        self.day = day.trim().to_owned();
        self.month = month.trim().to_owned();
        self.year = year.trim().to_owned();
        self
    }

    /// Show a saved date.
    pub fn date(self, date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        let (day, month, year) = (date.day(), date.month(), date.year());
        self.typed(&day.to_string(), &month.to_string(), &year.to_string())
    }

    pub fn hint(mut self, hint: &str) -> Self {
        self.hint = Some(hint.to_owned());
        self
    }
}

/// Read a date typed into three boxes. `what` names it in messages, for example "the date
/// the review was held". All boxes empty is `Ok(None)`.
/// A date the form needs: the date, or `None` with the problem added to the summary under
/// the field's id ("Enter the date it was raised" when nothing was typed).
pub fn required_date(
    errors: &mut ErrorSummary,
    id: &str,
    (day, month, year): (&str, &str, &str),
    what: &str,
) -> Option<chrono::NaiveDate> {
    match read_date(day, month, year, what) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            errors.add(id, format!("Enter {what}"));
            None
        }
        Err(message) => {
            errors.add(id, message);
            None
        }
    }
}

pub fn read_date(
    day: &str,
    month: &str,
    year: &str,
    what: &str,
) -> Result<Option<chrono::NaiveDate>, String> {
    let parts = [
        ("day", day.trim()),
        ("month", month.trim()),
        ("year", year.trim()),
    ];
    if parts.iter().all(|(_, v)| v.is_empty()) {
        return Ok(None);
    }
    let missing: Vec<&str> = parts
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(name, _)| *name)
        .collect();
    let mut what_upper = what.to_owned();
    if let Some(first) = what_upper.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if !missing.is_empty() {
        return Err(format!(
            "{what_upper} must include a {}",
            missing.join(" and ")
        ));
    }
    let number = |text: &str| text.parse::<u32>().ok();
    let (Some(d), Some(m), Some(y)) = (number(parts[0].1), number(parts[1].1), number(parts[2].1))
    else {
        return Err(format!("{what_upper} must be a real date, in numbers"));
    };
    if parts[2].1.len() != 4 {
        return Err("Year must include 4 numbers".into());
    }
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
        .map(Some)
        .ok_or_else(|| format!("{what_upper} must be a real date"))
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub selected: bool,
}

/// Radios (choose one) or checkboxes (choose any), in a fieldset with a legend.
#[derive(Debug, Clone)]
pub struct ChoiceField {
    pub id: String,
    pub name: String,
    pub legend: String,
    pub hint: Option<String>,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    pub multiple: bool,
}

impl ChoiceField {
    pub fn radios(name: &str, legend: &str, choices: &[(&str, &str)]) -> Self {
        Self {
            id: name.replace('_', "-"),
            name: name.to_owned(),
            legend: legend.to_owned(),
            hint: None,
            choices: choices
                .iter()
                .map(|(value, label)| Choice {
                    value: (*value).to_owned(),
                    label: (*label).to_owned(),
                    hint: None,
                    selected: false,
                })
                .collect(),
            error: None,
            multiple: false,
        }
    }

    pub fn checkboxes(name: &str, legend: &str, choices: &[(&str, &str)]) -> Self {
        Self {
            multiple: true,
            ..Self::radios(name, legend, choices)
        }
    }

    pub fn hint(mut self, hint: &str) -> Self {
        self.hint = Some(hint.to_owned());
        self
    }

    pub fn select(mut self, values: &[&str]) -> Self {
        for choice in &mut self.choices {
            choice.selected = values.contains(&choice.value.as_str());
        }
        self
    }

    pub fn errors_from(mut self, summary: &ErrorSummary) -> Self {
        self.error = summary.for_field(&self.id);
        self
    }

    /// Each choice's element id; the first is the one the error summary links to.
    pub fn choice_id(&self, index: &usize) -> String {
        if *index == 0 {
            self.id.clone()
        } else {
            format!("{}-{}", self.id, index + 1)
        }
    }

    pub fn input_type(&self) -> &'static str {
        if self.multiple { "checkbox" } else { "radio" }
    }

    pub fn class_prefix(&self) -> &'static str {
        if self.multiple {
            "checkboxes"
        } else {
            "radios"
        }
    }
}

/// A longer answer in the person's own words.
#[derive(Debug, Clone)]
pub struct TextareaField {
    pub id: String,
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    pub rows: u8,
    /// The language the answer is typed in, and its direction, when it is not English.
    pub language: Option<(&'static str, &'static str)>,
}

impl TextareaField {
    pub fn new(name: &str, label: &str) -> Self {
        Self {
            id: name.replace('_', "-"),
            name: name.to_owned(),
            label: label.to_owned(),
            hint: None,
            value: String::new(),
            error: None,
            rows: 5,
            language: None,
        }
    }

    /// The answer is typed in this language (`lang` and `dir` on the textarea).
    pub fn typed_in(mut self, code: &'static str, direction: &'static str) -> Self {
        self.language = Some((code, direction));
        self
    }

    pub fn errors_from(mut self, summary: &ErrorSummary) -> Self {
        self.error = summary.for_field(&self.id);
        self
    }

    pub fn hint(mut self, hint: &str) -> Self {
        self.hint = Some(hint.to_owned());
        self
    }

    pub fn value(mut self, value: &str) -> Self {
        self.value = value.to_owned();
        self
    }

    pub fn described_by(&self) -> String {
        described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }
}

/// The first answer a form sent under `name` (empty if none), for forms read as a list of
/// pairs because a checkbox group sends one pair per box ticked.
pub fn answer<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// A "Yes" or "No" radio's answer; `None` when neither was chosen.
pub fn yes_no(answer: &str) -> Option<bool> {
    match answer {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// An optional answer: trimmed, and `None` when only spaces were typed.
pub fn given(answer: &str) -> Option<String> {
    Some(answer.trim())
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
}

/// Radio or checkbox choices from every value of a domain type, by its code and its words.
pub fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    words: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (code(*v), words(*v))).collect()
}

/// The choices of a "Yes" or "No" question, as `yes_no` reads them back.
pub const YES_NO: [(&str, &str); 2] = [("yes", "Yes"), ("no", "No")];

/// Fields of a one-page form read as pairs, each showing what was typed (a date as
/// `{name}_day`, `{name}_month` and `{name}_year`) and its problems.
pub struct Answered<'a> {
    pub answers: &'a [(String, String)],
    pub errors: &'a ErrorSummary,
}

impl Answered<'_> {
    fn answer(&self, name: &str) -> &str {
        answer(self.answers, name)
    }

    /// Every answer sent under `name`: the boxes ticked in a checkbox group.
    fn ticked(&self, name: &str) -> Vec<&str> {
        self.answers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn date(&self, name: &str, legend: &str) -> DateField {
        let part = |p: &str| self.answer(&format!("{name}_{p}")).to_owned();
        DateField::new(name, legend)
            .hint("For example, 28 11 2026")
            .typed(&part("day"), &part("month"), &part("year"))
            .errors_from(self.errors)
    }

    pub fn radios(&self, name: &str, legend: &str, choices: &[(&str, &str)]) -> ChoiceField {
        ChoiceField::radios(name, legend, choices)
            .select(&[self.answer(name)])
            .errors_from(self.errors)
    }

    pub fn checkboxes(&self, name: &str, legend: &str, choices: &[(&str, &str)]) -> ChoiceField {
        ChoiceField::checkboxes(name, legend, choices)
            .select(&self.ticked(name))
            .errors_from(self.errors)
    }

    pub fn text(&self, name: &str, label: &str) -> TextField {
        TextField::new(name, label)
            .value(self.answer(name))
            .errors_from(self.errors)
    }

    pub fn textarea(&self, name: &str, label: &str) -> TextareaField {
        TextareaField::new(name, label)
            .value(self.answer(name))
            .errors_from(self.errors)
    }
}

/// Any one field, so that a form can be a list of them drawn by one template.
#[derive(Debug, Clone)]
pub enum Field {
    Text(TextField),
    Date(DateField),
    Choice(ChoiceField),
    Textarea(TextareaField),
}

impl From<TextField> for Field {
    fn from(field: TextField) -> Self {
        Field::Text(field)
    }
}

impl From<DateField> for Field {
    fn from(field: DateField) -> Self {
        Field::Date(field)
    }
}

impl From<ChoiceField> for Field {
    fn from(field: ChoiceField) -> Self {
        Field::Choice(field)
    }
}

impl From<TextareaField> for Field {
    fn from(field: TextareaField) -> Self {
        Field::Textarea(field)
    }
}

impl Field {
    pub fn id(&self) -> &str {
        match self {
            Field::Text(f) => &f.id,
            Field::Date(f) => &f.id,
            Field::Choice(f) => &f.id,
            Field::Textarea(f) => &f.id,
        }
    }
}

#[cfg(test)]
mod tests {
    use askama::Template;

    use super::*;

    #[derive(Template)]
    #[template(
        source = r#"{%- import "fields.html" as fields -%}
{% call fields::error_summary(errors) %}{% endcall %}
{% call fields::text_input(name) %}{% endcall %}
{% call fields::date_input(born) %}{% endcall %}
{% call fields::choices(contact) %}{% endcall %}
{% call fields::choices(needs) %}{% endcall %}
{% call fields::textarea(notes) %}{% endcall %}"#,
        ext = "html"
    )]
    struct EveryField {
        errors: ErrorSummary,
        name: TextField,
        born: DateField,
        contact: ChoiceField,
        needs: ChoiceField,
        notes: TextareaField,
    }

    fn render(errors: ErrorSummary) -> String {
        EveryField {
            name: TextField::new("full_name", "Full name")
                .hint("As on your passport")
                .value("<Jess>")
                .errors_from(&errors),
            born: DateField::new("date_of_birth", "What is your date of birth?")
                .date_of_birth()
                .errors_from(&errors),
            contact: ChoiceField::radios(
                "contact_by",
                "How should we contact you?",
                &[("email", "Email"), ("phone", "Phone")],
            )
            .select(&["phone"])
            .errors_from(&errors),
            needs: ChoiceField::checkboxes(
                "needs",
                "What do you need?",
                &[("money", "Money"), ("housing", "Housing")],
            ),
            notes: TextareaField::new("notes", "Anything else?").errors_from(&errors),
            errors,
        }
        .render()
        .unwrap()
    }

    #[test]
    fn dates_are_read_from_three_boxes_with_messages_that_say_what_is_wrong() {
        let read = |d: &str, m: &str, y: &str| read_date(d, m, y, "the date it was held");
        assert_eq!(
            read(" 3", "11 ", "2026"),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 11, 3))
        );
        assert_eq!(read("", "", ""), Ok(None));
        assert_eq!(
            read("3", "", "").unwrap_err(),
            "The date it was held must include a month and year"
        );
        assert_eq!(
            read("31", "2", "2026").unwrap_err(),
            "The date it was held must be a real date"
        );
        assert_eq!(
            read("x", "2", "2026").unwrap_err(),
            "The date it was held must be a real date, in numbers"
        );
        assert_eq!(
            read("1", "2", "26").unwrap_err(),
            "Year must include 4 numbers"
        );
    }

    #[test]
    fn fields_without_errors_have_labels_hints_and_autocomplete() {
        let html = render(ErrorSummary::default());
        assert!(!html.contains("There is a problem"));
        assert!(html.contains(r#"<label class="label" for="full-name">Full name</label>"#));
        assert!(html.contains(r#"aria-describedby="full-name-hint""#));
        assert!(!html.contains("<Jess>"), "values are escaped: {html}");
        assert!(
            html.contains(r#"autocomplete="bday-day""#)
                && html.contains(r#"autocomplete="bday-year""#)
        );
        assert!(html.contains(r#"type="radio" value="phone" checked"#));
        assert!(html.contains(r#"type="checkbox" value="money">"#));
        assert!(html.contains(r#"<legend class="fieldset__legend">What do you need?</legend>"#));
    }

    #[test]
    fn errors_show_in_the_summary_linked_to_their_fields_and_beside_each_field() {
        let mut errors = ErrorSummary::default();
        errors.add("date-of-birth", "Date of birth must be in the past");
        errors.add("contact-by", "Select how we should contact you");
        let html = render(errors);
        assert!(html.contains("There is a problem"));
        assert!(
            html.contains(r##"<a href="#date-of-birth">Date of birth must be in the past</a>"##)
        );
        assert!(html.contains(r#"<p id="date-of-birth-error" class="error-message">"#));
        assert!(html.contains(r#"aria-describedby="date-of-birth-hint date-of-birth-error""#));
        assert!(
            html.contains(r#"id="contact-by" name="contact_by""#),
            "the first radio takes the field's id"
        );
        assert!(html.contains("form-group form-group--error"));
        assert!(!html.contains(r#"id="notes-error""#));
    }
}
