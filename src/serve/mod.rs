//! `trendfeed serve`: builds the site, serves the output folder on
//! 127.0.0.1, and when an issue, the configuration or `static/` changes,
//! builds again and reloads the open pages, as `zola serve` does.
//!
//! The main thread builds and waits for changes; a few threads answer
//! requests ([`http`]). A build that fails (an invalid issue) writes
//! nothing ([`crate::build()`] publishes all of its files or none), so the
//! last good site stays served; its errors go to the terminal and to the
//! pages, which show them over their content. Each build, good or not,
//! adds one to the generation that the pages poll: a page reloads when a
//! newer build succeeded. Ctrl-C (or SIGTERM) lets a running build finish,
//! then stops; the site is never left half-written.
//!
//! What this leaves out: HTTPS, addresses other than 127.0.0.1, and
//! rewriting the site's `base_url` (its pages link relatively, so they work
//! from any address; the feeds keep the configured absolute links).

pub mod http;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use notify::event::{AccessKind, EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::Verbosity;
use crate::cli::{BuildArgs, ServeArgs};
use crate::diagnostics::{Diagnostic, eprint_all};
use crate::error::InvalidInput;

/// Threads answering requests: pages load a handful of files at once.
const WORKERS: usize = 4;

/// Changes closer together than this are built once (an editor saving
/// several files, a `git checkout`).
const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often request threads look whether to stop.
const TICK: Duration = Duration::from_millis(200);

/// What the pages learn from the server: which build is current, and the
/// errors of the last build if it failed.
#[derive(Debug, Default)]
pub struct State {
    status: Mutex<Status>,
}

#[derive(Debug, Default)]
struct Status {
    generation: u64,
    error: Option<String>,
}

impl State {
    fn status(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many builds have finished, good or not.
    pub fn generation(&self) -> u64 {
        self.status().generation
    }

    /// The last build's errors, as plain text, when it failed.
    pub fn error(&self) -> Option<String> {
        self.status().error.clone()
    }

    /// Records a finished build: `error` is `None` when it succeeded.
    pub fn finished(&self, error: Option<String>) {
        let mut status = self.status();
        status.generation += 1;
        status.error = error;
    }
}

/// What wakes the main thread.
enum Message {
    Changed(notify::Result<notify::Event>),
    Stop,
}

/// Builds, serves and rebuilds until Ctrl-C.
pub fn serve(args: &ServeArgs, verbosity: Verbosity) -> Result<()> {
    let (tx, rx) = mpsc::channel();
    let stop_tx = tx.clone();
    let stopping = AtomicBool::new(false);
    // A second Ctrl-C ends at once, even during a long build.
    if let Err(e) = ctrlc::set_handler(move || {
        if stopping.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = stop_tx.send(Message::Stop);
    }) {
        anstream::eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }

    let issues = &args.build.archive.issues;
    if !issues.is_dir() {
        bail!("issues folder `{}` does not exist or is not a folder", issues.display());
    }
    // Watch before the first build, so that no change made during it is missed.
    let watched = Watched::new(&args.build)?;
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Message::Changed(event));
    })
    .context("cannot watch files for changes")?;
    watched.watch(&mut watcher)?;

    // Listen before building: a port in use is known at once.
    let server = tiny_http::Server::http(("127.0.0.1", args.port)).map_err(|e| {
        anyhow!("cannot listen on 127.0.0.1:{}: {e} (another server may use the port; try --port 0)", args.port)
    })?;
    let port = server.server_addr().to_ip().map(|a| a.port()).context("the server has no IP address")?;

    let state = Arc::new(State::default());
    rebuild(&args.build, verbosity, &state);

    let server = Arc::new(server);
    let stop = Arc::new(AtomicBool::new(false));
    let root = Arc::new(args.build.out.clone());
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, stop, state, root) = (server.clone(), stop.clone(), state.clone(), root.clone());
            thread::spawn(move || answer(&server, &stop, &state, &root, verbosity))
        })
        .collect();

    let url = format!("http://127.0.0.1:{port}/");
    let _ = crate::print_out(format!("serving {url} (Ctrl-C to stop)\n").as_bytes());
    if verbosity != Verbosity::Quiet {
        anstream::eprintln!("watching {} for changes", watched.describe());
    }
    if args.open {
        // Opening may wait for a launcher; the server is already up.
        thread::spawn(move || {
            if let Err(e) = open::that_detached(&url) {
                anstream::eprintln!("warning: cannot open a web browser ({e}); open {url} in one");
            }
        });
    }

    while let Some(changed) = next_change(&rx, &watched) {
        if verbosity != Verbosity::Quiet {
            anstream::eprintln!("change: {}", changed.display());
        }
        rebuild(&args.build, verbosity, &state);
    }

    stop.store(true, Ordering::SeqCst);
    for worker in workers {
        let _ = worker.join();
    }
    if verbosity != Verbosity::Quiet {
        anstream::eprintln!("stopped");
    }
    Ok(())
}

/// Waits for a change that matters, then for the changes that follow it
/// closely, and returns one changed path; `None` when asked to stop.
fn next_change(rx: &mpsc::Receiver<Message>, watched: &Watched) -> Option<PathBuf> {
    let mut changed = None;
    loop {
        let message = if changed.is_none() {
            rx.recv().ok()?
        } else {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => return changed,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        };
        match message {
            Message::Stop => return None,
            Message::Changed(Ok(event)) => {
                if let Some(path) = watched.relevant(&event) {
                    changed.get_or_insert(path);
                }
            }
            // Events were lost (a full queue, say): build to be sure.
            Message::Changed(Err(e)) => {
                anstream::eprintln!("warning: watching files: {e}");
                changed.get_or_insert_with(|| watched.issues.clone());
            }
        }
    }
}

/// Builds, and reports the result to the terminal and to the pages.
fn rebuild(args: &BuildArgs, verbosity: Verbosity, state: &State) {
    match crate::build(args, verbosity) {
        Ok(summary) => {
            state.finished(None);
            if verbosity != Verbosity::Quiet {
                let _ = crate::print_out(format!("{summary}\n").as_bytes());
            }
        }
        Err(err) => {
            let mut text = String::new();
            if let Some(InvalidInput(errors)) = err.downcast_ref::<InvalidInput>() {
                let diagnostics: Vec<Diagnostic> = errors.iter().map(Diagnostic::from).collect();
                eprint_all(&diagnostics);
                for diagnostic in &diagnostics {
                    text.push_str(&anstream::adapter::strip_str(&diagnostic.render()).to_string());
                    text.push_str("\n\n");
                }
            }
            anstream::eprintln!("error: {err:#}");
            anstream::eprintln!("serving the last good build until the next change");
            text.push_str(&format!("error: {err:#}\n"));
            state.finished(Some(text));
        }
    }
}

/// Answers requests until `stop` is set.
fn answer(server: &tiny_http::Server, stop: &AtomicBool, state: &State, root: &Path, verbosity: Verbosity) {
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(TICK) {
            Ok(Some(request)) => request,
            // No request, or a connection that failed before its request was read.
            Ok(None) | Err(_) => continue,
        };
        let reply = http::reply(request.method().as_str(), request.url(), root, state);
        // The pages' polling would drown the log.
        if verbosity == Verbosity::Verbose && !request.url().starts_with("/__trendfeed/") {
            anstream::eprintln!("{} {} {}", request.method(), request.url(), reply.status);
        }
        // The whole body is known: send its length, never chunks.
        let mut response = tiny_http::Response::from_data(reply.body)
            .with_status_code(reply.status)
            .with_chunked_threshold(usize::MAX);
        let headers = [
            ("Content-Type", Some(reply.content_type)),
            ("Cache-Control", Some("no-store")),
            ("X-Content-Type-Options", Some("nosniff")),
            ("Location", reply.location.as_deref()),
        ];
        for (name, value) in headers {
            if let Some(header) = value.and_then(|v| tiny_http::Header::from_bytes(name, v).ok()) {
                response.add_header(header);
            }
        }
        // A client that went away needs no answer.
        let _ = request.respond(response);
    }
}

/// The files whose changes start a build, as absolute paths (the watcher
/// reports them so).
struct Watched {
    issues: PathBuf,
    config: PathBuf,
    /// `static/` beside the configuration, if it exists.
    static_dir: Option<PathBuf>,
    /// Written by the build itself: never a reason to build again.
    out: PathBuf,
}

impl Watched {
    fn new(args: &BuildArgs) -> Result<Watched> {
        let absolute =
            |path: &Path| std::path::absolute(path).with_context(|| format!("cannot resolve `{}`", path.display()));
        let config = absolute(args.archive.config.as_deref().unwrap_or(Path::new("trendfeed.toml")))?;
        let static_dir = config.parent().map(|dir| dir.join("static")).filter(|dir| dir.is_dir());
        Ok(Watched { issues: absolute(&args.archive.issues)?, config, static_dir, out: absolute(&args.out)? })
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

    fn describe(&self) -> String {
        let mut names = vec![self.issues.display().to_string(), self.config.display().to_string()];
        names.extend(self.static_dir.iter().map(|d| d.display().to_string()));
        names.join(", ")
    }

    /// A path of the event that should start a build, if any. Reading a
    /// file (as the build does) is not a change, and neither are editors'
    /// backup and swap files.
    fn relevant(&self, event: &notify::Event) -> Option<PathBuf> {
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
    use notify::event::{CreateKind, DataChange};

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

    #[test]
    fn each_build_adds_to_the_generation() {
        let state = State::default();
        assert_eq!((state.generation(), state.error()), (0, None));
        state.finished(Some("bad".into()));
        assert_eq!((state.generation(), state.error()), (1, Some("bad".into())));
        state.finished(None);
        assert_eq!((state.generation(), state.error()), (2, None));
    }
}
