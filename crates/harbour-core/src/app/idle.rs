//! Auto-lock: Rust, not the webview, decides when Harbour has been idle for
//! too long, so a stalled or closed-off page cannot keep the vault open.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often the shell asks whether the idle time has run out. Locking can be
/// this much later than the chosen time, never earlier.
pub const TICK: Duration = Duration::from_secs(5);

pub struct IdleClock {
    last_use: Mutex<Instant>,
    minutes: AtomicU32,
}

impl IdleClock {
    pub fn new(now: Instant, minutes: u32) -> IdleClock {
        IdleClock { last_use: Mutex::new(now), minutes: AtomicU32::new(minutes) }
    }

    pub fn touch(&self, now: Instant) {
        *self.last_use.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }

    pub fn set_minutes(&self, minutes: u32) {
        self.minutes.store(minutes, Ordering::Relaxed);
    }

    pub fn expired(&self, now: Instant) -> bool {
        let limit = Duration::from_secs(u64::from(self.minutes.load(Ordering::Relaxed)) * 60);
        now.saturating_duration_since(*self.last_use.lock().unwrap_or_else(|p| p.into_inner())) >= limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_after_the_chosen_minutes_and_use_puts_it_off() {
        let t0 = Instant::now();
        let idle = IdleClock::new(t0, 5);
        assert!(!idle.expired(t0 + Duration::from_secs(299)));
        assert!(idle.expired(t0 + Duration::from_secs(300)));
        idle.touch(t0 + Duration::from_secs(200));
        assert!(!idle.expired(t0 + Duration::from_secs(300)));
        idle.set_minutes(1);
        assert!(idle.expired(t0 + Duration::from_secs(260)));
    }
}
