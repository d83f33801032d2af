//! Test harness: copies an archive to a temporary folder and runs the real
//! `trendfeed` binary there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The sample issues committed in `issues/`.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")
}

/// A temporary project folder holding a copy of an archive in `issues/`,
/// and a temporary folder for its build cache (removed with it).
pub struct Project {
    pub dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

/// `trendfeed` without colour, keeping its build cache below `cache`
/// (`$XDG_CACHE_HOME`) instead of the user's `~/.cache`: every command a
/// test runs goes through this or [`Project::command`].
pub fn trendfeed(cache: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_trendfeed"));
    command.env("NO_COLOR", "1").env("XDG_CACHE_HOME", cache);
    command
}

impl Project {
    /// A project with a copy of the sample issues and the repository's
    /// `trendfeed.toml`, their newsletter's configuration.
    pub fn samples() -> Project {
        let project = Project::from_dir(&samples_dir());
        let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("trendfeed.toml");
        std::fs::copy(config, project.path().join("trendfeed.toml")).expect("copy trendfeed.toml");
        project
    }

    /// A project with a copy of every file below `source` in `issues/`.
    pub fn from_dir(source: &Path) -> Project {
        let project = Project::empty();
        copy_tree(source, &project.issues());
        project
    }

    /// An empty project folder (no `issues/` yet).
    pub fn empty() -> Project {
        Project { dir: tempfile::tempdir().expect("temp dir"), cache: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn issues(&self) -> PathBuf {
        self.path().join("issues")
    }

    pub fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    /// Writes (or replaces) an issue file.
    pub fn write_issue(&self, name: &str, bytes: impl AsRef<[u8]>) {
        std::fs::write(self.issues().join(name), bytes).expect("write issue");
    }

    /// `trendfeed` to run in the project folder, with the project's own
    /// build cache ([`trendfeed`]).
    pub fn command(&self) -> Command {
        let mut command = trendfeed(self.cache.path());
        command.current_dir(self.path());
        command
    }

    /// Runs `trendfeed ARGS` in the project folder.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run trendfeed")
    }

    /// Runs `trendfeed build` and checks it succeeded.
    pub fn build(&self) -> Output {
        let output = self.run(&["build"]);
        assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
        output
    }

    pub fn read_out(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file below `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).expect("prefix").to_path_buf(), std::fs::read(e.path()).expect("read")))
        .collect()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Parses a feed file with feed-rs, an independent parser.
pub fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

/// Compares `actual` with `tests/snapshots/<name>`; `SNAPSHOTS=overwrite cargo test`
/// rewrites the file instead (review the diff before committing it).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {}: run with SNAPSHOTS=overwrite", path.display()));
    assert!(expected == actual, "{name} differs from its snapshot (SNAPSHOTS=overwrite to update):\n{actual}");
}
