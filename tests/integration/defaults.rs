//! An archive without a configuration file: the title, the topics and the
//! rest of the newsletter's own settings come from the archive (as `init`
//! would write them), never from the repository's own newsletter.

use std::path::{Path, PathBuf};

use trendfeed::config::Config;

use crate::util::{Project, stderr};

/// Three NixOS Weekly issues and an unreadable draft (see
/// `tests/fixtures/init/README.md`).
fn nixos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init/nixos-weekly/issues")
}

/// A folder without a `trendfeed.toml` (its `issues/` is not used).
fn bare() -> Project {
    Project::from_dir(&nixos())
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_build_without_configuration_takes_its_settings_from_the_archive() {
    let project = bare();
    let issues = nixos();
    let issues = issues.to_str().unwrap();
    let init = project.run(&["init", "--stdout", "--issues", issues]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    let suggested = Config::from_toml(&stdout(&init)).unwrap();
    let build = project.run(&["build", "--issues", issues, "--skip-invalid"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("note: feeds link to localhost; set base_url in trendfeed.toml before publishing\n"),
        "{}",
        stderr(&build)
    );

    // The folder's name, as counted by hand in the fixture's README.
    let home = project.read_out("index.html");
    assert!(home.contains("<title>Nixos Weekly</title>") && home.contains("<h1>Nixos Weekly</h1>"), "{home}");
    assert!(home.contains("<p>The Nixos Weekly newsletter, one feed per section.</p>"), "{home}");
    assert!(home.contains("Topics chosen automatically from the archive"), "{home}");
    let news = project.read_out("feeds/news.rss");
    assert!(news.contains("<title>Nixos Weekly — News</title>"), "{news}");

    // The topics are those `init` suggests, in its order; Nix first.
    let wide = project.read_out("trends/trends-wide.csv");
    let header: Vec<&str> = wide.lines().next().unwrap().split(',').skip(2).collect();
    let names: Vec<&str> = suggested.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(header, names);
    assert_eq!(names.first(), Some(&"Nix"));
    // `nix` as a word, outside Jobs and the boilerplate: 9 of the 23 items
    // (the fixture's README); 9 of the items.csv rows of counted sections.
    let mentions: usize = project
        .read_out("trends/trends.csv")
        .lines()
        .filter(|l| l.contains(",Nix,"))
        .map(|l| l.split(',').nth(4).unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(mentions, 9);

    // Nothing of the repository's own newsletter (the archive itself
    // mentions DevOps, Docker and Kubernetes).
    for entry in walkdir::WalkDir::new(project.out()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_lowercase();
            assert!(!text.contains("devops weekly"), "{}", entry.path().display());
        }
    }
    assert!(names.iter().all(|n| !["Docker", "Kubernetes", "Unikernels"].contains(n)), "{names:?}");
}

#[test]
fn the_trend_table_says_when_its_topics_were_chosen() {
    let project = bare();
    let note = "topics chosen automatically: the terms in most items and the fastest rising";
    // `trends` refuses an archive with an unreadable file: the draft goes.
    std::fs::remove_file(project.issues().join("01.md")).unwrap();
    let table = project.run(&["trends"]);
    assert_eq!(table.status.code(), Some(0), "{}", stderr(&table));
    assert!(stdout(&table).contains(note), "{}", stdout(&table));
    assert!(stdout(&table).contains("Nix"), "{}", stdout(&table));
    let named = project.run(&["trends", "--topic", "Flakes=flake"]);
    assert_eq!(named.status.code(), Some(0), "{}", stderr(&named));
    assert!(!stdout(&named).contains(note), "{}", stdout(&named));
    // A configuration naming topics and a public base_url: no note, no
    // inferred topic, the configured title.
    std::fs::write(
        project.path().join("trendfeed.toml"),
        "title = \"NixOS Weekly\"\nbase_url = \"https://weekly.nixos.org/\"\n[[topics]]\nname = \"Flakes\"\nterms = [\"flake\"]\n",
    )
    .unwrap();
    let build = project.run(&["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(!stderr(&build).contains("localhost"), "{}", stderr(&build));
    let home = project.read_out("index.html");
    assert!(home.contains("<h1>NixOS Weekly</h1>") && !home.contains("chosen automatically"), "{home}");
    let wide = project.read_out("trends/trends-wide.csv");
    assert_eq!(wide.lines().next().unwrap(), "start,period,Flakes");
}
