//! The map as a picture that knows no window, as epaint's shapes sit below egui: where everything
//! goes (`place`), in which colours and sizes (`palette`), and the items drawn (`items`). The
//! window paints these items with egui and the SVG writer writes the same items, so the screen
//! and every picture export look alike, and a change of look is made in one place.

pub mod items;
pub mod palette;
pub mod place;
