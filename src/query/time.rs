//! Dates and durations as Dataview has them (Luxon's `DateTime` and `Duration`): a date may
//! carry a time and a UTC offset; a duration keeps its units (`1 month, 2 hours`) and is
//! compared and shown as Luxon does ("casual" conversion: a month is 30 days, a year 365).

use std::cmp::Ordering;

use chrono::{Datelike, Duration, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// The words `date()` reads as dates relative to today (Dataview's shorthands).
pub const DATE_WORDS: &[&str] = &[
    "today",
    "now",
    "tomorrow",
    "yesterday",
    "sow",
    "eow",
    "som",
    "eom",
    "soy",
    "eoy",
    "start-of-week",
    "end-of-week",
    "start-of-month",
    "end-of-month",
    "start-of-year",
    "end-of-year",
];

/// A point in time: the wall-clock time written, and the offset it was written with, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub local: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

impl Moment {
    pub fn day(date: NaiveDate) -> Moment {
        Moment { local: date.and_time(NaiveTime::MIN), offset: None }
    }

    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }

    /// The same instant on one time line: a moment without an offset is taken as UTC.
    fn instant(&self) -> NaiveDateTime {
        match self.offset {
            Some(o) => self.local - Duration::seconds(o.local_minus_utc() as i64),
            None => self.local,
        }
    }

    pub fn compare(&self, other: &Moment) -> Ordering {
        self.instant().cmp(&other.instant())
    }

    /// `YYYY-MM-DD` for a date at midnight; else ISO 8601 with the time (and offset).
    pub fn display(&self) -> String {
        if self.local.time() == NaiveTime::MIN && self.offset.is_none() {
            return self.local.format("%Y-%m-%d").to_string();
        }
        let time = if self.local.nanosecond() == 0 {
            self.local.format("%Y-%m-%dT%H:%M:%S").to_string()
        } else {
            self.local.format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
        };
        match self.offset {
            None => time,
            Some(o) if o.local_minus_utc() == 0 => format!("{time}Z"),
            Some(o) => format!("{time}{o}"),
        }
    }

    /// `date.year`, `date.month`, … as Luxon's getters name them.
    pub fn part(&self, name: &str) -> Option<f64> {
        let d = self.local;
        Some(match name {
            "year" => d.year() as f64,
            "month" => d.month() as f64,
            "day" => d.day() as f64,
            "hour" => d.hour() as f64,
            "minute" => d.minute() as f64,
            "second" => d.second() as f64,
            "millisecond" => (d.nanosecond() / 1_000_000) as f64,
            "week" | "weeknumber" => d.iso_week().week() as f64,
            "weekyear" => d.iso_week().year() as f64,
            "weekday" => d.weekday().number_from_monday() as f64,
            "quarter" => d.month().div_ceil(3) as f64,
            "ordinal" => d.ordinal() as f64,
            _ => return None,
        })
    }

    pub fn plus(&self, span: &Span) -> Option<Moment> {
        // Calendar units move the calendar (a month after 31 January is 28 February); time
        // units move the clock, as in Luxon.
        let months = span.years * 12.0 + span.months;
        let mut local = if months >= 0.0 {
            self.local.checked_add_months(Months::new(months.trunc() as u32))?
        } else {
            self.local.checked_sub_months(Months::new((-months).trunc() as u32))?
        };
        let days = span.weeks * 7.0 + span.days;
        let millis = (span.hours * 3_600_000.0 + span.minutes * 60_000.0 + span.seconds * 1000.0 + span.millis)
            + days.fract() * 86_400_000.0;
        local = local.checked_add_signed(Duration::days(days.trunc() as i64))?;
        local = local.checked_add_signed(Duration::milliseconds(millis.round() as i64))?;
        Some(Moment { local, offset: self.offset })
    }

    /// `a - b`: the time between as Luxon's calendar difference (whole months first, then
    /// days and time), with its days shown as weeks and days, as Dataview shows it.
    pub fn minus(&self, other: &Moment) -> Span {
        if self.compare(other) == Ordering::Less {
            return other.minus(self).scale(-1.0);
        }
        let (later, earlier) = (self.instant(), other.instant());
        let mut months = (later.year() - earlier.year()) * 12 + later.month() as i32 - earlier.month() as i32;
        let shifted = |m: i32| earlier.checked_add_months(Months::new(m.max(0) as u32));
        while months > 0 && shifted(months).is_none_or(|d| d > later) {
            months -= 1;
        }
        let base = shifted(months).unwrap_or(earlier);
        let rest = (later - base).num_milliseconds();
        let day_ms = 86_400_000;
        let days = rest / day_ms;
        let mut time = Span { millis: (rest % day_ms) as f64, ..Span::default() }.normalized();
        time.years = (months / 12) as f64;
        time.months = (months % 12) as f64;
        time.weeks = (days / 7) as f64;
        time.days = (days % 7) as f64;
        time
    }

    /// Start of the day, week (Monday), month or year; `end` gives its last millisecond.
    pub fn start_of(date: NaiveDate, unit: &str) -> Option<NaiveDate> {
        Some(match unit {
            "day" => date,
            "week" => date - Duration::days(date.weekday().num_days_from_monday() as i64),
            "month" => date.with_day(1)?,
            "year" => NaiveDate::from_ymd_opt(date.year(), 1, 1)?,
            _ => return None,
        })
    }
}

/// A length of time in Luxon's units, each kept as written.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Span {
    pub years: f64,
    pub months: f64,
    pub weeks: f64,
    pub days: f64,
    pub hours: f64,
    pub minutes: f64,
    pub seconds: f64,
    pub millis: f64,
}

/// Milliseconds in each unit, largest first, by Luxon's casual conversion.
const UNITS: [(&str, f64); 8] = [
    ("year", 365.0 * 86_400_000.0),
    ("month", 30.0 * 86_400_000.0),
    ("week", 7.0 * 86_400_000.0),
    ("day", 86_400_000.0),
    ("hour", 3_600_000.0),
    ("minute", 60_000.0),
    ("second", 1000.0),
    ("millisecond", 1.0),
];

impl Span {
    fn get(&self) -> [f64; 8] {
        [self.years, self.months, self.weeks, self.days, self.hours, self.minutes, self.seconds, self.millis]
    }

    fn from_units(u: [f64; 8]) -> Span {
        Span {
            years: u[0],
            months: u[1],
            weeks: u[2],
            days: u[3],
            hours: u[4],
            minutes: u[5],
            seconds: u[6],
            millis: u[7],
        }
    }

    /// One unit of the words Dataview's `dur()` reads (`3 hours`, `2mo`, `1 wk`).
    pub fn unit(word: &str, count: f64) -> Option<Span> {
        let index = match word.to_lowercase().as_str() {
            "year" | "years" | "yr" | "yrs" => 0,
            "month" | "months" | "mo" | "mos" => 1,
            "week" | "weeks" | "wk" | "wks" | "w" => 2,
            "day" | "days" | "d" => 3,
            "hour" | "hours" | "hr" | "hrs" | "h" => 4,
            "minute" | "minutes" | "min" | "mins" | "m" => 5,
            "second" | "seconds" | "sec" | "secs" | "s" => 6,
            _ => return None,
        };
        let mut units = [0.0; 8];
        units[index] = count;
        Some(Span::from_units(units))
    }

    pub fn total_millis(&self) -> f64 {
        self.get().iter().zip(UNITS).map(|(v, (_, ms))| v * ms).sum()
    }

    pub fn is_zero(&self) -> bool {
        self.get().iter().all(|v| *v == 0.0)
    }

    pub fn compare(&self, other: &Span) -> Ordering {
        self.total_millis().partial_cmp(&other.total_millis()).unwrap_or(Ordering::Equal)
    }

    pub fn plus(&self, other: &Span) -> Span {
        let (a, b) = (self.get(), other.get());
        Span::from_units(std::array::from_fn(|i| a[i] + b[i]))
    }

    pub fn scale(&self, by: f64) -> Span {
        Span::from_units(self.get().map(|v| v * by))
    }

    /// Every unit filled from the largest down (Luxon's `shiftToAll().normalize()`): 36 hours
    /// are a day and 12 hours.
    pub fn normalized(&self) -> Span {
        let mut rest = self.total_millis();
        let negative = rest < 0.0;
        rest = rest.abs();
        let mut out = [0.0; 8];
        for (i, (_, ms)) in UNITS.iter().enumerate() {
            if i == UNITS.len() - 1 {
                out[i] = (rest * 1000.0).round() / 1000.0;
            } else {
                out[i] = (rest / ms).floor();
                rest -= out[i] * ms;
            }
        }
        let span = Span::from_units(out);
        if negative {
            span.scale(-1.0)
        } else {
            span
        }
    }

    /// As Dataview shows a duration: its units that are not zero, largest first
    /// ("4 hours, 15 minutes"); "0 seconds" when all are.
    pub fn display(&self) -> String {
        let parts: Vec<String> = self
            .normalized()
            .get()
            .iter()
            .zip(UNITS)
            .filter(|(v, _)| **v != 0.0)
            .map(|(v, (name, _))| {
                let n = if v.fract() == 0.0 { format!("{}", *v as i64) } else { format!("{v}") };
                format!("{n} {name}{}", if v.abs() == 1.0 { "" } else { "s" })
            })
            .collect();
        if parts.is_empty() {
            "0 seconds".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// ISO 8601 (`P1M2DT3H`), as Luxon's `toISO`: for JSON.
    pub fn iso(&self) -> String {
        let fmt = |v: f64| if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") };
        let mut date = String::new();
        for (v, c) in [(self.years, 'Y'), (self.months, 'M'), (self.weeks, 'W'), (self.days, 'D')] {
            if v != 0.0 {
                date.push_str(&format!("{}{c}", fmt(v)));
            }
        }
        let mut time = String::new();
        for (v, c) in [(self.hours, 'H'), (self.minutes, 'M')] {
            if v != 0.0 {
                time.push_str(&format!("{}{c}", fmt(v)));
            }
        }
        let secs = self.seconds + self.millis / 1000.0;
        if secs != 0.0 {
            time.push_str(&format!("{}S", fmt(secs)));
        }
        match (date.is_empty(), time.is_empty()) {
            (true, true) => "PT0S".to_string(),
            (_, true) => format!("P{date}"),
            _ => format!("P{date}T{time}"),
        }
    }

    /// `dur.days`, `dur.hours`, …: the unit as held (a difference of dates is normalised).
    pub fn part(&self, name: &str) -> Option<f64> {
        Some(match name {
            "years" => self.years,
            "months" => self.months,
            "weeks" => self.weeks,
            "days" => self.days,
            "hours" => self.hours,
            "minutes" => self.minutes,
            "seconds" => self.seconds,
            "milliseconds" => self.millis,
            _ => return None,
        })
    }
}

/// Dataview's duration text: counts and units, with or without spaces and commas between
/// (`8 minutes`, `4h15m`, `1 week, 2 days`, `6day`).
pub fn parse_span(text: &str) -> Option<Span> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut i = 0;
    let mut total: Option<Span> = None;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
            i += 1;
        }
        if i == chars.len() {
            break;
        }
        let start = i;
        if chars[i] == '-' {
            i += 1;
        }
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let count: f64 = chars[start..i].iter().collect::<String>().parse().ok()?;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let word_start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        let word: String = chars[word_start..i].iter().collect();
        let unit = Span::unit(&word, count)?;
        total = Some(total.map_or(unit, |t| t.plus(&unit)));
    }
    total
}

/// Dataview's date text: `YYYY-MM`, `YYYY-MM-DD`, then optionally `THH`, `:mm`, `:ss`, `.SSS`
/// and `Z` or an offset (`+07:00`, `-5`). A whole ISO date-time also reads (`2021-08-15 12:42`).
pub fn parse_moment(text: &str) -> Option<Moment> {
    let s = text.trim();
    let bytes = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = s.get(from..from + n)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let year = digits(0, 4)? as i32;
    if bytes.get(4) != Some(&b'-') {
        return None;
    }
    let month = digits(5, 2)?;
    let mut i = 7;
    let mut day = 1;
    if bytes.get(i) == Some(&b'-') {
        day = digits(i + 1, 2)?;
        i += 3;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let (mut hour, mut minute, mut second, mut milli) = (0, 0, 0, 0);
    if matches!(bytes.get(i), Some(b'T') | Some(b' ')) && digits(i + 1, 2).is_some() {
        hour = digits(i + 1, 2)?;
        i += 3;
        if bytes.get(i) == Some(&b':') {
            minute = digits(i + 1, 2)?;
            i += 3;
            if bytes.get(i) == Some(&b':') {
                second = digits(i + 1, 2)?;
                i += 3;
                if bytes.get(i) == Some(&b'.') {
                    milli = digits(i + 1, 3)?;
                    i += 4;
                }
            }
        }
    }
    let time = NaiveTime::from_hms_milli_opt(hour, minute, second, milli)?;
    let rest = &s[i..];
    let offset = match rest.chars().next() {
        None => None,
        Some('Z') | Some('z') if rest.len() == 1 => FixedOffset::east_opt(0),
        Some(sign @ ('+' | '-')) => {
            let (h, m) = rest[1..].split_once(':').unwrap_or((&rest[1..], "0"));
            let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
            if !(0..=14).contains(&h) || !(0..60).contains(&m) {
                return None;
            }
            let secs = (h * 3600 + m * 60) * if sign == '-' { -1 } else { 1 };
            Some(FixedOffset::east_opt(secs)?)
        }
        _ => return None,
    };
    Some(Moment { local: date.and_time(time), offset })
}

/// `date(text, format)`: a date read with a Luxon format (`MM/dd/yyyy`, `yyyy-MM-dd HH:mm`,
/// `d MMMM yyyy`). Tokens beyond these make the format unsupported (`None`).
pub fn chrono_format(luxon: &str) -> Option<String> {
    let mut out = String::new();
    let chars: Vec<char> = luxon.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // A quoted literal.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                out.push_str(&escape_percent(chars[i]));
                i += 1;
            }
            i += 1;
            continue;
        }
        let mut n = 1;
        while i + n < chars.len() && chars[i + n] == c {
            n += 1;
        }
        let token: Option<&str> = match (c, n) {
            ('y', 4) | ('y', 1) => Some("%Y"),
            ('y', 2) => Some("%y"),
            ('M', 1) | ('L', 1) => Some("%-m"),
            ('M', 2) | ('L', 2) => Some("%m"),
            ('M', 3) | ('L', 3) => Some("%b"),
            ('M', 4) | ('L', 4) => Some("%B"),
            ('d', 1) => Some("%-d"),
            ('d', 2) => Some("%d"),
            ('H', 1) => Some("%-H"),
            ('H', 2) => Some("%H"),
            ('h', 1) => Some("%-I"),
            ('h', 2) => Some("%I"),
            ('m', 1) => Some("%-M"),
            ('m', 2) => Some("%M"),
            ('s', 1) => Some("%-S"),
            ('s', 2) => Some("%S"),
            ('a', 1) => Some("%p"),
            ('E', 3) | ('c', 3) => Some("%a"),
            ('E', 4) | ('c', 4) => Some("%A"),
            _ if c.is_ascii_alphabetic() => return None,
            _ => None,
        };
        match token {
            Some(t) => out.push_str(t),
            None => (0..n).for_each(|_| out.push_str(&escape_percent(c))),
        }
        i += n;
    }
    Some(out)
}

fn escape_percent(c: char) -> String {
    if c == '%' {
        "%%".to_string()
    } else {
        c.to_string()
    }
}

/// Reads `text` with a Luxon format; a format without a time gives midnight.
pub fn parse_with_format(text: &str, luxon: &str) -> Option<Moment> {
    let format = chrono_format(luxon)?;
    if let Ok(dt) = NaiveDateTime::parse_from_str(text.trim(), &format) {
        return Some(Moment { local: dt, offset: None });
    }
    NaiveDate::parse_from_str(text.trim(), &format).ok().map(Moment::day)
}

/// `dateformat(date, format)`: Luxon's format tokens, as far as [`chrono_format`] knows them.
pub fn format_with(moment: &Moment, luxon: &str) -> Option<String> {
    Some(moment.local.format(&chrono_format(luxon)?).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_dataview_writes_them() {
        for (text, shown) in [
            ("8 minutes", "8 minutes"),
            ("4h15m", "4 hours, 15 minutes"),
            ("6day", "6 days"),
            ("1 week, 2 days", "1 week, 2 days"),
            ("36 hours", "1 day, 12 hours"),
            ("2 mo", "2 months"),
            ("1 yr 3 s", "1 year, 3 seconds"),
        ] {
            assert_eq!(parse_span(text).map(|s| s.display()).as_deref(), Some(shown), "{text}");
        }
        assert!(parse_span("seven days").is_none());
        assert!(parse_span("3 fortnights").is_none());
        assert_eq!(parse_span("4h15m").unwrap().iso(), "PT4H15M");
    }

    #[test]
    fn dates_with_times_and_zones() {
        let m = parse_moment("1984-08-15T12:42:59").unwrap();
        assert_eq!(m.display(), "1984-08-15T12:42:59");
        assert_eq!(m.part("hour"), Some(12.0));
        assert_eq!(parse_moment("2020-04").unwrap().display(), "2020-04-01");
        assert_eq!(parse_moment("2021-08-15T12:42:59.123Z").unwrap().display(), "2021-08-15T12:42:59.123Z");
        let east = parse_moment("2021-08-15T12:00+07:00").unwrap();
        let utc = parse_moment("2021-08-15T05:00Z").unwrap();
        assert_eq!(east.compare(&utc), Ordering::Equal);
        assert!(parse_moment("2021-02-31").is_none());
        assert!(parse_moment("yesterday").is_none());
    }

    #[test]
    fn arithmetic_moves_the_calendar_and_the_clock() {
        let jan31 = parse_moment("2021-01-31").unwrap();
        assert_eq!(jan31.plus(&Span::unit("month", 1.0).unwrap()).unwrap().display(), "2021-02-28");
        assert_eq!(jan31.plus(&parse_span("1 day 6 hours").unwrap()).unwrap().display(), "2021-02-01T06:00:00");
        let feb10 = parse_moment("2021-02-10").unwrap();
        assert_eq!(feb10.minus(&jan31).display(), "1 week, 3 days");
        assert_eq!(parse_with_format("12/31/2022", "MM/dd/yyyy").unwrap().display(), "2022-12-31");
        assert_eq!(format_with(&feb10, "yyyy-MM-dd").as_deref(), Some("2021-02-10"));
    }
}
