//! Handing records over: the chosen entries' chronology (text and PDF, with
//! its SHA-256) and their kept files, encrypted to the agency's key from its
//! signed pack, or to a named person's own age key. The file is written
//! encrypted from the first byte; nothing readable touches the disk.

use std::io::{self, BufWriter, Write};

use harbour_base::files::{write_atomic_with, Access};
use harbour_handover::{kept_file_name, HandoverWriter, Recipient, WriteError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{file_name, App, FileDialog};
use crate::error::{ErrorCode, UserError};
use crate::print::chronology;
use crate::vault::{unix_now, VaultError};

/// Who a hand-over is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HandoverTo {
    /// The agency whose pack is in use, to the key in its pack.
    Agency,
    /// Someone outside the agency (a social worker, say), to the age public key they gave.
    Person { name: String, key: String },
}

fn into_io(e: WriteError) -> io::Error {
    match e {
        WriteError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

fn refused(message: impl Into<String>) -> UserError {
    UserError::new(ErrorCode::InvalidInput, message)
}

impl App {
    /// The key and the name a hand-over is made for.
    fn handover_recipient(&self, to: &HandoverTo) -> Result<(Recipient, String), UserError> {
        match to {
            HandoverTo::Agency => {
                let pack = self.packs.active().ok_or_else(|| refused("There is no agency pack in use, so Harbour does not know your agency's key. Choose \"Someone else\" and paste their key, or ask your agency for their pack."))?;
                let h = pack.content().records.handover.as_ref().ok_or_else(|| {
                    refused(format!("{}'s pack does not say how to hand records over through Harbour. Ask them how they want records sent.", pack.name()))
                })?;
                // The pack was checked when it was accepted; a key that fails here means the pack is damaged.
                let key = harbour_handover::parse_recipient(&h.recipient).map_err(|e| refused(format!("The hand-over key in {}'s pack cannot be used: {e}.", pack.name())))?;
                Ok((key, pack.name().to_string()))
            }
            HandoverTo::Person { name, key } => {
                let name = name.trim();
                if name.is_empty() || name.chars().count() > 120 {
                    return Err(refused("Please write who this is for (up to 120 characters), so the record says who has it."));
                }
                let key = harbour_handover::parse_recipient(key).map_err(|_| {
                    refused("That is not a public key Harbour can use. It should start with age1 and be about 60 letters and numbers long. Ask them to send it again, and paste it exactly.")
                })?;
                Ok((key, name.to_string()))
            }
        }
    }

    /// Asks where to save, then writes a hand-over of the chosen entries and
    /// notes on each that it was handed over. Null if cancelled.
    pub fn handover_save(&self, ids: Vec<i64>, made_by: String, to: HandoverTo) -> Result<Option<String>, UserError> {
        let (key, made_for) = self.handover_recipient(&to)?;
        let agency = self.packs.active();
        let agency = agency.as_ref().map(|p| p.name());
        let made_at = unix_now();
        // The chronology is made before the dialog opens (a wrong choice is said at once), and the vault is not held while it is open.
        let (entries, text, pdf) = self.with_db(|db| {
            let (entries, children) = (db.log_entries_chosen(&ids)?, db.children()?);
            let (text, _) = chronology::plain_text(&entries, &children, &made_by, made_at, agency);
            let pdf = chronology::pdf(&entries, &children, &made_by, made_at, agency);
            Ok((entries, text, pdf))
        })?;
        let dialog = FileDialog::save("Save the hand-over", "Harbour hand-over", &["harbour-handover"]);
        let Some(path) = self.host.save_file(&dialog) else { return Ok(None) };
        self.with_db(|db| {
            write_atomic_with(&path, Access::OwnerOnly, |file| {
                let mut w = HandoverWriter::new(BufWriter::new(file), &key, made_at).map_err(into_io)?;
                w.add("chronology.txt", text.len() as u64, text.as_bytes()).map_err(into_io)?;
                w.add("chronology.pdf", pdf.len() as u64, pdf.as_slice()).map_err(into_io)?;
                for a in entries.iter().flat_map(|e| &e.attachments) {
                    let (size, reader) = db.attachment_reader(a.id).map_err(|e| io::Error::other(e.to_string()))?;
                    w.add(&kept_file_name(a.id, &a.file_name), size, reader).map_err(into_io)?;
                }
                w.finish(&made_for).map_err(into_io)?.0.flush()
            })
            .map_err(VaultError::from)?;
            let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
            Ok(db.record_handover(&ids, &made_for, made_at)?)
        })?;
        Ok(Some(file_name(&path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::tests::{test_app, PASS};
    use crate::vault::log::LogEntryInput;
    use harbour_handover::Identity;

    #[test]
    fn a_handover_for_a_named_person_opens_with_their_key_only_and_is_noted_on_each_entry() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let input = |day: &str, facts: &str| LogEntryInput { happened_at: format!("2026-11-{day}T19:40"), facts: facts.into(), ..Default::default() };
        let a = app.log_add(input("20", "Asked for photos by Łukasz_07")).unwrap().id;
        let b = app.log_add(input("21", "لا تخبر أحدا")).unwrap().id;
        let kept = app.log_add(input("22", "Not handed over")).unwrap().id;
        let png = host.dir().join("Zrzut ekranu.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nxxxx").unwrap();
        host.answer_next_dialog(Some(png));
        app.log_attach(a, true).unwrap();

        let social_worker = Identity::generate();
        let to = HandoverTo::Person { name: "Sam Jones".into(), key: social_worker.to_public().to_string() };
        let out = host.dir().join("for-sam.harbour-handover");
        host.answer_next_dialog(Some(out.clone()));
        assert_eq!(app.handover_save(vec![b, a], "Alex".into(), to.clone()).unwrap().as_deref(), Some("for-sam.harbour-handover"));

        let bytes = std::fs::read(&out).unwrap();
        for plain in ["photos", "Łukasz", "Sam Jones", "chronology", "Zrzut"] {
            assert!(!String::from_utf8_lossy(&bytes).contains(plain), "{plain} is readable on disk");
        }
        let leftovers: Vec<_> = std::fs::read_dir(host.dir()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
        assert!(leftovers.is_empty(), "no temporary file left");

        let opened = harbour_handover::open(bytes.as_slice(), &social_worker, &host.dir().join("opened")).unwrap();
        let names: Vec<&str> = opened.manifest.files.iter().map(|f| f.name.as_str()).collect();
        let attachment = app.log_entry(a).unwrap().attachments[0].id;
        assert_eq!(names, ["chronology.txt", "chronology.pdf", &format!("files/{attachment}.png")], "no name a person gave travels as a file name");
        assert_eq!(opened.manifest.made_for, "Sam Jones");
        assert!(matches!(opened.chronology, Some(Ok(_))), "the chronology's own hash checks");
        let text = std::fs::read_to_string(host.dir().join("opened/chronology.txt")).unwrap();
        assert!(text.contains("Asked for photos by Łukasz_07") && text.contains("لا تخبر أحدا") && !text.contains("Not handed over"));
        assert!(text.contains("Zrzut ekranu.png"), "the chronology keeps the file's own name");
        assert!(matches!(harbour_handover::open(bytes.as_slice(), &Identity::generate(), &host.dir().join("other")), Err(harbour_handover::OpenError::OtherKey)));

        for id in [a, b] {
            let h = app.log_entry(id).unwrap().handed_over;
            assert_eq!(h.len(), 1);
            assert_eq!(h[0].made_for, "Sam Jones");
        }
        assert!(app.log_entry(kept).unwrap().handed_over.is_empty());

        // A write that fails (here, a folder that is not there) notes nothing.
        host.answer_next_dialog(Some(host.dir().join("gone").join("x.harbour-handover")));
        assert!(app.handover_save(vec![kept], "Alex".into(), to.clone()).is_err());
        assert!(app.log_entry(kept).unwrap().handed_over.is_empty());

        // Cancelled: nothing written, nothing noted.
        host.answer_next_dialog(None);
        assert_eq!(app.handover_save(vec![kept], "Alex".into(), to).unwrap(), None);
        assert!(app.log_entry(kept).unwrap().handed_over.is_empty());
    }

    #[test]
    fn a_handover_for_the_agency_uses_the_key_in_its_signed_pack() {
        let (app, host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let id = app.log_add(LogEntryInput { happened_at: "2026-11-20".into(), facts: "x".into(), writer: "Alex".into(), ..Default::default() }).unwrap().id;
        let path = host.dir().join(format!("agency.{}", harbour_pack::EXTENSION));
        std::fs::write(&path, crate::agency::tests::pack(1, 7)).unwrap();
        host.answer_next_dialog(Some(path.clone()));
        let offer = app.pack_choose().unwrap().unwrap();
        app.pack_accept(offer.info.fingerprint.clone(), offer.sha256).unwrap();
        let err = app.handover_save(vec![id], "Alex".into(), HandoverTo::Agency).unwrap_err();
        assert!(err.message.contains("Brightwater Fostering's pack does not say how to hand records over"), "{}", err.message);

        std::fs::write(&path, crate::agency::tests::pack_with_handover(2, 7, harbour_pack::AtPlacementEnd::CarerChooses)).unwrap();
        host.answer_next_dialog(Some(path));
        let offer = app.pack_choose().unwrap().unwrap();
        app.pack_accept(String::new(), offer.sha256).unwrap();
        let out = host.dir().join("h.harbour-handover");
        host.answer_next_dialog(Some(out.clone()));
        app.handover_save(vec![id], "Alex".into(), HandoverTo::Agency).unwrap();
        let agency_key: Identity = crate::agency::tests::HANDOVER_SECRET.parse().unwrap();
        let opened = harbour_handover::open(std::fs::File::open(&out).unwrap(), &agency_key, &host.dir().join("o")).unwrap();
        assert_eq!(opened.manifest.made_for, "Brightwater Fostering");
        assert_eq!(app.log_entry(id).unwrap().handed_over[0].made_for, "Brightwater Fostering");
    }

    #[test]
    fn a_handover_needs_a_key_it_can_use() {
        let (app, _host) = test_app();
        app.vault_create(PASS.into()).unwrap();
        let id = app.log_add(LogEntryInput { happened_at: "2026-11-20".into(), facts: "x".into(), ..Default::default() }).unwrap().id;
        let err = app.handover_save(vec![id], "Alex".into(), HandoverTo::Agency).unwrap_err();
        assert!(err.message.contains("no agency pack in use"), "{}", err.message);
        let secret = Identity::generate();
        for key in ["", "age1nonsense", "ssh-ed25519 AAAA"] {
            let err = app.handover_save(vec![id], "Alex".into(), HandoverTo::Person { name: "Sam".into(), key: key.into() }).unwrap_err();
            assert!(err.message.contains("should start with age1"), "{key}: {}", err.message);
        }
        use age::secrecy::ExposeSecret;
        let pasted_secret = secret.to_string().expose_secret().to_string();
        assert!(app.handover_save(vec![id], "Alex".into(), HandoverTo::Person { name: "Sam".into(), key: pasted_secret }).is_err(), "a secret key is never used");
        let to = HandoverTo::Person { name: " ".into(), key: secret.to_public().to_string() };
        assert!(app.handover_save(vec![id], "Alex".into(), to).unwrap_err().message.contains("who this is for"));
        let to = HandoverTo::Person { name: "Sam".into(), key: secret.to_public().to_string() };
        assert!(app.handover_save(vec![], "Alex".into(), to).unwrap_err().message.contains("choose at least one entry"));
    }
}
