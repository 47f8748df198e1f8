"""The payment service's URL template: checked when set, every value URL-encoded when filled in."""

import pytest

from domain.documents.legal import legal_lines
from domain.documents.payment_link import payment_url, template_problems
from domain.documents.units import unit_name


def codes(name, template):
    return [p.code for p in template_problems(name, template)]


def test_a_template_with_the_known_placeholders_is_accepted():
    assert codes("Vipps", "https://pay.example/?amount={amount}&ref={kid}&inv={document_no}&c={currency}") == []


@pytest.mark.parametrize("template, expected", [
    ("https://pay.example/?a={amount}&x={iban}", ["DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER"]),
    ("https://pay.example/?a={amount:>10}", ["DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER"]),
    ("https://pay.example/?a={amount!r}", ["DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER"]),
    ("https://pay.example/?a={0}", ["DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER"]),
    ("http://pay.example/?a={amount}", ["DOCS-PAYMENT-URL-NOT-HTTPS"]),
    ("javascript:alert(1)//{amount}", ["DOCS-PAYMENT-URL-NOT-HTTPS"]),
    ("https:///?a={amount}", ["DOCS-PAYMENT-URL-INVALID"]),
    ("https://pay.example/?a={amount", ["DOCS-PAYMENT-URL-INVALID"]),
    ("https://pay.example/ a={amount}", ["DOCS-PAYMENT-URL-INVALID"]),
    ("ftp://x/{foo}", ["DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER", "DOCS-PAYMENT-URL-NOT-HTTPS"]),
])
def test_a_bad_template_is_refused_with_every_reason(template, expected):
    assert codes("Vipps", template) == expected


def test_a_payment_service_needs_a_one_line_name():
    assert codes("", "https://pay.example/") == ["DOCS-PAYMENT-SERVICE-NAME"]
    assert codes("Vipps\nBcc: x", "https://pay.example/") == ["DOCS-PAYMENT-SERVICE-NAME"]


def test_every_value_is_url_encoded_so_it_cannot_change_the_link():
    url = payment_url("https://pay.example/?amount={amount}&ref={kid}&inv={document_no}",
                      {"amount": "1250.00", "kid": "12 34&x=1", "document_no": "PSI/1?#"})
    assert url == "https://pay.example/?amount=1250.00&ref=12%2034%26x%3D1&inv=PSI%2F1%3F%23"


def test_legal_lines_follow_the_company_country():
    assert legal_lines("NO", "974760673", "NO974760673MVA") == ["Org.nr 974 760 673 MVA", "Foretaksregisteret"]
    assert legal_lines("NO", "974760673", "") == ["Org.nr 974 760 673", "Foretaksregisteret"]
    assert legal_lines("NL", "87654321", "NL004495445B01") == ["KvK 87654321", "btw-id NL004495445B01"]
    assert legal_lines("NL", "", "") == []


@pytest.mark.parametrize("code, language, expected", [
    ("PCS", "nb", "stk"), ("PCS", "nl", "st."), ("PCS", "en", "pcs"), ("HOUR", "nb", "time"),
    ("HOUR", "nl", "uur"), ("box", "nl", "doos"), ("PALLET", "xx", "pallet"), ("ROLL", "nb", "ROLL"), ("", "nb", "")])
def test_units_of_measure_print_in_the_document_language(code, language, expected):
    assert unit_name(code, language) == expected
