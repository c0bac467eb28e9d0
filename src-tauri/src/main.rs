// Stops a console window from opening beside Harbour on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    harbour_lib::run();
}
