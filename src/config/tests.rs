//! Tests of [`super`]: defaults, loading, checks and topics.

use super::*;

#[test]
fn default_config_parses() {
    let config = Config::from_toml(DEFAULT_TOML).unwrap();
    assert_eq!(config.feed_limit, 100);
    assert_eq!(config.base_url, "http://localhost:8000/");
    let names: Vec<_> = config.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Docker", "Kubernetes", "Unikernels"]);
    assert_eq!(config.canonical_section("CNCF - Cloud Native Computing Foundation"), "CNCF");
}

#[test]
fn partial_file_keeps_defaults() {
    let config = Config::from_toml("title = \"Rust Weekly\"\nfeed_limit = 5\n").unwrap();
    assert_eq!(config.title, "Rust Weekly");
    assert_eq!(config.feed_limit, 5);
    assert_eq!(config.min_section_issues, 2);
    // The repository's newsletter settings are not defaults: left out,
    // they are inferred from the archive.
    assert!(config.topics.is_empty() && config.section_aliases.is_empty());
    assert_eq!(config.inferred, ["description", "author", "topics", "emerging_stop_words", "exclude_sections"]);
    assert!(!config.emerging_stop_words.iter().any(|w| w == "devops"));
    let full = Config::from_toml(DEFAULT_TOML).unwrap();
    assert!(full.inferred.is_empty(), "{:?}", full.inferred);
    assert!(full.emerging_stop_words.iter().any(|w| w == "devops"));
}

#[test]
fn unknown_key_is_an_error() {
    let err = Config::from_toml("titel = \"x\"\n").unwrap_err();
    assert!(format!("{err:#}").contains("unknown field `titel`"), "{err:#}");
}

#[test]
fn a_bad_footer_pattern_is_named_and_good_ones_compile() {
    let err = Config::from_toml("footer_patterns = ['(?i)unsub', '(unclosed']\n").unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("footer_patterns: `(unclosed` is not a valid regex"), "{message}");
    assert!(message.contains("unclosed group"), "{message}");
    let config = Config::from_toml("footer_patterns = ['(?i)\\bunsub', 'view (this|it)']\n").unwrap();
    let set = config.footer_regexes().unwrap();
    assert_eq!(set.len(), 2);
    assert!(set.is_match("Click UNSUBSCRIBE") && set.is_match("view it online") && !set.is_match("mailunsub"));
}

#[test]
fn terms_as_strings_or_tables() {
    let config = Config::from_toml(
        "[[topics]]\nname = \"Go\"\nterms = [\"golang\", { term = \"Go\", case_sensitive = true, plural = false }]\n\
         [[topics]]\nname = \"Rust\"\n",
    )
    .unwrap();
    let go = &config.topics[0];
    assert_eq!(go.terms[0], Term { text: "golang".into(), case_sensitive: false, plural: true });
    assert_eq!(go.terms[1], Term { text: "Go".into(), case_sensitive: true, plural: false });
    assert!(config.topics[1].terms.is_empty());
    let err = Config::from_toml("[[topics]]\nname = \"Go\"\nterms = [{ term = \"Go\", case = true }]\n").unwrap_err();
    assert!(format!("{err:#}").contains("unknown field `case`"), "{err:#}");
}

#[test]
fn topics_from_the_command_line() {
    let serverless: Topic = "Serverless=serverless, faas,lambda".parse().unwrap();
    assert_eq!(serverless.name, "Serverless");
    let terms: Vec<&str> = serverless.terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(terms, ["serverless", "faas", "lambda"]);
    let rust: Topic = "Rust".parse().unwrap();
    assert!(rust.terms.is_empty());
    assert!("=x".parse::<Topic>().is_err());
    // A name alone picks the configured topic of that name.
    let config = Config::default().with_topics(&["docker".parse().unwrap(), rust]).unwrap();
    assert_eq!(config.topics[0].name, "Docker");
    assert_eq!(config.topics[0].terms.len(), 3);
    assert_eq!(config.topics[1].name, "Rust");
    let twice = Config::default().with_topics(&["Go".parse().unwrap(), "go".parse().unwrap()]);
    assert!(format!("{:#}", twice.unwrap_err()).contains("`go` is named twice"));
}

#[test]
fn included_and_excluded_sections() {
    let config = Config::from_toml("include_sections = [\"News\", \"Jobs\"]\n").unwrap();
    assert!(config.counts_section("news"));
    assert!(!config.counts_section("Tools"));
    assert!(!config.counts_section("Jobs"), "excluded wins");
    assert!(Config::default().counts_section("Tools"));
}

#[test]
fn chart_min_items_defaults_to_30_and_must_be_a_whole_number() {
    assert_eq!(Config::builtin().chart_min_items, 30);
    assert_eq!(Config::from_toml("chart_min_items = 0\n").unwrap().chart_min_items, 0);
    for bad in ["-3", "\"thirty\"", "2.5"] {
        let err = Config::from_toml(&format!("title = \"x\"\n\nchart_min_items = {bad}\n")).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "line 3: chart_min_items must be a whole number of items, 0 or more \
                 (0: no point is drawn lighter), not `{bad}`"
            )
        );
    }
}

#[test]
fn relative_base_url_is_an_error() {
    let err = Config::from_toml("base_url = \"/feeds/\"\n").unwrap_err();
    assert!(format!("{err:#}").contains("not an absolute URL"), "{err:#}");
}
