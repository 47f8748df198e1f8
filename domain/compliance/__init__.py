"""Statutory outputs for the tax authorities (issue 18): the SAF-T Financial file for Norway
(``saft``), the XML Auditfile Financieel for the Netherlands (``xaf``) over a shared reader and
writer (``auditfile``); the VAT return (``vat_return``) and the Schematron runner
(``schematron``) that checks e-invoices against the PEPPOL BIS 3 rules. Layer of ``payments``
(docs/architecture.md)."""
