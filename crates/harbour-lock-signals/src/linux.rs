use std::sync::Arc;

use crate::Signal;

type OnSignal = Arc<dyn Fn(Signal) + Send + Sync>;

pub fn watch(on_signal: OnSignal) {
    let system = [
        ("type='signal',interface='org.freedesktop.login1.Manager',member='PrepareForSleep'".to_string(), true, Signal::Sleep),
        ("type='signal',interface='org.freedesktop.login1.Session',member='Lock'".to_string(), false, Signal::ScreenLocked),
    ];
    let session = ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver", "org.mate.ScreenSaver", "org.cinnamon.ScreenSaver"]
        .map(|i| (format!("type='signal',interface='{i}',member='ActiveChanged'"), true, Signal::ScreenLocked));
    listen(on_signal.clone(), zbus::blocking::Connection::system, system.to_vec());
    listen(on_signal, zbus::blocking::Connection::session, session.to_vec());
}

/// One thread per rule on one bus: each rule's signal is told, when its first
/// argument is `true` if `needs_true`.
fn listen(
    on_signal: OnSignal,
    connect: impl FnOnce() -> zbus::Result<zbus::blocking::Connection> + Send + 'static,
    rules: Vec<(String, bool, Signal)>,
) {
    let _ = std::thread::Builder::new().name("lock-signals".into()).spawn(move || {
        let Ok(conn) = connect() else { return };
        for (rule, needs_true, signal) in rules {
            let (conn, on_signal) = (conn.clone(), on_signal.clone());
            let _ = std::thread::Builder::new().name("lock-signal".into()).spawn(move || {
                let Ok(messages) = zbus::blocking::MessageIterator::for_match_rule(rule.as_str(), &conn, None) else { return };
                for m in messages.flatten() {
                    if !needs_true || m.body().deserialize::<bool>().unwrap_or(false) {
                        on_signal(signal);
                    }
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    /// A session bus of the test's own, as the end-to-end tests use.
    struct Bus {
        daemon: std::process::Child,
        address: String,
    }

    impl Bus {
        fn start() -> Bus {
            let mut daemon = Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .stdout(Stdio::piped())
                .spawn()
                .expect("dbus-daemon (scripts/setup installs it)");
            let mut address = String::new();
            BufReader::new(daemon.stdout.take().unwrap()).read_line(&mut address).unwrap();
            Bus { daemon, address: address.trim().to_string() }
        }

        fn screen_saver_active(&self, active: bool) {
            let status = Command::new("dbus-send")
                .args([
                    &format!("--bus={}", self.address),
                    "--type=signal",
                    "/org/gnome/ScreenSaver",
                    "org.gnome.ScreenSaver.ActiveChanged",
                    &format!("boolean:{active}"),
                ])
                .status()
                .unwrap();
            assert!(status.success());
        }
    }

    impl Drop for Bus {
        fn drop(&mut self) {
            let _ = self.daemon.kill();
            let _ = self.daemon.wait();
        }
    }

    #[test]
    fn the_screen_saver_coming_on_is_told_and_going_off_is_not() {
        let bus = Bus::start();
        let (tx, rx) = mpsc::channel();
        let tx = std::sync::Mutex::new(tx);
        let session = bus.address.clone();
        let connect = move || zbus::blocking::connection::Builder::address(session.as_str())?.build();
        let rules = vec![("type='signal',interface='org.gnome.ScreenSaver',member='ActiveChanged'".to_string(), true, Signal::ScreenLocked)];
        listen(Arc::new(move |s| tx.lock().unwrap().send(s).unwrap()), connect, rules);
        // The match rule is in place once the bus has seen it; until then a signal can be missed.
        let told = (0..50).find_map(|_| {
            bus.screen_saver_active(false);
            bus.screen_saver_active(true);
            rx.recv_timeout(Duration::from_millis(100)).ok()
        });
        assert_eq!(told, Some(Signal::ScreenLocked));
        while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
        bus.screen_saver_active(false);
        assert!(rx.recv_timeout(Duration::from_millis(500)).is_err(), "the screen saver going off locks nothing");
    }
}
