"""Sales: quotes, orders, invoices and credit memos, shipments and return receipts,
corrections, purchase for a sale (drop shipments, special orders) and the sales
reports; one sales posting kernel.
"""
