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
        "zh-Hans": "贵公司的账户尚未启用或已暂停（{status}），暂不能进行此操作。",
        "en": "Your company's account is not active ({status}), so this is not possible yet.",
    },
    "LAST_OWNER": {
        "zh-Hans": "公司至少需要保留一位所有者。",
        "en": "A company needs at least one owner.",
    },
    "INVALID_ROLE": {"zh-Hans": "角色无效。", "en": "Invalid role."},
    "NEGATIVE_AMOUNT": {"zh-Hans": "金额不能为负数。", "en": "The amount cannot be negative."},
    "INVALID_PRICE": {
        "zh-Hans": "价格必须大于零，且最多两位小数。",
        "en": "A price must be positive, with at most two decimals.",
    },
    "DUPLICATE_SKU": {"zh-Hans": "SKU 编码 {sku} 已存在。", "en": "SKU {sku} already exists."},
    "DUPLICATE_SLUG": {"zh-Hans": "标识 {slug} 已被使用。", "en": "The slug {slug} is taken."},
    "INVALID_QUANTITY_RULES": {
        "zh-Hans": "起订量、倍数和最大量不一致：起订量须为倍数的整数倍，最大量不得小于起订量。",
        "en": "Inconsistent quantity rules: the minimum must be a multiple of the order "
        "multiple, and the maximum at least the minimum.",
    },
    "INVALID_PRICE_BREAKS": {
        "zh-Hans": "阶梯价无效：起始数量须为正且不重复，数量越大单价不得越高。",
        "en": "Invalid price breaks: quantities must be positive and distinct, and the price "
        "may not rise with quantity.",
    },
    "INVALID_LANGUAGE": {
        "zh-Hans": "不支持的语言，请使用 zh-Hans 或 en。",
        "en": "Unsupported language: use zh-Hans or en.",
    },
    "CATEGORY_CYCLE": {
        "zh-Hans": "不能把分类移到它自己或其子分类之下。",
        "en": "A category cannot move under itself or one of its descendants.",
    },
    "INSUFFICIENT_STOCK": {
        "zh-Hans": "库存不足：{sku} 可用 {available}。",
        "en": "Not enough stock: {available} of {sku} available.",
    },
    "BELOW_MINIMUM": {
        "zh-Hans": "{sku} 起订量为 {minimum}。",
        "en": "The minimum order quantity of {sku} is {minimum}.",
    },
    "NOT_A_MULTIPLE": {
        "zh-Hans": "{sku} 须按 {multiple} 的倍数订购。",
        "en": "{sku} is sold in multiples of {multiple}.",
    },
    "ABOVE_MAXIMUM": {
        "zh-Hans": "{sku} 每单最多订购 {maximum}。",
        "en": "At most {maximum} of {sku} per order.",
    },
    "INVALID_QUANTITY": {"zh-Hans": "数量必须为正整数。", "en": "The quantity must be positive."},
    "NOT_AVAILABLE": {"zh-Hans": "{sku} 已下架。", "en": "{sku} is no longer available."},
    "PRICE_CHANGED": {
        "zh-Hans": "{sku} 的价格自加入购物车后有变化。",
        "en": "The price of {sku} changed since it was added.",
    },
    "CART_EMPTY": {"zh-Hans": "购物车是空的。", "en": "The cart is empty."},
    "CART_HAS_PROBLEMS": {
        "zh-Hans": "购物车中有不能下单的商品，请先处理。",
        "en": "Some cart lines cannot be ordered yet; fix them first.",
    },
    "ORDER_HAS_PAYMENTS": {
        "zh-Hans": "该订单已收到付款，不能再修改；请联系供应商。",
        "en": "This order has received a payment; ask the supplier to change it.",
    },
    "PAYMENT_METHOD_UNAVAILABLE": {
        "zh-Hans": "贵公司不能使用该付款方式。",
        "en": "This payment method is not available to your company.",
    },
    "CARD_PAYMENTS_UNAVAILABLE": {
        "zh-Hans": "暂不支持银行卡支付，请选择其他付款方式。",
        "en": "Card payment is not available: choose another payment method.",
    },
    "PAYMENT_PROVIDER_ERROR": {
        "zh-Hans": "支付服务暂时无法完成请求，请稍后重试。",
        "en": "The payment provider could not complete the request; please retry later.",
    },
    "NOTHING_DUE": {"zh-Hans": "该订单没有待付金额。", "en": "Nothing is due on this order."},
    "OVERPAYMENT": {
        "zh-Hans": "金额超过待付金额（{due}）。",
        "en": "The amount is more than what is due ({due}).",
    },
    "WRITE_OFF_TOO_LARGE": {
        "zh-Hans": "核销金额超过订单待付金额（{due}）。",
        "en": "The write-off is more than is due on the order ({due}).",
    },
    "REFUND_TOO_LARGE": {
        "zh-Hans": "退款金额超过可退金额（{refundable}）。",
        "en": "The refund is more than can be refunded ({refundable}).",
    },
    "PAYMENT_REQUIRED": {
        "zh-Hans": "银行卡订单须付款后才能通过财务审核。",
        "en": "A card order must be paid before the finance review passes.",
    },
    "CREDIT_LIMIT_EXCEEDED": {
        "zh-Hans": "超出信用额度：可用额度 {available}。",
        "en": "Over the credit limit: {available} available.",
    },
    "CREDIT_HOLD": {
        "zh-Hans": "贵公司的账期已暂停：{reason}",
        "en": "Your company's credit terms are on hold: {reason}",
    },
    "INSUFFICIENT_BALANCE": {
        "zh-Hans": "预存款余额不足：当前余额 {balance}。",
        "en": "Not enough prepaid balance: {balance} available.",
    },
    "OVER_SHIPMENT": {
        "zh-Hans": "{sku} 发货数量超过未发数量（{remaining}）。",
        "en": "More of {sku} than is left to ship ({remaining}).",
    },
    "OVER_RETURN": {
        "zh-Hans": "{sku} 退货数量超过可退数量（{returnable}）。",
        "en": "More of {sku} than can be returned ({returnable}).",
    },
    "REOPEN_PERIOD_OVER": {
        "zh-Hans": "工单已超过可重新打开的期限。",
        "en": "The ticket can no longer be reopened.",
    },
    "IMPORT_FAILED": {
        "zh-Hans": "第 {line} 行：{reason}",
        "en": "Line {line}: {reason}",
    },
    "REQUEST_TOO_LARGE": {"zh-Hans": "请求过大。", "en": "The request is too large."},
    "QUERY_TOO_LARGE": {
        "zh-Hans": "查询过长：最多 {max} 个词法单元。",
        "en": "The query is too long: at most {max} tokens.",
    },
    "INTERNAL_ERROR": {
        "zh-Hans": "服务器内部错误，请稍后重试（请求编号 {request_id}）。",
        "en": "Internal error, please retry later (request id {request_id}).",
    },
    "TOO_MANY_ATTEMPTS": {
        "zh-Hans": "尝试次数过多，请 {minutes} 分钟后再试。",
        "en": "Too many attempts. Try again in {minutes} minutes.",
    },
    "INVALID_ID": {
        "zh-Hans": "编号无效，请使用接口返回的 id。",
        "en": "Invalid id: use an id the API returned.",
    },
    "BAD_USER_INPUT": {"zh-Hans": "输入值无效：{detail}", "en": "Invalid input: {detail}"},
    "VALUE_OUT_OF_RANGE": {
        "zh-Hans": "数值超出允许范围（{detail}）。",
        "en": "The value is out of the allowed range ({detail}).",
    },
    "GRAPHQL_PARSE_FAILED": {
        "zh-Hans": "查询语法错误：{detail}",
        "en": "The query is not valid GraphQL: {detail}",
    },
    "GRAPHQL_VALIDATION_FAILED": {
        "zh-Hans": "查询与接口定义不符：{detail}",
        "en": "The query does not match the schema: {detail}",
    },
    "QUERY_TOO_DEEP": {
        "zh-Hans": "查询嵌套过深：最多 {max} 层。",
        "en": "The query is nested too deeply: at most {max} levels.",
    },
    "QUERY_TOO_COMPLEX": {
        "zh-Hans": "查询过于复杂：估算成本 {cost}，上限 {max}。请减少每页数量或嵌套。",
        "en": "The query is too complex: estimated cost {cost}, at most {max}. Ask for smaller "
        "pages or less nesting.",
    },
    "TOO_MANY_ALIASES": {
        "zh-Hans": "查询中的别名过多：最多 {max} 个。",
        "en": "The query uses too many aliases: at most {max}.",
    },
    "BAD_REQUEST": {
        "zh-Hans": "请求格式错误：{detail}",
        "en": "Malformed request: {detail}",
    },
    "METHOD_NOT_ALLOWED": {
        "zh-Hans": "不支持此请求方法：变更（mutation）请用 POST 发送，查询可用 GET 或 POST。",
        "en": "Method not allowed: send mutations with POST (queries with GET or POST).",
    },
    "NOT_ACCEPTABLE": {
        "zh-Hans": "无法以所请求的格式响应，请接受 application/json 或 "
        "application/graphql-response+json。",
        "en": "Cannot answer in the requested format: accept application/json or "
        "application/graphql-response+json.",
    },
    "UNSUPPORTED_MEDIA_TYPE": {
        "zh-Hans": "不支持的请求内容类型，请使用 application/json。",
        "en": "Unsupported content type: send application/json.",
    },
    "PERSISTED_QUERY_NOT_FOUND": {
        "zh-Hans": "服务器没有该哈希对应的查询，请连同查询文本再发送一次。",
        "en": "PersistedQueryNotFound: send the document again with its hash.",
    },
    "PERSISTED_QUERY_HASH_MISMATCH": {
        "zh-Hans": "查询文本的 SHA-256 与所给哈希不符。",
        "en": "The document's SHA-256 does not match the hash sent with it.",
    },
    "PERSISTED_QUERY_INVALID": {
        "zh-Hans": "persistedQuery 扩展无效：需要 version 1 和 64 位十六进制的 sha256Hash。",
        "en": "Invalid persistedQuery extension: version 1 and a 64-digit hex sha256Hash.",
    },
    "DOCUMENT_NOT_TRUSTED": {
        "zh-Hans": "此服务只执行已登记的查询，该查询不在其中。",
        "en": "This service runs registered documents only, and this one is not registered.",
    },
    "LINK_EXPIRED": {
        "zh-Hans": "下载链接已过期，请重新获取。",
        "en": "This download link has expired: ask for a new one.",
    },
    "LINK_INVALID": {
        "zh-Hans": "下载链接无效。",
        "en": "This download link is not valid.",
    },
    # Reasons for bad rows in a catalog CSV import.
    "import.missing_columns": {"zh-Hans": "缺少列：{columns}", "en": "Missing columns: {columns}"},
    "import.required": {"zh-Hans": "必填。", "en": "Required."},
    "import.too_many_rows": {
        "zh-Hans": "行数太多：最多 {max} 行，请分批导入。",
        "en": "Too many rows: at most {max}; import them in parts.",
    },
    "import.not_xlsx": {
        "zh-Hans": "不是 XLSX 工作簿（请用 Excel 另存为 .xlsx）。",
        "en": "Not an XLSX workbook (save it from Excel as .xlsx).",
    },
    "import.not_integer": {
        "zh-Hans": "「{value}」不是整数。",
        "en": "{value!r} is not a whole number.",
    },
    "import.not_number": {"zh-Hans": "不是有效的数字。", "en": "Not a number."},
    "import.bad_pair": {
        "zh-Hans": "应为 名称=值，实际为「{value}」。",
        "en": "Expected name=value, got {value!r}.",
    },
    "import.bad_tier_prices": {
        "zh-Hans": "应为 等级:数量=价格,…，实际为「{value}」。",
        "en": "Expected tier:qty=price,…, got {value!r}.",
    },
    "import.bad_slug": {"zh-Hans": "标识「{value}」无效。", "en": "Invalid slug {value!r}."},
    "import.bad_status": {
        "zh-Hans": "状态「{value}」无效（draft、published 或 archived）。",
        "en": "Invalid status {value!r} (draft, published or archived).",
    },
    "import.no_name": {
        "zh-Hans": "至少需要一种语言的名称。",
        "en": "A name in at least one language is required.",
    },
    "import.negative_stock": {"zh-Hans": "库存不能为负数。", "en": "Stock cannot be negative."},
    "import.repeat_sku": {
        "zh-Hans": "SKU {sku} 与第 {other} 行重复。",
        "en": "SKU {sku} repeats line {other}.",
    },
    "import.product_differs": {
        "zh-Hans": "商品字段与第 {other} 行不一致。",
        "en": "Product fields differ from line {other}.",
    },
    "import.no_category": {"zh-Hans": "分类「{value}」不存在。", "en": "No category {value!r}."},
    "import.no_warehouse": {"zh-Hans": "仓库「{value}」不存在。", "en": "No warehouse {value!r}."},
    "import.status_move": {
        "zh-Hans": "商品状态不能从「{from}」改为「{to}」。",
        "en": "A product's status cannot go from {from} to {to}.",
    },
    "import.reserved": {
        "zh-Hans": "{warehouse} 已有 {reserved} 件被订单占用，库存不能低于此数。",
        "en": "{warehouse}: {reserved} are reserved by orders; stock cannot go below that.",
    },
    "import.sku_elsewhere": {
        "zh-Hans": "该 SKU 属于商品「{value}」。",
        "en": "This SKU belongs to product {value!r}.",
    },
    # Order statuses as buyers read them.
    "order.status.pending_approval": {"zh-Hans": "待内部审批", "en": "awaiting approval"},
    "order.status.pending_review": {"zh-Hans": "待审核", "en": "awaiting review"},
    "order.status.confirmed": {"zh-Hans": "已确认", "en": "confirmed"},
    "order.status.processing": {"zh-Hans": "处理中", "en": "processing"},
    "order.status.partially_shipped": {"zh-Hans": "部分发货", "en": "partially shipped"},
    "order.status.shipped": {"zh-Hans": "已发货", "en": "shipped"},
    "order.status.delivered": {"zh-Hans": "已签收", "en": "delivered"},
    "order.status.completed": {"zh-Hans": "已完成", "en": "completed"},
    "order.status.cancelled": {"zh-Hans": "已取消", "en": "cancelled"},
    "order.status.rejected": {"zh-Hans": "已驳回", "en": "rejected"},
    # Notifications sent through the outbox.
    "mail.password_reset.subject": {"zh-Hans": "重置您的密码", "en": "Reset your password"},
    "mail.password_reset.body": {
        "zh-Hans": "请使用以下令牌在 {minutes} 分钟内重置密码：{token}",
        "en": "Use this token within {minutes} minutes to reset your password: {token}",
    },
    # Company roles as mails name them.
    "company_role.owner": {"zh-Hans": "负责人", "en": "owner"},
    "company_role.purchaser": {"zh-Hans": "采购员", "en": "purchaser"},
    "company_role.approver": {"zh-Hans": "审批人", "en": "approver"},
    "company_role.viewer": {"zh-Hans": "查看者", "en": "viewer"},
    "mail.invitation.subject": {
        "zh-Hans": "{company} 邀请您加入订货平台",
        "en": "{company} invites you to order online",
    },
    "mail.invitation.body": {
        "zh-Hans": "您被邀请以「{role}」身份加入 {company}。接受邀请的令牌：{token}",
        "en": "You are invited to join {company} as {role}. Invitation token: {token}",
    },
    "mail.order_update.subject": {
        "zh-Hans": "订单 {number}：{status}",
        "en": "Order {number}: {status}",
    },
    "mail.order_update.body": {
        "zh-Hans": "您的订单 {number} 当前状态：{status}。",
        "en": "Your order {number} is now {status}.",
    },
    "mail.return_update.subject": {
        "zh-Hans": "退换货 {number}：{status}",
        "en": "Return {number}: {status}",
    },
    "mail.return_update.body": {
        "zh-Hans": "您的退换货申请 {number} 状态：{status}。",
        "en": "Your return {number} is now {status}.",
    },
    "mail.ticket_update.subject": {
        "zh-Hans": "工单 {number} 有新回复",
        "en": "New reply on ticket {number}",
    },
    "mail.ticket_update.body": {
        "zh-Hans": "您的工单 {number}（{subject}）有新回复，请登录查看。",
        "en": "There is a new reply on your ticket {number} ({subject}).",
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
    # Insight: forecasting without its optional library, and report columns (CSV).
    "FORECASTING_UNAVAILABLE": {
        "zh-Hans": "需求预测功能未安装（需要 dinghuo[forecast]）。",
        "en": "Demand forecasting is not installed (it needs dinghuo[forecast]).",
    },
    "insight.column.key": {"zh-Hans": "编号", "en": "Key"},
    "insight.column.label": {"zh-Hans": "名称", "en": "Name"},
    "insight.column.revenue": {"zh-Hans": "销售额", "en": "Revenue"},
    "insight.column.orders": {"zh-Hans": "订单数", "en": "Orders"},
    "insight.column.units": {"zh-Hans": "件数", "en": "Units"},
    "insight.column.average_order_value": {"zh-Hans": "客单价", "en": "Average order value"},
    "insight.column.returned_units": {"zh-Hans": "退货件数", "en": "Returned units"},
    "insight.column.returns_rate": {"zh-Hans": "退货率", "en": "Returns rate"},
    "insight.total": {"zh-Hans": "合计", "en": "Total"},
    "insight.column.sku": {"zh-Hans": "SKU", "en": "SKU"},
    "insight.column.cost_price": {"zh-Hans": "成本价", "en": "Cost price"},
    "insight.column.gross_margin": {"zh-Hans": "毛利", "en": "Gross margin"},
    "insight.column.costed_revenue": {"zh-Hans": "有成本的销售额", "en": "Costed revenue"},
    "insight.column.gross_margin_rate": {"zh-Hans": "毛利率", "en": "Gross margin rate"},
    "insight.column.warehouse": {"zh-Hans": "仓库", "en": "Warehouse"},
    "insight.column.model": {"zh-Hans": "预测模型", "en": "Model"},
    "insight.column.on_hand": {"zh-Hans": "在库", "en": "On hand"},
    "insight.column.reserved": {"zh-Hans": "已占用", "en": "Reserved"},
    "insight.column.lead_time_demand": {"zh-Hans": "到货期需求", "en": "Lead-time demand"},
    "insight.column.safety_stock": {"zh-Hans": "安全库存", "en": "Safety stock"},
    "insight.column.reorder_point": {"zh-Hans": "再订货点", "en": "Reorder point"},
    "insight.column.suggested_quantity": {"zh-Hans": "建议补货量", "en": "Suggested quantity"},
    "insight.column.runs_out": {"zh-Hans": "到货前断货", "en": "Runs out before lead time"},
    "insight.column.order_cost": {"zh-Hans": "补货成本", "en": "Order cost"},
    "insight.column.section": {"zh-Hans": "分类", "en": "Section"},
    "insight.column.spend": {"zh-Hans": "采购额", "en": "Spend"},
    "insight.section.month": {"zh-Hans": "按月", "en": "By month"},
    "insight.section.category": {"zh-Hans": "按品类", "en": "By category"},
    "insight.section.sku": {"zh-Hans": "常购商品", "en": "Top SKUs"},
    "insight.yes": {"zh-Hans": "是", "en": "yes"},
    "insight.no": {"zh-Hans": "否", "en": "no"},
    # Return statuses as buyers read them in their mails.
    "return.status.requested": {"zh-Hans": "已提交", "en": "requested"},
    "return.status.approved": {"zh-Hans": "已同意", "en": "approved"},
    "return.status.rejected": {"zh-Hans": "已拒绝", "en": "rejected"},
    "return.status.resolved": {"zh-Hans": "已处理完成", "en": "resolved"},
    "credit.overdue_invoice": {
        "zh-Hans": "发票 {invoice} 自 {due_on} 起逾期未付",
        "en": "{invoice} overdue since {due_on}",
    },
}


class Phrase:
    """A message parameter that is catalogue text itself, localized along with the message
    (a reason built by the domain, which does not know the caller's language)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params

    def text(self, language: str) -> str:
        return message(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.text("zh-Hans")


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
    params = {k: v.text(language) if isinstance(v, Phrase) else v for k, v in params.items()}
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text
