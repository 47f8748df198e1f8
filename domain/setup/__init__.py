"""Company setup and master data: the company, chart of accounts, posting groups and
posting setup, VAT setup, number series, locations, payment terms, users, and the
cards (vendors, customers, items, item charges). ``initialize`` makes a new company
(charts per country, optional demo data). Everything else reads its setup from here.
"""
