//! Sessions recently found live, so that the requests an app makes together (opening a screen
//! fires several) are checked against the database once rather than one by one.
//!
//! A session found live is trusted from memory for at most `TRUSTED_FOR`. Ending a session on
//! this server forgets it at once. Ending it on another server sharing the database, or an
//! account being switched off, takes effect here within that time.
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use uuid::Uuid;

use super::accounts::Account;

pub const TRUSTED_FOR: Duration = Duration::from_secs(2);

/// Beyond this many sessions, everything held is let go: a bound on memory that costs each
/// session one more check.
const MOST_HELD: usize = 10_000;

#[derive(Default)]
pub struct LiveSessions {
    held: Mutex<HashMap<Uuid, (Instant, Account)>>,
}

impl LiveSessions {
    /// The account behind a session found live within `TRUSTED_FOR`, if the token presented
    /// was issued to that account.
    pub fn get(&self, session_id: Uuid, user_id: Uuid) -> Option<Account> {
        let held = self.held.lock().expect("never left poisoned");
        let (found_at, account) = held.get(&session_id)?;
        (found_at.elapsed() < TRUSTED_FOR && account.id == user_id).then(|| account.clone())
    }

    pub fn keep(&self, session_id: Uuid, account: &Account) {
        let mut held = self.held.lock().expect("never left poisoned");
        if held.len() >= MOST_HELD {
            held.retain(|_, (found_at, _)| found_at.elapsed() < TRUSTED_FOR);
            if held.len() >= MOST_HELD {
                held.clear();
            }
        }
        held.insert(session_id, (Instant::now(), account.clone()));
    }

    pub fn forget(&self, session_id: Uuid) {
        self.held
            .lock()
            .expect("never left poisoned")
            .remove(&session_id);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn account(id: Uuid) -> Account {
        Account {
            id,
            email: "pa@example.org".into(),
            name: "A PA".into(),
            roles: BTreeSet::new(),
            young_person_id: None,
            authority_id: Uuid::nil(),
        }
    }

    #[test]
    fn a_session_found_live_is_trusted_only_for_the_account_it_belongs_to() {
        let sessions = LiveSessions::default();
        let (session, user) = (Uuid::new_v4(), Uuid::new_v4());
        sessions.keep(session, &account(user));
        assert_eq!(sessions.get(session, user).map(|a| a.id), Some(user));
        assert!(sessions.get(session, Uuid::new_v4()).is_none());
        assert!(sessions.get(Uuid::new_v4(), user).is_none());
    }

    #[test]
    fn a_session_ended_here_is_forgotten_at_once() {
        let sessions = LiveSessions::default();
        let (session, user) = (Uuid::new_v4(), Uuid::new_v4());
        sessions.keep(session, &account(user));
        sessions.forget(session);
        assert!(sessions.get(session, user).is_none());
    }

    #[test]
    fn a_session_is_checked_again_once_trusted_for_long_enough() {
        let sessions = LiveSessions::default();
        let (session, user) = (Uuid::new_v4(), Uuid::new_v4());
        sessions
            .held
            .lock()
            .unwrap()
            .insert(session, (Instant::now() - TRUSTED_FOR, account(user)));
        assert!(sessions.get(session, user).is_none());
    }
}
