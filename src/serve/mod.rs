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
mod watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use crate::Verbosity;
use crate::cli::{BuildArgs, ServeArgs};
use crate::diagnostics::{Diagnostic, eprint_all};
use crate::error::InvalidInput;
use watch::Watched;

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
    stop_on_ctrl_c(tx.clone());
    let issues = &args.build.archive.issues;
    if !issues.is_dir() {
        bail!("issues folder `{}` does not exist or is not a folder", issues.display());
    }
    // Watch before the first build, so that no change made during it is missed.
    let watched = Watched::new(&args.build)?;
    let _watcher = watched.start(tx)?;
    // Listen before building: a port in use is known at once.
    let server = tiny_http::Server::http(("127.0.0.1", args.port)).map_err(|e| {
        anyhow!("cannot listen on 127.0.0.1:{}: {e} (another server may use the port; try --port 0)", args.port)
    })?;
    let port = server.server_addr().to_ip().map(|a| a.port()).context("the server has no IP address")?;

    let state = Arc::new(State::default());
    rebuild(&args.build, verbosity, &state);
    let stop = Arc::new(AtomicBool::new(false));
    let workers = spawn_workers(server, &stop, &state, &args.build.out, verbosity);
    announce(port, &watched, args.open, verbosity);

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

/// Sends [`Message::Stop`] on the first Ctrl-C (or SIGTERM), and ends the
/// process at once on the second, even during a long build.
fn stop_on_ctrl_c(tx: mpsc::Sender<Message>) {
    let stopping = AtomicBool::new(false);
    if let Err(e) = ctrlc::set_handler(move || {
        if stopping.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = tx.send(Message::Stop);
    }) {
        anstream::eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }
}

/// Starts the [`WORKERS`] threads that answer requests from `root` until
/// `stop` is set.
fn spawn_workers(
    server: tiny_http::Server,
    stop: &Arc<AtomicBool>,
    state: &Arc<State>,
    root: &Path,
    verbosity: Verbosity,
) -> Vec<thread::JoinHandle<()>> {
    let server = Arc::new(server);
    let root = Arc::new(root.to_path_buf());
    (0..WORKERS)
        .map(|_| {
            let (server, stop, state, root) = (server.clone(), stop.clone(), state.clone(), root.clone());
            thread::spawn(move || answer(&server, &stop, &state, &root, verbosity))
        })
        .collect()
}

/// Says where the site is served and what is watched, and opens a browser
/// with `--open`.
fn announce(port: u16, watched: &Watched, open: bool, verbosity: Verbosity) {
    let url = format!("http://127.0.0.1:{port}/");
    let _ = crate::print_out(format!("serving {url} (Ctrl-C to stop)\n").as_bytes());
    if verbosity != Verbosity::Quiet {
        anstream::eprintln!("watching {} for changes", watched.describe());
    }
    if open {
        // Opening may wait for a launcher; the server is already up.
        thread::spawn(move || {
            if let Err(e) = open::that_detached(&url) {
                anstream::eprintln!("warning: cannot open a web browser ({e}); open {url} in one");
            }
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
