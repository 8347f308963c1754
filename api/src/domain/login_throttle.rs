//! Limits on failed sign-ins, so that nobody can guess a password by trying many.
use chrono::{DateTime, Duration, Utc};

/// A limit: this many failures within the window locks sign-in for the lockout period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: u32,
    pub window: Duration,
    pub lockout: Duration,
}

/// One account: five wrong passwords in 15 minutes locks it for 15 minutes.
pub const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
    max_failures: 5,
    window: Duration::minutes(15),
    lockout: Duration::minutes(15),
};

/// One client address, across all accounts it tries.
pub const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    max_failures: 20,
    window: Duration::minutes(15),
    lockout: Duration::minutes(15),
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: u32,
    pub window_started_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// How long until sign-in may be tried again, if it is locked now.
pub fn retry_after(state: Option<&ThrottleState>, now: DateTime<Utc>) -> Option<Duration> {
    let locked_until = state?.locked_until?;
    (locked_until > now).then(|| locked_until - now)
}

/// The state after one more failure.
pub fn after_failure(
    state: Option<&ThrottleState>,
    now: DateTime<Utc>,
    policy: ThrottlePolicy,
) -> ThrottleState {
    // A lock that has run out starts the count again, as does a window that has passed.
    let counting =
        state.filter(|s| s.locked_until.is_none() && now - s.window_started_at < policy.window);
    let (failures, window_started_at) = match counting {
        Some(state) => (state.failures + 1, state.window_started_at),
        None => (1, now),
    };
    let locked_until = (failures >= policy.max_failures).then(|| now + policy.lockout);
    ThrottleState {
        failures,
        window_started_at,
        locked_until,
    }
}

/// Whole seconds to put in `Retry-After`, never zero.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    let millis = wait.num_milliseconds().max(0) as u64;
    millis.div_ceil(1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap() + Duration::minutes(minutes)
    }

    fn fail_times(times: &[i64], policy: ThrottlePolicy) -> Option<ThrottleState> {
        times.iter().fold(None, |state, &minute| {
            Some(after_failure(state.as_ref(), at(minute), policy))
        })
    }

    #[test]
    fn the_fifth_failure_within_fifteen_minutes_locks_the_account_for_fifteen_minutes() {
        let state = fail_times(&[0, 1, 2, 3], PER_ACCOUNT);
        assert_eq!(retry_after(state.as_ref(), at(4)), None);
        let state = after_failure(state.as_ref(), at(4), PER_ACCOUNT);
        assert_eq!(
            retry_after(Some(&state), at(4)),
            Some(Duration::minutes(15))
        );
        assert_eq!(retry_after(Some(&state), at(19)), None);
    }

    #[test]
    fn failures_spread_beyond_the_window_never_lock() {
        let state = fail_times(&[0, 10, 20, 30, 40, 50, 60], PER_ACCOUNT);
        assert_eq!(retry_after(state.as_ref(), at(60)), None);
    }

    #[test]
    fn after_a_lockout_ends_counting_starts_again() {
        let state = fail_times(&[0, 1, 2, 3, 4], PER_ACCOUNT);
        let state = after_failure(state.as_ref(), at(20), PER_ACCOUNT);
        assert_eq!(state.failures, 1);
        assert_eq!(retry_after(Some(&state), at(20)), None);
    }

    #[test]
    fn retry_after_rounds_up_to_a_whole_second() {
        assert_eq!(retry_after_seconds(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after_seconds(Duration::milliseconds(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::minutes(15)), 900);
    }

    proptest! {
        #[test]
        fn a_lock_never_lasts_longer_than_the_lockout(gaps in proptest::collection::vec(0i64..20, 1..30)) {
            let mut minute = 0;
            let mut state = None;
            for gap in gaps {
                minute += gap;
                state = Some(after_failure(state.as_ref(), at(minute), PER_ACCOUNT));
                if let Some(wait) = retry_after(state.as_ref(), at(minute)) {
                    prop_assert!(wait <= PER_ACCOUNT.lockout);
                }
            }
        }
    }
}
