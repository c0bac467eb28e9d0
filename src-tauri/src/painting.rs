//! How WebKitGTK paints the page on a Linux computer with no graphics
//! processor it can use (a virtual machine, a remote desktop, a sandbox
//! without /dev/dri).
//!
//! WebKitGTK paints with Skia on the GPU by default. With no GPU, Mesa's
//! software stand-in (llvmpipe) does that work on the processor anyway, and
//! first compiles a shader through LLVM for each kind of shape drawn: about
//! 30 ms of the first screen here, and the processor busy after it. Skia's own
//! processor painter does the same drawing directly. WebKit reads its choice
//! once, when the web process starts, from `WEBKIT_SKIA_ENABLE_CPU_RENDERING`.
//! With a GPU, nothing changes. A choice the person has made themselves
//! (that variable set to anything) is kept.

use std::ffi::OsString;
use std::path::Path;

const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Chooses the processor painter when there is no GPU. Call first, before any
/// thread starts: it sets an environment variable, which the web process inherits.
pub fn choose() {
    let forced_software = std::env::var_os("LIBGL_ALWAYS_SOFTWARE");
    if paint_on_cpu(std::env::var_os(CPU_PAINTING).is_some(), forced_software.as_ref(), has_render_node(Path::new("/dev/dri"))) {
        std::env::set_var(CPU_PAINTING, "1");
    }
}

/// `render_node`: the kernel offers a GPU for drawing (a `renderD*` device).
/// Mesa also uses software alone when `LIBGL_ALWAYS_SOFTWARE` is true, read as Mesa reads it.
fn paint_on_cpu(already_chosen: bool, forced_software: Option<&OsString>, render_node: bool) -> bool {
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
    fn paints_on_the_processor_only_without_a_gpu() {
        assert!(paint_on_cpu(false, None, false), "no render node: no GPU to draw with");
        assert!(!paint_on_cpu(false, None, true), "a GPU: WebKit's own choice");
    }

    #[test]
    fn software_gl_forced_counts_as_no_gpu() {
        for yes in ["1", "true", "YES"] {
            assert!(paint_on_cpu(false, Some(&OsString::from(yes)), true), "LIBGL_ALWAYS_SOFTWARE={yes}");
        }
        for no in ["", "0", "false", "no"] {
            assert!(!paint_on_cpu(false, Some(&OsString::from(no)), true), "LIBGL_ALWAYS_SOFTWARE={no:?}");
        }
    }

    #[test]
    fn the_persons_own_choice_is_kept() {
        assert!(!paint_on_cpu(true, None, false));
        assert!(!paint_on_cpu(true, Some(&OsString::from("1")), false));
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
