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
    // 2: the concern log. Its shape follows evidence-diary practice: when it
    // happened is kept apart from when it was written; facts apart from the
    // writer's view; later changes are amendments, never edits.
    "CREATE TABLE log_entry (
        id INTEGER PRIMARY KEY,
        child_id INTEGER REFERENCES child(id) ON DELETE SET NULL,
        happened_at TEXT NOT NULL,
        written_at INTEGER NOT NULL,
        facts TEXT NOT NULL DEFAULT '',
        told TEXT NOT NULL DEFAULT '',
        view TEXT NOT NULL DEFAULT '',
        platform TEXT NOT NULL DEFAULT '',
        account TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        reported TEXT NOT NULL DEFAULT '',
        actions TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX log_entry_by_time ON log_entry(happened_at, id);
    CREATE TABLE log_amendment (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES log_entry(id) ON DELETE CASCADE,
        written_at INTEGER NOT NULL,
        text TEXT NOT NULL
    ) STRICT;
    CREATE TABLE attachment (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES log_entry(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        sha256 BLOB NOT NULL,
        bytes BLOB NOT NULL,
        added_at INTEGER NOT NULL
    ) STRICT;
    CREATE VIRTUAL TABLE log_search USING fts5(
        facts, told, view, platform, account, evidence, reported, actions,
        content='log_entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER log_entry_ai AFTER INSERT ON log_entry BEGIN
        INSERT INTO log_search(rowid, facts, told, view, platform, account, evidence, reported, actions)
        VALUES (new.id, new.facts, new.told, new.view, new.platform, new.account, new.evidence, new.reported, new.actions);
    END;
    CREATE TRIGGER log_entry_ad AFTER DELETE ON log_entry BEGIN
        INSERT INTO log_search(log_search, rowid, facts, told, view, platform, account, evidence, reported, actions)
        VALUES ('delete', old.id, old.facts, old.told, old.view, old.platform, old.account, old.evidence, old.reported, old.actions);
    END;
    CREATE TRIGGER log_entry_au AFTER UPDATE ON log_entry BEGIN
        INSERT INTO log_search(log_search, rowid, facts, told, view, platform, account, evidence, reported, actions)
        VALUES ('delete', old.id, old.facts, old.told, old.view, old.platform, old.account, old.evidence, old.reported, old.actions);
        INSERT INTO log_search(rowid, facts, told, view, platform, account, evidence, reported, actions)
        VALUES (new.id, new.facts, new.told, new.view, new.platform, new.account, new.evidence, new.reported, new.actions);
    END;",
    // 3: family agreements. The working copy is a list of items (a library
    // rule in the family's own words, or their own rule); each signing keeps
    // a complete, unchangeable snapshot, so earlier versions can be compared.
    "CREATE TABLE agreement (
        id INTEGER PRIMARY KEY,
        child_id INTEGER NOT NULL UNIQUE REFERENCES child(id) ON DELETE CASCADE,
        review_months INTEGER NOT NULL DEFAULT 3,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE agreement_item (
        id INTEGER PRIMARY KEY,
        agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        rule_id TEXT,
        section TEXT NOT NULL,
        voice TEXT NOT NULL,
        text TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agreement_item_order ON agreement_item(agreement_id, position);
    CREATE TABLE agreement_signer (
        id INTEGER PRIMARY KEY,
        agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL
    ) STRICT;
    CREATE TABLE agreement_version (
        id INTEGER PRIMARY KEY,
        agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        signed_at INTEGER NOT NULL,
        review_on TEXT NOT NULL,
        snapshot TEXT NOT NULL
    ) STRICT;
    CREATE TABLE conversation_note (
        id INTEGER PRIMARY KEY,
        topic TEXT NOT NULL,
        child_id INTEGER REFERENCES child(id) ON DELETE CASCADE,
        notes TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (topic, child_id)
    ) STRICT;",
    // 4: the apps each child uses, by id in content/apps/apps.toml, so the
    // agreement and the App guides can speak about the child's own apps.
    "CREATE TABLE child_app (
        child_id INTEGER NOT NULL REFERENCES child(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL,
        PRIMARY KEY (child_id, app_id)
    ) STRICT, WITHOUT ROWID;",
    // 5: App guide checklists: each setting a child's app has had set (or
    // that does not apply), and when the family last went through it.
    "CREATE TABLE guide_check (
        child_id INTEGER NOT NULL REFERENCES child(id) ON DELETE CASCADE,
        guide_id TEXT NOT NULL,
        setting_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('done', 'not-applicable')),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (child_id, guide_id, setting_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE guide_review (
        child_id INTEGER NOT NULL REFERENCES child(id) ON DELETE CASCADE,
        guide_id TEXT NOT NULL,
        checked_on TEXT NOT NULL,
        recheck_months INTEGER NOT NULL DEFAULT 3,
        PRIMARY KEY (child_id, guide_id)
    ) STRICT, WITHOUT ROWID;",
    // 6: the concern log as a record police or a social worker can use: a
    // category, the other account's names and link, a rough time, who wrote
    // it and each amendment; a dated note for every deliberately deleted
    // entry; search over the new fields too.
    "ALTER TABLE log_entry ADD COLUMN category TEXT NOT NULL DEFAULT '';
    ALTER TABLE log_entry ADD COLUMN happened_rough TEXT NOT NULL DEFAULT '';
    ALTER TABLE log_entry ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE log_entry ADD COLUMN profile_link TEXT NOT NULL DEFAULT '';
    ALTER TABLE log_entry ADD COLUMN writer TEXT NOT NULL DEFAULT '';
    ALTER TABLE log_amendment ADD COLUMN writer TEXT NOT NULL DEFAULT '';
    CREATE INDEX log_entry_by_child ON log_entry(child_id, happened_at);
    CREATE INDEX log_amendment_by_entry ON log_amendment(entry_id, id);
    CREATE INDEX attachment_by_entry ON attachment(entry_id, id);
    CREATE TABLE log_deletion (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL,
        deleted_at INTEGER NOT NULL,
        written_at INTEGER NOT NULL,
        happened_at TEXT NOT NULL,
        category TEXT NOT NULL,
        reason TEXT NOT NULL
    ) STRICT;
    DROP TRIGGER log_entry_ai;
    DROP TRIGGER log_entry_ad;
    DROP TRIGGER log_entry_au;
    DROP TABLE log_search;
    CREATE VIRTUAL TABLE log_search USING fts5(
        facts, told, view, platform, account, display_name, profile_link, evidence, reported, actions, happened_rough, writer,
        content='log_entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER log_entry_ai AFTER INSERT ON log_entry BEGIN
        INSERT INTO log_search(rowid, facts, told, view, platform, account, display_name, profile_link, evidence, reported, actions, happened_rough, writer)
        VALUES (new.id, new.facts, new.told, new.view, new.platform, new.account, new.display_name, new.profile_link, new.evidence, new.reported, new.actions, new.happened_rough, new.writer);
    END;
    CREATE TRIGGER log_entry_ad AFTER DELETE ON log_entry BEGIN
        INSERT INTO log_search(log_search, rowid, facts, told, view, platform, account, display_name, profile_link, evidence, reported, actions, happened_rough, writer)
        VALUES ('delete', old.id, old.facts, old.told, old.view, old.platform, old.account, old.display_name, old.profile_link, old.evidence, old.reported, old.actions, old.happened_rough, old.writer);
    END;
    CREATE TRIGGER log_entry_never_edited BEFORE UPDATE OF happened_at, written_at, facts, told, view, platform, account,
        evidence, reported, actions, category, happened_rough, display_name, profile_link, writer ON log_entry BEGIN
        SELECT RAISE(ABORT, 'concern log entries are never edited; add an amendment');
    END;
    INSERT INTO log_search(log_search) VALUES ('rebuild');",
    // 7: the agency pack the carer accepted, pinned inside the vault, so a pack
    // swapped while Harbour was locked is noticed at the next unlock.
    "CREATE TABLE pinned_pack (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        pack_version INTEGER NOT NULL,
        agency TEXT NOT NULL
    ) STRICT;
    CREATE TABLE recovery_code_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        needs_new TEXT NOT NULL CHECK (needs_new IN ('unconfirmed', 'used'))
    ) STRICT;",
    // 8: what was handed over to an agency or a named person, and when.
    "CREATE TABLE handover (
        id INTEGER PRIMARY KEY,
        made_at INTEGER NOT NULL,
        made_for TEXT NOT NULL
    ) STRICT;
    CREATE TABLE handover_entry (
        handover_id INTEGER NOT NULL REFERENCES handover(id) ON DELETE CASCADE,
        entry_id INTEGER NOT NULL REFERENCES log_entry(id) ON DELETE CASCADE,
        PRIMARY KEY (handover_id, entry_id)
    ) STRICT;",
    // 9: a child's own words on an entry about them (Fostering NMS 26.6):
    // theirs, dated, added beside the entry and never changing it.
    "CREATE TABLE child_statement (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES log_entry(id) ON DELETE CASCADE,
        written_at INTEGER NOT NULL,
        text TEXT NOT NULL,
        written_down_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX child_statement_by_entry ON child_statement(entry_id, id);
    CREATE TRIGGER child_statement_never_edited BEFORE UPDATE ON child_statement BEGIN
        SELECT RAISE(ABORT, 'a child''s own words are never edited');
    END;",
    // 10: the dated note left when a placement ended and a child's records
    // were handed over and removed from this computer.
    "CREATE TABLE placement_end (
        id INTEGER PRIMARY KEY,
        ended_at INTEGER NOT NULL,
        child_name TEXT NOT NULL,
        handed_over_to TEXT NOT NULL,
        entries INTEGER NOT NULL,
        kept_files INTEGER NOT NULL
    ) STRICT;",
    // 11: who decides what about a looked-after child's phone, apps, social
    // media, photos and staying over, as the placement plan says.
    "CREATE TABLE delegated_authority (
        child_id INTEGER NOT NULL REFERENCES child(id) ON DELETE CASCADE,
        decision TEXT NOT NULL,
        decider TEXT NOT NULL CHECK (decider IN ('foster-carer', 'social-worker', 'parent')),
        note TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (child_id, decision)
    ) STRICT, WITHOUT ROWID;",
    // 12: the search index forgets a deleted entry's words as it is deleted
    // (FTS5's secure-delete, SQLite 3.44 on), instead of keeping them in older
    // segments until the whole index is merged.
    "INSERT INTO log_search(log_search, rank) VALUES ('secure-delete', 1);",
];

pub struct Db {
    pub(crate) conn: Connection,
}

impl Db {
    pub fn open(path: &Path, key: &DbKey) -> Result<Db, VaultError> {
        Db::open_to(path, key, MIGRATIONS.len())
    }

    /// A new database with Harbour's own schema as it was at `version`: a
    /// restored backup's rows are copied into one of these, never its schema.
    pub(crate) fn create_at_version(path: &Path, key: &DbKey, version: usize) -> Result<Db, VaultError> {
        Db::open_to(path, key, version)
    }

    /// A database as an earlier release left it, for migration tests.
    #[cfg(test)]
    pub(crate) fn open_at_version(path: &Path, key: &DbKey, version: usize) -> Result<Db, VaultError> {
        Db::open_to(path, key, version)
    }

    fn open_to(path: &Path, key: &DbKey, version: usize) -> Result<Db, VaultError> {
        // Off only in the baseline build of bench/wipe_cost, which measures what wiping costs.
        const WIPE: &str = if cfg!(feature = "bench-no-wipe") { "OFF" } else { "ON" };
        if !path.exists() {
            // Made by us first, so SQLite and its -wal and -shm files get owner-only access.
            drop(atomic::create_private(path)?);
        }
        let conn = Connection::open(path)?;
        // SQLCipher otherwise writes its own failures (a wrong key, say) to stderr.
        // Memory security makes SQLCipher wipe every block it frees (decrypted
        // pages among them) and lock its key material in memory; it is global and
        // can only be switched on.
        conn.execute_batch(&format!("PRAGMA cipher_log_level = NONE; PRAGMA cipher_memory_security = {WIPE};"))?;
        conn.execute_batch(&Zeroizing::new(format!("PRAGMA key = \"{}\";", key.sql_literal().as_str())))?;
        // The first real read tells a wrong key or a damaged file apart from a good one.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    VaultError::Damaged("the vault database cannot be opened with this key, or it is damaged".into())
                }
                _ => e.into(),
            });
        }
        // A 32 MiB page cache (SQLite's default is 2 MiB): SQLCipher decrypts
        // and checks every page it reads, so keeping a family's records
        // decrypted in memory while unlocked makes a re-read ten times cheaper.
        // It is freed when the vault locks.
        // secure_delete: a deleted entry's bytes are overwritten, not left in free pages.
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA secure_delete = {WIPE};"
        ))?;
        let mut db = Db { conn };
        db.migrate(version)?;
        Ok(db)
    }

    /// After a deliberate removal. secure_delete has zeroed the freed pages and
    /// the search index's own secure-delete has dropped the removed words, but
    /// the write-ahead log keeps old pages until a checkpoint.
    pub(crate) fn scrub_free_space(&self) -> Result<(), VaultError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<u32, VaultError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self, target: usize) -> Result<(), VaultError> {
        let current = self.schema_version()? as usize;
        if current > MIGRATIONS.len() {
            return Err(VaultError::TooNew(current as u32));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().take(target).skip(current) {
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
    fn deleted_data_is_overwritten_and_freed_memory_wiped() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("vault.db"), &DbKey::random()).unwrap();
        let on = |pragma: &str| db.conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, String>(0).or_else(|_| r.get::<_, i64>(0).map(|n| n.to_string()))).unwrap();
        assert_eq!(on("secure_delete"), "1");
        assert_eq!(on("cipher_memory_security"), "1");
        let index_forgets: i64 = db.conn.query_row("SELECT v FROM log_search_config WHERE k = 'secure-delete'", [], |r| r.get(0)).unwrap();
        assert_eq!(index_forgets, 1, "the search index drops a deleted entry's words as it goes");
    }

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

    /// Every earlier version, with data in it, opens and is brought up to date
    /// without losing that data.
    #[test]
    fn migrates_from_every_earlier_version() {
        for from in 0..MIGRATIONS.len() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("vault.db");
            let key = DbKey::random();
            {
                let db = Db::open_at_version(&path, &key, from).unwrap();
                assert_eq!(db.schema_version().unwrap() as usize, from);
                if from >= 1 {
                    db.conn.execute("INSERT INTO child (name, age_band, created_at, updated_at) VALUES ('Wren', '5-7', 1, 1)", []).unwrap();
                }
            }
            let db = Db::open(&path, &key).unwrap();
            assert_eq!(db.schema_version().unwrap() as usize, MIGRATIONS.len(), "from version {from}");
            let children: i64 = db.conn.query_row("SELECT count(*) FROM child", [], |r| r.get(0)).unwrap();
            assert_eq!(children, i64::from(from >= 1), "from version {from}");
            let fts: i64 = db.conn.query_row("SELECT count(*) FROM log_search", [], |r| r.get(0)).unwrap();
            assert_eq!(fts, 0);
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
