//! Harbour's printed documents, set by one small engine: `sheet` says what a
//! document is made of, `text` and `fonts` set words in any script, `flow`
//! lays them onto pages, and `pdf` writes a tagged PDF/UA-1 file.

// The documents.
/// The family online safety agreement, signed or to sign.
pub mod agreement;
pub mod agreement_pdf;
/// The one-page card for a planned conversation.
pub mod prompt_card;
/// The recovery code to keep on paper.
pub mod recovery_sheet;
/// What to have ready when calling the police on 101.
pub mod call_sheet;
/// The concern log's chronology, in text and PDF.
pub mod chronology;
/// An app's settings guide, and a child's checklist of their apps.
pub mod guide_pdf;

// The engine.
mod flow;
pub mod fonts;
mod pdf;
pub mod sheet;
pub mod text;

/// Keeps a test's PDF in the folder HARBOUR_PRINT_SAMPLES names, to look at.
#[cfg(test)]
pub fn keep_sample(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("HARBOUR_PRINT_SAMPLES") {
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

/// The title in a PDF's document information, as a viewer shows it.
#[cfg(test)]
pub fn pdf_title(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let bytes = doc.get_dictionary(info).unwrap().get(b"Title").unwrap().as_str().unwrap().to_vec();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()).unwrap(),
        None => String::from_utf8(bytes).unwrap(),
    }
}

/// The words of each page of a PDF as a reader extracts them (pdftotext, as
/// the end-to-end tests use), one space between each, without the marks
/// pdftotext puts around right-to-left text.
#[cfg(test)]
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap().replace(|c| ('\u{202A}'..='\u{202E}').contains(&c), " ");
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<String> = text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    pages.pop();
    pages
}

/// The words of a whole PDF, as [`pdf_pages`] gives them.
#[cfg(test)]
pub fn pdf_words(pdf: &[u8]) -> String {
    pdf_pages(pdf).join(" ")
}
