//! Demo data: a small authority with one account for each kind of user, and two young
//! people allocated to the demo PA, social worker and IRO. Safe to run any number of times.
use chrono::{Months, NaiveDate};
use entity::{authority, staff_allocation, young_person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

use crate::{
    clock::Clock,
    domain::{
        people::Email,
        roles::{AllocationRole, Role},
    },
    error::Result,
};

use super::{accounts, passwords};

pub const DEMO_PASSWORD: &str = "onward-demo";
const AUTHORITY_CODE: &str = "demo";

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
}

pub const STAFF: [DemoAccount; 7] = [
    DemoAccount {
        email: "admin@example.org",
        name: "Ade Admin",
        role: Role::Admin,
    },
    DemoAccount {
        email: "pa@example.org",
        name: "Priya Adviser",
        role: Role::PersonalAdviser,
    },
    DemoAccount {
        email: "iro@example.org",
        name: "Ifeoma Reviewer",
        role: Role::Iro,
    },
    DemoAccount {
        email: "sw@example.org",
        name: "Sean Worker",
        role: Role::SocialWorker,
    },
    DemoAccount {
        email: "manager@example.org",
        name: "Mandy Manager",
        role: Role::Manager,
    },
    DemoAccount {
        email: "pf@example.org",
        name: "Femi Fostering",
        role: Role::PrivateFosteringOfficer,
    },
    DemoAccount {
        email: "housing@example.org",
        name: "Hana Housing",
        role: Role::HousingOfficer,
    },
];

struct DemoYoungPerson {
    email: &'static str,
    given_name: &'static str,
    family_name: &'static str,
    pronouns: &'static str,
    /// Age at seeding, in years and months, so that the demo tells the same story any year.
    age: (u32, u32),
}

const YOUNG_PEOPLE: [DemoYoungPerson; 2] = [
    DemoYoungPerson {
        email: "jess@example.org",
        given_name: "Jess",
        family_name: "Taylor",
        pronouns: "she/her",
        age: (19, 4),
    },
    DemoYoungPerson {
        email: "sam@example.org",
        given_name: "Sam",
        family_name: "Okafor",
        pronouns: "he/him",
        age: (16, 2),
    },
];

/// Every demo sign-in: email, who it is, and their role.
pub fn accounts() -> Vec<(&'static str, String, Role)> {
    STAFF
        .iter()
        .map(|a| (a.email, a.name.to_owned(), a.role))
        .chain(
            YOUNG_PEOPLE
                .iter()
                .map(|y| (y.email, y.given_name.to_owned(), Role::YoungPerson)),
        )
        .collect()
}

#[tracing::instrument(skip_all)]
pub async fn seed(db: &DatabaseConnection, clock: &dyn Clock) -> Result<()> {
    let now = clock.now();
    let today = clock.today();
    let txn = db.begin().await?;
    let authority_id = match authority::Entity::find()
        .filter(authority::Column::Code.eq(AUTHORITY_CODE))
        .one(&txn)
        .await?
    {
        Some(existing) => existing.id,
        None => {
            authority::ActiveModel {
                id: Set(Uuid::new_v4()),
                code: Set(AUTHORITY_CODE.into()),
                name: Set("Onward Demo Borough Council".into()),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    // One hash serves every demo account: they share a published password anyway.
    let password_hash = passwords::hash(DEMO_PASSWORD)?;
    let mut staff_ids = Vec::new();
    for account in &STAFF {
        let email = Email::parse(account.email).expect("demo emails are valid");
        let id = match accounts::find_by_email(&txn, &email).await? {
            Some(existing) => existing.id,
            None => {
                let new = accounts::NewAccount {
                    authority_id,
                    email,
                    name: account.name,
                    roles: &[account.role],
                    password_hash: Some(password_hash.clone()),
                    young_person_id: None,
                };
                accounts::create(&txn, new, now).await?
            }
        };
        staff_ids.push((account.role, id));
    }
    for person in &YOUNG_PEOPLE {
        let email = Email::parse(person.email).expect("demo emails are valid");
        if accounts::find_by_email(&txn, &email).await?.is_some() {
            continue;
        }
        let young_person_id = Uuid::new_v4();
        young_person::ActiveModel {
            id: Set(young_person_id),
            authority_id: Set(authority_id),
            given_name: Set(person.given_name.into()),
            family_name: Set(person.family_name.into()),
            preferred_name: Set(None),
            pronouns: Set(Some(person.pronouns.into())),
            date_of_birth: Set(born_aged(today, person.age)),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        accounts::create(
            &txn,
            accounts::NewAccount {
                authority_id,
                email,
                name: person.given_name,
                roles: &[Role::YoungPerson],
                password_hash: Some(password_hash.clone()),
                young_person_id: Some(young_person_id),
            },
            now,
        )
        .await?;
        for allocation in AllocationRole::ALL {
            let (_, staff_user_id) = staff_ids
                .iter()
                .find(|(role, _)| *role == allocation.staff_role())
                .expect("every allocation role has a demo account");
            staff_allocation::ActiveModel {
                id: Set(Uuid::new_v4()),
                young_person_id: Set(young_person_id),
                staff_user_id: Set(*staff_user_id),
                role: Set(allocation.code().into()),
                started_on: Set(today.checked_sub_months(Months::new(6)).unwrap_or(today)),
                ended_on: Set(None),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

fn born_aged(today: NaiveDate, (years, months): (u32, u32)) -> NaiveDate {
    today
        .checked_sub_months(Months::new(years * 12 + months))
        .expect("demo ages are small")
}
