"""Pure costing rules: outbound valuation by costing method, the adjustment
computation and average cost periods. No SQLAlchemy, no I/O.
"""
