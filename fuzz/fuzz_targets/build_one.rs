//! Builds an archive of one issue file holding the input. The build must
//! return `Ok` or a clean `Err`, never panic; when it returns `Ok`, every RSS
//! and Atom file it wrote must be well-formed XML.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use trendfeed::cli::{ArchiveArgs, BuildArgs};

/// A folder reused by every run of this process: `issues/`, `out/` and an
/// empty `trendfeed.toml` (the defaults, whatever the working directory holds).
struct Scratch {
    _dir: tempfile::TempDir,
    issue: PathBuf,
    args: BuildArgs,
}

thread_local! {
    static SCRATCH: Scratch = {
        // In memory when possible: the build syncs every file it writes.
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.expect("temp dir");
        let issues = dir.path().join("issues");
        std::fs::create_dir(&issues).expect("mkdir issues");
        let config = dir.path().join("trendfeed.toml");
        std::fs::write(&config, "").expect("write config");
        let args = BuildArgs {
            archive: ArchiveArgs { issues: issues.clone(), config: Some(config) },
            out: dir.path().join("out"),
            ..Default::default()
        };
        // A dated file name, so issues without a `date` key build too.
        Scratch { issue: issues.join("2024-01-07-1.md"), args, _dir: dir }
    };
}

fuzz_target!(|data: &[u8]| {
    SCRATCH.with(|scratch| {
        std::fs::write(&scratch.issue, data).expect("write issue");
        // `out/` is kept between runs: the build removes what it no longer writes,
        // and skipping unchanged files keeps the fuzzer fast.
        if trendfeed::build(&scratch.args, trendfeed::Verbosity::Quiet).is_ok() {
            check_feeds(&scratch.args.out);
        }
    });
});

/// Panics unless every `.rss` and `.atom` file below `out` is well-formed XML.
fn check_feeds(out: &Path) {
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read out dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("rss" | "atom")) {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{} is not UTF-8 text: {e}", path.display()));
                if let Err(e) = roxmltree::Document::parse(&text) {
                    panic!("{} is not well-formed XML: {e}\n{text}", path.display());
                }
            }
        }
    }
}
