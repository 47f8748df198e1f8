"""Inventory: the item journal (positive/negative adjustments, sales, transfers),
quantities on hand and open inbound entries, and the cost reads that order and
sales posting take from the item ledger.
"""
