//! Checks guide files as Harbour will when it is built:
//! `cargo run -p harbour-core --example check_guides -- content/guides/*.toml`
fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let p = std::path::Path::new(&path);
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let result = std::fs::read_to_string(p).map_err(|e| e.to_string()).and_then(|t| harbour_core::guides::Guide::from_toml(&stem, &t));
        match result {
            Ok(g) => println!("ok   {path}: {} settings, {} sources", g.settings.len(), g.sources.len()),
            Err(e) => {
                failed = true;
                println!("FAIL {path}: {e}");
            }
        }
    }
    std::process::exit(i32::from(failed));
}
