"""Prints the simulation's figures at the end of the run (also under pytest-xdist, where
each worker writes its own file next to the shared basetemp)."""

from __future__ import annotations

from tests.simulation import figures as sim_figures


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hasattr(config, "workerinput"):
        return
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None:
        return
    found = sim_figures.read_all(factory.getbasetemp())
    if not found:
        return
    terminalreporter.section("ledger simulation figures")
    for data in found:
        fields = sim_figures.Figures.__dataclass_fields__
        figures = sim_figures.Figures(**{k: v for k, v in data.items() if k in fields})
        terminalreporter.write_line(figures.summary())
        terminalreporter.write_line(f"  refusals by code: {data['refused']}")
        terminalreporter.write_line(f"  invalid commands refused (by kind): {len(data['invalid_refused'])} kinds, "
                                    f"{sum(data['invalid_refused'].values())} commands")
