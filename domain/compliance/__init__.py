"""Compliance: statutory and standard outputs (EHF/PEPPOL BIS 3 e-invoices, VAT return), and the Schematron runner."""
