"""The period report counted in a child process gives the same figures and passes progress on."""

from __future__ import annotations

import pytest

from exports.periods import parse_quarter
from exports.report import period_report
from exports.report_job import ReportFailed, report_in_child
from sessions.store import Store


def test_same_figures_as_counted_in_process(demo_store: Store) -> None:
    period = parse_quarter("2026-Q4")
    seen: list[tuple[int, int]] = []
    period_report(demo_store, period)  # the closed weeks' summaries made: both counts below read them
    expected, files = period_report(demo_store, period)
    result = report_in_child(demo_store.data_dir, period, progress=lambda done, total: seen.append((done, total)))
    assert result.indicators == expected and result.files_read == files
    assert seen and seen[-1][0] == seen[-1][1]  # the bar reaches its end
    assert all(path.exists() for path in result.paths)


def test_a_damaged_log_is_said_not_hidden(demo_store: Store) -> None:
    _week, _device, path = demo_store.log_files()[-2]
    path.write_text('{"sessions": {"1": ', "utf-8")
    with pytest.raises(ReportFailed) as caught:
        report_in_child(demo_store.data_dir, parse_quarter("2026-Q4"))
    assert path.name in str(caught.value)
