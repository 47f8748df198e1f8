"""The whole schema: imports every area's model so that ``Base.metadata`` and the mapper
registry are complete (create_all in tests, migration autogenerate, ``db.check``).

Areas import each other's models directly; only code that needs *all* tables
(the database bootstrap and tests) imports this module.
"""

from domain.approvals import model as approvals  # noqa: F401
from domain.costing import model as costing  # noqa: F401
from domain.documents import model as documents  # noqa: F401
from domain.identity import model as identity  # noqa: F401
from domain.intake import model as intake  # noqa: F401
from domain.ledger import model as ledger  # noqa: F401
from domain.messaging import model as messaging  # noqa: F401
from domain.orm import Base
from domain.payments import model as payments  # noqa: F401
from domain.purchasing import model as purchasing  # noqa: F401
from domain.purchasing import prepayment_model  # noqa: F401
from domain.purchasing import receipt_model  # noqa: F401
from domain.sales import model as sales  # noqa: F401
from domain.inventory import assembly_model  # noqa: F401
from domain.inventory import model as inventory  # noqa: F401
from domain.inventory import tracking_model  # noqa: F401
from domain.inventory import reservation_model  # noqa: F401
from domain.setup import model as setup  # noqa: F401

metadata = Base.metadata

__all__ = ["Base", "metadata"]
