//! The periods issues are grouped into: ISO weeks, months, quarters, years,
//! or each issue on its own.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How issues are grouped into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
pub enum Period {
    /// ISO weeks, Monday to Sunday (`2015-W47`).
    Week,
    /// Calendar months (`2015-11`).
    #[default]
    Month,
    /// Calendar quarters (`2015-Q4`).
    Quarter,
    /// Calendar years (`2015`).
    Year,
    /// One period per issue, labelled with the issue's number (or date).
    Issue,
}

impl Period {
    /// The calendar period holding `date`: its label (`2015-W47`, `2015-11`,
    /// `2015-Q4`, `2015`) and its first day. For [`Period::Issue`], the date
    /// itself (the caller labels issues by their key).
    pub fn of(self, date: NaiveDate) -> (String, NaiveDate) {
        let year = date.year();
        let first = |month| NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(date);
        match self {
            Period::Week => {
                let week = date.iso_week();
                let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon).unwrap_or(date);
                (format!("{}-W{:02}", week.year(), week.week()), monday)
            }
            Period::Month => (format!("{year}-{:02}", date.month()), first(date.month())),
            Period::Quarter => {
                let quarter = date.month0() / 3 + 1;
                (format!("{year}-Q{quarter}"), first((quarter - 1) * 3 + 1))
            }
            Period::Year => (year.to_string(), first(1)),
            Period::Issue => (date.format("%Y-%m-%d").to_string(), date),
        }
    }

    /// The first day of the period after the one starting at `start`; for
    /// [`Period::Issue`], the next day.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let months = match self {
            Period::Week => return start.checked_add_days(Days::new(7)).unwrap_or(start),
            Period::Issue => return start.checked_add_days(Days::new(1)).unwrap_or(start),
            Period::Month => 1,
            Period::Quarter => 3,
            Period::Year => 12,
        };
        start.checked_add_months(Months::new(months)).unwrap_or(start)
    }

    /// The number of the calendar period starting at `start`, counted from
    /// an arbitrary origin: consecutive periods have consecutive numbers, so
    /// a difference of more than one is a gap. Days for [`Period::Issue`].
    pub fn ordinal(self, start: NaiveDate) -> i64 {
        let months = i64::from(start.year()) * 12 + i64::from(start.month0());
        match self {
            // 1970-01-05 was a Monday.
            Period::Week => (start - NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or_default()).num_days().div_euclid(7),
            Period::Month => months,
            Period::Quarter => months.div_euclid(3),
            Period::Year => i64::from(start.year()),
            Period::Issue => i64::from(start.num_days_from_ce()),
        }
    }

    /// The name of one period, for titles: `week`, `month`…
    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
            Period::Issue => "issue",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn period_labels() {
        let date = d(2015, 11, 22);
        assert_eq!(Period::Week.of(date), ("2015-W47".into(), d(2015, 11, 16)));
        assert_eq!(Period::Month.of(date), ("2015-11".into(), d(2015, 11, 1)));
        assert_eq!(Period::Quarter.of(date), ("2015-Q4".into(), d(2015, 10, 1)));
        assert_eq!(Period::Year.of(date), ("2015".into(), d(2015, 1, 1)));
        assert_eq!(Period::Issue.of(date), ("2015-11-22".into(), date));
    }

    #[test]
    fn iso_weeks_cross_years() {
        // 2015-01-01 is a Thursday: in week 1 of 2015, which starts in 2014.
        assert_eq!(Period::Week.of(d(2015, 1, 1)), ("2015-W01".into(), d(2014, 12, 29)));
        // 2016-01-03 is a Sunday: in week 53 of 2015.
        assert_eq!(Period::Week.of(d(2016, 1, 3)), ("2015-W53".into(), d(2015, 12, 28)));
    }

    #[test]
    fn ordinals_are_consecutive() {
        for period in [Period::Week, Period::Month, Period::Quarter, Period::Year] {
            let mut start = period.of(d(2014, 11, 20)).1;
            for _ in 0..60 {
                let next = period.next(start);
                assert_eq!(period.ordinal(next), period.ordinal(start) + 1, "{period:?} {start}");
                assert_eq!(period.of(next).1, next);
                start = next;
            }
        }
    }
}
