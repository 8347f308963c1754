//! The demo authority's local offer: written for this service, with figures like those of a
//! Wirral-sized authority. Published as it is loaded, and loaded once.
use chrono::{DateTime, Months, NaiveDate, Utc};
use entity::offer_item;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use crate::{
    domain::{
        care_leaver::Category,
        local_offer::{Amount, Area, Condition, Eligibility, OfferItem, Period},
    },
    error::Result,
    service::local_offer::{Status, item_row},
};

struct Item {
    area: Area,
    title: &'static str,
    summary: &'static str,
    amount: Option<(i64, Period)>,
    ages: (Option<u8>, Option<u8>),
    categories: &'static [Category],
    conditions: &'static [Condition],
    how_to_get: &'static str,
    statutory: bool,
}

const ITEMS: [Item; 12] = [
    Item {
        area: Area::Accommodation,
        title: "Setting-up-home allowance",
        summary: "Money for what you need in your first home of your own: a bed, a cooker, pans, bedding and the like.",
        amount: Some((300_000, Period::OneOff)),
        ages: (Some(16), Some(25)),
        categories: &[],
        conditions: &[Condition::LivingIndependently],
        how_to_get: "Make a list with your personal adviser before you move. They order the things for you or pay the shop.",
        statutory: false,
    },
    Item {
        area: Area::Accommodation,
        title: "Staying Put",
        summary: "You can stay with your foster carers after you turn 18, until you are 21, if you and they want to.",
        amount: None,
        ages: (Some(18), Some(21)),
        categories: &[Category::FormerRelevant],
        conditions: &[],
        how_to_get: "Talk to your social worker and foster carers before you are 18. It goes in your pathway plan.",
        statutory: true,
    },
    Item {
        area: Area::Accommodation,
        title: "No council tax to pay",
        summary: "You do not pay council tax on your home in the borough until you are 25.",
        amount: None,
        ages: (Some(18), Some(25)),
        categories: &[],
        conditions: &[Condition::LivesInTheBorough],
        how_to_get: "Your personal adviser tells the council tax team when you move in. You do not need to apply.",
        statutory: false,
    },
    Item {
        area: Area::EducationAndTraining,
        title: "Higher education bursary",
        summary: "Money towards university or another higher education course, on top of student finance.",
        amount: Some((200_000, Period::OneOff)),
        ages: (None, Some(25)),
        categories: &[Category::FormerRelevant, Category::Relevant],
        conditions: &[Condition::InHigherEducation],
        how_to_get: "Tell your personal adviser when you get a place. It is paid in parts across your course.",
        statutory: true,
    },
    Item {
        area: Area::EducationAndTraining,
        title: "16 to 19 bursary",
        summary: "Money for travel, books, equipment or meals while you study at school or college.",
        amount: Some((120_000, Period::PerYear)),
        ages: (Some(16), Some(20)),
        categories: &[],
        conditions: &[Condition::InFurtherEducation],
        how_to_get: "Ask the student support office at your school or college. Your personal adviser can help you fill in the form.",
        statutory: true,
    },
    Item {
        area: Area::Employment,
        title: "Apprenticeship bursary",
        summary: "A payment when you start an apprenticeship, to help while your wages are low.",
        amount: Some((300_000, Period::OneOff)),
        ages: (Some(16), Some(25)),
        categories: &[],
        conditions: &[Condition::InApprenticeship],
        how_to_get: "Your employer or training provider claims it for you. Tell your personal adviser when you start.",
        statutory: true,
    },
    Item {
        area: Area::Relationships,
        title: "A personal adviser until you are 25",
        summary: "Someone who knows you, helps you plan, and is on your side: with money, housing, work, study and health.",
        amount: None,
        ages: (Some(16), Some(25)),
        categories: &[
            Category::Eligible,
            Category::Relevant,
            Category::FormerRelevant,
        ],
        conditions: &[],
        how_to_get: "You get one from 16. After 21 you can ask for one again at any time until you are 25.",
        statutory: true,
    },
    Item {
        area: Area::HealthAndWellbeing,
        title: "Your health history",
        summary: "A summary of your immunisations, health checks and anything important about your health, to keep.",
        amount: None,
        ages: (Some(16), None),
        categories: &[],
        conditions: &[],
        how_to_get: "Open Your health in this app, or ask your personal adviser for a printed copy.",
        statutory: true,
    },
    Item {
        area: Area::ParticipationInSociety,
        title: "Wi-Fi and phone data",
        summary: "Data for your phone every month, so you can keep in touch, look for work and use this app.",
        amount: Some((1_000, Period::PerMonth)),
        ages: (Some(16), Some(25)),
        categories: &[],
        conditions: &[],
        how_to_get: "Ask your personal adviser. It is topped up on the first of each month.",
        statutory: false,
    },
    Item {
        area: Area::ParticipationInSociety,
        title: "Your key documents",
        summary: "Your passport, birth certificate, National Insurance number, a bank account and a provisional driving licence, paid for by us.",
        amount: None,
        ages: (Some(16), Some(25)),
        categories: &[],
        conditions: &[],
        how_to_get: "Your personal adviser goes through the list with you and pays the fees.",
        statutory: false,
    },
    Item {
        area: Area::ParticipationInSociety,
        title: "Care leavers' hub",
        summary: "A place to drop in, cook a meal, use a computer, and meet other care leavers and the leaving care team.",
        amount: None,
        ages: (Some(16), Some(25)),
        categories: &[],
        conditions: &[],
        how_to_get: "Drop in on weekday afternoons. No need to book.",
        statutory: false,
    },
    Item {
        area: Area::HealthAndWellbeing,
        title: "Social supermarket",
        summary: "Food and household things at a low price, with free membership for care leavers.",
        amount: None,
        ages: (Some(16), Some(25)),
        categories: &[],
        conditions: &[],
        how_to_get: "Show your care leaver card at the till, or ask your personal adviser for one.",
        statutory: false,
    },
];

/// Publish the demo offer for this authority, unless it already has one.
pub async fn publish(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let existing = offer_item::Entity::find()
        .filter(offer_item::Column::AuthorityId.eq(authority_id))
        .count(db)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let reviewed = today - Months::new(2);
    for demo in &ITEMS {
        let item = OfferItem {
            area: demo.area,
            title: demo.title.into(),
            summary: demo.summary.into(),
            amount: demo.amount.map(|(pence, period)| Amount { pence, period }),
            eligibility: Eligibility {
                min_age: demo.ages.0,
                until_age: demo.ages.1,
                categories: demo.categories.to_vec(),
                conditions: demo.conditions.to_vec(),
            },
            how_to_get: demo.how_to_get.into(),
            statutory: demo.statutory,
            last_reviewed_on: reviewed,
        };
        item_row(
            Uuid::new_v4(),
            1,
            authority_id,
            Status::Published,
            &item,
            None,
            now,
        )
        .insert(db)
        .await?;
    }
    Ok(())
}
