//! Demo data: a small authority with one account for each kind of user, and two young
//! people allocated to the demo PA, social worker and IRO. Safe to run any number of times.
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use entity::{
    authority, care_episode, care_plan, health_assessment, placement, review, social_worker_visit,
    staff_allocation, team, user, young_person,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

use crate::{
    clock::Clock,
    domain::{
        calendar::{add_months, add_weeks, add_working_days},
        care::{LegalStatus, Participation},
        obligations::{AssessmentKind, LocalStandards},
        people::Email,
        roles::{AllocationRole, Role},
    },
    error::Result,
};

mod contacts;
mod entitlements;
mod health;
mod local_offer;

use super::{accounts, obligations, passwords};

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

/// Demo teams: a child's team is their social worker's.
const TEAMS: [(&str, Role); 2] = [
    ("Children in care team", Role::SocialWorker),
    ("Leaving care team", Role::PersonalAdviser),
];

/// Where a demo young person's time in care stands.
#[derive(Clone, Copy)]
enum CareStory {
    /// Looked after since `months` ago, with a review falling due in a few days.
    InCareFor { months: u32 },
    /// Looked after from their 15th to their 18th birthday.
    LeftCareAt18,
}

struct DemoYoungPerson {
    email: &'static str,
    given_name: &'static str,
    family_name: &'static str,
    pronouns: &'static str,
    /// Age at seeding, in years and months, so that the demo tells the same story any year.
    age: (u32, u32),
    care: CareStory,
}

const YOUNG_PEOPLE: [DemoYoungPerson; 2] = [
    DemoYoungPerson {
        email: "jess@example.org",
        given_name: "Jess",
        family_name: "Taylor",
        pronouns: "she/her",
        age: (19, 4),
        care: CareStory::LeftCareAt18,
    },
    DemoYoungPerson {
        email: "sam@example.org",
        given_name: "Sam",
        family_name: "Okafor",
        pronouns: "he/him",
        age: (16, 2),
        care: CareStory::InCareFor { months: 18 },
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
pub async fn seed(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    standards: &LocalStandards,
) -> Result<()> {
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
                // A number kept for drama by Ofcom: it reaches nobody.
                out_of_hours_phone: Set(Some("0151 496 0000".into())),
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    local_offer::publish(&txn, authority_id, today, now).await?;
    let mut team_ids = Vec::new();
    for (name, role) in TEAMS {
        let existing = team::Entity::find()
            .filter(team::Column::AuthorityId.eq(authority_id))
            .filter(team::Column::Name.eq(name))
            .one(&txn)
            .await?;
        let id = match existing {
            Some(team) => team.id,
            None => {
                team::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    authority_id: Set(authority_id),
                    name: Set(name.into()),
                    created_at: Set(now),
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        team_ids.push((role, id));
    }
    // One hash serves every demo account: they share a published password anyway.
    let password_hash = passwords::hash(DEMO_PASSWORD)?;
    let mut staff_ids = Vec::new();
    for (number, account) in STAFF.iter().enumerate() {
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
                    team_id: team_ids
                        .iter()
                        .find(|(role, _)| *role == account.role)
                        .map(|(_, id)| *id),
                };
                let id = accounts::create(&txn, new, now).await?;
                // Mobile numbers kept for drama by Ofcom: they reach nobody.
                user::ActiveModel {
                    id: Set(id),
                    phone: Set(Some(format!("07700 900{:03}", 101 + number))),
                    working_hours: Set(Some("Monday to Friday, 9am to 5pm".into())),
                    ..Default::default()
                }
                .update(&txn)
                .await?;
                id
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
        let record = young_person::ActiveModel {
            id: Set(young_person_id),
            authority_id: Set(authority_id),
            given_name: Set(person.given_name.into()),
            family_name: Set(person.family_name.into()),
            preferred_name: Set(None),
            pronouns: Set(Some(person.pronouns.into())),
            date_of_birth: Set(born_aged(today, person.age)),
            created_at: Set(now),
            updated_at: Set(now),
            facts_version: NotSet,
        }
        .insert(&txn)
        .await?;
        let staff_id = |role: Role| {
            staff_ids
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, id)| *id)
                .expect("every staff role has a demo account")
        };
        let recorder = CareRecorder {
            young_person_id,
            social_worker: staff_id(Role::SocialWorker),
            iro: staff_id(Role::Iro),
            now,
        };
        recorder
            .tell(&txn, person.care, record.date_of_birth, today)
            .await?;
        health::History {
            young_person_id,
            born: record.date_of_birth,
            recorded_by: staff_id(match person.care {
                CareStory::InCareFor { .. } => Role::SocialWorker,
                CareStory::LeftCareAt18 => Role::PersonalAdviser,
            }),
            now,
            today,
        }
        .write(&txn, person.care)
        .await?;
        contacts::write(
            &txn,
            young_person_id,
            matches!(person.care, CareStory::LeftCareAt18),
            staff_id(Role::PersonalAdviser),
            today,
            now,
        )
        .await?;
        obligations::refresh(&txn, &record, standards, today, now).await?;
        if matches!(person.care, CareStory::LeftCareAt18) {
            entitlements::write(&txn, young_person_id, staff_id(Role::PersonalAdviser), now)
                .await?;
        }
        accounts::create(
            &txn,
            accounts::NewAccount {
                authority_id,
                email,
                name: person.given_name,
                roles: &[Role::YoungPerson],
                password_hash: Some(password_hash.clone()),
                young_person_id: Some(young_person_id),
                team_id: None,
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

/// Writes a demo young person's care history, as their social worker and IRO would have.
struct CareRecorder {
    young_person_id: Uuid,
    social_worker: Uuid,
    iro: Uuid,
    now: DateTime<Utc>,
}

impl CareRecorder {
    async fn tell(
        &self,
        db: &impl ConnectionTrait,
        story: CareStory,
        born: NaiveDate,
        today: NaiveDate,
    ) -> Result<()> {
        let (started_on, ended_on, legal_status) = match story {
            CareStory::InCareFor { months } => {
                (today - Months::new(months), None, LegalStatus::CareOrder)
            }
            CareStory::LeftCareAt18 => (
                add_months(born, 15 * 12),
                Some(add_months(born, 18 * 12) - Duration::days(1)),
                LegalStatus::Section20,
            ),
        };
        let last_day = ended_on.unwrap_or(today);
        self.episode(db, started_on, ended_on, legal_status).await?;
        self.placement(db, started_on, ended_on).await?;
        self.care_plan(db, started_on + Duration::days(6)).await?;
        let initial = add_working_days(started_on, 15);
        self.assessment(db, AssessmentKind::Initial, initial)
            .await?;
        let mut assessed = add_months(initial, 11);
        while assessed <= last_day {
            self.assessment(db, AssessmentKind::Review, assessed)
                .await?;
            assessed = add_months(assessed, 11);
        }
        // Reviews on time, bar one held twelve days late; for a child still in care, the
        // latest was held so that the next falls due twelve days from now.
        let mut held = vec![add_working_days(started_on, 18)];
        held.push(add_months(held[0], 3) - Duration::days(2));
        held.push(add_months(held[1], 6) + Duration::days(12));
        match story {
            CareStory::InCareFor { .. } => {
                held.push(today - Months::new(6) + Duration::days(12));
            }
            CareStory::LeftCareAt18 => loop {
                let next =
                    add_months(*held.last().expect("reviews were held"), 6) - Duration::days(7);
                if next > last_day {
                    break;
                }
                held.push(next);
            },
        }
        for held_on in held {
            self.review(db, held_on).await?;
        }
        // Visits every five weeks in the placement's first year, then every ten.
        let first_year_ends = add_months(started_on, 12);
        let mut visited = started_on + Duration::days(5);
        while visited <= last_day.min(today - Duration::days(14)) {
            self.visit(db, visited).await?;
            visited = add_weeks(visited, if visited < first_year_ends { 5 } else { 10 });
        }
        Ok(())
    }

    async fn episode(
        &self,
        db: &impl ConnectionTrait,
        started_on: NaiveDate,
        ended_on: Option<NaiveDate>,
        legal_status: LegalStatus,
    ) -> Result<()> {
        care_episode::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(self.young_person_id),
            started_on: Set(started_on),
            ended_on: Set(ended_on),
            legal_status: Set(legal_status.code().into()),
            recorded_by: Set(self.social_worker),
            created_at: Set(self.now),
        }
        .insert(db)
        .await?;
        Ok(())
    }

    async fn placement(
        &self,
        db: &impl ConnectionTrait,
        started_on: NaiveDate,
        ended_on: Option<NaiveDate>,
    ) -> Result<()> {
        placement::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(self.young_person_id),
            started_on: Set(started_on),
            ended_on: Set(ended_on),
            placement_type: Set("Foster care".into()),
            long_term: Set(true),
            recorded_by: Set(self.social_worker),
            created_at: Set(self.now),
        }
        .insert(db)
        .await?;
        Ok(())
    }

    async fn care_plan(&self, db: &impl ConnectionTrait, agreed_on: NaiveDate) -> Result<()> {
        care_plan::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(self.young_person_id),
            agreed_on: Set(agreed_on),
            recorded_by: Set(self.social_worker),
            created_at: Set(self.now),
        }
        .insert(db)
        .await?;
        Ok(())
    }

    async fn assessment(
        &self,
        db: &impl ConnectionTrait,
        kind: AssessmentKind,
        completed_on: NaiveDate,
    ) -> Result<()> {
        health_assessment::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(self.young_person_id),
            kind: Set(kind.code().into()),
            completed_on: Set(completed_on),
            summary: Set(Some(health::assessment_summary(kind).into())),
            recommendations: Set(Some(health::assessment_recommendations(kind).into())),
            recorded_by: Set(self.social_worker),
            created_at: Set(self.now),
        }
        .insert(db)
        .await?;
        Ok(())
    }

    async fn review(&self, db: &impl ConnectionTrait, held_on: NaiveDate) -> Result<()> {
        review::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(self.young_person_id),
            held_on: Set(held_on),
            iro_user_id: Set(Some(self.iro)),
            participation: Set(Some(Participation::SpokeForThemselves.words().into())),
            outcome_notes: Set(None),
            recorded_by: Set(self.iro),
            created_at: Set(self.now),
        }
        .insert(db)
        .await?;
        Ok(())
    }

    async fn visit(&self, db: &impl ConnectionTrait, visited_on: NaiveDate) -> Result<()> {
        social_worker_visit::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(self.young_person_id),
            visited_on: Set(visited_on),
            seen_alone: Set(true),
            recorded_by: Set(self.social_worker),
            created_at: Set(self.now),
        }
        .insert(db)
        .await?;
        Ok(())
    }
}
