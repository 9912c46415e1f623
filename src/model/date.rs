//! A calendar date that was checked when it was made, with 和暦 formatting.
//!
//! Written by hand because the era table (元号) and the 元年 rule are a few
//! lines, and no date crate formats Japanese eras.

use std::fmt;

/// A calendar date (year 1–9999), checked to exist.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// How dates are shown in output (site.yaml `dates`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum DateStyle {
    /// Japanese era (令和8年11月26日).
    #[default]
    Wareki,
    /// ISO 8601 (2026-11-26).
    Iso,
}

/// Eras from their first day, newest first.
const ERAS: &[(&str, i32, u8, u8)] = &[
    ("令和", 2019, 5, 1),
    ("平成", 1989, 1, 8),
    ("昭和", 1926, 12, 25),
    ("大正", 1912, 7, 30),
    ("明治", 1868, 1, 25),
];

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The longest review or training interval a source may set (10 years):
/// longer is a typing mistake, and would put the next review past any date
/// the plan could mean.
pub const MAX_INTERVAL_MONTHS: u32 = 120;

/// Why `months` is no interval a source may set (0, or past
/// [`MAX_INTERVAL_MONTHS`]), in Japanese.
pub fn interval_error(months: u32) -> Option<String> {
    (!(1..=MAX_INTERVAL_MONTHS).contains(&months))
        .then(|| format!("間隔は 1 か月から {MAX_INTERVAL_MONTHS} か月（10年）までです"))
}

impl Date {
    /// The date, if it exists (year 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` strictly.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Date::new(
            digits(0..4)? as i32,
            digits(5..7)? as u8,
            digits(8..10)? as u8,
        )
    }

    /// The civil date of a Unix timestamp (UTC), as SOURCE_DATE_EPOCH gives;
    /// `None` outside the years 1 to 9999 that [`Date::new`] accepts.
    pub fn from_unix_seconds(secs: i64) -> Option<Date> {
        // Howard Hinnant's days-to-civil algorithm.
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = if m <= 2 { y + 1 } else { y };
        Date::new(i32::try_from(y).ok()?, m, d)
    }

    /// Seconds since the Unix epoch at midnight UTC of this date.
    pub fn unix_seconds(&self) -> i64 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The same day `n` months later, clamped to the month's end (1/31 + 1 → 2/28)
    /// and to the last day a `Date` holds (9999-12-31), so no interval can
    /// make a year of five digits or wrap to a negative one.
    pub fn add_months(&self, n: u32) -> Date {
        let total = self.year as i64 * 12 + (self.month as i64 - 1) + n as i64;
        if total >= 10_000 * 12 {
            return Date {
                year: 9999,
                month: 12,
                day: 31,
            };
        }
        let year = (total / 12) as i32;
        let month = (total % 12) as u8 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    fn era(&self) -> Option<(&'static str, i32)> {
        ERAS.iter().find_map(|&(name, y, m, d)| {
            (*self
                >= Date {
                    year: y,
                    month: m,
                    day: d,
                })
            .then_some((name, self.year - y + 1))
        })
    }

    fn wareki_year(&self) -> String {
        match self.era() {
            Some((name, 1)) => format!("{name}元年"),
            Some((name, n)) => format!("{name}{n}年"),
            None => format!("{}年", self.year),
        }
    }

    /// `令和4年9月7日`, `令和元年5月1日`.
    pub fn wareki(&self) -> String {
        format!("{}{}月{}日", self.wareki_year(), self.month, self.day)
    }

    /// `令和4年9月` (the plan's 発行日 shows year and month).
    pub fn wareki_month(&self) -> String {
        format!("{}{}月", self.wareki_year(), self.month)
    }

    /// The date in this style.
    pub fn format(&self, style: DateStyle) -> String {
        match style {
            DateStyle::Wareki => self.wareki(),
            DateStyle::Iso => self.iso(),
        }
    }

    /// The year and month in this style.
    pub fn format_month(&self, style: DateStyle) -> String {
        match style {
            DateStyle::Wareki => self.wareki_month(),
            DateStyle::Iso => format!("{:04}-{:02}", self.year, self.month),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn wareki_across_the_change_of_era() {
        assert_eq!(d("2019-04-30").wareki(), "平成31年4月30日");
        assert_eq!(d("2019-05-01").wareki(), "令和元年5月1日");
        assert_eq!(d("2022-09-07").wareki(), "令和4年9月7日");
        assert_eq!(d("2011-03-31").wareki(), "平成23年3月31日");
        assert_eq!(d("1989-01-07").wareki(), "昭和64年1月7日");
        assert_eq!(d("1989-01-08").wareki(), "平成元年1月8日");
        assert_eq!(d("2022-09-07").wareki_month(), "令和4年9月");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2022-02-30",
            "2023-02-29",
            "2022-13-01",
            "2022-00-10",
            "22-09-07",
            "2022/09/07",
            "２０２２-09-07",
            "2022-9-7",
        ] {
            assert!(Date::parse_iso(bad).is_none(), "{bad}");
        }
        assert!(Date::parse_iso("2024-02-29").is_some());
    }

    #[test]
    fn months_are_added_with_clamping() {
        assert_eq!(d("2022-09-07").add_months(12), d("2023-09-07"));
        assert_eq!(d("2023-01-31").add_months(1), d("2023-02-28"));
        assert_eq!(d("2023-12-15").add_months(1), d("2024-01-15"));
    }

    #[test]
    fn unix_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2026-11-26", "2019-05-01"] {
            assert_eq!(Date::from_unix_seconds(d(s).unix_seconds()), Some(d(s)));
        }
        assert_eq!(Date::from_unix_seconds(0), Some(d("1970-01-01")));
        assert_eq!(Date::from_unix_seconds(99_999_999_999_999_999), None);
        assert_eq!(Date::from_unix_seconds(i64::MIN), None);
        assert_eq!(d("9999-01-31").add_months(u32::MAX), d("9999-12-31"));
    }
}
