"""Incoming documents: what the inbox produced (fields, lines, problems, copies),
vendor mapping learned from people's corrections, and the draft purchase invoices
made from them.
"""
