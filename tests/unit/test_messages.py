import pytest

from domain.shared.errors import ErrorCode
from domain.shared.messages import LANGUAGES, MESSAGES, message, normalize_language


@pytest.mark.parametrize("code", list(ErrorCode))
def test_every_error_code_has_a_message_in_each_language(code):
    for language in LANGUAGES:
        assert MESSAGES[code.value][language].strip()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("fr-FR, en;q=0.5", "en"),
        ("fr-FR", "zh-Hans"),
        (None, "zh-Hans"),
        ("", "zh-Hans"),
    ],
)
def test_accept_language_picks_a_supported_language(header, expected):
    assert normalize_language(header) == expected


def test_default_language_applies_when_nothing_matches():
    assert normalize_language("de", default="en") == "en"


def test_message_fills_parameters():
    assert message("LOGIN_THROTTLED", "en", minutes=15) == (
        "Too many failed logins. Try again in 15 minutes."
    )
    assert "15" in message("LOGIN_THROTTLED", "zh-Hans", minutes=15)


def test_every_company_role_has_a_label_in_each_language():
    from domain.accounts.permissions import CompanyRole

    for role in CompanyRole:
        for language in LANGUAGES:
            label = MESSAGES[f"company_role.{role.value}"][language].strip()
            assert label and (language == "en" or role.value not in label)
