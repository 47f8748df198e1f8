"""The ledger state machine: random valid and invalid commands against the real services.

One sequence = one fresh Norwegian demo company (:mod:`tests.simulation.harness`);
an ``initialize`` step picks the costing setup (automatic cost posting, expected cost
posting, automatic cost adjustment), then hypothesis draws rules from the mixins
(purchasing, orders, returns, sales, stock and money, approvals) and the invalid
commands of :mod:`tests.simulation.invalid`. After every step :meth:`the_books_hold`
runs every invariant of :mod:`tests.simulation.invariants`.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.costing import periods as inventory_periods
from tests.simulation import invalid_more, invalid_sales  # noqa: F401  (they register their variants)
from tests.simulation.base import counted
from tests.simulation.figures import Figures
from tests.simulation.harness import Databases
from tests.simulation.holes import KNOWN_HOLES
from tests.simulation.invalid import VARIANTS
from tests.simulation.invariants import check_all
from tests.simulation.model import Doc, Line, Model
from tests.simulation.rules_approvals import ApprovalRules
from tests.simulation.rules_orders import ReturnRules
from tests.simulation.rules_sales import SalesRules
from tests.simulation.rules_stock import StockRules


class LedgerMachine(ReturnRules, SalesRules, StockRules, ApprovalRules, RuleBasedStateMachine):
    def __init__(self, databases: Databases, figures: Figures):
        super().__init__()
        self.figures = figures
        self.app = databases.fresh()
        self.model = Model()
        figures.sequences += 1

    @initialize(automatic_cost_posting=st.booleans(), expected_cost_posting=st.booleans(),
                automatic_adjustment=st.sampled_from(["never", "never", "always"]))
    def company_setup(self, automatic_cost_posting, expected_cost_posting, automatic_adjustment):
        if "expected_cost_reversed_twice" in KNOWN_HOLES:
            expected_cost_posting = False  # invoicing a receipt or shipment breaks the interim accounts
        inventory_periods.set_inventory_setup(self.app, automatic_cost_posting=automatic_cost_posting,
                                              expected_cost_posting=expected_cost_posting,
                                              automatic_cost_adjustment=automatic_adjustment)
        self.model.automatic_cost_posting = automatic_cost_posting
        self.model.expected_cost_posting = expected_cost_posting

    def _invalid(self, data, group: str) -> None:
        names = sorted(n for n, v in VARIANTS.items() if n not in KNOWN_HOLES and v.group == group and v.needs(self))
        variant = VARIANTS[data.draw(st.sampled_from(names), label="invalid")]
        command = variant.build(self, data)
        for no in self.refuse(variant.name, command, variant.stay, variant.codes):
            area = "sales" if no.startswith("S") else "purchase"
            self.model.docs[no] = Doc(no, area, "bad", "", [Line(1, "", "", 0)], None, status="bad")

    @rule(data=st.data())
    @counted
    def invalid_purchasing_command(self, data):
        self._invalid(data, "purchasing")

    @rule(data=st.data())
    @counted
    def invalid_sales_command(self, data):
        self._invalid(data, "sales")

    @rule(data=st.data())
    @counted
    def invalid_stock_or_money_command(self, data):
        self._invalid(data, "other")

    @invariant()
    def the_books_hold(self):
        self.figures.invariant_checks += check_all(self.app, self.model)
        self.figures.invariant_passes += 1

    def teardown(self):
        self.app.dispose()
