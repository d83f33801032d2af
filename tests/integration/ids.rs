//! Entry ids must not change when other items change.

use std::collections::BTreeMap;

use crate::util::{Project, parse_feed};

/// Entry link → id, for every section feed.
fn ids(project: &Project) -> BTreeMap<(String, String), String> {
    let mut ids = BTreeMap::new();
    for entry in std::fs::read_dir(project.out().join("feeds")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "atom") {
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            for e in parse_feed(&path).entries {
                ids.insert((slug.clone(), e.links[0].href.clone()), e.id);
            }
        }
    }
    ids
}

const ISSUE: &str = "2015-11-22-255.md";

fn edit(project: &Project, from: &str, to: &str) {
    let path = project.issues().join(ISSUE);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "fixture text changed");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn inserting_an_item_changes_no_other_id() {
    let project = Project::samples();
    project.build();
    let before = ids(&project);
    edit(
        &project,
        "News\n====\n\n",
        "News\n====\n\nA new first item about Docker.\n\n[https://new.example/](https://new.example/)\n\n\n",
    );
    project.build();
    let after = ids(&project);
    assert_eq!(after.len(), before.len() + 1);
    for (key, id) in &before {
        assert_eq!(after.get(key), Some(id), "{key:?} changed id");
    }
}

#[test]
fn deleting_reordering_and_editing_items_changes_no_other_id() {
    let project = Project::samples();
    project.build();
    let before = ids(&project);
    // Delete the first News item of issue 255, and edit the text of the second.
    edit(&project, "Interesting observations about the relationship between meetings and shipping code.", "");
    edit(
        &project,
        "[https://www.facebook.com/notes/kent-beck/slow-deployment-causes-meetings/1055427371156793?_rdr=p](https://www.facebook.com/notes/kent-beck/slow-deployment-causes-meetings/1055427371156793?_rdr=p)\n",
        "",
    );
    edit(&project, "One of the closing demos", "One of the very best closing demos");
    project.build();
    let after = ids(&project);
    assert_eq!(after.len(), before.len() - 1);
    for (key, id) in &after {
        assert_eq!(before.get(key), Some(id), "{key:?} changed id");
    }
}

#[test]
fn renaming_an_issue_file_changes_no_id() {
    let project = Project::samples();
    project.build();
    let before = ids(&project);
    std::fs::rename(project.issues().join(ISSUE), project.issues().join("renamed.md")).unwrap();
    project.build();
    assert_eq!(ids(&project), before);
}

#[test]
fn repeated_url_in_one_section_gets_distinct_ids() {
    let project = Project::samples();
    edit(
        &project,
        "News\n====\n\n",
        "News\n====\n\nTwice, first.\n\n[https://twice.example/](https://twice.example/)\n\n\
         Twice, second.\n\n[https://twice.example/](https://twice.example/)\n\n",
    );
    project.build();
    let feed = parse_feed(&project.out().join("feeds/news.atom"));
    let twice: Vec<&str> =
        feed.entries.iter().filter(|e| e.links[0].href == "https://twice.example/").map(|e| e.id.as_str()).collect();
    assert_eq!(twice.len(), 2);
    assert_ne!(twice[0], twice[1]);
    assert_eq!(format!("{}-2", twice[0]), twice[1]);
}
