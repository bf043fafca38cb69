//! The retry rule shared by everything Frontdesk delivers from its durable outbox: webhook
//! calls and e-mails (§9). A delivery that fails is tried again later, each wait twice the
//! one before, until it has been tried [`MAX_ATTEMPTS`] times; then it is given up and the
//! failure is reported. Pure, so the schedule is tested by a table.

/// How many times a delivery is tried before it is given up.
pub const MAX_ATTEMPTS: u32 = 10;

/// The wait after the first failure.
const FIRST_DELAY_MS: i64 = 10_000;

/// No wait is longer than this, however many attempts failed.
const LONGEST_DELAY_MS: i64 = 6 * 60 * 60 * 1000;

/// What to do after a delivery attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again at this time (milliseconds since the epoch).
    RetryAt(i64),
    /// Stop trying: the delivery failed for good.
    GiveUp,
}

/// The decision after the `attempts`-th attempt (counting from 1) failed at `now_ms`.
///
/// Waits are 10 s, 20 s, 40 s, … capped at six hours; ten attempts span about 85 minutes,
/// long enough to ride out a receiver's restart or deploy, short enough that a dead
/// endpoint is noticed the same day.
pub fn after_failure(attempts: u32, now_ms: i64) -> AfterFailure {
    if attempts >= MAX_ATTEMPTS {
        return AfterFailure::GiveUp;
    }
    AfterFailure::RetryAt(now_ms + retry_delay_ms(attempts))
}

/// The wait after the `attempts`-th failed attempt.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    let doublings = attempts.saturating_sub(1).min(30);
    FIRST_DELAY_MS
        .saturating_mul(1_i64 << doublings)
        .min(LONGEST_DELAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_from_ten_seconds() {
        let cases = [
            (0, 10_000),
            (1, 10_000),
            (2, 20_000),
            (3, 40_000),
            (4, 80_000),
            (9, 2_560_000),
        ];
        for (attempts, wait) in cases {
            assert_eq!(retry_delay_ms(attempts), wait, "after attempt {attempts}");
        }
    }

    #[test]
    fn waits_never_exceed_six_hours() {
        assert_eq!(retry_delay_ms(40), LONGEST_DELAY_MS);
        assert_eq!(retry_delay_ms(u32::MAX), LONGEST_DELAY_MS);
    }

    #[test]
    fn gives_up_after_the_last_attempt() {
        assert_eq!(after_failure(1, 1_000), AfterFailure::RetryAt(11_000));
        assert_eq!(
            after_failure(MAX_ATTEMPTS - 1, 0),
            AfterFailure::RetryAt(retry_delay_ms(MAX_ATTEMPTS - 1))
        );
        assert_eq!(after_failure(MAX_ATTEMPTS, 0), AfterFailure::GiveUp);
        assert_eq!(after_failure(MAX_ATTEMPTS + 5, 0), AfterFailure::GiveUp);
    }
}
