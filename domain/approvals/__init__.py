"""Approval workflows as Business Central describes them: workflows and their
conditions, approval user setup (limits, approver chains, substitutes),
requests and entries, decisions, the posting gate and the audit trail.
"""
