//! Tests of [`super::ranking`] and [`super::statistics`]: one term per set
//! of items, and G² on tables computed by hand.

use chrono::NaiveDate;

use super::ranking::one_per_item_set;
use super::{EmergingTerm, log_likelihood};

#[test]
fn terms_in_the_same_items_are_listed_once() {
    let term = |name: &str, recent_items| EmergingTerm {
        term: name.to_owned(),
        recent_items,
        recent_share: 0.0,
        baseline_items: 0,
        baseline_share: 0.0,
        score: 1.0,
        first_seen: NaiveDate::default(),
        monthly_items: Vec::new(),
    };
    let ranked = vec![
        (term("mesh", 5), 7, ()),
        (term("service mesh", 5), 7, ()),
        (term("service", 5), 9, ()),
        (term("sidecar", 4), 7, ()),
    ];
    let kept: Vec<String> = one_per_item_set(ranked).into_iter().map(|(t, ())| t.term).collect();
    assert_eq!(kept, ["service mesh", "service", "sidecar"], "same items and counts: one row");
}

#[test]
fn log_likelihood_is_zero_without_a_difference() {
    assert!(log_likelihood(10, 100, 20, 200).abs() < 1e-9);
    assert!(log_likelihood(10, 100, 0, 200) > log_likelihood(10, 100, 5, 200));
    assert!(log_likelihood(20, 100, 0, 200) > log_likelihood(10, 100, 0, 200));
    // 2×2 table by hand: a=5 of 10, c=0 of 10: G² = 2·(5·ln 2 + 5·ln(2/3)·… ) ≈ 8.6305.
    assert!((log_likelihood(5, 10, 0, 10) - 8.630462).abs() < 1e-5, "{}", log_likelihood(5, 10, 0, 10));
}

#[test]
fn log_likelihood_matches_tables_computed_by_hand() {
    // The README's `kubernetes`: 6 of 43 recent items, 0 of 27 baseline.
    // N = 70, K = 6: E = 43·6/70, 43·64/70, (27·6/70,) 27·64/70;
    // G² = 2 (6 ln(6/3.68571) + 37 ln(37/39.31429) + 27 ln(27/24.68571)) = 6.19701.
    assert!((log_likelihood(6, 43, 0, 27) - 6.19701).abs() < 1e-5, "{}", log_likelihood(6, 43, 0, 27));
    // Either side of the cut (tests/integration/promises.rs shows the sums).
    assert!((log_likelihood(4, 8, 2, 16) - 3.84509).abs() < 1e-5, "{}", log_likelihood(4, 8, 2, 16));
    assert!((log_likelihood(3, 8, 1, 16) - 3.56059).abs() < 1e-5, "{}", log_likelihood(3, 8, 1, 16));
    // One item each, held only by the recent one: 2 (1 ln 2 + 1 ln 2) = 2.77259.
    assert!((log_likelihood(1, 1, 0, 1) - 2.77259).abs() < 1e-5, "{}", log_likelihood(1, 1, 0, 1));
}
