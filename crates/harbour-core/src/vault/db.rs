//! The SQLCipher database, opened with the raw key. WAL with synchronous=FULL,
//! so a committed change survives a crash or power cut.

use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{atomic, DbKey, VaultError};

/// Forward-only migrations; entry N takes the schema from version N to N+1.
/// Never edit one that has shipped: add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: children
    "CREATE TABLE child (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        birth_month INTEGER,
        birth_year INTEGER,
        age_band TEXT,
        devices TEXT NOT NULL DEFAULT '',
        looked_after INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;",
];

pub struct Db {
    pub(crate) conn: Connection,
}

impl Db {
    pub fn open(path: &Path, key: &DbKey) -> Result<Db, VaultError> {
        if !path.exists() {
            // Made by us first, so SQLite and its -wal and -shm files get owner-only access.
            drop(atomic::create_private(path)?);
        }
        let conn = Connection::open(path)?;
        let hex: Zeroizing<String> = Zeroizing::new(key.as_bytes().iter().map(|b| format!("{b:02x}")).collect());
        conn.execute_batch(&Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str())))?;
        // The first real read tells a wrong key or a damaged file apart from a good one.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    VaultError::Damaged("the vault database cannot be opened with this key, or it is damaged".into())
                }
                _ => e.into(),
            });
        }
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        let mut db = Db { conn };
        db.migrate()?;
        Ok(db)
    }

    pub fn schema_version(&self) -> Result<u32, VaultError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<(), VaultError> {
        let current = self.schema_version()? as usize;
        if current > MIGRATIONS.len() {
            return Err(VaultError::TooNew(current as u32));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as u32)?;
            tx.commit()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_migrates_and_reopens_only_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let key = DbKey::random();
        {
            let db = Db::open(&path, &key).unwrap();
            assert_eq!(db.schema_version().unwrap() as usize, MIGRATIONS.len());
            db.conn.execute("INSERT INTO child (name, created_at, updated_at) VALUES ('Sam Example', 1, 1)", []).unwrap();
        }
        let db = Db::open(&path, &key).unwrap();
        let n: i64 = db.conn.query_row("SELECT count(*) FROM child", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        drop(db);
        assert!(matches!(Db::open(&path, &DbKey::random()), Err(VaultError::Damaged(_))));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn the_file_holds_no_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let key = DbKey::random();
        {
            let db = Db::open(&path, &key).unwrap();
            db.conn
                .execute("INSERT INTO child (name, created_at, updated_at) VALUES ('Quillon Marchbanks', 1, 1)", [])
                .unwrap();
            db.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        }
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            assert!(!bytes.windows(9).any(|w| w == b"Marchbank"), "plain name found on disk");
            assert!(!bytes.windows(6).any(|w| w == b"SQLite"), "database header is in the clear");
        }
    }

    #[test]
    fn a_newer_schema_is_refused_without_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let key = DbKey::random();
        Db::open(&path, &key).unwrap().conn.pragma_update(None, "user_version", 999).unwrap();
        assert!(matches!(Db::open(&path, &key), Err(VaultError::TooNew(999))));
    }
}
