//! Fuzz target: any bytes handed to the roadmap loader give a roadmap or problems each at a line
//! and column from 1, never a panic, a hang or a stack overflow.

#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::model::load::MAX_FILE_BYTES;

fuzz_target!(|data: &[u8]| {
    if let Err(err) = roadmap::model::load_bytes(data, "fuzz.json") {
        assert!(!err.diagnostics.is_empty(), "an error without a problem");
        // Only a file over the size limit has no place in the text.
        if data.len() as u64 <= MAX_FILE_BYTES {
            for d in &err.diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "no place: {d:?}");
            }
        }
    }
});
