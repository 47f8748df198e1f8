"""Payments: vendor and customer payments applied to open entries, bank statement
import (camt.053) and the application of statement lines.
"""
