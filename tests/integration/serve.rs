//! `trendfeed serve` end to end: the real binary on a free local port,
//! asked over plain HTTP/1.1 (a raw `TcpStream`, so that paths such as
//! `/../x` reach the server exactly as written).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::{Project, snapshot};

/// Long enough for a loaded two-core machine: waits end as soon as the
/// condition holds.
const TIMEOUT: Duration = Duration::from_secs(90);

/// A running `trendfeed serve --port 0`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// Collects a pipe's text line by line in a thread.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

/// Polls `condition` until it holds; panics with `what` after [`TIMEOUT`].
fn wait_for<T>(what: &str, mut condition: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = condition() {
            return value;
        }
        assert!(started.elapsed() < TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Server {
    fn start(project: &Project, args: &[&str]) -> Server {
        Server::start_with(project, args, |_| {})
    }

    fn start_with(project: &Project, args: &[&str], setup: impl FnOnce(&mut Command)) -> Server {
        let mut command = project.command();
        command
            .args(["serve", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        setup(&mut command);
        let mut child = command.spawn().expect("spawn trendfeed serve");
        let stdout = collect(child.stdout.take().expect("stdout"));
        let stderr = collect(child.stderr.take().expect("stderr"));
        let mut server = Server { child, port: 0, stdout, stderr };
        server.port = wait_for("the address line", || {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("serve exited with {status}: {}", server.stderr());
            }
            let stdout = server.stdout();
            let rest = stdout.split("serving http://127.0.0.1:").nth(1)?;
            let (port, after) = rest.split_once('/')?;
            assert!(after.starts_with(" (Ctrl-C to stop)\n"), "{stdout}");
            port.parse().ok()
        });
        server
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// `GET path` as sent, byte for byte.
    fn get(&self, path: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port)
            .expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read the response");
        Reply::parse(&bytes)
    }

    fn generation(&self) -> u64 {
        let reply = self.get("/__trendfeed/version");
        assert_eq!(reply.status, 200);
        reply.text().trim().parse().expect("a number")
    }

    /// Waits until a build after generation `since` has finished.
    fn wait_for_build_after(&self, since: u64) -> u64 {
        wait_for("a new build", || Some(self.generation()).filter(|&g| g > since))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
        let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
            .collect();
        Reply { status, headers, body: bytes[end + 4..].to_vec() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A served page without its live-reload script (which names the build generation).
fn without_script(page: &str) -> String {
    let start = page.rfind("<script>").expect("the script");
    let end = page[start..].find("</script>\n").expect("its end") + start + "</script>\n".len();
    format!("{}{}", &page[..start], &page[end..])
}

#[test]
fn pages_and_feeds_are_served_with_their_types() {
    let project = Project::samples();
    let server = Server::start(&project, &[]);
    assert!(server.stdout().starts_with("built out from 5 issues (82 items): 33 feeds, "), "{}", server.stdout());
    for (path, file, content_type) in [
        ("/feeds/news.rss", "feeds/news.rss", "application/xml"),
        ("/feeds/all.atom", "feeds/all.atom", "application/xml"),
        ("/feeds/tools.json", "feeds/tools.json", "application/feed+json"),
        ("/trends/trends.svg", "trends/trends.svg", "image/svg+xml"),
        ("/trends/trends.csv", "trends/trends.csv", "text/csv; charset=utf-8"),
        ("/items.csv?download=1", "items.csv", "text/csv; charset=utf-8"),
        ("/style.css", "style.css", "text/css; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(content_type), "{path}");
        assert!(reply.body == std::fs::read(project.out().join(file)).unwrap(), "{path}: not the file of out/");
        assert_eq!(reply.header("content-length"), Some(reply.body.len().to_string().as_str()), "{path}");
    }
    // Pages are the file of out/ with the live-reload script before `</body>`.
    for (path, file) in [("/", "index.html"), ("/index.html", "index.html"), ("/issues/346.html", "issues/346.html")] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        let page = project.read_out(file);
        let body_end = page.rfind("</body>").expect("</body>");
        let served = reply.text();
        assert!(served.starts_with(&page[..body_end]), "{path}");
        assert!(served.ends_with(&page[body_end..]), "{path}");
        assert!(served[body_end..].starts_with("<script>"), "{path}");
        assert!(served.contains("/__trendfeed/version"), "{path}");
    }
    // out/ itself never holds the script.
    assert!(!project.read_out("index.html").contains("__trendfeed"));
    assert_eq!(server.get("/no-such-page.html").status, 404);
    let trends = server.get("/trends");
    assert_eq!((trends.status, trends.header("location")), (301, Some("/trends/")));
    assert_eq!(server.get("/__trendfeed/error").text(), "");
}

#[test]
fn a_changed_issue_appears_within_seconds() {
    let project = Project::samples();
    let server = Server::start(&project, &[]);
    let before = server.generation();
    assert!(!server.get("/feeds/all.rss").text().contains("Zanzibar"));
    let path = project.issues().join("2017-08-13-346.md");
    let issue = std::fs::read_to_string(&path).unwrap();
    let edited = issue.replacen("Some solid advanced topics this week", "Zanzibar topics this week", 1);
    assert_ne!(edited, issue);
    std::fs::write(&path, edited).unwrap();
    wait_for("the edit in the served feed", || server.get("/feeds/all.rss").text().contains("Zanzibar").then_some(()));
    assert!(server.generation() > before);
    assert!(server.get("/issues/346.html").text().contains("Zanzibar topics this week"));
    wait_for("the change line", || server.stderr().contains("change: ").then_some(()));
    assert!(server.stderr().contains("2017-08-13-346.md"), "{}", server.stderr());

    // A new issue is a change too.
    let since = server.generation();
    let new = issue
        .replace("title: DEVOPS WEEKLY ISSUE \\#346", "title: DEVOPS WEEKLY ISSUE \\#347")
        .replace("date: 2017-08-13T12:59:06+01:00", "date: 2017-08-20T12:59:06+01:00");
    project.write_issue("2017-08-20-347.md", new);
    server.wait_for_build_after(since);
    wait_for("the new issue's page", || (server.get("/issues/347.html").status == 200).then_some(()));
}

#[test]
fn an_invalid_edit_keeps_the_old_site_and_reports_the_error() {
    let project = Project::samples();
    let server = Server::start(&project, &[]);
    let before = snapshot(&project.out());
    let home = without_script(&server.get("/").text());
    let generation = server.generation();

    let path = project.issues().join("2017-08-13-346.md");
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, "---\ntitle: Issue 346\ndate: 2017-08-13\n\nNews\n====\n").unwrap();
    // Polled until it names the file: a build may have seen the file half-written.
    let error = wait_for("the error", || {
        Some(server.get("/__trendfeed/error").text()).filter(|e| e.contains("2017-08-13-346.md:1:1"))
    });
    assert!(error.starts_with("error: front matter opened with `---` is never closed\n"), "{error}");
    assert!(error.contains(" --> issues/2017-08-13-346.md:1:1\n"), "{error}");
    assert!(error.ends_with("error: 1 invalid issue file; nothing was written\n"), "{error}");
    assert!(server.generation() > generation);
    wait_for("the error in the terminal", || {
        server.stderr().contains("error: 1 invalid issue file; nothing was written").then_some(())
    });
    let stderr = server.stderr();
    assert!(stderr.contains(" --> issues/2017-08-13-346.md:1:1\n"), "{stderr}");
    assert!(stderr.contains("serving the last good build until the next change"), "{stderr}");
    // The last good site is still served, and out/ is as it was.
    assert!(without_script(&server.get("/").text()) == home, "the home page changed");
    assert_eq!(server.get("/feeds/news.rss").status, 200);
    assert_eq!(snapshot(&project.out()), before);

    // Fixed: the error clears and the site is built again.
    let failed = server.generation();
    std::fs::write(&path, good).unwrap();
    server.wait_for_build_after(failed);
    wait_for("the error to clear", || server.get("/__trendfeed/error").text().is_empty().then_some(()));
    assert_eq!(snapshot(&project.out()), before);
}

#[test]
fn a_changed_configuration_is_built_again() {
    let project = Project::samples();
    let server = Server::start(&project, &[]);
    assert!(server.get("/feeds/news.rss").text().contains("<title>DevOps Weekly — News</title>"));
    let config = project.path().join("trendfeed.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let renamed = text.replacen("title = \"DevOps Weekly\"", "title = \"Ops Digest\"", 1);
    assert_ne!(renamed, text);
    // As editors save: a new file renamed over the old one.
    std::fs::write(project.path().join("trendfeed.toml.new"), renamed).unwrap();
    std::fs::rename(project.path().join("trendfeed.toml.new"), &config).unwrap();
    wait_for("the new title", || {
        server.get("/feeds/news.rss").text().contains("<title>Ops Digest — News</title>").then_some(())
    });
}

#[test]
fn an_archive_invalid_from_the_start_is_served_once_fixed() {
    let project = Project::samples();
    let path = project.issues().join("2017-08-13-346.md");
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, "---\ntitle: Issue 346\ndate: 2017-08-13\n\nNews\n====\n").unwrap();
    let server = Server::start(&project, &[]);
    assert!(!project.out().join("index.html").exists());
    let error = server.get("/__trendfeed/error").text();
    assert!(error.contains(" --> issues/2017-08-13-346.md:1:1\n"), "{error}");
    // Nothing to serve yet: a 404 page that carries the reload script.
    let home = server.get("/");
    assert_eq!(home.status, 404);
    assert!(home.text().contains("/__trendfeed/error"));
    let failed = server.generation();
    std::fs::write(&path, good).unwrap();
    server.wait_for_build_after(failed);
    wait_for("the home page", || (server.get("/").status == 200).then_some(()));
    assert_eq!(server.get("/__trendfeed/error").text(), "");
}

#[test]
fn a_missing_issues_folder_is_an_error() {
    let project = Project::samples();
    let output = project.run(&["serve", "--port", "0", "--issues", "nowhere"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "error: issues folder `nowhere` does not exist or is not a folder\n");
}

#[test]
fn paths_outside_out_are_refused() {
    let project = Project::samples();
    std::fs::write(project.path().join("secret.txt"), "do not serve me").unwrap();
    let server = Server::start(&project, &[]);
    for path in [
        "/../secret.txt",
        "/../trendfeed.toml",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/feeds/../../secret.txt",
        "/feeds/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/../issues/2017-08-13-346.md",
    ] {
        let reply = server.get(path);
        assert!(reply.status == 400 || reply.status == 404, "{path}: {}", reply.status);
        let text = reply.text();
        assert!(!text.contains("do not serve me") && !text.contains("title = ") && !text.contains("DEVOPS WEEKLY"));
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let project = Project::samples();
    let mut server = Server::start(&project, &[]);
    let before = snapshot(&project.out());
    // SAFETY: kill(2) with the pid of our own child process.
    let sent = unsafe { libc::kill(server.child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0);
    let status = wait_for("serve to stop", || server.child.try_wait().expect("wait"));
    assert!(status.success(), "{status}: {}", server.stderr());
    wait_for("the last line", || server.stderr().ends_with("stopped\n").then_some(()));
    assert_eq!(snapshot(&project.out()), before, "out/ changed on stopping");
    let names: Vec<_> = walkdir::WalkDir::new(project.path())
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
    assert!(TcpStream::connect(("127.0.0.1", server.port)).is_err(), "still listening");
}

#[test]
fn a_port_in_use_is_an_error() {
    let project = Project::samples();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = project.run(&["serve", "--port", &port]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("error: cannot listen on 127.0.0.1:{port}: ")), "{stderr}");
    assert!(!project.out().exists(), "built though it cannot serve");
}

#[test]
fn open_without_a_browser_still_serves() {
    let project = Project::samples();
    // No launcher can be found: `--open` warns and the site is served.
    let server = Server::start_with(&project, &["--open"], |command| {
        command.env("PATH", "");
    });
    wait_for("the warning", || server.stderr().contains("warning: cannot open a web browser").then_some(()));
    assert_eq!(server.get("/").status, 200);
}
