//! Answers one request of `trendfeed serve`: a file of `out/` with its
//! content type, the live-reload endpoints, or a refusal.
//!
//! Only files below the output folder are served: the path is decoded,
//! then any `.` or `..` segment, backslash or NUL is refused before it
//! touches the filesystem, and what is found is checked again after
//! symbolic links are resolved. Folders are served by their `index.html`;
//! there are no folder listings. The request itself is parsed by
//! `tiny_http`; nothing here reads a socket.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

use super::State;

/// Where the page script asks for the build generation.
pub const VERSION_PATH: &str = "/__trendfeed/version";
/// Where the page script asks for the last build's errors (empty when it succeeded).
pub const ERROR_PATH: &str = "/__trendfeed/error";

const LIVE_RELOAD: &str = include_str!("livereload.js");

/// A response, before it is handed to the HTTP server.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Where a redirect points.
    pub location: Option<String>,
}

impl Reply {
    fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply { status, content_type: "text/plain; charset=utf-8", body: body.into().into_bytes(), location: None }
    }
}

/// What a request path names below the root.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder named without its trailing `/`: redirect there, so that
    /// the relative links of its `index.html` work.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the root, or that cannot be a file name.
    Refused,
}

/// Answers a request for `url` (the request target as sent: path and query).
pub fn reply(method: &str, url: &str, root: &Path, state: &State) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::text(405, "only GET and HEAD are served\n");
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    match path {
        VERSION_PATH => return Reply::text(200, state.generation().to_string()),
        ERROR_PATH => return Reply::text(200, state.error().unwrap_or_default()),
        _ => {}
    }
    match resolve(root, url) {
        Target::File(file) => match std::fs::read(&file) {
            Ok(body) => {
                let content_type = content_type(&file, &body);
                let body = if content_type.starts_with("text/html") { inject(body, state.generation()) } else { body };
                Reply { status: 200, content_type, body, location: None }
            }
            Err(_) => not_found(path, state),
        },
        Target::Redirect(location) => Reply { location: Some(location), ..Reply::text(301, "moved\n") },
        Target::NotFound => not_found(path, state),
        Target::Refused => Reply::text(400, "refused: the path leaves the site's folder or is not a file name\n"),
    }
}

/// A 404 page that still carries the live-reload script, so that it shows
/// the build's errors and reloads once the page exists.
fn not_found(path: &str, state: &State) -> Reply {
    let path = pulldown_cmark_escape_html(path);
    let page = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
         <body><h1>Not found</h1><p><code>{path}</code> is not in the site. <a href=\"/\">Home</a></p></body></html>\n"
    );
    Reply {
        status: 404,
        content_type: "text/html; charset=utf-8",
        body: inject(page.into_bytes(), state.generation()),
        location: None,
    }
}

fn pulldown_cmark_escape_html(text: &str) -> String {
    let mut escaped = String::new();
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    escaped
}

/// Maps a request target to a file below `root`, refusing any path that
/// would leave it.
pub fn resolve(root: &Path, url: &str) -> Target {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Target::Refused;
    }
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return Target::Refused;
    };
    let mut path = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0']) || segment.contains(':') {
            return Target::Refused;
        }
        path.push(segment);
    }
    if path.is_dir() {
        if !decoded.ends_with('/') {
            let query = url.find('?').map_or("", |at| &url[at..]);
            return Target::Redirect(format!("{raw}/{query}"));
        }
        path.push("index.html");
    } else if decoded.ends_with('/') && decoded.len() > 1 {
        return Target::NotFound;
    }
    // Symbolic links must not lead out of the root either.
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(root)) if file.starts_with(&root) && file.is_file() => Target::File(path),
        _ => Target::NotFound,
    }
}

/// The content type of a file of the site, by its extension. `.rss` and
/// `.atom` are `application/xml` so that browsers show them with their
/// stylesheet instead of downloading them; `.json` is a JSON Feed when it
/// says so.
pub fn content_type(path: &Path, body: &[u8]) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "rss" | "atom" | "xml" => "application/xml",
        "xsl" | "xslt" => "text/xsl",
        "json" if is_json_feed(body) => "application/feed+json",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Whether a JSON file declares the JSON Feed version near its start.
fn is_json_feed(body: &[u8]) -> bool {
    let start = &body[..body.len().min(512)];
    memchr::memmem::find(start, b"https://jsonfeed.org/version/").is_some()
}

/// Adds the live-reload script before the last `</body>` (or at the end).
pub fn inject(html: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = format!("<script>{}</script>\n", LIVE_RELOAD.replace("__GENERATION__", &generation.to_string()));
    let lower: Cow<'_, [u8]> = if html.iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(html.to_ascii_lowercase())
    } else {
        Cow::Borrowed(&html)
    };
    let at = memchr::memmem::rfind(&lower, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("out/feeds")).unwrap();
        std::fs::write(dir.path().join("out/index.html"), "<html><body>home</body></html>").unwrap();
        std::fs::write(dir.path().join("out/feeds/index.html"), "<p>feeds</p>").unwrap();
        std::fs::write(dir.path().join("out/feeds/news.rss"), "<rss/>").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn slash_is_the_home_page() {
        let dir = site();
        let root = dir.path().join("out");
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/?x=1"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/feeds/"), Target::File(root.join("feeds/index.html")));
        assert_eq!(resolve(&root, "/feeds/news.rss"), Target::File(root.join("feeds/news.rss")));
        assert_eq!(resolve(&root, "/feeds/%6Eews.rss"), Target::File(root.join("feeds/news.rss")));
    }

    #[test]
    fn a_folder_without_its_slash_is_redirected() {
        let dir = site();
        let root = dir.path().join("out");
        assert_eq!(resolve(&root, "/feeds"), Target::Redirect("/feeds/".into()));
        assert_eq!(resolve(&root, "/feeds?a=b"), Target::Redirect("/feeds/?a=b".into()));
    }

    #[test]
    fn paths_out_of_the_root_are_refused() {
        let dir = site();
        let root = dir.path().join("out");
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/feeds/../../secret.txt",
            "/feeds/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/..\\secret.txt",
            "/..%5csecret.txt",
            "/./index.html",
            "/%00",
            "/%ff",
            "secret.txt",
            "http://example.org/",
        ] {
            assert_eq!(resolve(&root, url), Target::Refused, "{url}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_root_is_not_followed() {
        let dir = site();
        let root = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve(&root, "/link.txt"), Target::NotFound);
    }

    #[test]
    fn missing_files_are_not_found() {
        let dir = site();
        let root = dir.path().join("out");
        assert_eq!(resolve(&root, "/nothing.html"), Target::NotFound);
        assert_eq!(resolve(&root, "/index.html/"), Target::NotFound);
    }

    #[test]
    fn content_types_by_extension() {
        let feed = br#"{ "version": "https://jsonfeed.org/version/1.1", "title": "x" }"#;
        let cases: [(&str, &[u8], &str); 9] = [
            ("a.html", b"", "text/html; charset=utf-8"),
            ("feeds/all.rss", b"", "application/xml"),
            ("feeds/all.atom", b"", "application/xml"),
            ("feeds/all.json", feed, "application/feed+json"),
            ("data.json", b"[1, 2]", "application/json"),
            ("trends/trends.svg", b"", "image/svg+xml"),
            ("items.csv", b"", "text/csv; charset=utf-8"),
            ("style.CSS", b"", "text/css; charset=utf-8"),
            ("CNAME", b"", "application/octet-stream"),
        ];
        for (path, body, expected) in cases {
            assert_eq!(content_type(Path::new(path), body), expected, "{path}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = inject(b"<html><BODY>a</body><!-- </body> --></BODY></html>".to_vec(), 7);
        let text = String::from_utf8(html).unwrap();
        assert!(text.starts_with("<html><BODY>a</body><!-- </body> --><script>"), "{text}");
        assert!(text.ends_with("</script>\n</BODY></html>"), "{text}");
        assert!(text.contains("const served = \"7\";"), "{text}");
        let bare = String::from_utf8(inject(b"<p>x</p>".to_vec(), 1)).unwrap();
        assert!(bare.starts_with("<p>x</p><script>") && bare.ends_with("</script>\n"), "{bare}");
    }

    #[test]
    fn only_get_and_head_are_answered() {
        let dir = site();
        let state = State::default();
        assert_eq!(reply("POST", "/", &dir.path().join("out"), &state).status, 405);
        assert_eq!(reply("HEAD", "/", &dir.path().join("out"), &state).status, 200);
    }

    #[test]
    fn the_endpoints_tell_the_generation_and_the_error() {
        let dir = site();
        let root = dir.path().join("out");
        let state = State::default();
        state.finished(Some("error: issues/a.md:3: invalid date".into()));
        assert_eq!(reply("GET", VERSION_PATH, &root, &state).body, b"1");
        assert_eq!(reply("GET", ERROR_PATH, &root, &state).body, b"error: issues/a.md:3: invalid date");
        state.finished(None);
        assert_eq!(reply("GET", "/__trendfeed/version?t=1", &root, &state).body, b"2");
        assert_eq!(reply("GET", ERROR_PATH, &root, &state).body, b"");
    }

    #[test]
    fn a_missing_page_is_a_404_that_reloads() {
        let dir = site();
        let reply = reply("GET", "/gone/<b>.html", &dir.path().join("out"), &State::default());
        assert_eq!(reply.status, 404);
        let text = String::from_utf8(reply.body).unwrap();
        assert!(text.contains("<code>/gone/&lt;b&gt;.html</code>"), "{text}");
        assert!(text.contains("/__trendfeed/version"), "{text}");
    }
}
