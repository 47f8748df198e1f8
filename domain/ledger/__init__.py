"""The ledgers and the one posting writer. Owns every append-only entry table
(G/L, VAT, vendor and customer ledger entries, item ledger, value and item
application entries, the transaction register) and the rows that guard or mark
item postings (inventory setup and periods, items to adjust). ``rules.posting``
holds the pure posting-plan types every area plans with; ``writer`` is the only
code that inserts G/L, VAT and ledger rows.
"""
