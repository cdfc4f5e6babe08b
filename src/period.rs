//! A closed range of days, as a review's period: a quarter (`2026-Q3`) or `--since`/`--until`.
//! Its own module because the command line parses it and the review counts in it.

use chrono::{Datelike, NaiveDate};

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    pub fn new(since: NaiveDate, until: NaiveDate) -> Result<Period, String> {
        if since > until {
            return Err(format!("the period starts ({since}) after it ends ({until})"));
        }
        Ok(Period { since, until })
    }

    /// `2026-Q3` → 2026-07-01 to 2026-09-30.
    pub fn quarter(text: &str) -> Result<Period, String> {
        let bad = || format!("`{text}` is not a quarter of the form YYYY-Qn (for example 2026-Q3)");
        let (year, q) = text.trim().split_once(['-', ' ']).ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let q: u32 =
            q.strip_prefix(['Q', 'q']).and_then(|q| q.parse().ok()).filter(|q| (1..=4).contains(q)).ok_or_else(bad)?;
        let since = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1).ok_or_else(bad)?;
        let next =
            if q == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, 3 * q + 1, 1) };
        let until = next.and_then(|d| d.pred_opt()).ok_or_else(bad)?;
        Ok(Period { since, until })
    }

    pub fn days(&self) -> i64 {
        (self.until - self.since).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts (for a
    /// quarter: the previous quarter).
    pub fn previous(&self) -> Period {
        if let Some(q) = self.as_quarter() {
            let (year, q) = if q.1 == 1 { (q.0 - 1, 4) } else { (q.0, q.1 - 1) };
            if let Ok(p) = Period::quarter(&format!("{year}-Q{q}")) {
                return p;
            }
        }
        let until = self.since.pred_opt().unwrap_or(self.since);
        let since = until - chrono::Duration::days(self.days() - 1);
        Period { since, until }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.since <= d && d <= self.until
    }

    fn as_quarter(&self) -> Option<(i32, u32)> {
        let q = (self.since.month() - 1) / 3 + 1;
        let p = Period::quarter(&format!("{}-Q{q}", self.since.year())).ok()?;
        (p == *self).then_some((self.since.year(), q))
    }

    /// `2026-Q3`, or `2026-07-01 – 2026-09-15`.
    pub fn label(&self) -> String {
        match self.as_quarter() {
            Some((y, q)) => format!("{y}-Q{q}"),
            None => format!("{} – {}", self.since, self.until),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = String;

    /// `2026-Q3`.
    fn from_str(text: &str) -> Result<Period, String> {
        Period::quarter(text)
    }
}
