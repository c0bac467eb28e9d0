//! Makes the laid-out document a tagged PDF, so a screen reader finds headings,
//! paragraphs and lists in reading order. printpdf writes the marked content
//! (`BDC /P <</MCID n>>`), but has no structure tree, document language or
//! "marked" flag, so those are added to the lopdf document printpdf hands
//! over before it is saved. Objects are built through printpdf's `DictItem`,
//! which keeps lopdf out of this crate's own dependencies.

use std::collections::BTreeMap;

use printpdf::{DictItem, PdfDocument, PdfSaveOptions};

/// A structure element: index 0 is the document, every other names its parent.
pub(super) struct Elem {
    pub role: &'static str,
    pub parent: usize,
}

type ObjectId = (u32, u16);

fn reference(id: ObjectId) -> DictItem {
    DictItem::Ref { obj: id.0, gen: id.1 }
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

fn dict<const N: usize>(entries: [(&str, DictItem); N]) -> DictItem {
    DictItem::Dict { map: entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<BTreeMap<_, _>>() }
}

/// Saves `pdf` with a structure tree. `marks[page][mcid]` is the element that
/// the page's marked content with that id belongs to.
pub(super) fn save(pdf: &PdfDocument, elems: &[Elem], marks: &[Vec<usize>], lang: &str) -> Vec<u8> {
    let opts = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if page_ids.len() != marks.len() {
        return pdf.save(&opts, &mut warnings);
    }

    // Kids in reading order: child elements as they were made, then marked content.
    let mut kids: Vec<Vec<Kid>> = elems.iter().map(|_| Vec::new()).collect();
    for (i, e) in elems.iter().enumerate().skip(1) {
        kids[e.parent].push(Kid::Elem(i));
    }
    for (page, page_marks) in marks.iter().enumerate() {
        for (mcid, &e) in page_marks.iter().enumerate() {
            kids[e].push(Kid::Content { page, mcid });
        }
    }
    // Leave out elements with no content under them (an empty paragraph).
    let mut used = vec![false; elems.len()];
    for i in (0..elems.len()).rev() {
        used[i] = kids[i].iter().any(|k| match k {
            Kid::Elem(c) => used[*c],
            Kid::Content { .. } => true,
        });
    }

    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = elems.iter().map(|_| doc.new_object_id()).collect();
    for (i, e) in elems.iter().enumerate() {
        let k = kids[i]
            .iter()
            .filter_map(|k| match *k {
                Kid::Elem(c) => used[c].then(|| reference(ids[c])),
                Kid::Content { page, mcid } => Some(dict([
                    ("Type", name("MCR")),
                    ("Pg", reference(page_ids[page])),
                    ("MCID", DictItem::Int(mcid as i64)),
                ])),
            })
            .collect();
        let parent = if i == 0 { root } else { ids[e.parent] };
        let elem = dict([("Type", name("StructElem")), ("S", name(e.role)), ("P", reference(parent)), ("K", DictItem::Array(k))]);
        doc.set_object(ids[i], elem.to_lopdf());
    }

    let mut nums = Vec::new();
    for (page, page_marks) in marks.iter().enumerate() {
        nums.push(DictItem::Int(page as i64));
        nums.push(DictItem::Array(page_marks.iter().map(|&e| reference(ids[e])).collect()));
    }
    let tree = dict([
        ("Type", name("StructTreeRoot")),
        ("K", DictItem::Array(vec![reference(ids[0])])),
        ("ParentTree", dict([("Nums", DictItem::Array(nums))])),
        ("ParentTreeNextKey", DictItem::Int(marks.len() as i64)),
    ]);
    doc.set_object(root, tree.to_lopdf());

    for (i, id) in page_ids.iter().enumerate() {
        if let Ok(page) = doc.get_object_mut(*id).and_then(|o| o.as_dict_mut()) {
            page.set("StructParents", DictItem::Int(i as i64).to_lopdf());
            page.set("Tabs", name("S").to_lopdf());
        }
    }
    let Ok(catalog) = doc.catalog_mut() else {
        return pdf.save(&opts, &mut warnings);
    };
    catalog.set("StructTreeRoot", reference(root).to_lopdf());
    catalog.set("MarkInfo", dict([("Marked", DictItem::Bool(true))]).to_lopdf());
    catalog.set("Lang", DictItem::String { data: lang.as_bytes().to_vec(), literal: true }.to_lopdf());
    catalog.set("ViewerPreferences", dict([("DisplayDocTitle", DictItem::Bool(true))]).to_lopdf());

    // Structure trees and /Lang need PDF 1.4 or later; printpdf writes 1.3.
    doc.version = "1.7".into();
    if opts.optimize {
        doc.compress();
    }
    let mut out = Vec::new();
    match doc.save_to(&mut out) {
        Ok(()) => out,
        Err(_) => pdf.save(&opts, &mut warnings),
    }
}

enum Kid {
    Elem(usize),
    Content { page: usize, mcid: usize },
}
