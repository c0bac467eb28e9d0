//! Calendar dates as Harbour writes them: `YYYY-MM-DD`, with no time zone and
//! no date library. "Today" always comes from the person's computer.

/// The months in words, January first; the UI is given this list too.
pub const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// (year, month, day) for a real calendar date written `YYYY-MM-DD`, from 2000 to 2999.
pub fn parse_iso(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((2000..=2999).contains(&y) && (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then_some((y, m, d))
}

pub fn is_iso_date(s: &str) -> bool {
    parse_iso(s).is_some()
}

fn days_in_month(y: u32, m: u32) -> u32 {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        _ => 28,
    }
}

/// `date` plus whole months, keeping the day where the month has it
/// (31 January plus one month is 28 or 29 February).
pub fn add_months(date: &str, months: u32) -> Option<String> {
    let (y, m, d) = parse_iso(date)?;
    let total = y * 12 + (m - 1) + months;
    let (ny, nm) = (total / 12, total % 12 + 1);
    let out = format!("{ny:04}-{nm:02}-{:02}", d.min(days_in_month(ny, nm)));
    is_iso_date(&out).then_some(out)
}

/// "24 February 2027" for "2027-02-24"; None for anything else.
pub fn in_words(iso: &str) -> Option<String> {
    let (y, m, d) = parse_iso(iso)?;
    Some(format!("{d} {} {y}", MONTHS[m as usize - 1]))
}

/// (year, month, day) in UTC for unix seconds (Howard Hinnant's days-to-civil).
fn civil(unix_secs: i64) -> (i64, usize, i64) {
    let z = unix_secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month as usize, day)
}

/// "24 November 2026" for a moment in unix seconds (UTC).
pub fn unix_in_words(unix_secs: i64) -> String {
    let (y, m, d) = civil(unix_secs);
    format!("{d} {} {y}", MONTHS[m - 1])
}

/// "2026-11-24" for a moment in unix seconds (UTC).
pub fn unix_to_iso(unix_secs: i64) -> String {
    let (y, m, d) = civil(unix_secs);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_real_dates_are_dates() {
        for good in ["2026-11-24", "2028-02-29", "2000-02-29", "2999-12-31"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in ["2027-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "+026-11-24", "2026-+1-24", "26-11-24", "1999-12-31", "2026-11-24T10:00", ""] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn months_are_added_keeping_the_day_where_it_exists() {
        assert_eq!(add_months("2026-11-24", 3).as_deref(), Some("2027-02-24"));
        assert_eq!(add_months("2027-01-31", 1).as_deref(), Some("2027-02-28"));
        assert_eq!(add_months("2028-01-31", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(add_months("2026-12-15", 12).as_deref(), Some("2027-12-15"));
        assert_eq!(add_months("not a date", 1), None);
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(in_words("2027-02-04").as_deref(), Some("4 February 2027"));
        assert_eq!(in_words("2027-02-30"), None);
        assert_eq!(unix_in_words(1_795_132_800), "20 November 2026");
        assert_eq!(unix_to_iso(1_795_132_800), "2026-11-20");
        assert_eq!(unix_in_words(0), "1 January 1970");
        assert_eq!(unix_in_words(951_782_400), "29 February 2000");
    }

    proptest! {
        #[test]
        fn every_day_in_range_round_trips(days in 10_957i64..376_000) {
            let iso = unix_to_iso(days * 86_400);
            prop_assert!(is_iso_date(&iso), "{}", iso);
            prop_assert_eq!(in_words(&iso).unwrap(), unix_in_words(days * 86_400));
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}", n in 0u32..1000) {
            let _ = add_months(&s, n);
            let _ = in_words(&s);
        }
    }
}
