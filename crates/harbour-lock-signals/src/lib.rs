//! Tells Harbour when the computer is about to sleep or its session or screen
//! is locked, so that it can lock too, as a person would expect.
//!
//! - Linux: logind's PrepareForSleep and session Lock signals on the system
//!   bus, and the screen savers' ActiveChanged signal on the session bus.
//! - Windows: a hidden window that hears the power broadcast for suspend and,
//!   once registered with the session service, the session-lock message.
//!
//! Where none of these can be heard (no logind, no desktop, another system),
//! nothing is told; the idle clock's wall-clock check still locks after sleep.

#[cfg(target_os = "linux")]
mod linux;
#[cfg(windows)]
mod windows;

/// Why the computer says Harbour should lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The computer is about to sleep.
    Sleep,
    /// The desktop session or its screen was locked.
    ScreenLocked,
}

/// Calls `on_signal` for each signal from now on, from threads of its own.
pub fn watch(on_signal: impl Fn(Signal) + Send + Sync + 'static) {
    #[cfg(target_os = "linux")]
    linux::watch(std::sync::Arc::new(on_signal));
    #[cfg(windows)]
    {
        let _ = windows::start(on_signal);
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    drop(on_signal);
}
