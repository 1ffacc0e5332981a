"""Buddhist-era dates as Thai officials write them."""
import datetime as dt

import pytest

from citizen_pins.core.thai_dates import (buddhist_year, english_date, thai_date_long,
                                          thai_date_short, thai_datetime_long, thai_digits)


def test_the_two_forms_of_the_issue():
    d = dt.date(2018, 6, 5)
    assert thai_date_long(d) == "๕ มิถุนายน ๒๕๖๑"
    assert thai_date_short(d) == "5 มิ.ย. 2561"


def test_other_numerals_and_inputs():
    assert thai_date_long("2018-06-05", numerals="arabic") == "5 มิถุนายน 2561"
    assert thai_date_short(dt.datetime(2018, 6, 5, 23, 59), numerals="thai") == "๕ มิ.ย. ๒๕๖๑"
    assert thai_datetime_long(dt.datetime(2025, 1, 9, 14, 30)) == "๙ มกราคม ๒๕๖๘ เวลา ๑๔.๓๐ น."
    assert english_date("2025-02-28") == "28 February 2025"


@pytest.mark.parametrize("month,long_,short", [
    (1, "มกราคม", "ม.ค."), (2, "กุมภาพันธ์", "ก.พ."), (3, "มีนาคม", "มี.ค."), (4, "เมษายน", "เม.ย."),
    (5, "พฤษภาคม", "พ.ค."), (6, "มิถุนายน", "มิ.ย."), (7, "กรกฎาคม", "ก.ค."), (8, "สิงหาคม", "ส.ค."),
    (9, "กันยายน", "ก.ย."), (10, "ตุลาคม", "ต.ค."), (11, "พฤศจิกายน", "พ.ย."), (12, "ธันวาคม", "ธ.ค."),
])
def test_every_month(month, long_, short):
    d = dt.date(2024, month, 1)
    assert thai_date_long(d, "arabic") == f"1 {long_} 2567"
    assert thai_date_short(d) == f"1 {short} 2567"


def test_year_boundary_and_leap_day():
    # The Thai civil year has begun on 1 January since 1941: BE = CE + 543 all year round.
    assert thai_date_short("2023-12-31") == "31 ธ.ค. 2566"
    assert thai_date_short("2024-01-01") == "1 ม.ค. 2567"
    assert thai_date_long("2024-02-29") == "๒๙ กุมภาพันธ์ ๒๕๖๗"
    assert buddhist_year(1999) == 2542
    assert thai_digits("เลขที่ 10/2") == "เลขที่ ๑๐/๒"


def test_not_a_date():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        thai_date_long("5/6/2018")
