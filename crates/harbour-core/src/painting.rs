//! How WebKitGTK draws the page on a Linux computer with no graphics processor
//! it can use (a virtual machine, a remote desktop, a sandbox without /dev/dri).
//!
//! By default WebKitGTK composites the page with OpenGL and paints it with Skia
//! on the GPU. With no GPU, Mesa's software stand-in (llvmpipe) does that work
//! on the processor anyway, after compiling each shader through LLVM: about
//! 90 MiB and a little start-up time here, and seconds of both processor
//! cores each time the scroll bar fades (BENCHMARKS.md). Without compositing, WebKit paints
//! with the processor and the window shows the result, with no OpenGL at all.
//! WebKit reads the choice once, from `WEBKIT_DISABLE_COMPOSITING_MODE`.
//! With a GPU, nothing changes. A rendering choice the person has made
//! themselves (any of the variables below set) is kept.

use std::ffi::OsString;
use std::path::Path;

const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
const CHOSEN_BY_THE_PERSON: [&str; 3] = [NO_COMPOSITING, "WEBKIT_FORCE_COMPOSITING_MODE", "WEBKIT_SKIA_ENABLE_CPU_RENDERING"];

/// Draws without OpenGL when there is no GPU. The desktop shell calls this on
/// Linux first, before any thread starts: it sets an environment variable,
/// which WebKit reads when it starts.
pub fn choose() {
    let already_chosen = CHOSEN_BY_THE_PERSON.iter().any(|v| std::env::var_os(v).is_some());
    let forced_software = std::env::var_os("LIBGL_ALWAYS_SOFTWARE");
    if draw_without_gl(already_chosen, forced_software.as_ref(), has_render_node(Path::new("/dev/dri"))) {
        std::env::set_var(NO_COMPOSITING, "1");
    }
}

/// `render_node`: the kernel offers a GPU for drawing (a `renderD*` device).
/// Mesa also uses software alone when `LIBGL_ALWAYS_SOFTWARE` is true, read as Mesa reads it.
fn draw_without_gl(already_chosen: bool, forced_software: Option<&OsString>, render_node: bool) -> bool {
    let forced = forced_software
        .and_then(|v| v.to_str())
        .is_some_and(|v| ["1", "true", "y", "yes"].iter().any(|yes| v.eq_ignore_ascii_case(yes)));
    !already_chosen && (forced || !render_node)
}

fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_without_gl_only_without_a_gpu() {
        assert!(draw_without_gl(false, None, false), "no render node: no GPU to draw with");
        assert!(!draw_without_gl(false, None, true), "a GPU: WebKit's own choice");
    }

    #[test]
    fn software_gl_forced_counts_as_no_gpu() {
        for yes in ["1", "true", "YES"] {
            assert!(draw_without_gl(false, Some(&OsString::from(yes)), true), "LIBGL_ALWAYS_SOFTWARE={yes}");
        }
        for no in ["", "0", "false", "no"] {
            assert!(!draw_without_gl(false, Some(&OsString::from(no)), true), "LIBGL_ALWAYS_SOFTWARE={no:?}");
        }
    }

    #[test]
    fn the_persons_own_choice_is_kept() {
        assert!(!draw_without_gl(true, None, false));
        assert!(!draw_without_gl(true, Some(&OsString::from("1")), false));
    }

    #[test]
    fn finds_render_nodes_among_the_devices() {
        let dri = std::env::temp_dir().join(format!("harbour-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dri).unwrap();
        std::fs::write(dri.join("card0"), b"").unwrap();
        assert!(!has_render_node(&dri), "a display device alone draws nothing");
        std::fs::write(dri.join("renderD128"), b"").unwrap();
        assert!(has_render_node(&dri));
        std::fs::remove_dir_all(&dri).unwrap();
        assert!(!has_render_node(&dri), "no /dev/dri at all");
    }
}
