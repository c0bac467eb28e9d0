//! The UI's test host. Reads one JSON request a line on stdin and answers one
//! line on stdout:
//!
//! - `{"id": 1, "command": "vault_state", "args": {}}` runs a command of the
//!   real application service: `{"id": 1, "ok": ...}` or `{"id": 1, "error": {"code", "message"}}`.
//! - `{"id": 2, "host": "answer_next_dialog", "args": {"path": null}}` scripts
//!   the desktop (see `host_call`).
//! - `{"event": "vault-locked"}` is printed when the vault locks by itself.
//!
//! Keys are made with cheap test settings, which the app itself refuses to open.

mod fixtures;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use harbour_core::app::scripted::ScriptedHost;
use harbour_core::app::{dispatch, App, AppConfig};
use harbour_core::vault::keyfile::KdfParams;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct Request {
    id: u64,
    command: Option<String>,
    host: Option<String>,
    #[serde(default)]
    args: Value,
}

type Out = Arc<Mutex<std::io::Stdout>>;

fn send(out: &Out, line: &Value) {
    let mut o = out.lock().unwrap_or_else(|p| p.into_inner());
    let _ = writeln!(o, "{line}");
    let _ = o.flush();
}

struct Session {
    host: Arc<ScriptedHost>,
    app: App,
}

fn fresh(out: &Out) -> Session {
    let events = out.clone();
    let host = Arc::new(ScriptedHost::new().with_lock_listener(move || send(&events, &json!({ "event": "vault-locked" }))));
    let config = AppConfig { data_dir: host.dir().join("data"), kdf: KdfParams::TEST, managed_pack_dirs: vec![host.dir().join("managed")] };
    Session { app: App::new(config, host.clone()), host }
}

fn host_call(session: &mut Session, out: &Out, name: &str, args: &Value) -> Result<Value, String> {
    let str_arg = |k: &str| args.get(k).and_then(Value::as_str).map(str::to_string);
    match name {
        // A new computer: no vault, no pack, no preferences.
        "reset" => {
            *session = fresh(out);
            Ok(Value::Null)
        }
        // The next file dialog answers this path, or is cancelled (null).
        "answer_next_dialog" => {
            session.host.answer_next_dialog(str_arg("path").map(PathBuf::from));
            Ok(Value::Null)
        }
        // The host's temporary folder, and the managed pack folder inside it.
        "folder" => Ok(json!({ "dir": session.host.dir(), "managed": session.host.dir().join("managed") })),
        // What the desktop was asked to do.
        "record" => Ok(json!({
            "opened": session.host.opened(),
            "hidden": session.host.hidden(),
            "locks_told": session.host.locks_told(),
            "dialogs_opened": session.host.dialogs_opened(),
            "ready": session.host.ready(),
        })),
        // Time passes, then the auto-lock timer fires once.
        "idle_minutes" => {
            session.host.advance_minutes(args.get("minutes").and_then(Value::as_u64).unwrap_or(0));
            Ok(json!(session.app.lock_if_idle()))
        }
        // The computer sleeps, then wakes and the auto-lock timer fires once.
        "sleep_minutes" => {
            session.host.sleep_minutes(args.get("minutes").and_then(Value::as_u64).unwrap_or(0));
            Ok(json!(session.app.lock_if_idle()))
        }
        // The desktop's screen-lock signal, as the shell passes it on.
        "screen_locked" => Ok(json!(session.app.lock_by_itself(harbour_core::app::locking::LockReason::ScreenLocked))),
        // Signed agency packs made from examples/agency, for the pack screens.
        "make_pack" => fixtures::make_pack(session.host.dir(), args).map(|p| json!(p)),
        other => Err(format!("the test host has no {other:?}")),
    }
}

fn main() {
    // `harbour-test-host crafted-backup <file> <passphrase> <sql>`: writes a backup whose schema was
    // changed by <sql>, for the end-to-end restore test. Whoever crafts a backup picks its key
    // settings; cheap ones keep the test quick, and the app reads any within range.
    let argv: Vec<String> = std::env::args().collect();
    if let [_, mode, file, passphrase, sql] = argv.as_slice() {
        if mode == "crafted-backup" {
            let bytes = harbour_core::vault::backup::crafted(sql, passphrase, KdfParams::TEST).expect("a crafted backup");
            std::fs::write(file, bytes).expect("the crafted backup is written");
            return;
        }
    }
    let out: Out = Arc::new(Mutex::new(std::io::stdout()));
    let mut session = fresh(&out);
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let req: Request = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                send(&out, &json!({ "id": null, "error": { "code": "invalid_input", "message": format!("not a request: {e}") } }));
                continue;
            }
        };
        let reply = match (&req.command, &req.host) {
            (Some(c), None) => match dispatch(&session.app, c, req.args) {
                Ok(v) => json!({ "id": req.id, "ok": v }),
                Err(e) => json!({ "id": req.id, "error": e }),
            },
            (None, Some(h)) => match host_call(&mut session, &out, h, &req.args) {
                Ok(v) => json!({ "id": req.id, "ok": v }),
                Err(m) => json!({ "id": req.id, "error": { "code": "invalid_input", "message": m } }),
            },
            _ => json!({ "id": req.id, "error": { "code": "invalid_input", "message": "a request has a command or a host call" } }),
        };
        send(&out, &reply);
    }
}
