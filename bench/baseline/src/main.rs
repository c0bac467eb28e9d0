//! The smallest Tauri app: one window, one page, one command. Harbour's
//! start-up time and memory are reported as ratios to this.

#[tauri::command]
fn ui_ready() {
    if std::env::var_os("HARBOUR_REPORT_READY").is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "harbour-ready");
        let _ = out.flush();
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .expect("baseline failed to start");
}
