"""Problem texts (en / nb / nl) of the database roles (``ledgerflow db grant-app-role``)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "DB-ROLE-POSTGRESQL-ONLY": {
        "en": "Database roles exist on PostgreSQL only; this database is {dialect}.",
        "nb": "Databaseroller finnes bare i PostgreSQL; denne databasen er {dialect}.",
        "nl": "Databaserollen bestaan alleen in PostgreSQL; deze database is {dialect}.",
    },
    "DB-ROLE-NAME-INVALID": {
        "en": "Role name {role} is not allowed: use lower-case letters, digits and _ (at most 63, "
              "not starting with a digit).",
        "nb": "Rollenavnet {role} er ikke tillatt: bruk små bokstaver, sifre og _ (høyst 63, "
              "ikke et siffer først).",
        "nl": "Rolnaam {role} is niet toegestaan: gebruik kleine letters, cijfers en _ (hoogstens 63, "
              "niet beginnend met een cijfer).",
    },
    "DB-ROLE-NOT-MIGRATED": {
        "en": "This database has no ledgerflow tables yet: run `ledgerflow init` or `ledgerflow db upgrade` "
              "as the owner first.",
        "nb": "Denne databasen har ingen ledgerflow-tabeller ennå: kjør `ledgerflow init` eller "
              "`ledgerflow db upgrade` som eier først.",
        "nl": "Deze database heeft nog geen ledgerflow-tabellen: voer eerst als eigenaar `ledgerflow init` "
              "of `ledgerflow db upgrade` uit.",
    },
    "DB-ROLE-TOO-POWERFUL": {
        "en": "Role {role} owns the tables, is a member of their owner ({owner}), or is a superuser or may "
              "create roles: it could switch the ledger guards off. Give the application a role of its own.",
        "nb": "Rollen {role} eier tabellene, er medlem av eieren ({owner}), eller er superbruker eller kan "
              "opprette roller: den kan slå av vernet av hovedbøkene. Gi applikasjonen en egen rolle.",
        "nl": "Rol {role} is eigenaar van de tabellen, lid van de eigenaar ({owner}), of superuser of mag "
              "rollen aanmaken: hij kan de bescherming van de grootboeken uitschakelen. Geef de applicatie "
              "een eigen rol.",
    },
    "DB-ROLE-NOT-OWNER": {
        "en": "Connected as {user}, who does not own the tables ({owner}): run this as their owner.",
        "nb": "Tilkoblet som {user}, som ikke eier tabellene ({owner}): kjør dette som eieren.",
        "nl": "Verbonden als {user}, die geen eigenaar van de tabellen is ({owner}): voer dit uit als de "
              "eigenaar.",
    },
    "DB-MIGRATE-NOT-OWNER": {
        "en": "The database needs a migration, and {user} does not own its tables: run `ledgerflow db upgrade` "
              "and `ledgerflow db grant-app-role` as the owner.",
        "nb": "Databasen trenger en migrering, og {user} eier ikke tabellene: kjør `ledgerflow db upgrade` "
              "og `ledgerflow db grant-app-role` som eieren.",
        "nl": "De database heeft een migratie nodig en {user} is geen eigenaar van de tabellen: voer als "
              "eigenaar `ledgerflow db upgrade` en `ledgerflow db grant-app-role` uit.",
    },
    "DB-ROLE-CANNOT-CREATE": {
        "en": "Role {role} does not exist and {user} may not create roles: ask the database administrator "
              "to run CREATE ROLE {role} LOGIN, then run this again.",
        "nb": "Rollen {role} finnes ikke, og {user} kan ikke opprette roller: be databaseadministratoren "
              "kjøre CREATE ROLE {role} LOGIN, og kjør dette på nytt.",
        "nl": "Rol {role} bestaat niet en {user} mag geen rollen aanmaken: vraag de databasebeheerder "
              "CREATE ROLE {role} LOGIN uit te voeren en voer dit daarna opnieuw uit.",
    },
})
