from datetime import date

from davor.extract.temporal import find_dates, find_durations, find_times
from davor.extract.temporal.calendar import add_working_days, iso_week


def one(text: str, today: date, lang: str = "de"):
    hits = find_dates(text, today, lang)
    assert len(hits) == 1, hits
    return hits[0]


def test_it_resolves_kw_in_this_iso_year_while_its_sunday_is_ahead():
    hit = one("Lief. KW 3", date(2026, 1, 9))
    assert (hit.first, hit.last) == (date(2026, 1, 12), date(2026, 1, 16))


def test_it_rolls_kw_over_to_next_year():
    assert iso_week(date(2026, 12, 18), 2)[0] == date(2027, 1, 11)
    hit = one("KW 1", date(2026, 12, 29))
    assert (hit.first, hit.last) == (date(2027, 1, 4), date(2027, 1, 8))


def test_it_reads_bis_kw_as_latest_only():
    assert one("bis Ende KW 12", date(2027, 3, 1)).window() == (None, date(2027, 3, 26))


def test_it_reads_weekday_of_next_week():
    assert one("Dienstag nächste Woche", date(2027, 3, 24)).first == date(2027, 3, 30)
    assert one("Tuesday next week", date(2026, 2, 20), "en").first == date(2026, 2, 24)


def test_it_reads_uebernaechste_woche():
    assert one("übernächste Woche Mo", date(2027, 8, 30)).first == date(2027, 9, 13)
    assert one("week after next, Wednesday", date(2027, 1, 15), "en").first == date(2027, 1, 27)


def test_it_takes_a_bare_weekday_strictly_after_now():
    assert one("am Dienstag", date(2026, 12, 22)).first == date(2026, 12, 29)
    assert one("bis Fr.", date(2026, 5, 11)).first == date(2026, 5, 15)
    assert one("next Tuesday", date(2026, 8, 14), "en").first == date(2026, 8, 18)


def test_it_does_not_read_frau_as_friday():
    assert find_dates("mit Fr. Dr. Maren Koch", date(2026, 5, 11)) == []


def test_it_puts_dates_without_year_on_or_after_now():
    assert one("bis 14.1.", date(2027, 12, 20)).first == date(2028, 1, 14)
    assert one("am 20.12.", date(2027, 12, 20)).first == date(2027, 12, 20)
    assert one("on 3 December", date(2027, 12, 4), "en").first == date(2028, 12, 3)
    assert one("am 27.", date(2026, 7, 21)).first == date(2026, 7, 27)


def test_it_counts_working_days_across_a_holiday():
    # 1 May 2026 is a Friday and a holiday.
    assert add_working_days(date(2026, 4, 29), 5) == date(2026, 5, 7)
    assert one("innerhalb von 10 Werktagen", date(2026, 1, 12)).last == date(2026, 1, 26)


def test_it_keeps_24_and_31_december_as_working_days():
    assert add_working_days(date(2026, 12, 22), 2) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 22), 5) == date(2026, 12, 30)
    assert add_working_days(date(2026, 12, 22), 6) == date(2026, 12, 31)


def test_it_reads_month_parts_and_ranges():
    assert one("Mitte April", date(2026, 3, 2)).window() == (date(2026, 4, 11), date(2026, 4, 20))
    assert one("Ende Juli", date(2027, 7, 25)).window() == (date(2027, 7, 21), date(2027, 7, 31))
    assert one("zwischen 10. und 14.1.", date(2027, 12, 20)).window() == (date(2028, 1, 10), date(2028, 1, 14))


def test_it_reads_in_three_weeks_as_latest():
    assert one("in 3 Wochen", date(2027, 1, 4)).window() == (None, date(2027, 1, 25))


def test_it_reads_relative_days():
    assert one("übermorgen", date(2026, 3, 31)).first == date(2026, 4, 2)
    assert one("bis morgen", date(2026, 3, 31)).first == date(2026, 4, 1)


def times(text: str, lang: str = "de") -> list[tuple[int, int]]:
    return [(t.hour, t.minute) for t in find_times(text, lang)]


def test_it_reads_german_clock_words():
    assert times("halb drei") == [(14, 30)]
    assert times("halb elf") == [(10, 30)]
    assert times("Viertel nach zehn") == [(10, 15)]
    assert times("Viertel vor elf") == [(10, 45)]


def test_it_reads_bare_hours_1_to_7_as_afternoon():
    assert times("um 4") == [(16, 0)]
    assert times("at 3", "en") == [(15, 0)]
    assert times("um 9") == [(9, 0)]


def test_it_reads_clock_formats():
    assert times("10.30 Uhr") == [(10, 30)]
    assert times("14h") == [(14, 0)]
    assert times("2 pm", "en") == [(14, 0)]
    assert times("half past ten", "en") == [(10, 30)]


def test_it_reads_durations():
    minutes = [
        d.minutes for d in find_durations("1,5 Stunden anderthalb Stunden 90 Minuten 1.5 h eine halbe Stunde an hour")
    ]
    assert minutes == [90, 90, 90, 90, 30, 60]
