"""The approvals page: people sign in, see what waits for them, open a document
beside its PDF and approve, reject or delegate. Thin Starlette handlers over
domain services (``domain.identity.sessions``, ``domain.intake.page``,
``domain.approvals.decide``); the views are Jinja2 templates in templates/web/."""
