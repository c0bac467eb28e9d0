//! Encrypted backups: one file that carries the whole database to another
//! computer, sealed under a passphrase. The layout is in docs/vault-format.md.
//!
//! The database image only ever exists in memory: SQLite serialises the open
//! (decrypted) database into a buffer, which is sealed with XChaCha20-Poly1305
//! under Argon2id(passphrase). Restoring opens the whole file and proves the
//! database inside is sound before any file on disk is touched.

use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::db::{Db, MIGRATIONS};
use super::keyfile::{derive, random, KdfParams};
use super::{atomic, DbKey, VaultError};

pub const MAGIC: &[u8; 8] = b"HARBOUR\x01";
pub const FORMAT: &str = "harbour-backup";
pub const VERSION: u32 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const MAX_HEADER_LEN: usize = 4096;
/// Larger than any family's records with their attachments; stops a wrong
/// file from being read into memory whole.
pub const MAX_FILE_LEN: u64 = 2 * 1024 * 1024 * 1024;

/// The outer label of a backup, readable without the passphrase. It is
/// authenticated with the contents, so a changed label fails the restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    created_at: i64,
    schema_version: u32,
    kdf: KdfParams,
    salt: String,
    nonce: String,
    payload_len: u64,
}

/// What the person is shown after choosing a backup file, before its passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    /// Unix seconds, as the backup says. Not proven until the passphrase opens it.
    #[ts(type = "number")]
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreResult {
    /// Set when the restore made a new vault on this computer: its recovery
    /// code, formatted, to show once.
    pub recovery_code: Option<String>,
}

fn damaged(why: &str) -> VaultError {
    VaultError::BackupDamaged(why.into())
}

/// Seals the open database into backup bytes.
pub fn export(db: &Db, passphrase: &str, kdf: KdfParams, created_at: i64) -> Result<Vec<u8>, VaultError> {
    kdf.check()?;
    // Fold the write-ahead log in first, so the image is one self-contained file.
    db.conn.execute_batch("PRAGMA wal_checkpoint(FULL);")?;
    let mut image = Zeroizing::new(db.conn.serialize(MAIN_DB)?.to_vec());
    if image.len() < 100 || &image[..16] != b"SQLite format 3\0" {
        return Err(VaultError::Db("the database could not be copied for a backup".into()));
    }
    // Bytes 18 and 19 mark WAL mode; an in-memory copy cannot use WAL.
    image[18] = 1;
    image[19] = 1;
    let salt: [u8; SALT_LEN] = random();
    let nonce: [u8; NONCE_LEN] = random();
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        created_at,
        schema_version: db.schema_version()?,
        kdf,
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
        payload_len: image.len() as u64,
    };
    let header_json = serde_json::to_vec(&header).expect("header serialises");
    let mut out = Vec::with_capacity(12 + header_json.len() + image.len() + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header_json.len() as u32).to_le_bytes());
    out.extend_from_slice(&header_json);
    let key = derive(passphrase.as_bytes(), &salt, &kdf)?;
    let sealed = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&key[..]))
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &image, aad: &out })
        .map_err(|_| VaultError::Db("the backup could not be sealed".into()))?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Splits a backup into its header, the bytes the seal authenticates, and the sealed part.
fn split(bytes: &[u8]) -> Result<(Header, &[u8], &[u8]), VaultError> {
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(damaged("this is not a Harbour backup file"));
    }
    let len = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes")) as usize;
    if len > MAX_HEADER_LEN || bytes.len() < 12 + len {
        return Err(damaged("the backup file is incomplete"));
    }
    let header: Header = serde_json::from_slice(&bytes[12..12 + len]).map_err(|_| damaged("the backup's label is damaged"))?;
    if header.format != FORMAT {
        return Err(damaged("this is not a Harbour backup file"));
    }
    if header.version > VERSION {
        return Err(VaultError::TooNew(header.version));
    }
    if header.version != VERSION {
        return Err(damaged("the backup's label is damaged"));
    }
    if header.schema_version as usize > MIGRATIONS.len() {
        return Err(VaultError::TooNew(header.schema_version));
    }
    let sealed = &bytes[12 + len..];
    if sealed.len() as u64 != header.payload_len.saturating_add(TAG_LEN as u64) {
        return Err(damaged("the backup file is incomplete or has extra bytes"));
    }
    Ok((header, &bytes[..12 + len], sealed))
}

/// Reads the outer label only. Cheap: no key derivation.
pub fn info(bytes: &[u8], file_name: &str) -> Result<BackupInfo, VaultError> {
    let (header, _, _) = split(bytes)?;
    Ok(BackupInfo { file_name: file_name.into(), created_at: header.created_at })
}

/// A backup that opened with its passphrase and holds a sound database,
/// loaded into memory. Nothing on disk has been touched yet.
pub struct Verified {
    conn: Connection,
    schema_version: u32,
}

/// Opens and checks the whole backup. Any change to any byte, a wrong
/// passphrase, a short file or an unsound database inside is refused here.
pub fn open(bytes: &[u8], passphrase: &str) -> Result<Verified, VaultError> {
    let (header, aad, sealed) = split(bytes)?;
    header.kdf.check().map_err(|_| damaged("the backup's key settings are out of range"))?;
    let salt = B64.decode(&header.salt).ok().filter(|s| s.len() == SALT_LEN).ok_or_else(|| damaged("the backup's label is damaged"))?;
    let nonce = B64.decode(&header.nonce).ok().filter(|n| n.len() == NONCE_LEN).ok_or_else(|| damaged("the backup's label is damaged"))?;
    let key = derive(passphrase.as_bytes(), &salt, &header.kdf)?;
    let image = Zeroizing::new(
        XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&key[..]))
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: sealed, aad })
            .map_err(|_| VaultError::BackupNotOpened)?,
    );
    let mut conn = Connection::open_in_memory()?;
    // The backup's own schema is never trusted to run anything: no functions
    // from its views or triggers, and no writes to its internals.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.deserialize_read_exact(MAIN_DB, &image[..], image.len(), false)
        .map_err(|_| damaged("the database inside the backup is damaged"))?;
    let sound: Result<String, _> = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0));
    if sound.as_deref() != Ok("ok") {
        return Err(damaged("the database inside the backup is damaged"));
    }
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != header.schema_version || version as usize > MIGRATIONS.len() {
        return Err(damaged("the backup's label does not match its contents"));
    }
    if schema(&conn)? != schema(&harbours_schema(version as usize)?)? {
        return Err(damaged("it was changed by something other than Harbour, so it cannot be trusted"));
    }
    Ok(Verified { conn, schema_version: version })
}

/// Every table, index, trigger and view, with the SQL that made it.
fn schema(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>, VaultError> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Harbour's own schema as it was at `version`, made by its migrations.
fn harbours_schema(version: usize) -> Result<Connection, VaultError> {
    let conn = Connection::open_in_memory()?;
    for sql in &MIGRATIONS[..version] {
        conn.execute_batch(sql)?;
    }
    Ok(conn)
}

/// The tables whose rows a restore copies: Harbour's own, not the search
/// index (which its triggers rebuild as the rows arrive) nor SQLite's.
fn tables_to_copy(conn: &Connection) -> Result<Vec<String>, VaultError> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         AND name NOT IN (SELECT v.name || s.suffix FROM sqlite_schema v, (SELECT '_data' AS suffix UNION SELECT '_idx' UNION SELECT '_docsize'
           UNION SELECT '_config' UNION SELECT '_content') s WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%')
         ORDER BY rowid",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

impl Verified {
    /// Writes the backup's data as a new encrypted database at `path`, under
    /// `key`, brought up to this version's schema, and proves it opens.
    /// `path` must not exist; on failure it is removed again.
    pub fn write_database(&self, path: &Path, key: &DbKey) -> Result<(), VaultError> {
        let result = self.write_database_inner(path, key);
        if result.is_err() {
            atomic::remove_sqlite_files(path);
        }
        result
    }

    fn write_database_inner(&self, path: &Path, key: &DbKey) -> Result<(), VaultError> {
        // A fresh database built by Harbour's own migrations to the backup's
        // version; only the backup's rows are copied into it.
        drop(Db::create_at_version(path, key, self.schema_version as usize)?);
        let key_text = key.sql_literal();
        let path_text = path.to_str().ok_or_else(|| VaultError::Invalid("Harbour's folder has a name it cannot use.".into()))?;
        self.conn.execute("ATTACH DATABASE ?1 AS restored KEY ?2", [path_text, key_text.as_str()])?;
        let copied = (|| -> Result<(), VaultError> {
            let tx = self.conn.unchecked_transaction()?;
            for table in tables_to_copy(&self.conn)? {
                tx.execute(&format!("INSERT INTO restored.\"{table}\" SELECT * FROM main.\"{table}\""), [])?;
            }
            tx.commit()?;
            Ok(())
        })();
        self.conn.execute("DETACH DATABASE restored", [])?;
        copied?;
        // Open it the way the app will, which also runs any newer migrations.
        let db = Db::open(path, key)?;
        db.conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).map_err(VaultError::from).and_then(|s| {
            if s == "ok" { Ok(()) } else { Err(damaged("the restored copy did not check out")) }
        })?;
        db.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}

/// A backup someone crafted: a vault with one child, changed by `sql` (say,
/// dropping the trigger that keeps log entries unedited) and sealed under
/// `passphrase`, for the tests that prove a restore refuses it. Test builds only.
#[cfg(any(test, feature = "scripted-host"))]
pub fn crafted(sql: &str, passphrase: &str, kdf: KdfParams) -> Result<Vec<u8>, VaultError> {
    let dir = tempfile::tempdir()?;
    let db = Db::open(&dir.path().join("v.db"), &DbKey::random())?;
    let child = super::children::ChildInput {
        name: "Crafted".into(),
        birth_month: None,
        birth_year: None,
        age_band: Some(super::children::AgeBand::From8To10),
        devices: String::new(),
        looked_after: false,
    };
    db.add_child(&child)?;
    db.conn.execute_batch(sql)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    export(&db, passphrase, kdf, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::children::{AgeBand, ChildInput};
    use proptest::prelude::*;

    const PASS: &str = "backup words for testing";

    fn child(name: &str) -> ChildInput {
        ChildInput { name: name.into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From8To10), devices: "Tablet".into(), looked_after: false }
    }

    fn sample() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        db.add_child(&child("Juniper Oakes")).unwrap();
        db.add_child(&child("Ash")).unwrap();
        (dir, db)
    }

    #[test]
    fn round_trips_under_a_new_key_and_holds_no_plain_text() {
        let (dir, db) = sample();
        let bytes = export(&db, PASS, KdfParams::TEST, 1_764_000_000).unwrap();
        assert!(!bytes.windows(7).any(|w| w == b"Juniper"), "plain name in the backup");
        assert_eq!(info(&bytes, "b.harbour-backup").unwrap().created_at, 1_764_000_000);
        let verified = open(&bytes, PASS).unwrap();
        let path = dir.path().join("restored.db");
        let key = DbKey::random();
        verified.write_database(&path, &key).unwrap();
        let names: Vec<_> = Db::open(&path, &key).unwrap().children().unwrap().into_iter().map(|c| c.input.name).collect();
        assert_eq!(names, ["Ash", "Juniper Oakes"]);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let on_disk = std::fs::read(entry.unwrap().path()).unwrap();
            assert!(!on_disk.windows(7).any(|w| w == b"Juniper"), "plain name on disk");
        }
    }

    fn crafted(change: &str) -> Result<Verified, VaultError> {
        open(&super::crafted(change, PASS, KdfParams::TEST).unwrap(), PASS)
    }

    #[test]
    fn a_backup_that_brings_its_own_schema_is_refused() {
        // Made by someone who chose its passphrase and persuaded the carer to restore it.
        for change in [
            "DROP TRIGGER log_entry_never_edited;",
            "CREATE TRIGGER spy AFTER INSERT ON child BEGIN DELETE FROM log_entry; END;",
            "CREATE VIEW v AS SELECT 1;",
            "CREATE TABLE extra (x);",
            "DROP TRIGGER log_entry_never_edited; CREATE TRIGGER log_entry_never_edited BEFORE UPDATE OF facts ON log_entry BEGIN SELECT 1; END;",
        ] {
            match crafted(change) {
                Err(VaultError::BackupDamaged(why)) => assert!(why.contains("changed by something other than Harbour"), "{change}: {why}"),
                Err(e) => panic!("{change}: {e}"),
                Ok(_) => panic!("{change} was accepted"),
            }
        }
    }

    #[test]
    fn a_restore_is_built_by_harbours_migrations_with_the_rows_copied_in() {
        let (dir, db) = sample();
        let entry = crate::vault::log::LogEntryInput { happened_at: "2026-11-20".into(), facts: "asked for photos".into(), ..Default::default() };
        let id = db.add_log_entry(&entry).unwrap().id;
        let verified = open(&export(&db, PASS, KdfParams::TEST, 0).unwrap(), PASS).unwrap();
        let path = dir.path().join("restored.db");
        let key = DbKey::random();
        verified.write_database(&path, &key).unwrap();
        let restored = Db::open(&path, &key).unwrap();
        assert_eq!(restored.children().unwrap().len(), 2);
        assert_eq!(restored.search_log("photos").unwrap().len(), 1, "the search index is rebuilt from the rows");
        // Harbour's own trigger is there: a saved entry still cannot be edited.
        assert!(restored.conn.execute("UPDATE log_entry SET facts = 'changed' WHERE id = ?1", [id]).is_err());
        assert_eq!(schema(&restored.conn).unwrap(), schema(&harbours_schema(MIGRATIONS.len()).unwrap()).unwrap());
    }

    #[test]
    fn a_wrong_passphrase_is_told_apart_from_damage() {
        let (_d, db) = sample();
        let bytes = export(&db, PASS, KdfParams::TEST, 0).unwrap();
        assert!(matches!(open(&bytes, "not the right words"), Err(VaultError::BackupNotOpened)));
        assert!(matches!(open(&bytes[..bytes.len() - 1], PASS), Err(VaultError::BackupDamaged(_))));
        assert!(matches!(open(&bytes[..40], PASS), Err(VaultError::BackupDamaged(_))));
        assert!(matches!(open(b"PK\x03\x04 a zip file", PASS), Err(VaultError::BackupDamaged(_))));
    }

    #[test]
    fn any_changed_byte_is_refused() {
        let (_d, db) = sample();
        let bytes = export(&db, PASS, KdfParams::TEST, 0).unwrap();
        // Every byte of the label, then a spread through the sealed part.
        let positions = (0..bytes.len()).filter(|i| *i < 400 || i % 97 == 0);
        for i in positions {
            let mut bad = bytes.clone();
            bad[i] ^= 0x01;
            assert!(open(&bad, PASS).is_err(), "flipping byte {i} was not noticed");
        }
    }

    #[test]
    fn a_backup_from_a_newer_version_is_refused() {
        let (_d, db) = sample();
        let bytes = export(&db, PASS, KdfParams::TEST, 0).unwrap();
        let (header, _, sealed) = split(&bytes).unwrap();
        for newer in [Header { version: VERSION + 1, ..header.clone() }, Header { schema_version: 999, ..header.clone() }] {
            let json = serde_json::to_vec(&newer).unwrap();
            let mut b = MAGIC.to_vec();
            b.extend_from_slice(&(json.len() as u32).to_le_bytes());
            b.extend_from_slice(&json);
            b.extend_from_slice(sealed);
            assert!(matches!(open(&b, PASS), Err(VaultError::TooNew(_))));
            assert!(matches!(info(&b, "x"), Err(VaultError::TooNew(_))));
        }
    }

    #[test]
    fn an_older_schema_is_brought_up_to_date_on_restore() {
        let dir = tempfile::tempdir().unwrap();
        // A version-1 database, made by hand as the first release made it.
        let old = dir.path().join("old.db");
        let key = DbKey::random();
        {
            let db = Db::open_at_version(&old, &key, 1).unwrap();
            db.conn.execute("INSERT INTO child (name, age_band, created_at, updated_at) VALUES ('Wren', '5-7', 1, 1)", []).unwrap();
            let bytes = export(&db, PASS, KdfParams::TEST, 0).unwrap();
            let path = dir.path().join("new.db");
            open(&bytes, PASS).unwrap().write_database(&path, &key).unwrap();
            let restored = Db::open(&path, &key).unwrap();
            assert_eq!(restored.schema_version().unwrap() as usize, MIGRATIONS.len());
            assert_eq!(restored.children().unwrap()[0].input.name, "Wren");
        }
    }

    #[test]
    fn write_database_leaves_nothing_behind_when_it_fails() {
        let (dir, db) = sample();
        let bytes = export(&db, PASS, KdfParams::TEST, 0).unwrap();
        let verified = open(&bytes, PASS).unwrap();
        let path = dir.path().join("no-such-folder").join("r.db");
        assert!(verified.write_database(&path, &DbKey::random()).is_err());
        assert!(!path.exists());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = info(&bytes, "x");
            let _ = open(&bytes, PASS);
        }

        #[test]
        fn arbitrary_bytes_after_a_real_label_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..512), cut in 0usize..600) {
            let header = Header {
                format: FORMAT.into(), version: VERSION, created_at: 0, schema_version: 1, kdf: KdfParams::TEST,
                salt: B64.encode([0u8; SALT_LEN]), nonce: B64.encode([0u8; NONCE_LEN]), payload_len: tail.len().saturating_sub(TAG_LEN) as u64,
            };
            let json = serde_json::to_vec(&header).unwrap();
            let mut b = MAGIC.to_vec();
            b.extend_from_slice(&(json.len() as u32).to_le_bytes());
            b.extend_from_slice(&json);
            b.extend_from_slice(&tail);
            let b = &b[..cut.min(b.len())];
            prop_assert!(open(b, PASS).is_err());
        }
    }
}
