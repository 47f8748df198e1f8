"""``python -m flows.cli ...`` runs the ledgerflow command line."""

from flows.cli import main

main()
