//! Being in touch: how a personal adviser reached a young person, and what makes a record of
//! it complete. Pure: no I/O.
use chrono::NaiveDate;

use super::validation::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactMethod {
    Visit,
    Phone,
    Text,
    Video,
    Other,
}

impl ContactMethod {
    pub const ALL: [ContactMethod; 5] = [
        ContactMethod::Visit,
        ContactMethod::Phone,
        ContactMethod::Text,
        ContactMethod::Video,
        ContactMethod::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactMethod::Visit => "visit",
            ContactMethod::Phone => "phone",
            ContactMethod::Text => "text",
            ContactMethod::Video => "video",
            ContactMethod::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn words(self) -> &'static str {
        match self {
            ContactMethod::Visit => "Visit",
            ContactMethod::Phone => "Phone call",
            ContactMethod::Text => "Text or message",
            ContactMethod::Video => "Video call",
            ContactMethod::Other => "Other",
        }
    }

    /// Whether "seen alone" means anything for this way of being in touch.
    pub fn can_be_seen(self) -> bool {
        matches!(self, ContactMethod::Visit | ContactMethod::Video)
    }
}

/// A contact as a PA records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub contact_on: NaiveDate,
    pub method: ContactMethod,
    /// For a visit or video call only.
    pub seen_alone: Option<bool>,
    pub place: Option<String>,
    pub summary: String,
}

pub const MAX_SUMMARY: usize = 5000;

/// Is the record complete and possible? Dates from the young person's birth to today.
pub fn check_contact(
    contact: &Contact,
    born: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if contact.contact_on > today {
        errors.add("contact_on", "The date must be today or in the past");
    } else if contact.contact_on < born {
        errors.add("contact_on", "The date must be after their date of birth");
    }
    if contact.method.can_be_seen() && contact.seen_alone.is_none() {
        errors.add("seen_alone", "Say whether you saw them on their own");
    }
    if !contact.method.can_be_seen() && contact.seen_alone.is_some() {
        errors.add(
            "seen_alone",
            "Only say whether you saw them alone for a visit or a video call",
        );
    }
    if contact.summary.trim().is_empty() {
        errors.add("summary", "Write what you talked about and anything agreed");
    } else if contact.summary.chars().count() > MAX_SUMMARY {
        errors.add(
            "summary",
            format!("The summary must be {MAX_SUMMARY} characters or fewer"),
        );
    }
    if contact
        .place
        .as_ref()
        .is_some_and(|p| p.chars().count() > 200)
    {
        errors.add("place", "Where must be 200 characters or fewer");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn visit() -> Contact {
        Contact {
            contact_on: d("2026-11-30"),
            method: ContactMethod::Visit,
            seen_alone: Some(true),
            place: Some("Her flat".into()),
            summary: "Talked about the move and the allowance".into(),
        }
    }

    #[test]
    fn a_visit_says_whether_they_were_seen_alone_and_a_text_does_not() {
        let today = d("2026-12-03");
        let born = d("2007-08-01");
        assert_eq!(check_contact(&visit(), born, today), Ok(()));
        let unsaid = Contact {
            seen_alone: None,
            ..visit()
        };
        assert!(check_contact(&unsaid, born, today).is_err());
        let text = Contact {
            method: ContactMethod::Text,
            seen_alone: None,
            ..visit()
        };
        assert_eq!(check_contact(&text, born, today), Ok(()));
        let text_alone = Contact {
            method: ContactMethod::Text,
            ..visit()
        };
        assert!(check_contact(&text_alone, born, today).is_err());
    }

    #[test]
    fn dates_run_from_birth_to_today_and_a_summary_is_needed() {
        let today = d("2026-12-03");
        let born = d("2007-08-01");
        let fields = |c: &Contact| -> Vec<String> {
            check_contact(c, born, today)
                .unwrap_err()
                .into_map()
                .into_keys()
                .collect()
        };
        let tomorrow = Contact {
            contact_on: d("2026-12-04"),
            summary: "  ".into(),
            ..visit()
        };
        assert_eq!(fields(&tomorrow), ["contact_on", "summary"]);
        let before_birth = Contact {
            contact_on: d("2007-07-31"),
            ..visit()
        };
        assert_eq!(fields(&before_birth), ["contact_on"]);
        for m in ContactMethod::ALL {
            assert_eq!(ContactMethod::from_code(m.code()), Some(m));
        }
    }
}
