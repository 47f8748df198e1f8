"""Inventory costing as Business Central does it: valuation of outbound entries by
costing method, cost adjustment (forwarding cost changes to what was sold), posting
inventory cost to the G/L, revaluation, inventory periods and their closing, and the
automatic cost adjustment after a posting.
"""
