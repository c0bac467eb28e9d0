//! The main window and the rules for what its webview may load.

use harbour_core::links::is_app_url;
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

pub const MAIN: &str = "main";

/// `first_screen` is harbour-core's answer for the first screen, as JSON.
pub fn create_main<R: Runtime>(app: &AppHandle<R>, first_screen: Option<&str>) -> tauri::Result<()> {
    let dev_server = if cfg!(debug_assertions) { app.config().build.dev_url.clone() } else { None };
    let mut builder = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()));
    if let Some(json) = first_screen {
        builder = builder.initialization_script(given_before_scripts(json));
    }
    builder
        .title("Harbour")
        .inner_size(1120.0, 800.0)
        .min_inner_size(420.0, 520.0)
        // The webview shows only the bundled UI. Help links go to the system
        // browser through the open_help_link command instead.
        .on_navigation(move |url| is_app_url(url, dev_server.as_ref()))
        .on_new_window(|_, _| NewWindowResponse::Deny)
        .disable_drag_drop_handler()
        // No WebKit profile on disk: no cache, cookies or local storage left behind.
        // WebDriver cannot drive an ephemeral WebKit context, so under tauri-driver
        // (which sets TAURI_WEBVIEW_AUTOMATION) the window keeps the usual one.
        .incognito(std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_none())
        .build()?;
    Ok(())
}

/// A script the webview runs before the page's own, giving it the first
/// screen's answer so the page can draw that screen without a round trip to
/// Rust (see ui/src/lib/startup.ts). Only on the page's first load: the answer
/// is from the moment the window opened, so after a reload the page asks.
fn given_before_scripts(json: &str) -> String {
    format!(
        r#"(function () {{
  try {{
    if (sessionStorage.getItem("harbour-first-load")) return;
    sessionStorage.setItem("harbour-first-load", "done");
  }} catch (e) {{
    return;
  }}
  window.__HARBOUR_FIRST__ = {json};
}})();"#
    )
}

pub fn main_window<R: Runtime>(app: &AppHandle<R>) -> Option<tauri::WebviewWindow<R>> {
    app.get_webview_window(MAIN)
}
