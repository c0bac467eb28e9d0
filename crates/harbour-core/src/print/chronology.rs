//! The chronology for police or a supervising social worker: chosen entries
//! in date order, each with its amendments and files (with SHA-256), who made
//! the export and when, and a SHA-256 of the whole text so any later change
//! shows. The same words go into the plain-text file and the PDF.

use super::sheet::{Block, Sheet, Style};
use crate::vault::children::Child;
use crate::vault::log::{category_label, LogEntry};
use crate::dates::unix_in_words as date_in_words;

pub fn category_words(c: &str) -> &'static str {
    category_label(c).unwrap_or("Not chosen")
}

/// "24 November 2026 at 19:40 UTC" for unix seconds.
pub fn moment_words(unix: i64) -> String {
    let secs = unix.rem_euclid(86_400);
    format!("{} at {:02}:{:02} UTC", date_in_words(unix), secs / 3600, secs % 3600 / 60)
}

/// The chronology as (heading, lines) sections, shared by text and PDF.
fn sections(entries: &[LogEntry], children: &[Child]) -> Vec<(String, Vec<String>)> {
    let mut sorted: Vec<&LogEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| (&a.input.happened_at, a.id).cmp(&(&b.input.happened_at, b.id)));
    sorted
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let i = &e.input;
            let child = i.child_id.and_then(|id| children.iter().find(|c| c.id == id)).map(|c| c.input.name.as_str());
            let mut lines = vec![
                format!("Happened: {}", e.happened_words),
                format!("Written: {}{}", moment_words(e.written_at), if i.writer.trim().is_empty() { String::new() } else { format!(" by {}", i.writer.trim()) }),
            ];
            let mut field = |label: &str, value: &str| {
                if !value.trim().is_empty() {
                    lines.push(format!("{label}: {}", value.trim()));
                }
            };
            field("Child", child.unwrap_or(""));
            field("Kind of worry", if i.category.is_empty() { "" } else { category_words(&i.category) });
            field("Platform", &i.platform);
            field("Username", &i.account);
            field("Display name", &i.display_name);
            field("Profile link", &i.profile_link);
            field("What I saw or heard", &i.facts);
            field("What I was told, and by whom", &i.told);
            field("My view (kept apart from the facts)", &i.view);
            field("Evidence kept, and where", &i.evidence);
            field("Who I told, and when", &i.reported);
            field("Actions taken", &i.actions);
            for a in &e.attachments {
                lines.push(format!("File: {} ({}, {} bytes), added {}, SHA-256 {}", a.file_name, a.media_type, a.size, moment_words(a.added_at), a.sha256));
            }
            for a in &e.amendments {
                let by = if a.writer.trim().is_empty() { String::new() } else { format!(" by {}", a.writer.trim()) };
                lines.push(format!("Amendment, {}{by}: {}", moment_words(a.written_at), a.text));
            }
            for c in &e.child_statements {
                let by = if c.written_down_by.is_empty() { String::new() } else { format!(", written down for them by {}", c.written_down_by) };
                lines.push(format!("In the child's own words, added {}{by}: {}", moment_words(c.written_at), c.text));
            }
            (format!("Entry {} of {}", n + 1, sorted.len()), lines)
        })
        .collect()
}

fn head(made_by: &str, made_at: i64, count: usize, agency: Option<&str>) -> Vec<String> {
    let mut out = vec![
        format!("Made by {} on {}.", if made_by.trim().is_empty() { "the person who keeps this log" } else { made_by.trim() }, moment_words(made_at)),
        format!("{count} {} in the order they happened. Entries are never edited; corrections are dated amendments.", if count == 1 { "entry" } else { "entries" }),
    ];
    if let Some(agency) = agency {
        out.push(format!("Kept with Harbour as set up by {agency}."));
    }
    out
}

/// The body the hash covers: everything but the hash line itself.
fn body(entries: &[LogEntry], children: &[Child], made_by: &str, made_at: i64, agency: Option<&str>) -> String {
    let mut out = String::from("CONCERN LOG CHRONOLOGY\n");
    for l in head(made_by, made_at, entries.len(), agency) {
        out.push_str(&l);
        out.push('\n');
    }
    for (h, lines) in sections(entries, children) {
        out.push('\n');
        out.push_str(&h);
        out.push('\n');
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// The plain-text export, ending with the SHA-256 of everything before its last line.
pub fn plain_text(entries: &[LogEntry], children: &[Child], made_by: &str, made_at: i64, agency: Option<&str>) -> (String, String) {
    harbour_handover::hash_line::seal(&body(entries, children, made_by, made_at, agency))
}

/// The PDF: the same words, and the same hash, so the two can be checked against each other.
pub fn pdf(entries: &[LogEntry], children: &[Child], made_by: &str, made_at: i64, agency: Option<&str>) -> Vec<u8> {
    use Block::*;
    let (_, hash) = plain_text(entries, children, made_by, made_at, agency);
    let mut b = vec![Title("Concern log chronology".into())];
    b.extend(head(made_by, made_at, entries.len(), agency).into_iter().map(Text));
    for (h, lines) in sections(entries, children) {
        b.extend([Gap(4.0), Heading(h)]);
        b.extend(lines.into_iter().map(Text));
    }
    b.extend([Gap(6.0), Heading("Checking this document".into())]);
    b.push(Text(format!("The plain-text copy made at the same time has this SHA-256: {hash}")));
    let footer = format!("Harbour concern log chronology. SHA-256 {}...", &hash[..16]);
    Sheet::new("Concern log chronology", Style { body_pt: 10.5, ..Style::BASE }, b, Some(&footer)).render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::log::sha256_hex;
    use crate::vault::children::{AgeBand, ChildInput};
    use crate::vault::db::Db;
    use crate::vault::log::LogEntryInput;
    use crate::vault::DbKey;

    #[test]
    fn the_chronology_is_in_event_order_with_amendments_files_and_a_hash_that_checks() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        let sam = db
            .add_child(&ChildInput { name: "Sam".into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
            .unwrap();
        let later = db
            .add_log_entry(&LogEntryInput {
                child_id: Some(sam.id),
                happened_at: "2026-11-20T19:40".into(),
                category: "sextortion".into(),
                platform: "Snapchat".into(),
                account: "skater_boy_07".into(),
                facts: "He wrote: \"send £50 or I share it\"".into(),
                writer: "Alex".into(),
                ..Default::default()
            })
            .unwrap();
        let earlier = db.add_log_entry(&LogEntryInput { happened_at: "2026-11-18".into(), happened_rough: "after school".into(), facts: "First message".into(), ..Default::default() }).unwrap();
        db.amend_log_entry(later.id, "It was 19:10.", "Alex").unwrap();
        db.attach(later.id, "chat.png", b"\x89PNG\r\n\x1a\nxx", true).unwrap();
        db.add_child_statement(later.id, "I blocked him myself.", "Alex").unwrap();
        let entries = vec![db.log_entry(later.id).unwrap(), db.log_entry(earlier.id).unwrap()];

        let (text, hash) = plain_text(&entries, std::slice::from_ref(&sam), "Alex Doe", 1_795_478_400, Some("Brightwater Fostering"));
        assert!(text.contains("Kept with Harbour as set up by Brightwater Fostering."), "{text}");
        let first = text.find("First message").unwrap();
        let second = text.find("skater_boy_07").unwrap();
        assert!(first < second, "event order, not the order given");
        for want in ["Made by Alex Doe on 24 November 2026 at 00:00 UTC", "Happened: 18 November 2026 (after school)", "Child: Sam", "Sextortion or blackmail", "send £50 or I share it", "It was 19:10.", "written down for them by Alex: I blocked him myself.", "chat.png (image/png", &sha256_hex(b"\x89PNG\r\n\x1a\nxx")] {
            assert!(text.contains(want), "{want} missing:\n{text}");
        }
        let (_, last) = text.trim_end().rsplit_once('\n').unwrap();
        assert_eq!(last, format!("SHA-256 of everything above this line: {hash}"));
        assert_eq!(sha256_hex(&text.as_bytes()[..text.len() - last.len() - 2]), hash, "anyone can check the hash");

        let pdf = pdf(&entries, &[sam], "Alex Doe", 1_795_478_400, Some("Brightwater Fostering"));
        let words = crate::print::pdf_words(&pdf);
        assert!(words.contains("skater_boy_07") && words.contains("I blocked him myself.") && words.contains(&hash[..32]), "{words}");
    }

    /// A name, a username and a sentence in each language families write in.
    const WRITTEN: &[(&str, &str, &str, &str)] = &[
        ("polish", "Zofia Łukasiewicz", "ścieżka_07", "Napisał, że wyśle zdjęcie wszystkim znajomym."),
        ("romanian", "Ștefan Țurcanu", "băiatul_ăla", "Mi-a cerut bani și a zis că trimite poza."),
        ("turkish", "Ayşe Öztürk", "çılgın_şüphe", "Fotoğrafı herkese göndereceğini söyledi."),
        ("vietnamese", "Nguyễn Thị Hương", "người_lạ_99", "Anh ta đòi tiền và dọa gửi ảnh cho bạn bè."),
        ("greek", "Ελένη Παπαδοπούλου", "σκιά_12", "Ζήτησε χρήματα για να μη στείλει τη φωτογραφία."),
        ("russian", "Дарина Кузнецова", "тёмный_лис", "Он написал, что отправит фото всем друзьям."),
        ("arabic", "محمد العلي", "ظل_الليل", "قال إنه سيرسل الصورة إلى كل أصدقائي"),
        ("urdu", "عائشہ خان", "اجنبی_دوست", "اس نے کہا کہ وہ تصویر سب کو بھیج دے گا"),
        ("hindi", "प्रिया शर्मा", "अजनबी_दोस्त", "उसने कहा कि वह फोटो सबको भेज देगा।"),
        ("bengali", "মাহমুদা আক্তার", "অচেনা_বন্ধু", "সে বলেছে ছবিটা সবাইকে পাঠিয়ে দেবে।"),
        ("punjabi", "ਗੁਰਪ੍ਰੀਤ ਕੌਰ", "ਅਣਜਾਣ_ਦੋਸਤ", "ਉਸਨੇ ਕਿਹਾ ਕਿ ਉਹ ਫੋਟੋ ਸਾਰਿਆਂ ਨੂੰ ਭੇਜ ਦੇਵੇਗਾ।"),
        ("gujarati", "પ્રિયા પટેલ", "અજાણ્યો_મિત્ર", "તેણે કહ્યું કે તે ફોટો બધાને મોકલી દેશે."),
        ("tamil", "பிரியா குமார்", "தெரியாத_நண்பன்", "அவன் படத்தை எல்லோருக்கும் அனுப்புவேன் என்றான்."),
        ("chinese-simplified", "李明", "夜影_07", "他说如果我不给他钱他就会把照片发给我的朋友们。"),
        ("chinese-traditional", "陳美玲", "夜影_08", "他說要把照片給我的同學看。"),
    ];

    #[test]
    fn words_in_every_script_print_as_typed_and_match_the_text_copy() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), &DbKey::random()).unwrap();
        for &(language, name, username, sentence) in WRITTEN {
            let child = db
                .add_child(&ChildInput { name: name.into(), birth_month: None, birth_year: None, age_band: Some(AgeBand::From11To13), devices: String::new(), looked_after: false })
                .unwrap();
            let e = db
                .add_log_entry(&LogEntryInput {
                    child_id: Some(child.id),
                    happened_at: "2026-11-20T19:40".into(),
                    category: "sextortion".into(),
                    platform: "Instagram".into(),
                    account: username.into(),
                    facts: sentence.into(),
                    writer: name.into(),
                    ..Default::default()
                })
                .unwrap();
            let entries = vec![db.log_entry(e.id).unwrap()];
            let (text, hash) = plain_text(&entries, std::slice::from_ref(&child), name, 1_795_478_400, None);
            let pdf = pdf(&entries, &[child], name, 1_795_478_400, None);
            crate::print::keep_sample(&format!("chronology-{language}"), &pdf);
            let words = crate::print::pdf_words(&pdf);
            for typed in [name, username, sentence] {
                assert!(text.contains(typed), "{language}: {typed} not in the text copy");
                assert!(words.contains(typed), "{language}: {typed} not as typed in the PDF: {words}");
            }
            for label in ["Child:", "Username:", "What I saw or heard:"] {
                let line = text.lines().find(|l| l.starts_with(label)).unwrap();
                assert!(words.contains(line), "{language}: the PDF differs from the text copy at {line}");
            }
            assert!(words.contains(&hash), "{language}: the hash line is in the PDF");
        }
    }

    #[test]
    fn a_number_inside_right_to_left_text_keeps_every_word() {
        // pdftotext orders right-to-left text around a number by where it is
        // drawn rather than as read (it splits the line at digits), so here each
        // word must come back whole and the line must be drawn in reading order.
        let sentence = "اس نے کہا کہ وہ 50 پاؤنڈ چاہتا ہے";
        let blocks = vec![Block::Text(sentence.into())];
        let pdf = Sheet::new("Test", Style::BASE, blocks, None).render();
        let words = crate::print::pdf_words(&pdf);
        for w in sentence.split_whitespace() {
            assert!(words.split(' ').any(|e| e == w), "{w} missing: {words}");
        }
    }
}
