//! Auto-lock: Rust, not the webview, decides when Harbour has been idle for
//! too long, so a stalled or closed-off page cannot keep the vault open.
//!
//! Idle time is read from two clocks. The monotonic one cannot be moved by
//! changing the computer's time, but it stops while the computer sleeps; the
//! wall clock runs through sleep. Harbour locks when either says the time is
//! up, so closing the lid and opening it hours later finds Harbour locked.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::locking::LockReason;

/// How often the shell asks whether the idle time has run out. Locking can be
/// this much later than the chosen time, never earlier.
pub const TICK: Duration = Duration::from_secs(5);

/// A moment on both clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub monotonic: Instant,
    pub wall: SystemTime,
}

pub struct IdleClock {
    last_use: Mutex<Moment>,
    minutes: AtomicU32,
}

impl IdleClock {
    pub fn new(now: Moment, minutes: u32) -> IdleClock {
        IdleClock { last_use: Mutex::new(now), minutes: AtomicU32::new(minutes) }
    }

    pub fn touch(&self, now: Moment) {
        *self.last_use.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }

    pub fn set_minutes(&self, minutes: u32) {
        self.minutes.store(minutes, Ordering::Relaxed);
    }

    /// Whether the idle time has run out, and why: the monotonic clock alone
    /// means Harbour sat unused; the wall clock alone means the computer slept.
    pub fn expired(&self, now: Moment) -> Option<LockReason> {
        let limit = Duration::from_secs(u64::from(self.minutes.load(Ordering::Relaxed)) * 60);
        let last = *self.last_use.lock().unwrap_or_else(|p| p.into_inner());
        // A wall clock set backwards reads as no time passed; the monotonic clock still counts.
        let slept = now.wall.duration_since(last.wall).unwrap_or_default();
        if now.monotonic.saturating_duration_since(last.monotonic) >= limit {
            Some(LockReason::Idle)
        } else if slept >= limit {
            Some(LockReason::Sleep)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t0: Moment, awake_secs: u64, asleep_secs: u64) -> Moment {
        Moment { monotonic: t0.monotonic + Duration::from_secs(awake_secs), wall: t0.wall + Duration::from_secs(awake_secs + asleep_secs) }
    }

    #[test]
    fn expires_after_the_chosen_minutes_and_use_puts_it_off() {
        let t0 = Moment { monotonic: Instant::now(), wall: SystemTime::now() };
        let idle = IdleClock::new(t0, 5);
        assert_eq!(idle.expired(at(t0, 299, 0)), None);
        assert_eq!(idle.expired(at(t0, 300, 0)), Some(LockReason::Idle));
        idle.touch(at(t0, 200, 0));
        assert_eq!(idle.expired(at(t0, 300, 0)), None);
        idle.set_minutes(1);
        assert_eq!(idle.expired(at(t0, 260, 0)), Some(LockReason::Idle));
    }

    #[test]
    fn time_asleep_counts_as_idle() {
        let t0 = Moment { monotonic: Instant::now(), wall: SystemTime::now() };
        let idle = IdleClock::new(t0, 5);
        // A minute of use, then the lid closed for three hours: the monotonic clock saw one minute.
        assert_eq!(idle.expired(at(t0, 60, 3 * 3600)), Some(LockReason::Sleep));
        assert_eq!(idle.expired(at(t0, 60, 100)), None, "a short sleep within the limit does not lock");
    }

    #[test]
    fn a_wall_clock_set_back_does_not_keep_harbour_open() {
        let t0 = Moment { monotonic: Instant::now(), wall: SystemTime::now() };
        let idle = IdleClock::new(t0, 5);
        let set_back = Moment { monotonic: t0.monotonic + Duration::from_secs(301), wall: t0.wall - Duration::from_secs(3600) };
        assert_eq!(idle.expired(set_back), Some(LockReason::Idle));
    }
}
