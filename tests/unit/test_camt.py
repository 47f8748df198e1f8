"""CAMT.053 parsing: amounts, signs, references; hostile XML refused."""

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from domain.payments import camt
from domain.problems import DomainError

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "camt053-example.xml"


def test_booked_entries_are_read_with_sign_reference_and_remittance_text():
    xml = EXAMPLE.read_text(encoding="utf-8").format(amount1="1250.00", kid1="0000018", amount2="10.50",
                                                     invoice2="PSI-000002").encode()
    entries = camt.parse(xml)
    assert [(e.amount, e.reference, e.entry_reference) for e in entries] == [
        (D("1250.00"), "0000018", "BANK-0001"), (D("10.50"), "", "BANK-0002"), (D("777.00"), "", "BANK-0003")]
    assert entries[1].remittance_text == "Delbetaling faktura PSI-000002"
    assert entries[0].booking_date == dt.date(2026, 11, 21) and entries[0].account_iban == "NO9386011117947"
    assert entries[0].counterparty_name == "Solberg Bakeri AS"


def test_a_debit_entry_is_negative():
    xml = b"""<Document><BkToCstmrStmt><Stmt><Id>S</Id><Acct><Id><IBAN>NO93</IBAN></Id></Acct>
      <Ntry><Amt Ccy="NOK">99.90</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-21</Dt></BookgDt>
      </Ntry></Stmt></BkToCstmrStmt></Document>"""
    assert camt.parse(xml)[0].amount == D("-99.90")


def test_entity_expansion_is_refused():
    xml = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>
      <Document><BkToCstmrStmt><Stmt><Id>&b;</Id></Stmt></BkToCstmrStmt></Document>"""
    with pytest.raises(DomainError) as err:
        camt.parse(xml)
    assert err.value.code == "CAMT-INVALID-XML"
