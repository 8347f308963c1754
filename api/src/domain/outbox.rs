//! When to try again after an email could not be sent.
use chrono::Duration;

/// After this many failed attempts (about a day and a half), a message is marked failed.
pub const MAX_ATTEMPTS: u32 = 100;

const FIRST_RETRY: Duration = Duration::seconds(5);
const LONGEST_WAIT: Duration = Duration::minutes(15);

/// How long to wait after the `attempts`-th failure: doubling from 5 seconds, at most 15
/// minutes, so that a short outage costs seconds and a long one does not hammer the server.
pub fn retry_delay(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    let delay = FIRST_RETRY * 2i32.pow(doublings);
    delay.min(LONGEST_WAIT)
}

pub fn has_given_up(attempts: u32) -> bool {
    attempts >= MAX_ATTEMPTS
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn retries_double_from_five_seconds_up_to_fifteen_minutes() {
        assert_eq!(retry_delay(1), Duration::seconds(5));
        assert_eq!(retry_delay(2), Duration::seconds(10));
        assert_eq!(retry_delay(5), Duration::seconds(80));
        assert_eq!(retry_delay(9), Duration::minutes(15));
        assert_eq!(retry_delay(99), Duration::minutes(15));
    }

    proptest! {
        #[test]
        fn waits_never_shrink_and_never_pass_the_cap(attempts in 1u32..200) {
            prop_assert!(retry_delay(attempts + 1) >= retry_delay(attempts));
            prop_assert!(retry_delay(attempts) <= LONGEST_WAIT);
        }
    }
}
