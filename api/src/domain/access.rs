//! The access policy: the one place that decides who may do what to whose record.
//!
//! Deny by default. A role grants kinds of action; a relationship grants which records:
//! a young person reaches only their own record, allocated staff the young people
//! allocated to them, managers every young person in their authority. When a role could
//! never do an action the answer is `Forbidden`; when it could, but not to this record, the
//! answer is `NotFound`, so that nobody learns a record exists by being refused it.
use std::collections::BTreeSet;

use uuid::Uuid;

use super::roles::{AllocationRole, Role};

/// The person asking, as their sign-in established them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub authority_id: Uuid,
    pub roles: BTreeSet<Role>,
    /// Set when the person asking is a young person with an account.
    pub young_person_id: Option<Uuid>,
}

/// Kinds of action on young people's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    CreateYoungPerson,
    ListYoungPeople,
    ReadYoungPerson,
    ReadAllocations,
    ManageAllocations,
    ReadAccessLog,
    ListStaff,
    /// Record care episodes, placements, reviews, assessments, plans and visits.
    RecordCare,
    /// See a child's statutory deadlines, or a list of them.
    ReadObligations,
    /// Challenge a child's plan under the dispute resolution process: the IRO's power.
    RaiseEscalation,
    /// See escalations about a child's plan.
    ReadEscalations,
    /// Move an escalation up a stage, record the response, or resolve it.
    UpdateEscalation,
    /// Figures across the service, such as how many reviews were on time.
    ReadReports,
    /// A young person's health history.
    ReadHealth,
    /// Add to or correct a young person's health history.
    RecordHealth,
    /// Record a care-leaver status in place of the computed one, with the reason.
    RecordCareLeaverStatus,
    /// What a care leaver can have from the local offer, and what has happened since they asked.
    ReadEntitlements,
    /// Ask for something from the local offer: the young person's own request.
    AskForEntitlement,
    /// Approve, turn down or record as received; record what the offer depends on in their life.
    RecordEntitlements,
    /// Tick a key document (passport, birth certificate...) on the young person's checklist.
    TickKeyDocuments,
    /// Write, publish and retire items of the local offer: the authority's, not a child's.
    PublishOffer,
    /// The dates and ways a personal adviser was in touch (their notes, for staff only).
    ReadContactLog,
    /// Record a time a personal adviser was in touch.
    LogContact,
    /// A young person's pathway plan: the draft, the agreed versions, their views.
    ReadPathwayPlan,
    /// Write the draft pathway plan and agree it.
    EditPathwayPlan,
    /// Add views to the plan and agree to it: the young person's own.
    ContributeToPathwayPlan,
    /// Private fostering arrangements the council has been told about, and their visits.
    ReadPrivateFostering,
    /// Record visits, checks and decisions about a private fostering arrangement.
    RecordPrivateFostering,
}

/// What connects a record to the people around it, loaded by the service layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFacts {
    pub young_person_id: Uuid,
    pub authority_id: Uuid,
    /// The ways the actor is currently allocated to this young person.
    pub actor_allocations: Vec<AllocationRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Allowed, and the role that allowed it (written to the access log).
    Allowed(Role),
    Forbidden,
    NotFound,
}

/// Which records a role's grant reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    WholeAuthority,
    AllocatedAs(AllocationRole),
    OwnRecord,
}

fn grant(role: Role, action: Action) -> Option<Reach> {
    use Action::*;
    use Reach::*;
    let for_allocated = |allocation| match action {
        ListYoungPeople | ReadYoungPerson | ReadAllocations | ReadObligations | ReadHealth
        | ReadEntitlements | ReadContactLog | ReadPathwayPlan => Some(AllocatedAs(allocation)),
        // The contact log is the personal adviser's own record of keeping in touch.
        LogContact if allocation == AllocationRole::PersonalAdviser => {
            Some(AllocatedAs(allocation))
        }
        // The PA and social worker keep the health history, decide care-leaver status and
        // answer requests from the local offer; the IRO reads and reviews.
        RecordHealth
        | RecordCareLeaverStatus
        | RecordEntitlements
        | TickKeyDocuments
        | EditPathwayPlan
            if allocation != AllocationRole::Iro =>
        {
            Some(AllocatedAs(allocation))
        }
        // A PA works with care leavers; care records are kept by the social worker and IRO.
        RecordCare | ReadEscalations if allocation != AllocationRole::PersonalAdviser => {
            Some(AllocatedAs(allocation))
        }
        RaiseEscalation | UpdateEscalation if allocation == AllocationRole::Iro => {
            Some(AllocatedAs(allocation))
        }
        _ => None,
    };
    match role {
        Role::Manager => match action {
            CreateYoungPerson
            | ListYoungPeople
            | ReadYoungPerson
            | ReadAllocations
            | ManageAllocations
            | ReadAccessLog
            | ListStaff
            | RecordCare
            | ReadObligations
            | ReadEscalations
            | UpdateEscalation
            | ReadReports
            | ReadHealth
            | RecordHealth
            | RecordCareLeaverStatus
            | ReadEntitlements
            | RecordEntitlements
            | TickKeyDocuments
            | ReadContactLog
            | LogContact
            | ReadPathwayPlan
            | EditPathwayPlan
            | ReadPrivateFostering => Some(WholeAuthority),
            // Escalation is the IRO's independent challenge to the authority's managers; asking
            // and agreeing are the young person's own; the offer is written by the council's
            // administrators; private fostering casework is the officer's.
            RaiseEscalation
            | AskForEntitlement
            | ContributeToPathwayPlan
            | PublishOffer
            | RecordPrivateFostering => None,
        },
        // Administrators set records up and allocate staff; they do not read case records.
        Role::Admin => match action {
            CreateYoungPerson | ReadAllocations | ManageAllocations | ListStaff | PublishOffer => {
                Some(WholeAuthority)
            }
            ListYoungPeople
            | ReadYoungPerson
            | ReadAccessLog
            | RecordCare
            | ReadObligations
            | RaiseEscalation
            | ReadEscalations
            | UpdateEscalation
            | ReadReports
            | ReadHealth
            | RecordHealth
            | RecordCareLeaverStatus
            | ReadEntitlements
            | AskForEntitlement
            | RecordEntitlements
            | TickKeyDocuments
            | ReadContactLog
            | LogContact
            | ReadPathwayPlan
            | EditPathwayPlan
            | ContributeToPathwayPlan
            | ReadPrivateFostering
            | RecordPrivateFostering => None,
        },
        Role::PersonalAdviser => for_allocated(AllocationRole::PersonalAdviser),
        Role::SocialWorker => for_allocated(AllocationRole::SocialWorker),
        Role::Iro => for_allocated(AllocationRole::Iro),
        Role::YoungPerson => match action {
            ListYoungPeople
            | ReadYoungPerson
            | ReadAllocations
            | ReadAccessLog
            | ReadObligations
            | ReadHealth
            | ReadEntitlements
            | AskForEntitlement
            | TickKeyDocuments
            | ReadContactLog
            | ReadPathwayPlan
            | ContributeToPathwayPlan => Some(OwnRecord),
            CreateYoungPerson
            | ManageAllocations
            | ListStaff
            | RecordCare
            | RaiseEscalation
            | ReadEscalations
            | UpdateEscalation
            | ReadReports
            | RecordHealth
            | RecordCareLeaverStatus
            | RecordEntitlements
            | PublishOffer
            | LogContact
            | EditPathwayPlan
            | ReadPrivateFostering
            | RecordPrivateFostering => None,
        },
        // Their work is in their own areas, never in children's case records.
        Role::PrivateFosteringOfficer => match action {
            ReadPrivateFostering | RecordPrivateFostering => Some(WholeAuthority),
            _ => None,
        },
        Role::HousingOfficer => None,
    }
}

fn grants(actor: &Actor, action: Action) -> Vec<(Role, Reach)> {
    actor
        .roles
        .iter()
        .filter_map(|&role| grant(role, action).map(|reach| (role, reach)))
        .collect()
}

fn reaches(actor: &Actor, reach: Reach, record: &RecordFacts) -> bool {
    match reach {
        Reach::WholeAuthority => record.authority_id == actor.authority_id,
        Reach::AllocatedAs(allocation) => {
            record.authority_id == actor.authority_id
                && record.actor_allocations.contains(&allocation)
        }
        Reach::OwnRecord => actor.young_person_id == Some(record.young_person_id),
    }
}

/// Could the actor's allocations decide this action? If not (a young person, a manager),
/// there is no need to look them up.
pub fn depends_on_allocations(actor: &Actor, action: Action) -> bool {
    grants(actor, action)
        .iter()
        .any(|(_, reach)| matches!(reach, Reach::AllocatedAs(_)))
}

/// Does any of the actor's roles grant this kind of action, on some record?
pub fn holds_grant(actor: &Actor, action: Action) -> bool {
    actor
        .roles
        .iter()
        .any(|&role| grant(role, action).is_some())
}

/// May `actor` do `action`, to `record` if the action is about one record?
pub fn decide(actor: &Actor, action: Action, record: Option<&RecordFacts>) -> Decision {
    let grants = grants(actor, action);
    if grants.is_empty() {
        return Decision::Forbidden;
    }
    let allowed_by = grants.iter().find(|(_, reach)| match record {
        Some(record) => reaches(actor, *reach, record),
        // An action on no one record (creating, listing staff) needs an authority-wide grant.
        None => *reach == Reach::WholeAuthority,
    });
    match (allowed_by, record) {
        (Some((role, _)), _) => Decision::Allowed(*role),
        (None, Some(_)) => Decision::NotFound,
        (None, None) => Decision::Forbidden,
    }
}

/// Who works on a homelessness case (16 and 17 year olds), loaded by the service layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HomelessCaseFacts {
    pub authority_id: Uuid,
    pub young_person_id: Uuid,
    pub housing_officer_id: Option<Uuid>,
    pub social_worker_id: Option<Uuid>,
}

/// What someone wants to do with homelessness cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomelessAction {
    /// Record that a young person has presented, starting a case.
    Open,
    /// See a case: the assessment, the rights record and the decision.
    Read,
    /// Record the assessment, interim accommodation, the rights information or the decision.
    Record,
    /// Say whether the rights information was understood: the young person's own.
    ConfirmRights,
}

/// Homelessness cases: the housing officer and the social worker on a case work on it, and
/// nobody else but managers (who read every case in the authority) and the young person
/// (who reads and confirms their own). Working on a case never opens the young person's other
/// records: that is `decide`'s business, through allocations.
pub fn decide_homeless_case(
    actor: &Actor,
    action: HomelessAction,
    case: Option<&HomelessCaseFacts>,
) -> Decision {
    use HomelessAction::*;
    let works_on = |case: &HomelessCaseFacts, role: Role| {
        let on_case = match role {
            Role::HousingOfficer => case.housing_officer_id,
            Role::SocialWorker => case.social_worker_id,
            _ => None,
        };
        case.authority_id == actor.authority_id && on_case == Some(actor.user_id)
    };
    let allowed_by = actor
        .roles
        .iter()
        .copied()
        .find(|&role| match (role, action, case) {
            (Role::HousingOfficer | Role::SocialWorker | Role::Manager, Open, None) => true,
            (Role::Manager, Read, Some(case)) => case.authority_id == actor.authority_id,
            // A list of cases: each kind of worker sees those they work on.
            (Role::Manager | Role::HousingOfficer | Role::SocialWorker, Read, None) => true,
            (Role::HousingOfficer | Role::SocialWorker, Read | Record, Some(case)) => {
                works_on(case, role)
            }
            (Role::YoungPerson, Read | ConfirmRights, Some(case)) => {
                actor.young_person_id == Some(case.young_person_id)
            }
            _ => false,
        });
    match (allowed_by, case) {
        (Some(role), _) => Decision::Allowed(role),
        (None, Some(_)) => Decision::NotFound,
        (None, None) => Decision::Forbidden,
    }
}

/// What a caseload shows of each young person: their name, their deadlines, their requests
/// from the local offer and when their PA was last in touch.
const SHOWN_IN_A_CASELOAD: [Action; 4] = [
    Action::ListYoungPeople,
    Action::ReadObligations,
    Action::ReadEntitlements,
    Action::ReadContactLog,
];

/// The allocations that give a worker a caseload: those through which they may read
/// everything a caseload shows. Empty for anyone who is not allocated young people (a
/// manager's view is the whole authority, not a caseload).
pub fn caseload_allocations(actor: &Actor) -> Vec<AllocationRole> {
    AllocationRole::ALL
        .into_iter()
        .filter(|&allocation| {
            SHOWN_IN_A_CASELOAD.iter().all(|&action| {
                grants(actor, action)
                    .iter()
                    .any(|(_, reach)| *reach == Reach::AllocatedAs(allocation))
            })
        })
        .collect()
}

/// Which young people a list shows this actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    WholeAuthority(Role),
    /// Those allocated to the actor in any of these ways.
    Allocated(Vec<AllocationRole>),
    OwnRecord(Uuid),
}

pub fn list_scope(actor: &Actor, action: Action) -> Option<ListScope> {
    let reaches = grants(actor, action);
    if let Some((role, _)) = reaches.iter().find(|(_, r)| *r == Reach::WholeAuthority) {
        return Some(ListScope::WholeAuthority(*role));
    }
    let allocated: Vec<AllocationRole> = reaches
        .iter()
        .filter_map(|(_, reach)| match reach {
            Reach::AllocatedAs(allocation) => Some(*allocation),
            _ => None,
        })
        .collect();
    if !allocated.is_empty() {
        return Some(ListScope::Allocated(allocated));
    }
    if reaches.iter().any(|(_, r)| *r == Reach::OwnRecord) {
        return actor.young_person_id.map(ListScope::OwnRecord);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, young_person_id: Option<Uuid>) -> Actor {
        Actor {
            user_id: Uuid::new_v4(),
            authority_id: AUTHORITY,
            roles: [role].into(),
            young_person_id,
        }
    }

    const AUTHORITY: Uuid = Uuid::from_u128(1);
    const OTHER_AUTHORITY: Uuid = Uuid::from_u128(2);

    fn record(allocations: &[AllocationRole]) -> RecordFacts {
        RecordFacts {
            young_person_id: Uuid::from_u128(100),
            authority_id: AUTHORITY,
            actor_allocations: allocations.to_vec(),
        }
    }

    #[test]
    fn a_young_person_reads_their_own_record_and_no_one_elses() {
        let own = record(&[]);
        let jess = actor(Role::YoungPerson, Some(own.young_person_id));
        assert_eq!(
            decide(&jess, Action::ReadYoungPerson, Some(&own)),
            Decision::Allowed(Role::YoungPerson)
        );
        let sam = actor(Role::YoungPerson, Some(Uuid::new_v4()));
        assert_eq!(
            decide(&sam, Action::ReadYoungPerson, Some(&own)),
            Decision::NotFound
        );
        assert_eq!(
            decide(&sam, Action::CreateYoungPerson, None),
            Decision::Forbidden
        );
    }

    #[test]
    fn allocated_staff_read_only_in_the_role_they_are_allocated_in() {
        let pa = actor(Role::PersonalAdviser, None);
        assert_eq!(
            decide(
                &pa,
                Action::ReadYoungPerson,
                Some(&record(&[AllocationRole::PersonalAdviser]))
            ),
            Decision::Allowed(Role::PersonalAdviser)
        );
        assert_eq!(
            decide(&pa, Action::ReadYoungPerson, Some(&record(&[]))),
            Decision::NotFound
        );
        // Being this child's IRO does not make a PA-only account their PA.
        assert_eq!(
            decide(
                &pa,
                Action::ReadYoungPerson,
                Some(&record(&[AllocationRole::Iro]))
            ),
            Decision::NotFound
        );
    }

    #[test]
    fn managers_reach_every_young_person_in_their_own_authority_only() {
        let manager = actor(Role::Manager, None);
        assert_eq!(
            decide(&manager, Action::ReadYoungPerson, Some(&record(&[]))),
            Decision::Allowed(Role::Manager)
        );
        let elsewhere = RecordFacts {
            authority_id: OTHER_AUTHORITY,
            ..record(&[])
        };
        assert_eq!(
            decide(&manager, Action::ReadYoungPerson, Some(&elsewhere)),
            Decision::NotFound
        );
    }

    #[test]
    fn admins_set_records_up_but_do_not_read_them() {
        let admin = actor(Role::Admin, None);
        assert_eq!(
            decide(&admin, Action::CreateYoungPerson, None),
            Decision::Allowed(Role::Admin)
        );
        assert_eq!(
            decide(&admin, Action::ManageAllocations, Some(&record(&[]))),
            Decision::Allowed(Role::Admin)
        );
        assert_eq!(
            decide(&admin, Action::ReadYoungPerson, Some(&record(&[]))),
            Decision::Forbidden
        );
        assert_eq!(list_scope(&admin, Action::ListYoungPeople), None);
    }

    #[test]
    fn a_housing_officer_works_only_on_their_own_homelessness_cases() {
        let authority = AUTHORITY;
        let housing = actor(Role::HousingOfficer, None);
        let social_worker = actor(Role::SocialWorker, None);
        let theirs = HomelessCaseFacts {
            authority_id: authority,
            young_person_id: Uuid::new_v4(),
            housing_officer_id: Some(housing.user_id),
            social_worker_id: Some(social_worker.user_id),
        };
        let someone_elses = HomelessCaseFacts {
            housing_officer_id: Some(Uuid::new_v4()),
            social_worker_id: None,
            ..theirs
        };
        for action in [HomelessAction::Read, HomelessAction::Record] {
            assert_eq!(
                decide_homeless_case(&housing, action, Some(&theirs)),
                Decision::Allowed(Role::HousingOfficer)
            );
            assert_eq!(
                decide_homeless_case(&housing, action, Some(&someone_elses)),
                Decision::NotFound
            );
            assert_eq!(
                decide_homeless_case(&social_worker, action, Some(&someone_elses)),
                Decision::NotFound
            );
        }
        assert_eq!(
            decide_homeless_case(&housing, HomelessAction::ConfirmRights, Some(&theirs)),
            Decision::NotFound,
            "only the young person says they understood"
        );
        let manager = actor(Role::Manager, None);
        assert_eq!(
            decide_homeless_case(&manager, HomelessAction::Read, Some(&someone_elses)),
            Decision::Allowed(Role::Manager)
        );
        assert_eq!(
            decide_homeless_case(&manager, HomelessAction::Record, Some(&someone_elses)),
            Decision::NotFound
        );
        let pf = actor(Role::PrivateFosteringOfficer, None);
        assert_eq!(
            decide_homeless_case(&pf, HomelessAction::Open, None),
            Decision::Forbidden
        );
    }

    #[test]
    fn private_fostering_and_housing_officers_never_reach_case_records() {
        for role in [Role::PrivateFosteringOfficer, Role::HousingOfficer] {
            let officer = actor(role, None);
            for action in [
                Action::ReadYoungPerson,
                Action::ReadAllocations,
                Action::ReadAccessLog,
            ] {
                assert_eq!(
                    decide(&officer, action, Some(&record(&AllocationRole::ALL))),
                    Decision::Forbidden
                );
            }
            assert_eq!(list_scope(&officer, Action::ListYoungPeople), None);
        }
    }

    #[test]
    fn private_fostering_is_the_officers_to_record_and_managers_to_oversee() {
        let allowed = |role, action| {
            matches!(
                decide(&actor(role, None), action, None),
                Decision::Allowed(_)
            )
        };
        for role in [
            Role::Admin,
            Role::PersonalAdviser,
            Role::SocialWorker,
            Role::Iro,
            Role::Manager,
            Role::PrivateFosteringOfficer,
            Role::HousingOfficer,
            Role::YoungPerson,
        ] {
            assert_eq!(
                allowed(role, Action::ReadPrivateFostering),
                matches!(role, Role::Manager | Role::PrivateFosteringOfficer),
                "{role:?} reads"
            );
            assert_eq!(
                allowed(role, Action::RecordPrivateFostering),
                role == Role::PrivateFosteringOfficer,
                "{role:?} records"
            );
        }
    }

    #[test]
    fn nobody_allocated_may_change_allocations_or_read_the_access_log() {
        for role in [Role::PersonalAdviser, Role::SocialWorker, Role::Iro] {
            let staff = actor(role, None);
            let facts = record(&AllocationRole::ALL);
            assert_eq!(
                decide(&staff, Action::ManageAllocations, Some(&facts)),
                Decision::Forbidden
            );
            assert_eq!(
                decide(&staff, Action::ReadAccessLog, Some(&facts)),
                Decision::Forbidden
            );
        }
    }

    #[test]
    fn the_personal_adviser_logs_contacts_and_the_team_and_young_person_read_them() {
        let pa = actor(Role::PersonalAdviser, None);
        assert_eq!(
            decide(
                &pa,
                Action::LogContact,
                Some(&record(&[AllocationRole::PersonalAdviser]))
            ),
            Decision::Allowed(Role::PersonalAdviser)
        );
        for role in [Role::SocialWorker, Role::Iro] {
            let staff = actor(role, None);
            let facts = record(&AllocationRole::ALL);
            assert_eq!(
                decide(&staff, Action::LogContact, Some(&facts)),
                Decision::Forbidden
            );
            assert!(matches!(
                decide(&staff, Action::ReadContactLog, Some(&facts)),
                Decision::Allowed(_)
            ));
        }
        let own = record(&[]);
        let jess = actor(Role::YoungPerson, Some(own.young_person_id));
        assert_eq!(
            decide(&jess, Action::ReadContactLog, Some(&own)),
            Decision::Allowed(Role::YoungPerson)
        );
        assert_eq!(
            decide(&jess, Action::LogContact, Some(&own)),
            Decision::Forbidden
        );
    }

    #[test]
    fn only_allocated_roles_need_their_allocations_looked_up() {
        let young_person = actor(Role::YoungPerson, Some(Uuid::new_v4()));
        assert!(!depends_on_allocations(
            &young_person,
            Action::ReadEntitlements
        ));
        assert!(!depends_on_allocations(
            &actor(Role::Manager, None),
            Action::ReadEntitlements
        ));
        assert!(depends_on_allocations(
            &actor(Role::PersonalAdviser, None),
            Action::ReadEntitlements
        ));
        assert!(!depends_on_allocations(
            &actor(Role::PersonalAdviser, None),
            Action::ManageAllocations
        ));
    }

    #[test]
    fn a_young_person_asks_for_their_entitlements_and_their_pa_answers() {
        let own = record(&[]);
        let jess = actor(Role::YoungPerson, Some(own.young_person_id));
        assert_eq!(
            decide(&jess, Action::AskForEntitlement, Some(&own)),
            Decision::Allowed(Role::YoungPerson)
        );
        assert_eq!(
            decide(&jess, Action::RecordEntitlements, Some(&own)),
            Decision::Forbidden
        );
        let pa = actor(Role::PersonalAdviser, None);
        let theirs = record(&[AllocationRole::PersonalAdviser]);
        assert_eq!(
            decide(&pa, Action::AskForEntitlement, Some(&theirs)),
            Decision::Forbidden,
            "nobody asks in a young person's name"
        );
        assert_eq!(
            decide(&pa, Action::RecordEntitlements, Some(&theirs)),
            Decision::Allowed(Role::PersonalAdviser)
        );
        assert_eq!(
            decide(&pa, Action::RecordEntitlements, Some(&record(&[]))),
            Decision::NotFound
        );
        let iro = actor(Role::Iro, None);
        let reviewed = record(&[AllocationRole::Iro]);
        assert_eq!(
            decide(&iro, Action::ReadEntitlements, Some(&reviewed)),
            Decision::Allowed(Role::Iro)
        );
        assert_eq!(
            decide(&iro, Action::RecordEntitlements, Some(&reviewed)),
            Decision::Forbidden
        );
        for (role, expected) in [
            (Role::Admin, Decision::Allowed(Role::Admin)),
            (Role::Manager, Decision::Forbidden),
            (Role::PersonalAdviser, Decision::Forbidden),
        ] {
            assert_eq!(
                decide(&actor(role, None), Action::PublishOffer, None),
                expected
            );
        }
    }

    #[test]
    fn care_records_are_kept_by_the_allocated_social_worker_and_iro_and_managers() {
        let facts = record(&AllocationRole::ALL);
        assert_eq!(
            decide(
                &actor(Role::SocialWorker, None),
                Action::RecordCare,
                Some(&facts)
            ),
            Decision::Allowed(Role::SocialWorker)
        );
        assert_eq!(
            decide(&actor(Role::Iro, None), Action::RecordCare, Some(&facts)),
            Decision::Allowed(Role::Iro)
        );
        assert_eq!(
            decide(
                &actor(Role::Manager, None),
                Action::RecordCare,
                Some(&record(&[]))
            ),
            Decision::Allowed(Role::Manager)
        );
        assert_eq!(
            decide(
                &actor(Role::PersonalAdviser, None),
                Action::RecordCare,
                Some(&facts)
            ),
            Decision::Forbidden
        );
        assert_eq!(
            decide(
                &actor(Role::Iro, None),
                Action::RecordCare,
                Some(&record(&[]))
            ),
            Decision::NotFound
        );
        let own = record(&[]);
        let young_person = actor(Role::YoungPerson, Some(own.young_person_id));
        assert_eq!(
            decide(&young_person, Action::ReadObligations, Some(&own)),
            Decision::Allowed(Role::YoungPerson)
        );
        assert_eq!(
            decide(&young_person, Action::RecordCare, Some(&own)),
            Decision::Forbidden
        );
    }

    #[test]
    fn the_childs_iro_raises_escalations_and_managers_answer_them() {
        let facts = record(&AllocationRole::ALL);
        let iro = actor(Role::Iro, None);
        let manager = actor(Role::Manager, None);
        let social_worker = actor(Role::SocialWorker, None);
        assert_eq!(
            decide(&iro, Action::RaiseEscalation, Some(&facts)),
            Decision::Allowed(Role::Iro)
        );
        assert_eq!(
            decide(&iro, Action::RaiseEscalation, Some(&record(&[]))),
            Decision::NotFound
        );
        assert_eq!(
            decide(&manager, Action::RaiseEscalation, Some(&facts)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&manager, Action::UpdateEscalation, Some(&record(&[]))),
            Decision::Allowed(Role::Manager)
        );
        assert_eq!(
            decide(&social_worker, Action::ReadEscalations, Some(&facts)),
            Decision::Allowed(Role::SocialWorker)
        );
        assert_eq!(
            decide(&social_worker, Action::UpdateEscalation, Some(&facts)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(
                &actor(Role::PersonalAdviser, None),
                Action::ReadEscalations,
                Some(&facts)
            ),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&manager, Action::ReadReports, None),
            Decision::Allowed(Role::Manager)
        );
        assert_eq!(decide(&iro, Action::ReadReports, None), Decision::Forbidden);
    }

    #[test]
    fn a_health_history_is_read_by_the_young_person_and_their_team_and_kept_by_pa_and_social_worker()
     {
        let young_person_id = Uuid::new_v4();
        let own = RecordFacts {
            young_person_id,
            ..record(&[])
        };
        let jess = actor(Role::YoungPerson, Some(young_person_id));
        assert!(matches!(
            decide(&jess, Action::ReadHealth, Some(&own)),
            Decision::Allowed(_)
        ));
        assert_eq!(
            decide(&jess, Action::RecordHealth, Some(&own)),
            Decision::Forbidden
        );
        let sam = actor(Role::YoungPerson, Some(Uuid::new_v4()));
        assert_eq!(
            decide(&sam, Action::ReadHealth, Some(&own)),
            Decision::NotFound
        );
        for (role, allocation, records) in [
            (Role::PersonalAdviser, AllocationRole::PersonalAdviser, true),
            (Role::SocialWorker, AllocationRole::SocialWorker, true),
            (Role::Iro, AllocationRole::Iro, false),
        ] {
            let staff = actor(role, None);
            let facts = record(&[allocation]);
            assert!(matches!(
                decide(&staff, Action::ReadHealth, Some(&facts)),
                Decision::Allowed(_)
            ));
            assert_eq!(
                matches!(
                    decide(&staff, Action::RecordHealth, Some(&facts)),
                    Decision::Allowed(_)
                ),
                records,
                "{role:?}"
            );
            assert_eq!(
                decide(&staff, Action::ReadHealth, Some(&record(&[]))),
                Decision::NotFound
            );
        }
        for role in [
            Role::HousingOfficer,
            Role::PrivateFosteringOfficer,
            Role::Admin,
        ] {
            assert_eq!(
                decide(&actor(role, None), Action::ReadHealth, Some(&record(&[]))),
                Decision::Forbidden
            );
        }
    }

    #[test]
    fn an_account_with_no_roles_is_denied_everything() {
        let nobody = Actor {
            roles: BTreeSet::new(),
            ..actor(Role::Manager, None)
        };
        assert_eq!(
            decide(
                &nobody,
                Action::ReadYoungPerson,
                Some(&record(&AllocationRole::ALL))
            ),
            Decision::Forbidden
        );
        assert_eq!(list_scope(&nobody, Action::ListYoungPeople), None);
    }

    #[test]
    fn lists_show_each_role_its_own_reach() {
        assert_eq!(
            list_scope(&actor(Role::Manager, None), Action::ListYoungPeople),
            Some(ListScope::WholeAuthority(Role::Manager))
        );
        assert_eq!(
            list_scope(&actor(Role::Iro, None), Action::ListYoungPeople),
            Some(ListScope::Allocated(vec![AllocationRole::Iro]))
        );
        let own = Uuid::new_v4();
        assert_eq!(
            list_scope(
                &actor(Role::YoungPerson, Some(own)),
                Action::ListYoungPeople
            ),
            Some(ListScope::OwnRecord(own))
        );
    }

    #[test]
    fn only_allocated_workers_have_a_caseload() {
        for (role, allocation) in [
            (Role::PersonalAdviser, AllocationRole::PersonalAdviser),
            (Role::SocialWorker, AllocationRole::SocialWorker),
            (Role::Iro, AllocationRole::Iro),
        ] {
            assert_eq!(caseload_allocations(&actor(role, None)), [allocation]);
        }
        for role in [
            Role::Manager,
            Role::Admin,
            Role::PrivateFosteringOfficer,
            Role::HousingOfficer,
        ] {
            assert!(
                caseload_allocations(&actor(role, None)).is_empty(),
                "{role:?}"
            );
        }
        let young_person = actor(Role::YoungPerson, Some(Uuid::from_u128(100)));
        assert!(caseload_allocations(&young_person).is_empty());
    }
}
