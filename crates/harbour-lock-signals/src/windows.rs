//! A hidden top-level window of Harbour's own, on a thread of its own. Hidden
//! top-level windows still get the power broadcast (WM_POWERBROADCAST); the
//! session-lock message (WM_WTSSESSION_CHANGE) comes once the window is
//! registered with WTSRegisterSessionNotification.

use std::cell::RefCell;
use std::ptr::{null, null_mut};
use std::sync::OnceLock;

use windows_sys::core::{w, PCWSTR};
use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::System::RemoteDesktop::{WTSRegisterSessionNotification, NOTIFY_FOR_THIS_SESSION};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, RegisterClassW, TranslateMessage, MSG, PBT_APMSUSPEND, WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE, WNDCLASSW, WS_OVERLAPPED, WTS_SESSION_LOCK,
};

use crate::Signal;

type OnSignal = Box<dyn Fn(Signal)>;

thread_local! {
    /// What to call for a signal, set on the window's own thread before the window exists.
    static ON_SIGNAL: RefCell<Option<OnSignal>> = const { RefCell::new(None) };
}

/// The signal a window message stands for, if any.
fn signal_of(msg: u32, wparam: WPARAM) -> Option<Signal> {
    match (msg, u32::try_from(wparam).ok()?) {
        (WM_POWERBROADCAST, PBT_APMSUSPEND) => Some(Signal::Sleep),
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) => Some(Signal::ScreenLocked),
        _ => None,
    }
}

unsafe extern "system" fn window_proc(hwnd: HWND, msg: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
    if let Some(signal) = signal_of(msg, wparam) {
        ON_SIGNAL.with(|f| {
            if let Some(f) = f.borrow().as_ref() {
                f(signal);
            }
        });
    }
    // SAFETY: passes the message on unchanged to Windows' default handling.
    unsafe { DefWindowProcW(hwnd, msg, wparam, lparam) }
}

const CLASS: PCWSTR = w!("HarbourLockSignals");

/// Registers the window class once for the whole process; false if Windows refused.
fn class_registered() -> bool {
    static ATOM: OnceLock<u16> = OnceLock::new();
    // SAFETY: the class's name and procedure are static.
    *ATOM.get_or_init(|| unsafe {
        RegisterClassW(&WNDCLASSW { lpfnWndProc: Some(window_proc), hInstance: GetModuleHandleW(null()), lpszClassName: CLASS, ..Default::default() })
    }) != 0
}

/// Starts the window's thread; returns the window (as a number, to cross
/// threads) once it exists, or None if Windows would not make it (Wine does
/// not without a display).
pub fn start(on_signal: impl Fn(Signal) + Send + 'static) -> Option<isize> {
    if !class_registered() {
        return None;
    }
    let (made, window) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("lock-signals".into())
        .spawn(move || {
            ON_SIGNAL.with(|f| *f.borrow_mut() = Some(Box::new(on_signal)));
            // SAFETY: a window of the registered class, owned by this thread.
            let hwnd = unsafe { CreateWindowExW(0, CLASS, CLASS, WS_OVERLAPPED, 0, 0, 0, 0, null_mut(), null_mut(), GetModuleHandleW(null()), null()) };
            if hwnd.is_null() {
                let _ = made.send(None);
                return;
            }
            // SAFETY: hwnd is this thread's live window. Without the session
            // service (some embedded systems) only the lock message is missed.
            unsafe { WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION) };
            let _ = made.send(Some(hwnd as isize));
            // SAFETY: the usual message loop over this thread's queue; msg is written before it is read.
            unsafe {
                let mut msg: MSG = std::mem::zeroed();
                while GetMessageW(&mut msg, null_mut(), 0, 0) > 0 {
                    TranslateMessage(&msg);
                    DispatchMessageW(&msg);
                }
            }
        })
        .ok()?;
    window.recv().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use windows_sys::Win32::UI::WindowsAndMessaging::{SendMessageW, PBT_APMRESUMEAUTOMATIC, WTS_SESSION_UNLOCK};

    #[test]
    fn suspend_and_session_lock_are_told_and_nothing_else() {
        let (tx, rx) = std::sync::mpsc::channel();
        let hwnd = start(move |s| tx.send(s).unwrap()).expect("Windows makes the hidden window") as HWND;
        for (msg, wparam) in [
            (WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK),
            (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK),
            (WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC),
            (WM_POWERBROADCAST, PBT_APMSUSPEND),
        ] {
            // SAFETY: hwnd is the live window made above; SendMessageW waits until it is handled.
            unsafe { SendMessageW(hwnd, msg, wparam as WPARAM, 0) };
        }
        assert_eq!(rx.try_iter().collect::<Vec<_>>(), [Signal::ScreenLocked, Signal::Sleep]);
    }

    #[test]
    fn a_second_watcher_works_too() {
        let (tx, rx) = std::sync::mpsc::channel();
        let first = start(|_| {}).expect("first window");
        let second = start(move |s| tx.send(s).unwrap()).expect("second window");
        assert_ne!(first, second);
        // SAFETY: as above.
        unsafe { SendMessageW(second as HWND, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK as WPARAM, 0) };
        assert_eq!(rx.recv().unwrap(), Signal::ScreenLocked);
    }
}
