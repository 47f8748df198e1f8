"""The outbox: messages (e-mails) written in the transaction that decides them and
delivered afterwards at most once, with their attachments.
"""
