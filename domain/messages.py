"""The message catalogue: every user-facing text in zh-Hans and en, keyed by a stable code."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh-Hans", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "UNAUTHENTICATED": {"zh-Hans": "请先登录。", "en": "Please log in first."},
    "FORBIDDEN": {"zh-Hans": "您没有执行此操作的权限。", "en": "You are not allowed to do this."},
    "NOT_FOUND": {"zh-Hans": "未找到该对象。", "en": "Not found."},
    "REQUIRED": {"zh-Hans": "此项为必填项。", "en": "This field is required."},
    "TOO_LONG": {
        "zh-Hans": "内容过长，最多 {max} 个字符。",
        "en": "Too long: at most {max} characters.",
    },
    "INVALID": {"zh-Hans": "输入无效。", "en": "Invalid value."},
    "INVALID_EMAIL": {"zh-Hans": "邮箱地址无效。", "en": "Invalid email address."},
    "INVALID_TAX_ID": {
        "zh-Hans": "统一社会信用代码或税号无效（应为 15–20 位字母或数字）。",
        "en": "Invalid unified social credit code or tax id (15–20 letters or digits).",
    },
    "WEAK_PASSWORD": {
        "zh-Hans": "密码至少需要 {min} 个字符，且同时包含字母和数字。",
        "en": "The password needs at least {min} characters, with letters and digits.",
    },
    "DUPLICATE_EMAIL": {
        "zh-Hans": "该邮箱已被注册。",
        "en": "This email address is already registered.",
    },
    "DUPLICATE_TAX_ID": {
        "zh-Hans": "该统一社会信用代码已被注册。",
        "en": "A company with this tax id is already registered.",
    },
    "INVALID_CREDENTIALS": {"zh-Hans": "邮箱或密码错误。", "en": "Wrong email or password."},
    "WRONG_PASSWORD": {"zh-Hans": "当前密码不正确。", "en": "The current password is wrong."},
    "LOGIN_THROTTLED": {
        "zh-Hans": "登录失败次数过多，请 {minutes} 分钟后再试。",
        "en": "Too many failed logins. Try again in {minutes} minutes.",
    },
    "ACCOUNT_DISABLED": {"zh-Hans": "该账号已停用。", "en": "This account is disabled."},
    "INVALID_TOKEN": {
        "zh-Hans": "令牌无效或已过期。",
        "en": "The token is invalid or has expired.",
    },
    "INVALID_STATE": {
        "zh-Hans": "当前状态（{status}）下不能执行此操作。",
        "en": "Not possible while the status is {status}.",
    },
    "COMPANY_NOT_ACTIVE": {
        "zh-Hans": "贵公司的账户尚未启用或已暂停（{status}），暂不能下单。",
        "en": "Your company's account is not active ({status}), so it cannot order yet.",
    },
    "LAST_OWNER": {
        "zh-Hans": "公司至少需要保留一位所有者。",
        "en": "A company needs at least one owner.",
    },
    "INVALID_ROLE": {"zh-Hans": "角色无效。", "en": "Invalid role."},
    "NEGATIVE_AMOUNT": {"zh-Hans": "金额不能为负数。", "en": "The amount cannot be negative."},
    "REQUEST_TOO_LARGE": {"zh-Hans": "请求过大。", "en": "The request is too large."},
    "QUERY_TOO_LARGE": {
        "zh-Hans": "查询过长：最多 {max} 个词法单元。",
        "en": "The query is too long: at most {max} tokens.",
    },
    "INTERNAL_ERROR": {
        "zh-Hans": "服务器内部错误，请稍后重试（请求编号 {request_id}）。",
        "en": "Internal error, please retry later (request id {request_id}).",
    },
    # Notifications sent through the outbox.
    "mail.password_reset.subject": {"zh-Hans": "重置您的密码", "en": "Reset your password"},
    "mail.password_reset.body": {
        "zh-Hans": "请使用以下令牌在 {minutes} 分钟内重置密码：{token}",
        "en": "Use this token within {minutes} minutes to reset your password: {token}",
    },
    "mail.invitation.subject": {
        "zh-Hans": "{company} 邀请您加入订货平台",
        "en": "{company} invites you to order online",
    },
    "mail.invitation.body": {
        "zh-Hans": "您被邀请以「{role}」身份加入 {company}。接受邀请的令牌：{token}",
        "en": "You are invited to join {company} as {role}. Invitation token: {token}",
    },
    "mail.company_approved.subject": {
        "zh-Hans": "您的企业账户已通过审核",
        "en": "Your company account is approved",
    },
    "mail.company_approved.body": {
        "zh-Hans": "{company} 的账户已启用，现在可以下单了。",
        "en": "The account of {company} is active: you can order now.",
    },
    "mail.company_rejected.subject": {
        "zh-Hans": "您的企业注册未通过审核",
        "en": "Your company registration was not approved",
    },
    "mail.company_rejected.body": {
        "zh-Hans": "{company} 的注册未通过，原因：{reason}",
        "en": "The registration of {company} was not approved. Reason: {reason}",
    },
}


def normalize_language(value: str | None, default: str = "zh-Hans") -> str:
    """Map an Accept-Language header or a language code to a supported language."""
    if not value:
        return default
    for part in value.split(","):
        tag = part.split(";", 1)[0].strip().lower()
        if tag.startswith("zh"):
            return "zh-Hans"
        if tag.startswith("en"):
            return "en"
    return default


def message(key: str, language: str, **params: Any) -> str:
    texts = MESSAGES[key]
    text = texts.get(language) or texts["zh-Hans"]
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text
