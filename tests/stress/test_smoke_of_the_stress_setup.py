"""The stress suite is collected only with --stress (./stress.sh), and then it really runs."""

from __future__ import annotations


def test_stress_suite_is_collected(pytestconfig):
    assert pytestconfig.getoption("--stress")
