"""Purchasing: purchase invoices and credit memos, orders and receipts, return
orders, corrections, and the one purchase posting kernel
(snapshot -> plan -> write -> posted document).
"""
