"""Who may do what: users, roles (in the spirit of Business Central's permission sets),
permissions checked in the domain, passwords with lock-out, and the append-only audit of
setup and security changes. Every surface (CLI, web page, Prefect flows) goes through
:func:`domain.identity.access.require`, so no surface can skip the check.

The user table lives here: every other area (setup, approvals, messaging) refers to a
user, and identity depends on no other area.
"""
