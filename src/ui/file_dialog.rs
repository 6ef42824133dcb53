//! The system's file dialogs (rfd), and how to tell that none can be shown: where there is no
//! session bus a dialog request would wait forever, and a dialog that closes at once was never
//! shown; the window then offers a path field instead.

use std::path::Path;

/// A dialog that returns sooner than this without a file was not shown to anyone.
pub(crate) const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(400);

pub(crate) const NO_DIALOG_NOTE: &str =
    "No file dialog is available on this system: type the file's path.";

/// Whether the system file dialog can be shown. On Linux and the BSDs it is reached over the
/// session D-Bus (the desktop portal); without a session bus the request would wait forever.
pub(crate) fn file_dialog_reachable() -> bool {
    if cfg!(all(unix, not(target_os = "macos"))) {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|dir| Path::new(&dir).join("bus").exists())
    } else {
        true
    }
}
