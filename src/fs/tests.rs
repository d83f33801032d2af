//! Tests of the [`Publisher`]: what it owns, replaces, removes and keeps.

use super::*;

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let slash = if e.file_type().is_dir() { "/" } else { "" };
            format!("{}{slash}", e.path().strip_prefix(dir).unwrap().display())
        })
        .collect();
    names.sort();
    names
}

#[test]
fn finish_removes_only_listed_files_no_longer_written() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("keep.txt", b"old").unwrap();
    publisher.write("feeds/old/gone.rss", b"x").unwrap();
    assert_eq!(publisher.finish().unwrap().files, 2);
    assert_eq!(std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap(), "feeds/old/gone.rss\nkeep.txt\n");
    std::fs::write(dir.path().join("CNAME"), "example.org").unwrap();
    std::fs::write(dir.path().join("feeds/mine.txt"), "mine").unwrap();

    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("keep.txt", b"new").unwrap();
    publisher.write("feeds/news.rss", b"feed").unwrap();
    assert_eq!(publisher.finish().unwrap().files, 2);
    assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "new");
    assert_eq!(
        listing(dir.path()),
        [".trendfeed-manifest", "CNAME", "feeds/", "feeds/mine.txt", "feeds/news.rss", "keep.txt"]
    );
    assert_eq!(std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap(), "feeds/news.rss\nkeep.txt\n");
}

#[test]
fn a_folder_of_the_users_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("NOTES.txt"), "mine").unwrap();
    std::fs::create_dir(dir.path().join("photos")).unwrap();
    let Err(error) = Publisher::site(dir.path(), false) else { panic!("not refused") };
    let message = error.to_string();
    assert!(error.is::<Refused>());
    assert!(message.contains("is not empty and holds no .trendfeed-manifest"), "{message}");
    assert!(message.contains(": NOTES.txt, photos/; "), "{message}");

    let publisher = Publisher::site(dir.path(), true).unwrap();
    publisher.write("NOTES.txt", b"generated").unwrap();
    publisher.write("index.html", b"<p>").unwrap();
    let published = publisher.finish().unwrap();
    assert_eq!(published.replaced, [PathBuf::from("NOTES.txt")]);
    assert_eq!(listing(dir.path()), [".trendfeed-manifest", "NOTES.txt", "index.html", "photos/"]);
}

#[test]
fn a_file_of_the_users_at_an_output_path_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("index.html", b"<p>").unwrap();
    publisher.finish().unwrap();
    std::fs::write(dir.path().join("robots.txt"), "User-agent: *").unwrap();
    let mut publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("index.html", b"<p>new").unwrap();
    publisher.write("robots.txt", b"generated").unwrap();
    publisher.write("trends/a.csv", b"a").unwrap();
    let error = publisher.commit().unwrap_err();
    assert!(error.is::<Refused>());
    assert!(
        error
            .to_string()
            .starts_with(&format!("{} was not written by trendfeed", dir.path().join("robots.txt").display()))
    );
    drop(publisher);
    assert_eq!(std::fs::read_to_string(dir.path().join("robots.txt")).unwrap(), "User-agent: *");
    assert_eq!(std::fs::read_to_string(dir.path().join("index.html")).unwrap(), "<p>");
    assert_eq!(listing(dir.path()), [".trendfeed-manifest", "index.html", "robots.txt"]);
}

#[cfg(unix)]
#[test]
fn a_refused_build_leaves_the_mode_of_a_users_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("index.html", b"<p>").unwrap();
    publisher.finish().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    std::fs::set_permissions(dir.path().join("notes.txt"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("notes.txt", b"mine").unwrap();
    assert!(publisher.commit().unwrap_err().is::<Refused>());
    let mode = std::fs::metadata(dir.path().join("notes.txt")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_manifest_never_leads_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(dir.path().join("precious"), "x").unwrap();
    std::fs::write(out.join(MANIFEST), "../precious\n").unwrap();
    let Err(error) = Publisher::site(&out, false) else { panic!("not refused") };
    assert!(error.to_string().ends_with(":1: `../precious` is not a path inside the folder; remove the line"));
    assert!(dir.path().join("precious").exists());
}

#[test]
fn temporary_files_of_a_killed_build_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("feeds/a.rss", b"a").unwrap();
    publisher.finish().unwrap();
    std::fs::write(dir.path().join("feeds/.trendfeed-tmpAbC123"), "half").unwrap();
    std::fs::write(dir.path().join("feeds/.tmpAbC123"), "not ours").unwrap();
    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("feeds/a.rss", b"a").unwrap();
    publisher.finish().unwrap();
    assert_eq!(listing(dir.path()), [".trendfeed-manifest", "feeds/", "feeds/.tmpAbC123", "feeds/a.rss"]);

    // Killed before it wrote a manifest: its folder is not refused.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir_all(fresh.join("issues")).unwrap();
    std::fs::write(fresh.join("issues/.trendfeed-tmpAbC123"), "half").unwrap();
    let publisher = Publisher::site(&fresh, false).unwrap();
    publisher.write("issues/1.html", b"1").unwrap();
    publisher.finish().unwrap();
    assert_eq!(listing(&fresh), [".trendfeed-manifest", "issues/", "issues/1.html"]);
}

#[cfg(unix)]
#[test]
fn published_files_are_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::new(dir.path()).unwrap();
    publisher.write("index.html", b"<p>hi</p>").unwrap();
    publisher.finish().unwrap();
    let mode = std::fs::metadata(dir.path().join("index.html")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn nothing_changes_until_commit_and_a_dropped_publisher_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "old").unwrap();
    let publisher = Publisher::new(dir.path()).unwrap();
    publisher.write("keep.txt", b"new").unwrap();
    publisher.write("pages/a.html", b"a").unwrap();
    let mut big = publisher.stager().create("big.csv", 1024).unwrap();
    big.write_all(b"x,y\n").unwrap();
    publisher.add(big.done().unwrap()).unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "old");
    assert!(!dir.path().join("pages/a.html").exists() && !dir.path().join("big.csv").exists());
    drop(publisher);
    let left: Vec<_> = walkdir::WalkDir::new(dir.path())
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    assert_eq!(left, [dir.path().join("keep.txt")], "temporary files are removed");

    let fresh = dir.path().join("fresh");
    let publisher = Publisher::site(&fresh, false).unwrap();
    publisher.write("a/b/c.html", b"c").unwrap();
    assert!(fresh.join("a/b").is_dir());
    drop(publisher);
    assert!(!fresh.exists(), "the folders the failed build made are removed");

    std::fs::create_dir(dir.path().join("pages")).unwrap();
    let publisher = Publisher::site(dir.path(), true).unwrap();
    publisher.write("pages/new/a.html", b"a").unwrap();
    publisher.write("trends/a.csv", b"a").unwrap();
    drop(publisher);
    assert_eq!(listing(dir.path()), ["keep.txt", "pages/"], "no new folder is left");
}

#[test]
fn unchanged_files_keep_their_date() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = Publisher::new(dir.path()).unwrap();
    publisher.write("a.txt", b"same").unwrap();
    let mut big = publisher.stager().create("big.csv", 1024).unwrap();
    big.write_all(b"1,2\n").unwrap();
    publisher.add(big.done().unwrap()).unwrap();
    publisher.finish().unwrap();
    let date = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().modified().unwrap();
    let before = (date("a.txt"), date("big.csv"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let publisher = Publisher::new(dir.path()).unwrap();
    publisher.write("a.txt", b"same").unwrap();
    let mut big = publisher.stager().create("big.csv", 1024).unwrap();
    big.write_all(b"1,2\n").unwrap();
    publisher.add(big.done().unwrap()).unwrap();
    assert_eq!(publisher.finish().unwrap().files, 2);
    assert_eq!((date("a.txt"), date("big.csv")), before);
}

#[test]
fn a_file_written_again_leaves_one_temporary_file_until_commit() {
    let dir = tempfile::tempdir().unwrap();
    let temporary = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with(TEMP_PREFIX))
            .collect();
        names.sort();
        names
    };
    let publisher = Publisher::site(dir.path(), false).unwrap();
    publisher.write("a.html", b"first").unwrap();
    publisher.write("b.html", b"b").unwrap();
    assert_eq!(temporary(dir.path()).len(), 2);
    publisher.write("a.html", b"second").unwrap();
    let staged = temporary(dir.path());
    assert_eq!(staged.len(), 2, "the first version's temporary file is removed: {staged:?}");
    assert!(staged.iter().all(|name| name.len() == TEMP_PREFIX.len() + 6), "{staged:?}");
    assert!(publisher.contains("a.html") && !publisher.contains("c.html"));
    assert_eq!(publisher.finish().unwrap().files, 2);
    assert_eq!(std::fs::read_to_string(dir.path().join("a.html")).unwrap(), "second");
    assert_eq!(temporary(dir.path()), Vec::<String>::new());
    assert_eq!(listing(dir.path()), [".trendfeed-manifest", "a.html", "b.html"]);
}
