//! Agency packs for the UI's tests, built from the example agency's folder
//! with fixed test keys, through harbour-pack's own builder and checks.

use std::path::Path;

use harbour_pack::ed25519_dalek::SigningKey;
use serde_json::Value;

/// Writes a pack into `dir` and returns its path. Arguments: `version` (the
/// pack version, default 1), `key` (`"agency"` or `"other"`), `tampered` (one
/// byte changed after signing), `extra_markdown` (added to the end of the first guidance page).
pub fn make_pack(dir: &Path, args: &Value) -> Result<String, String> {
    let version = args.get("version").and_then(Value::as_u64).unwrap_or(1) as u32;
    let seed = match args.get("key").and_then(Value::as_str).unwrap_or("agency") {
        "agency" => 7u8,
        "other" => 8u8,
        k => return Err(format!("no test key {k:?}")),
    };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/agency");
    let mut source = harbour_agency::folder::read(&folder).map_err(|e| e.to_string())?;
    source.pack_version = version;
    if let (Some(extra), Some(page)) = (args.get("extra_markdown").and_then(Value::as_str), source.guidance.first_mut()) {
        page.markdown = format!("{}\n\n{extra}\n", page.markdown.trim_end());
    }
    let mut bytes = harbour_pack::build(&source, &SigningKey::from_bytes(&[seed; 32])).map_err(|e| e.message())?;
    let tampered = args.get("tampered").and_then(Value::as_bool).unwrap_or(false);
    if tampered {
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x01;
    }
    let name = format!("pack-v{version}-{}{}.{}", if seed == 7 { "agency" } else { "other" }, if tampered { "-tampered" } else { "" }, harbour_pack::EXTENSION);
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    Ok(path.display().to_string())
}
