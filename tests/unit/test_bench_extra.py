"""The further real corpus's truth (bench/extraction_extra.py): invoice2data's JSON read as the
benchmark's core fields, nothing invented where the JSON is silent."""

import json

from bench.extraction_extra import extra_pdfs, extra_truth


def test_invoice2data_fields_map_to_the_core_fields(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.json").write_text(json.dumps([{
        "issuer": "Shop B.V.", "amount": 717.97, "amount_untaxed": 593.36, "date": "2014-04-19",
        "invoice_number": "#993548900", "vat": "NL 8104 33941B01", "iban": "NL50INGB0683251309",
        "currency": "EUR"}]))
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")  # no JSON beside it: not in the set
    [pdf] = extra_pdfs(tmp_path)
    assert extra_truth(pdf) == {
        "vendor_id": "NL810433941B01", "invoice_no": "993548900", "invoice_date": "2014-04-19",
        "due_date": None, "currency": "EUR", "net_amount": 593.36, "vat_amount": None,
        "gross_amount": 717.97, "account": "NL50INGB0683251309", "payment_reference": None}


def test_a_vat_value_without_the_shape_of_a_vat_id_is_not_scored(tmp_path):
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.json").write_text(json.dumps({"invoice_number": "1", "vat": "20%", "static_vat": None}))
    assert extra_truth(tmp_path / "c.pdf")["vendor_id"] is None
