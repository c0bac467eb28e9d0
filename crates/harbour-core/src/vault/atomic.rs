//! Crash-safe writes of Harbour's own files. Everything Harbour writes is
//! personal or secret, so every file is private to its owner; the write itself
//! is harbour-base's (temp file, fsync, rename, fsync the folder).

use std::io;
use std::path::Path;

use harbour_base::files::{self, Access};
pub use harbour_base::files::rename_durably;

/// Writes `bytes` whole or not at all, readable by the owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    files::write_atomic(path, bytes, Access::OwnerOnly)
}

/// Opens a new file readable and writable by its owner only (0600 on Unix).
pub fn create_private(path: &Path) -> io::Result<std::fs::File> {
    files::create_new(path, Access::OwnerOnly)
}

/// Removes a SQLite database and its -wal and -shm files, if present.
pub fn remove_sqlite_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for ext in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(p);
    }
}
