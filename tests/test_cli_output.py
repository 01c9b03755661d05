"""Fitting tables to the terminal: which width, how the columns share it, how long cells are cut."""

from __future__ import annotations

import os

import pytest

from graph.cli import output
from graph.cli.output import FALLBACK_COLUMNS, fit_cell, fit_widths, render_rows, terminal_width


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("Keir Starmer | Labour Party | Muslims", 24, "Keir Starmer | Labour…"),  # at a word, no dangling " |"
        ("haemorrhaging", 8, "haemorr…"),  # no word boundary near: cut inside the word
        ("to take  “urgent\naction”", 17, "to take “urgent…"),  # white space folded first
    ],
)
def test_fit_cell_cuts_at_a_word_with_an_ellipsis(text: str, width: int, expected: str) -> None:
    assert fit_cell(text, width) == expected and len(fit_cell(text, width)) <= width


@pytest.mark.parametrize(
    ("natural", "caps", "total", "expected"),
    [
        ([10, 20, 5], [60, 60, 60], 80, [10, 20, 5]),  # everything fits: natural widths
        ([30, 100, 10], [26, 60, 60], 100, [26, 60, 10]),  # short terminal: columns up to their caps ...
        ([30, 100, 10], [26, 60, 60], 80, [26, 40, 10]),  # ... and the widest gives way first
        ([30, 100, 10], [26, 60, 60], 40, [13, 13, 10]),  # down to equal widths
        ([30, 100, 10], [26, 60, 60], 140, [29, 97, 10]),  # room beyond the caps goes by share
    ],
)
def test_fit_widths_caps_then_shares(natural: list[int], caps: list[int], total: int, expected: list[int]) -> None:
    widths = fit_widths(natural, [6] * len(natural), caps, [0.3, 1.0, 1.0], total)
    assert widths == expected
    assert sum(widths) + 2 * (len(widths) - 1) <= total


def test_room_beyond_the_caps_is_shared_by_weight() -> None:
    assert fit_widths([200, 200], [6, 6], [10, 10], [0.5, 1.0], 92) == [30, 60]


def test_fit_widths_stops_at_the_floors() -> None:
    assert fit_widths([50, 50, 50], [8, 8, 8], [60, 60, 60], [1.0, 1.0, 1.0], 10) == [8, 8, 8]


def test_terminal_width_prefers_columns_then_any_attached_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    def only_stderr(fd: int = 1) -> os.terminal_size:
        if fd == 2:
            return os.terminal_size((211, 50))
        raise OSError("not a terminal")

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", only_stderr)
    assert terminal_width() == 211  # stdout piped (`claimgraph claims | less`): the terminal on stderr
    monkeypatch.setenv("COLUMNS", "97")
    assert terminal_width() == 97
    monkeypatch.delenv("COLUMNS")

    def nowhere(fd: int = 1) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", nowhere)
    assert terminal_width() == FALLBACK_COLUMNS


def test_tables_keep_every_row_and_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "terminal_width", lambda: 30)
    rows = [{"name": "Angela Rayner", "about": ["Labour Party", "Keir Starmer"]}, {"name": None, "about": []}]
    lines = render_rows(["name", "about"], rows, "table").splitlines()
    assert lines[0].split() == ["name", "about"] and lines[-1] == "(2 rows)" and len(lines) == 5
    assert all(len(line) <= 30 for line in lines) and lines[2].startswith("Angela Rayner  Labour Party…")
