//! Which changes start a build: edits to the issues, the configuration and
//! `static/`, not reads, outputs or editors' scratch files.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::{Context, Result};
use notify::event::{AccessKind, EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use super::Message;
use crate::cli::BuildArgs;

/// The files whose changes start a build, as absolute paths (the watcher
/// reports them so).
pub(super) struct Watched {
    pub(super) issues: PathBuf,
    config: PathBuf,
    /// `static/` beside the configuration, if it exists.
    static_dir: Option<PathBuf>,
    /// Written by the build itself: never a reason to build again.
    out: PathBuf,
}

impl Watched {
    pub(super) fn new(args: &BuildArgs) -> Result<Watched> {
        let absolute =
            |path: &Path| std::path::absolute(path).with_context(|| format!("cannot resolve `{}`", path.display()));
        let config = absolute(args.archive.config.as_deref().unwrap_or(Path::new("trendfeed.toml")))?;
        let static_dir = config.parent().map(|dir| dir.join("static")).filter(|dir| dir.is_dir());
        Ok(Watched { issues: absolute(&args.archive.issues)?, config, static_dir, out: absolute(&args.out)? })
    }

    /// A watcher that sends every change below the watched paths to `tx`;
    /// watching stops when it is dropped.
    pub(super) fn start(&self, tx: mpsc::Sender<Message>) -> Result<notify::RecommendedWatcher> {
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(Message::Changed(event));
        })
        .context("cannot watch files for changes")?;
        self.watch(&mut watcher)?;
        Ok(watcher)
    }

    fn watch(&self, watcher: &mut impl Watcher) -> Result<()> {
        watcher
            .watch(&self.issues, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch the issues folder `{}`", self.issues.display()))?;
        // The folder, not the file: editors replace a file as they save it,
        // and the file may not exist yet.
        if let Some(dir) = self.config.parent()
            && let Err(e) = watcher.watch(dir, RecursiveMode::NonRecursive)
        {
            anstream::eprintln!("warning: cannot watch `{}` for changes: {e}", self.config.display());
        }
        if let Some(dir) = &self.static_dir {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch `{}`", dir.display()))?;
        }
        Ok(())
    }

    pub(super) fn describe(&self) -> String {
        let mut names = vec![self.issues.display().to_string(), self.config.display().to_string()];
        names.extend(self.static_dir.iter().map(|d| d.display().to_string()));
        names.join(", ")
    }

    /// A path of the event that should start a build, if any. Reading a
    /// file (as the build does) is not a change, and neither are editors'
    /// backup and swap files.
    pub(super) fn relevant(&self, event: &notify::Event) -> Option<PathBuf> {
        match event.kind {
            EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => {}
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return None,
            _ => {}
        }
        event.paths.iter().find(|path| self.matters(path)).cloned()
    }

    fn matters(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        if path == self.config {
            return true;
        }
        let inside = path.starts_with(&self.issues) || self.static_dir.as_ref().is_some_and(|d| path.starts_with(d));
        inside && !is_scratch_file(path)
    }
}

/// Editors' swap, backup and lock files (`.x.md.swp`, `x.md~`, `#x.md#`,
/// Vim's `4913` probe).
fn is_scratch_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~') || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, EventKind, ModifyKind};

    fn watched() -> Watched {
        Watched {
            issues: "/p/issues".into(),
            config: "/p/trendfeed.toml".into(),
            static_dir: Some("/p/static".into()),
            out: "/p/out".into(),
        }
    }

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(path.into())
    }

    #[test]
    fn edits_to_issues_configuration_and_static_files_matter() {
        let modify = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        for path in ["/p/issues/2017/1.md", "/p/trendfeed.toml", "/p/static/CNAME"] {
            assert_eq!(watched().relevant(&event(modify, path)), Some(PathBuf::from(path)), "{path}");
        }
        let created = EventKind::Create(CreateKind::File);
        assert!(watched().relevant(&event(created, "/p/issues/new.md")).is_some());
    }

    #[test]
    fn reads_outputs_and_scratch_files_do_not() {
        let modify = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let read = EventKind::Access(AccessKind::Open(notify::event::AccessMode::Read));
        assert_eq!(watched().relevant(&event(read, "/p/issues/1.md")), None);
        for path in ["/p/out/index.html", "/p/NOTES.txt", "/p/issues/.1.md.swp", "/p/issues/1.md~", "/p/issues/4913"] {
            assert_eq!(watched().relevant(&event(modify, path)), None, "{path}");
        }
    }
}
