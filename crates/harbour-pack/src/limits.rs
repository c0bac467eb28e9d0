//! Every limit a pack must keep to. The reader and the agency tool use the same numbers.

/// The whole `.harbourpack` file.
pub const MAX_FILE: u64 = 5 * 1024 * 1024;
/// The manifest (JSON) inside it.
pub const MAX_MANIFEST: u64 = 256 * 1024;
/// Files (assets) inside one pack.
pub const MAX_ASSETS: usize = 32;
/// One asset.
pub const MAX_ASSET: u64 = 1024 * 1024;
/// The logo asset.
pub const MAX_LOGO: u64 = 512 * 1024;
/// The logo's width and height, each, in pixels.
pub const MAX_LOGO_SIDE: u32 = 4096;
/// Nesting in a guidance page, counting the page itself and each list, list item,
/// quote, paragraph, heading, emphasis, strong and link around a piece of text.
pub const MAX_MARKDOWN_DEPTH: usize = 16;
/// Characters in one guidance page's Markdown.
pub const MAX_PAGE_CHARS: usize = 100_000;

/// Page and rule ids, and asset names (bytes; they are ASCII).
pub const MAX_ID: usize = 64;
/// Agency name, contact name, page title (characters).
pub const MAX_NAME: usize = 120;
pub const MAX_PHONE: usize = 40;
pub const MAX_EMAIL: usize = 254;
pub const MAX_URL: usize = 2000;
/// A contact's hours.
pub const MAX_HOURS: usize = 200;
/// A rule's text.
pub const MAX_RULE_TEXT: usize = 300;
/// A rule's "why".
pub const MAX_WHY: usize = 600;
/// The note at the top of the concern log.
pub const MAX_NOTE: usize = 1000;

pub const MAX_CONTACTS: usize = 30;
pub const MAX_PAGES: usize = 30;
pub const MAX_RULES: usize = 40;
