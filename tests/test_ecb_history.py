"""The lazily built ECB history gives exactly the package's rates (the converter the FX layer uses)."""

import datetime as dt

import pytest

currency_converter = pytest.importorskip("currency_converter")

from dealtracker.ecb_history import LazyCurrencyConverter  # noqa: E402


@pytest.fixture(scope="module")
def converters():
    options = dict(fallback_on_missing_rate=True, fallback_on_wrong_date=False)
    return LazyCurrencyConverter(**options), currency_converter.CurrencyConverter(**options)


def test_currencies_and_bounds_are_the_packages_before_any_currency_is_built(converters):
    lazy, eager = converters
    assert lazy.currencies == eager.currencies
    assert lazy.bounds == eager.bounds


def test_every_currency_converts_as_the_package_does_on_every_tenth_day(converters):
    lazy, eager = converters
    checked = 0
    for currency in sorted(eager.currencies):
        first, last = eager.bounds[currency]
        day = first
        while day <= last:  # weekends and holidays included: those are the interpolated days
            assert lazy.convert(1.0, currency, "USD", date=day) == eager.convert(1.0, currency, "USD", date=day)
            checked += 1
            day += dt.timedelta(days=10)
        assert lazy.convert(1.0, currency, "USD", date=last) == eager.convert(1.0, currency, "USD", date=last)
    assert checked > 30_000


def test_a_day_outside_a_currencys_quotes_is_refused_as_by_the_package(converters):
    lazy, eager = converters
    first, _ = eager.bounds["BGN"]
    before = first - dt.timedelta(days=1)
    with pytest.raises(currency_converter.RateNotFoundError):
        eager.convert(1.0, "BGN", "USD", date=before)
    with pytest.raises(currency_converter.RateNotFoundError):
        lazy.convert(1.0, "BGN", "USD", date=before)


def test_a_currency_is_built_only_when_asked_for():
    lazy = LazyCurrencyConverter(fallback_on_missing_rate=True)
    assert dict.keys(lazy._rates) == set()
    lazy.convert(100, "JPY", "USD")
    assert set(dict.keys(lazy._rates)) == {"JPY", "USD"}
