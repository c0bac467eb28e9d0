//! The main window and the rules for what its webview may load.

use harbour_core::links::is_app_url;
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

pub const MAIN: &str = "main";

pub fn create_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let dev_server = if cfg!(debug_assertions) { app.config().build.dev_url.clone() } else { None };
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
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

pub fn main_window<R: Runtime>(app: &AppHandle<R>) -> Option<tauri::WebviewWindow<R>> {
    app.get_webview_window(MAIN)
}
