"""Outgoing documents: printed sales and purchase documents (HTML/PDF), their
localised labels and formats, and the e-mail that sends them.
"""
