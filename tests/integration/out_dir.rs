//! `out/` belongs to trendfeed only where trendfeed wrote: the files listed
//! in `out/.trendfeed-manifest`. Everything else in the folder is the
//! user's, and a refused or failed build leaves the folder as it was.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Project, stderr};

/// Every entry below `dir` (folders end with `/`) with the SHA-1 of each
/// file's bytes: what "left as it was" compares.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.expect("walk"))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("prefix").display().to_string();
            if e.file_type().is_dir() {
                (format!("{relative}/"), String::new())
            } else {
                (relative, sha1_smol::Sha1::from(std::fs::read(e.path()).expect("read")).digest().to_string())
            }
        })
        .collect()
}

fn manifest(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(".trendfeed-manifest")).expect("manifest").lines().map(str::to_owned).collect()
}

/// The files below `dir`, but the manifest.
fn files(dir: &Path) -> Vec<String> {
    tree(dir).into_keys().filter(|p| !p.ends_with('/') && p != ".trendfeed-manifest").collect()
}

#[test]
fn out_dot_over_a_project_folder_is_refused_and_deletes_nothing() {
    let project = Project::samples();
    std::fs::write(project.path().join("NOTES.txt"), "my notes").unwrap();
    std::fs::create_dir_all(project.path().join(".git/refs")).unwrap();
    std::fs::write(project.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let before = tree(project.path());
    for args in
        [&["build", "--out", "."][..], &["build", "--out", ".", "--force"], &["--quiet", "build", "--out", "./"]]
    {
        let output = project.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&output),
            "error: --out `.` holds the issues folder `issues`; choose another folder\n"
                .replace("`.`", &format!("`{}`", args[args.iter().position(|a| *a == "--out").unwrap() + 1])),
        );
        assert_eq!(tree(project.path()), before, "{args:?} changed the project folder");
    }
    // Elsewhere than the issues' parent, the configuration's folder and the git root are refused too.
    std::fs::create_dir(project.path().join("conf")).unwrap();
    std::fs::copy(project.path().join("trendfeed.toml"), project.path().join("conf/site.toml")).unwrap();
    std::fs::create_dir(project.path().join("static")).unwrap();
    let before = tree(project.path());
    for (args, message) in [
        (&["build", "--out", "issues"][..], "--out `issues` is inside the issues folder `issues`"),
        (
            &["build", "--config", "conf/site.toml", "--out", "conf"],
            "--out `conf` is or holds the folder of the configuration file `conf/site.toml`",
        ),
        (&["build", "--out", "static"], "--out `static` is, holds or is inside the static folder `./static`"),
        (&["build", "--out", "static/site"], "--out `static/site` is, holds or is inside the static folder `./static`"),
    ] {
        let output = project.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output), format!("error: {message}; choose another folder\n"), "{args:?}");
        assert_eq!(tree(project.path()), before, "{args:?} changed the project folder");
    }
    // The git work tree's root, holding neither the issues nor the configuration.
    let elsewhere = Project::samples();
    std::fs::remove_dir_all(project.issues()).unwrap();
    std::fs::remove_file(project.path().join("trendfeed.toml")).unwrap();
    let (issues, config) = (elsewhere.issues(), elsewhere.path().join("trendfeed.toml"));
    let args = ["build", "--issues", issues.to_str().unwrap(), "--config", config.to_str().unwrap(), "--out", "."];
    let before = tree(project.path());
    let output = project.run(&args);
    assert_eq!(output.status.code(), Some(2));
    let root = project.path().canonicalize().unwrap();
    assert_eq!(
        stderr(&output),
        format!(
            "error: --out `.` is or holds the root of the git work tree `{}`; choose another folder\n",
            root.display()
        )
    );
    assert_eq!(tree(project.path()), before);
}

#[test]
fn a_folder_of_the_users_needs_force_and_its_files_survive() {
    let project = Project::samples();
    let site = project.path().join("site");
    std::fs::create_dir_all(site.join("photos")).unwrap();
    std::fs::write(site.join("photos/cat.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    std::fs::write(site.join("thesis.txt"), "chapter 1").unwrap();
    std::fs::write(site.join("CNAME"), "feeds.example.org\n").unwrap();
    let before = tree(&site);
    let output = project.run(&["build", "--out", "site"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: `site` is not empty and holds no .trendfeed-manifest (the list of the files trendfeed wrote): \
         CNAME, photos/, thesis.txt; build into a new or empty folder, or pass --force to build into this one \
         (its files are kept, except those at the paths of outputs, which are replaced)\n"
    );
    assert_eq!(tree(&site), before);

    let output = project.run(&["build", "--out", "site", "--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let after = tree(&site);
    for (path, hash) in &before {
        assert_eq!(after.get(path), Some(hash), "{path} changed");
    }
    // Only outputs were written, and only they are listed.
    let reference = project.path().join("reference");
    assert!(project.run(&["build", "--out", "reference"]).status.success());
    let outputs = files(&reference);
    let sorted = |mut paths: Vec<String>| {
        paths.sort();
        paths
    };
    assert_eq!(sorted(manifest(&site)), sorted(outputs.clone()));
    let mut expected: Vec<String> = outputs.clone();
    expected.extend(["CNAME", "photos/cat.jpg", "thesis.txt"].map(String::from));
    expected.sort();
    assert_eq!(files(&site), expected);
    // The next build needs no --force.
    let output = project.run(&["build", "--out", "site"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(tree(&site), after);
}

#[test]
fn a_site_of_an_older_trendfeed_is_adopted_with_force_once() {
    let project = Project::samples();
    project.build();
    std::fs::remove_file(project.out().join(".trendfeed-manifest")).unwrap();
    std::fs::write(project.out().join("feeds/gone.rss"), "<rss/>").unwrap();
    let before = tree(&project.out());
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "error: `out` holds no .trendfeed-manifest (the list of the files trendfeed wrote) but looks like a \
             site built by an older trendfeed (404.html, archive.html, explore.html, explore/, favicon.svg and 10 more); \
             pass --force once"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(tree(&project.out()), before);
    let output = project.run(&["build", "--force"]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("note: --force: replaced 84 files that no manifest listed: 404.html, archive.html, ")
    );
    // A file the old build wrote and this one does not is not known to be ours: it stays.
    assert!(project.out().join("feeds/gone.rss").exists());
    assert!(!manifest(&project.out()).contains(&"feeds/gone.rss".to_owned()));
    project.build();
}

#[test]
fn cname_and_static_files_survive_ten_builds() {
    let project = Project::samples();
    std::fs::create_dir_all(project.path().join("static/img")).unwrap();
    std::fs::write(project.path().join("static/robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(project.path().join("static/.nojekyll"), "").unwrap();
    std::fs::write(project.path().join("static/img/logo.svg"), "<svg/>").unwrap();
    project.build();
    std::fs::write(project.out().join("CNAME"), "feeds.example.org\n").unwrap();
    std::fs::write(project.out().join("feeds/README.txt"), "mine").unwrap();
    let first = tree(&project.out());
    for n in 0..10 {
        // Issues come and go between builds.
        let moved = project.path().join("aside.md");
        if n % 2 == 0 {
            std::fs::rename(project.issues().join("2017-08-13-346.md"), &moved).unwrap();
        } else {
            std::fs::rename(&moved, project.issues().join("2017-08-13-346.md")).unwrap();
        }
        project.build();
        assert_eq!(project.read_out("CNAME"), "feeds.example.org\n", "build {n}");
        assert_eq!(project.read_out("feeds/README.txt"), "mine", "build {n}");
        assert_eq!(project.read_out("robots.txt"), "User-agent: *\n", "build {n}");
        assert_eq!(project.read_out("img/logo.svg"), "<svg/>", "build {n}");
        assert!(project.out().join(".nojekyll").is_file(), "build {n}");
        let listed = manifest(&project.out());
        for name in ["robots.txt", ".nojekyll", "img/logo.svg"] {
            assert!(listed.contains(&name.to_owned()), "build {n}: {name} not listed");
        }
        for name in ["CNAME", "feeds/README.txt"] {
            assert!(!listed.contains(&name.to_owned()), "build {n}: {name} listed");
        }
        if n % 2 == 0 {
            assert!(!project.out().join("issues/346.html").exists(), "build {n}");
        }
    }
    assert_eq!(tree(&project.out()), first);

    // A static file dropped from static/ is removed from out/, its folder too.
    std::fs::remove_file(project.path().join("static/img/logo.svg")).unwrap();
    project.build();
    assert!(!project.out().join("img").exists());
    // A static file at the path of an output is refused, naming it.
    std::fs::write(project.path().join("static/index.html"), "<p>mine</p>").unwrap();
    let before = tree(&project.out());
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: `./static/index.html` has the path of a file the build writes (`index.html` in the output folder); \
         rename it\n"
    );
    assert_eq!(tree(&project.out()), before);
}

#[test]
fn removing_a_section_deletes_only_its_feeds_and_page() {
    let project = Project::samples();
    project.build();
    std::fs::write(project.out().join("feeds/custom.xml"), "<mine/>").unwrap();
    let before = files(&project.out());
    assert!(before.contains(&"feeds/events.rss".to_owned()));
    let path = project.issues().join("2017-02-26-322.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (text.find("Events\n======\n").unwrap(), text.find("Tools\n=====\n").unwrap());
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    project.build();
    let after = files(&project.out());
    let gone: Vec<&String> = before.iter().filter(|p| !after.contains(p)).collect();
    assert_eq!(gone, ["feeds/events.atom", "feeds/events.json", "feeds/events.rss", "sections/events.html"]);
    assert!(after.iter().all(|p| before.contains(p)), "no new file");
    assert_eq!(project.read_out("feeds/custom.xml"), "<mine/>");
}

#[test]
fn a_failed_build_leaves_out_as_it_was() {
    let project = Project::samples();
    // Not UTF-8: an invalid issue.
    let invalid = b"---\ntitle: Broken \xff\ndate: 2018-01-01\n---\nNews\n====\n\nA [link](https://example.org).\n";

    // No out/ yet: none is left.
    project.write_issue("2018-01-01-400.md", invalid);
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!project.out().exists(), "{:?}", tree(&project.out()));
    std::fs::remove_file(project.issues().join("2018-01-01-400.md")).unwrap();

    // A built out/ whose folders the user removed, and files of the user's.
    project.build();
    std::fs::write(project.out().join("CNAME"), "feeds.example.org\n").unwrap();
    std::fs::remove_dir_all(project.out().join("trends")).unwrap();
    std::fs::remove_dir_all(project.out().join("issues")).unwrap();
    std::fs::create_dir(project.out().join("empty")).unwrap();
    let before = tree(&project.out());
    project.write_issue("2018-01-01-400.md", invalid);
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(tree(&project.out()), before, "no new folder, no changed file");
    let output = project.run(&["build", "--out", "elsewhere/site"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!project.path().join("elsewhere").exists());

    // Refused for a clash with a file of the user's, found once every output is staged.
    let text = std::fs::read_to_string(project.issues().join("2017-08-13-346.md")).unwrap();
    let text = text.replace("#346 - 13th August", "#400 - 1st January").replace("2017-08-13T", "2018-01-01T");
    project.write_issue("2018-01-01-400.md", text);
    std::fs::create_dir(project.out().join("issues")).unwrap();
    std::fs::write(project.out().join("issues/400.html"), "<p>mine</p>").unwrap();
    let before = tree(&project.out());
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: out/issues/400.html was not written by trendfeed (not in `out/.trendfeed-manifest`) and would \
         be replaced by an output; move it away, or pass --force to replace it\n"
    );
    assert_eq!(tree(&project.out()), before);
    assert!(project.run(&["build", "--force"]).status.success());
    assert_ne!(project.read_out("issues/400.html"), "<p>mine</p>");
}

#[test]
fn emerging_lists_its_files_so_a_later_build_needs_no_force() {
    let project = Project::samples();
    let output = project.run(&["emerging", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        manifest(&project.out()),
        ["spreadsheet/trends/emerging.csv", "trends/emerging.csv", "trends/emerging.svg"]
    );
    project.build();
    assert_eq!(manifest(&project.out()).len(), 84);
    // Into a folder of the user's, emerging is refused too.
    std::fs::create_dir(project.path().join("site")).unwrap();
    std::fs::write(project.path().join("site/CNAME"), "x").unwrap();
    let output = project.run(&["emerging", "--out", "site"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(files(&project.path().join("site")), ["CNAME"]);
}
