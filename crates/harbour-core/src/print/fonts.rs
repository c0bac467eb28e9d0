//! The fonts Harbour prints with, shipped inside the program (made by
//! `scripts/make-fonts`, licensed under the SIL Open Font Licence in
//! `fonts/OFL.txt`). Each character is set in the first family that has it, so
//! a Polish name, an Urdu message and a Chinese username all print as typed.

use std::sync::OnceLock;

use unicode_script::{Script, UnicodeScript};

/// How heavy the text is, or the fixed-width face used for codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
    /// Codes to copy by hand (ASCII); anything else falls back to Bold.
    Mono,
}

/// One family: its faces, and the language its script shows, where a script
/// is written mostly for one language in the UK.
struct Family {
    regular: &'static [u8],
    bold: Option<&'static [u8]>,
    lang: Option<&'static str>,
}

macro_rules! font {
    ($file:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $file)).as_slice()
    };
}

/// In the order they are tried. Noto Sans covers Latin, Greek and Cyrillic.
const FAMILIES: &[Family] = &[
    Family { regular: font!("NotoSans-Regular.ttf"), bold: Some(font!("NotoSans-Bold.ttf")), lang: None },
    Family { regular: font!("NotoNaskhArabic-Regular.ttf"), bold: Some(font!("NotoNaskhArabic-Bold.ttf")), lang: None },
    Family { regular: font!("NotoSansHebrew-Regular.ttf"), bold: Some(font!("NotoSansHebrew-Bold.ttf")), lang: Some("he") },
    Family { regular: font!("NotoSansDevanagari-Regular.ttf"), bold: Some(font!("NotoSansDevanagari-Bold.ttf")), lang: None },
    Family { regular: font!("NotoSansBengali-Regular.ttf"), bold: Some(font!("NotoSansBengali-Bold.ttf")), lang: Some("bn") },
    Family { regular: font!("NotoSansGurmukhi-Regular.ttf"), bold: Some(font!("NotoSansGurmukhi-Bold.ttf")), lang: Some("pa") },
    Family { regular: font!("NotoSansGujarati-Regular.ttf"), bold: Some(font!("NotoSansGujarati-Bold.ttf")), lang: Some("gu") },
    Family { regular: font!("NotoSansTamil-Regular.ttf"), bold: Some(font!("NotoSansTamil-Bold.ttf")), lang: Some("ta") },
    Family { regular: font!("NotoSansThai-Regular.ttf"), bold: Some(font!("NotoSansThai-Bold.ttf")), lang: Some("th") },
    // A subset: see scripts/make-fonts. Bold Chinese is set in the regular face.
    Family { regular: font!("NotoSansSC-Subset.otf"), bold: None, lang: Some("zh") },
];
const MONO: &[u8] = font!("NotoSansMono-Bold.ttf");

/// A loaded face, for shaping (rustybuzz) and for embedding (krilla).
pub struct Face {
    pub shaper: rustybuzz::Face<'static>,
    pub pdf: krilla::text::Font,
    pub units_per_em: f32,
    pub lang: Option<&'static str>,
}

/// Index of a face in `faces()`.
pub type FaceId = usize;

struct Faces {
    all: Vec<Face>,
    regular: Vec<FaceId>,
    bold: Vec<FaceId>,
    mono: FaceId,
}

fn load(data: &'static [u8], lang: Option<&'static str>) -> Face {
    let shaper = rustybuzz::Face::from_slice(data, 0).expect("a bundled font parses");
    let pdf = krilla::text::Font::new(data.into(), 0).expect("a bundled font loads");
    Face { units_per_em: shaper.units_per_em() as f32, shaper, pdf, lang }
}

fn loaded() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| {
        let mut all = Vec::new();
        let (mut regular, mut bold) = (Vec::new(), Vec::new());
        for f in FAMILIES {
            all.push(load(f.regular, f.lang));
            let r = all.len() - 1;
            regular.push(r);
            bold.push(match f.bold {
                Some(b) => {
                    all.push(load(b, f.lang));
                    all.len() - 1
                }
                None => r,
            });
        }
        all.push(load(MONO, None));
        let mono = all.len() - 1;
        Faces { all, regular, bold, mono }
    })
}

pub fn face(id: FaceId) -> &'static Face {
    &loaded().all[id]
}

fn has(id: FaceId, c: char) -> bool {
    face(id).shaper.glyph_index(c).is_some()
}

/// Characters that take the font of the text around them: spaces, digits,
/// punctuation and combining marks.
fn neutral(c: char) -> bool {
    matches!(c.script(), Script::Common | Script::Inherited)
}

/// Invisible characters that shaping hides when no font draws them: joiners,
/// direction marks and controls, variation selectors, tags and other
/// format characters (Unicode's default-ignorable code points).
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// The face to set `c` in, given the face of the text before it; None when no
/// bundled font has it.
pub fn pick(c: char, weight: Weight, before: Option<FaceId>) -> Option<FaceId> {
    let faces = loaded();
    if invisible(c) {
        return Some(before.unwrap_or(faces.regular[0]));
    }
    if let Some(b) = before {
        if neutral(c) && has(b, c) {
            return Some(b);
        }
    }
    let order = match weight {
        Weight::Mono if c.is_ascii() => return Some(faces.mono),
        Weight::Regular => &faces.regular,
        Weight::Bold | Weight::Mono => &faces.bold,
    };
    order.iter().copied().find(|&f| has(f, c))
}

/// The face for the code points printed in place of characters no font has.
pub fn fallback(weight: Weight) -> FaceId {
    let faces = loaded();
    match weight {
        Weight::Regular => faces.regular[0],
        _ => faces.bold[0],
    }
}

/// The language a run of text shows by its script, where the script tells.
pub fn language(text: &str, face: FaceId) -> Option<&'static str> {
    let scripts = || text.chars().map(|c| c.script());
    if scripts().any(|s| matches!(s, Script::Hiragana | Script::Katakana)) {
        return Some("ja");
    }
    if scripts().any(|s| s == Script::Arabic) {
        // Letters Urdu uses and Arabic does not.
        return Some(if text.chars().any(|c| matches!(c, 'ے' | 'ں' | 'ٹ' | 'ڈ' | 'ڑ' | 'ھ')) { "ur" } else { "ar" });
    }
    if scripts().any(|s| s == Script::Greek) {
        return Some("el");
    }
    self::face(face).lang.filter(|_| scripts().any(|s| !matches!(s, Script::Common | Script::Inherited | Script::Latin)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_families_write_in_has_a_face() {
        for (text, lang) in [
            ("Łukasiewicz", None),
            ("Привет", None),
            ("محمد", Some("ar")),
            ("پاکستان ہے", Some("ur")),
            ("বাংলা", Some("bn")),
            ("ਪੰਜਾਬੀ", Some("pa")),
            ("ગુજરાતી", Some("gu")),
            ("தமிழ்", Some("ta")),
            ("李明", Some("zh")),
            ("學校", Some("zh")),
            ("שלום", Some("he")),
            ("Ελένη", Some("el")),
        ] {
            let mut before = None;
            for c in text.chars() {
                let f = pick(c, Weight::Regular, before).unwrap_or_else(|| panic!("no face for {c:?} in {text}"));
                before = Some(f);
            }
            assert_eq!(language(text, before.unwrap()), lang, "{text}");
        }
        assert_eq!(pick('😀', Weight::Regular, None), None, "emoji are not bundled");
    }

    #[test]
    fn spaces_and_digits_stay_in_the_face_around_them() {
        let arabic = pick('م', Weight::Regular, None).unwrap();
        assert_eq!(pick(' ', Weight::Regular, Some(arabic)), Some(arabic));
        assert_eq!(pick('A', Weight::Regular, Some(arabic)), Some(fallback(Weight::Regular)));
        assert_eq!(pick('7', Weight::Mono, None), Some(loaded().mono));
        assert_ne!(pick('Ł', Weight::Bold, None), pick('Ł', Weight::Regular, None));
    }
}
