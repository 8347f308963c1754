//! Notifications from the public: kept exactly as sent, joined to the
//! arrangement they are about, and passed to the private fostering team by email.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{pf_arrangement, pf_notification, user, user_role};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set, TransactionTrait,
};
use uuid::Uuid;

use crate::service::{local_offer, outbox, sign_in};
use crate::{
    AppState,
    domain::{
        calendar::date_in_england,
        login_throttle::{self, ThrottlePolicy},
        private_fostering::{
            ArrangementStatus,
            notification::{self, Notification, Notifier, SAME_ARRANGEMENT_WITHIN_DAYS},
            reference::Reference,
            visits::initial_visit_due,
        },
        roles::Role,
    },
    error::{Error, Result},
    mail::{OutgoingEmail, escape_html},
};

/// Ten notifications an hour from one address: more than a school reporting several
/// children needs, and too few to be a way of filling the team's list with rubbish.
pub const NOTIFICATIONS_PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    max_failures: 10,
    window: Duration::hours(1),
    lockout: Duration::hours(1),
};

/// What the person who told us is given back.
#[derive(Debug, Clone)]
pub struct Received {
    pub reference: Reference,
    pub arrangement_id: Uuid,
    /// The initial visit is due by this day.
    pub initial_visit_due_on: NaiveDate,
    /// Someone had already told us about this child and carer recently.
    pub joined_earlier_notification: bool,
}

/// Take a notification from anyone, signed in or not. `client_address` is only for the rate
/// limit, and is kept only as a hash.
#[tracing::instrument(skip_all)]
pub async fn notify(
    state: &AppState,
    notifier: Notifier,
    sent: &Notification,
    client_address: &str,
) -> Result<Received> {
    receive(state, notifier, sent, client_address, new_reference()).await
}

/// The same, under a reference already given out (by the portal, which holds it first so
/// that a form sent twice is one notification).
pub(crate) async fn receive(
    state: &AppState,
    notifier: Notifier,
    sent: &Notification,
    client_address: &str,
    reference: Reference,
) -> Result<Received> {
    let now = state.clock.now();
    let today = date_in_england(now);
    let key = sign_in::throttle_key("pf_notification", client_address);
    let earlier = sign_in::load_throttle(&state.db, &key).await?;
    if let Some(wait) = login_throttle::retry_after(earlier.as_ref(), now) {
        return Err(Error::TooManyAttempts {
            retry_after_seconds: login_throttle::retry_after_seconds(wait),
        });
    }
    let checked = notification::check(sent, today).map_err(Error::Invalid)?;
    sign_in::record_failure(
        &state.db,
        &key,
        earlier.as_ref(),
        now,
        NOTIFICATIONS_PER_ADDRESS,
    )
    .await?;
    let authority_id = local_offer::serving_authority_id(state)
        .await?
        .ok_or_else(|| Error::Unexpected(anyhow::anyhow!("no authority is set up")))?;
    let match_key = notification::match_key(&checked.child_name, &checked.carer_name);
    let team = team_addresses(&state.db, authority_id).await?;
    // Read before the transaction, so that its first statement writes: on SQLite a transaction
    // that reads first fails, rather than waits, if another write lands in between.
    let existing = recent_arrangement(&state.db, authority_id, &match_key, now).await?;

    let txn = state.db.begin().await?;
    let arrangement_id = match &existing {
        Some(arrangement) => {
            let mut touched: pf_arrangement::ActiveModel = arrangement.clone().into();
            touched.updated_at = Set(now);
            touched.update(&txn).await?;
            arrangement.id
        }
        None => {
            pf_arrangement::ActiveModel {
                id: Set(Uuid::new_v4()),
                authority_id: Set(authority_id),
                status: Set(ArrangementStatus::Notified.code().to_owned()),
                status_reason: Set(None),
                aware_on: Set(today),
                ended_on: Set(None),
                confirmed_on: Set(None),
                status_changed_on: Set(None),
                child_name: Set(checked.child_name.clone()),
                carer_name: Set(checked.carer_name.clone()),
                carer_address: Set(checked.carer_address.clone()),
                match_key: Set(match_key),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    pf_notification::ActiveModel {
        id: Set(Uuid::new_v4()),
        arrangement_id: Set(arrangement_id),
        reference: Set(reference.as_str().to_owned()),
        received_at: Set(now),
        received_on: Set(today),
        notifier_relationship: Set(notifier.code().to_owned()),
        notifier_name: Set(checked.notifier_name.clone()),
        notifier_email: Set(checked.notifier_email.clone()),
        notifier_phone: Set(checked.notifier_phone.clone()),
        details: Set(serde_json::to_string(&checked)
            .map_err(|e| Error::Unexpected(anyhow::Error::new(e)))?),
    }
    .insert(&txn)
    .await?;
    let due_on = initial_visit_due(today);
    for address in team {
        outbox::enqueue(
            &txn,
            &team_email(state, address, &reference, due_on, arrangement_id),
            now,
        )
        .await?;
    }
    if let Some(address) = &checked.notifier_email {
        outbox::enqueue(&txn, &notifier_email(address, &reference), now).await?;
    }
    txn.commit().await?;
    state.mail_wake.notify_one();
    tracing::info!(arrangement_id = %arrangement_id, joined = existing.is_some(), "private fostering notification received");
    Ok(Received {
        reference,
        arrangement_id,
        initial_visit_due_on: due_on,
        joined_earlier_notification: existing.is_some(),
    })
}

pub(crate) fn new_reference() -> Reference {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Reference::from_random(bytes)
}

/// An arrangement about the same child and carer that someone told us about within the last
/// `SAME_ARRANGEMENT_WITHIN_DAYS` days, if there is one.
async fn recent_arrangement(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    match_key: &str,
    now: DateTime<Utc>,
) -> Result<Option<pf_arrangement::Model>> {
    let since = now - Duration::days(SAME_ARRANGEMENT_WITHIN_DAYS);
    Ok(pf_arrangement::Entity::find()
        .filter(pf_arrangement::Column::AuthorityId.eq(authority_id))
        .filter(pf_arrangement::Column::MatchKey.eq(match_key))
        .filter(pf_arrangement::Column::UpdatedAt.gte(since))
        .order_by_desc(pf_arrangement::Column::UpdatedAt)
        .one(db)
        .await?)
}

/// The private fostering officers' email addresses.
async fn team_addresses(db: &impl ConnectionTrait, authority_id: Uuid) -> Result<Vec<String>> {
    let officers = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(Role::PrivateFosteringOfficer.code()))
        .into_query();
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Email)
        .filter(user::Column::AuthorityId.eq(authority_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.in_subquery(officers))
        .order_by_asc(user::Column::Email)
        .into_tuple()
        .all(db)
        .await?)
}

/// To the team: the reference and when the visit is due, and nothing about the child, because
/// email is not a safe place for it.
fn team_email(
    state: &AppState,
    to: String,
    reference: &Reference,
    due_on: NaiveDate,
    arrangement_id: Uuid,
) -> OutgoingEmail {
    let link = format!(
        "{}/staff/private-fostering/{arrangement_id}",
        state.public_url
    );
    let due = due_on.format("%-d %B %Y").to_string();
    let reference = reference.as_str();
    OutgoingEmail {
        to,
        subject: format!("New private fostering notification {reference}"),
        text: format!(
            "Someone has told us about a private fostering arrangement. Their reference is {reference}.\n\n\
             The first visit is due by {due}.\n\nSign in to Onward to read it:\n{link}\n"
        ),
        html: format!(
            "<p>Someone has told us about a private fostering arrangement. Their reference is <strong>{reference}</strong>.</p>\
             <p>The first visit is due by {due}.</p><p><a href=\"{}\">Sign in to Onward to read it</a>.</p>",
            escape_html(&link)
        ),
    }
}

/// To the person who told us: their reference and what happens next.
fn notifier_email(to: &str, reference: &Reference) -> OutgoingEmail {
    let reference = reference.as_str();
    let next = "A private fostering officer will look at what you told us within 7 working days. \
                They will visit the child and the family looking after them, and may contact you \
                if they need to know more.";
    OutgoingEmail {
        to: to.to_owned(),
        subject: "We have received what you told us".into(),
        text: format!(
            "Thank you for telling us about a child who may be privately fostered.\n\n\
             Your reference is {reference}.\n\nWhat happens next\n\n{next}\n\n\
             If you need to tell us anything else, quote your reference.\n"
        ),
        html: format!(
            "<p>Thank you for telling us about a child who may be privately fostered.</p>\
             <p>Your reference is <strong>{reference}</strong>.</p><h2>What happens next</h2><p>{next}</p>\
             <p>If you need to tell us anything else, quote your reference.</p>"
        ),
    }
}
