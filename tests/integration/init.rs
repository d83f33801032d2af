//! `trendfeed init`: the file it writes reads back, holds what was inferred
//! (counted by hand on `tests/fixtures/init/`, see its README), and is never
//! written over without `--force`.

use std::path::{Path, PathBuf};

use trendfeed::config::Config;

use crate::util::{Project, samples_dir, stderr};

fn nixos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init/nixos-weekly/issues")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn init_on_a_small_archive_writes_what_was_counted_by_hand() {
    let project = Project::from_dir(&samples_dir());
    let issues = nixos();
    let output = project.run(&["init", "--issues", issues.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let note = stderr(&output);
    assert!(note.contains("wrote trendfeed.toml for 3 issues; 1 file could not be read and was left out"), "{note}");
    let path = project.path().join("trendfeed.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    for expected in [
        "# 3 issues, 2018-11-16 to 2019-03-13.\n# 1 file could not be read and left out",
        "# From the archive folder's name: the issue titles share no name.\ntitle = \"Nixos Weekly\"\n",
        "# Issues with recurring headings at each level (of 3 read): # in 3.\n",
        "\n# section_level = 1  # inferred: 1; issues using it: 3 of 3\n",
        "# Sections: 3 recurring, 2 seen in one issue, 0 written in more than one way.\n",
        "#   Contribute to NixOS Weekly Newsletter     3\n#   Jobs                                      3\n",
        "#  \"Blogs\", \"Call for participation\"\n",
        "# Boilerplate: paragraphs and bullets that recur in 3 or more of the 3 issues read\n",
        "#       3  This work would not be possible without the many contributions of the…\n",
        "#       3  You can help too! Create or comment on the pull request for the next…\n",
        "\nexclude_sections = [\"Jobs\"]\n",
        // `nix` as a word, outside Jobs and the boilerplate: 9 of the 23 items.
        "# In 9 of 23 items (39.1%).\n[[topics]]\nname = \"Nix\"\nterms = [\"nix\"]\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let config = Config::load(&path).unwrap();
    assert_eq!(config.title, "Nixos Weekly");
    assert_eq!(config.section_level, None, "left commented: inferred on every run");
    assert_eq!(config.exclude_sections, ["Jobs"]);
    assert_eq!(config.min_section_issues, 2);
    assert!(config.section_aliases.is_empty());
    // Three issues hold few terms seen three times inside sentences: fewer
    // than five topics, Nix first.
    assert_eq!(config.topics[0].name, "Nix");
    assert!((1..=8).contains(&config.topics.len()), "{:?}", config.topics);
}

#[test]
fn init_on_the_samples_and_a_build_with_the_file() {
    let project = Project::from_dir(&samples_dir());
    let output = project.run(&["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let config = Config::load(&project.path().join("trendfeed.toml")).unwrap();
    // `DEVOPS WEEKLY ISSUE #N`: the shared words, in title case.
    assert_eq!(config.title, "Devops Weekly");
    assert_eq!(config.description, "The Devops Weekly newsletter, one feed per section.");
    assert_eq!(config.base_url, "http://localhost:8000/");
    // Sponsor, Sponsored (5 issues each) and Jobs (2), in that order.
    assert_eq!(config.exclude_sections, ["Sponsor", "Sponsored", "Jobs"]);
    assert!(!config.emerging_stop_words.is_empty());
    assert!((5..=8).contains(&config.topics.len()), "{:?}", config.topics);
    let text = std::fs::read_to_string(project.path().join("trendfeed.toml")).unwrap();
    assert!(text.contains("\n# section_level = 1  # inferred: 1; issues using it: 5 of 5\n"), "{text}");
    // The file drives a build.
    let build = project.run(&["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(project.out().join("feeds/all.rss").is_file());
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let project = Project::from_dir(&samples_dir());
    let path = project.path().join("trendfeed.toml");
    std::fs::write(&path, "title = \"Mine\"\n").unwrap();
    let output = project.run(&["init"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim_end(),
        "error: `trendfeed.toml` already exists; pass --force to overwrite it, or --stdout to print the new file"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "title = \"Mine\"\n", "left alone");
    let output = project.run(&["init", "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# trendfeed configuration, written by"));
}

#[test]
fn init_writes_to_config_or_prints_with_stdout() {
    let project = Project::from_dir(&samples_dir());
    let output = project.run(&["init", "--stdout"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(printed.starts_with("# trendfeed configuration"), "{printed}");
    Config::from_toml(&printed).unwrap();
    assert!(!project.path().join("trendfeed.toml").exists(), "--stdout writes no file");
    let dash = project.run(&["init", "--config", "-"]);
    assert_eq!(stdout(&dash), printed, "`--config -` is --stdout");
    let output = project.run(&["init", "--config", "conf/feeds.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(project.path().join("conf/feeds.toml")).unwrap(), printed);
    assert!(stderr(&output).contains("wrote conf/feeds.toml for 5 issues"), "{}", stderr(&output));
    assert!(!project.path().join("trendfeed.toml").exists());
}

#[test]
fn init_without_a_valid_issue_fails() {
    let project = Project::from_dir(&samples_dir());
    for entry in std::fs::read_dir(project.issues()).unwrap() {
        std::fs::write(entry.unwrap().path(), "---\ntitle: Unclosed\n").unwrap();
    }
    let output = project.run(&["init"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: no valid issue in `issues` (5 files could not be read"),
        "{}",
        stderr(&output)
    );
    assert!(!project.path().join("trendfeed.toml").exists());
}
