//! Crash-safe file writes: temp file, fsync, rename over, fsync the folder
//! (on Windows, a move written through to the disk).
//! A crash at any point leaves either the old file or the new one, never half.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Who may read a file Harbour writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Readable and writable by its owner only (0600 on Unix): anything personal or secret.
    OwnerOnly,
    /// The system's usual permissions: a file meant to be handed on, such as a signed pack.
    Usual,
}

/// Opens a new file (never an existing one) with the given access.
pub fn create_new(path: &Path, access: Access) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if access == Access::OwnerOnly {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = access;
    opts.open(path)
}

/// The folder a file is in ("." for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A temp file beside `path`, named for it and this process.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parent_dir(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` whole or not at all, replacing any old file.
pub fn write_atomic(path: &Path, bytes: &[u8], access: Access) -> io::Result<()> {
    write_atomic_with(path, access, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], for a file written a piece at a time by `write`
/// (into a temporary file beside `path`, moved into place only if it succeeds).
pub fn write_atomic_with(path: &Path, access: Access, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    if path.file_name().is_none() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "no file name"));
    }
    let tmp = temp_beside(path);
    let result = (|| {
        let _ = fs::remove_file(&tmp);
        let mut f = create_new(&tmp, access)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        rename_durably(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a folder to flush it; `rename_durably` writes the move through instead.
    Ok(())
}

/// Puts `from` in place of `to` (replacing it) in one step, and makes the move
/// last: on Unix by flushing the folder afterwards.
#[cfg(not(windows))]
pub fn rename_durably(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    sync_dir(parent_dir(to))
}

/// Puts `from` in place of `to` (replacing it) in one step, and makes the move
/// last: on Windows, which has no folder flush, by asking for the move to be
/// written through to the disk before it returns.
#[cfg(windows)]
pub fn rename_durably(from: &Path, to: &Path) -> io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::{MoveFileExW, MOVEFILE_REPLACE_EXISTING, MOVEFILE_WRITE_THROUGH};
    let wide = |p: &Path| p.as_os_str().encode_wide().chain([0]).collect::<Vec<u16>>();
    let (from, to) = (wide(from), wide(to));
    // SAFETY: both are NUL-terminated wide strings that live until the call returns.
    if unsafe { MoveFileExW(from.as_ptr(), to.as_ptr(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key.json");
        write_atomic(&p, b"first", Access::OwnerOnly).unwrap();
        write_atomic(&p, b"second, longer", Access::OwnerOnly).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second, longer");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
            let shared = dir.path().join("pack");
            write_atomic(&shared, b"x", Access::Usual).unwrap();
            assert_ne!(fs::metadata(&shared).unwrap().permissions().mode() & 0o044, 0, "a pack is readable by others");
        }
    }

    #[test]
    fn a_write_that_fails_part_way_keeps_the_old_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("handover");
        write_atomic(&p, b"keep me", Access::OwnerOnly).unwrap();
        let failed = write_atomic_with(&p, Access::OwnerOnly, |f| {
            f.write_all(b"half of a new")?;
            Err(io::Error::other("the disk is full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the disk is full");
        assert_eq!(fs::read(&p).unwrap(), b"keep me");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key.json");
        write_atomic(&p, b"keep me", Access::OwnerOnly).unwrap();
        // A folder where the temp file would go makes the write fail part-way.
        let missing = dir.path().join("gone").join("key.json");
        assert!(write_atomic(&missing, b"x", Access::OwnerOnly).is_err());
        assert_eq!(fs::read(&p).unwrap(), b"keep me");
    }
}
