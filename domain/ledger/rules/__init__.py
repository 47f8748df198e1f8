"""Pure posting rules shared by every area: plan types, document amounts (EN 16931),
receipts and shipments at expected cost. No SQLAlchemy, no I/O.
"""
