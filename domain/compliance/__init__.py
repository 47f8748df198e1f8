"""Statutory outputs for the tax authorities (issue 18): the SAF-T Financial file for Norway
(``saft``), the XML Auditfile Financieel for the Netherlands (``xaf``) over a shared reader and
writer (``auditfile``). Reads only; layer of ``payments`` (docs/architecture.md)."""
