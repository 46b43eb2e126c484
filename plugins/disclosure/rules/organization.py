"""The agency itself: its 统一社会信用代码 must be a real one (GB 32100-2015)."""

from __future__ import annotations

_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    total = sum(_CHARACTERS.index(c) * w for c, w in zip(first17, _WEIGHTS))
    return _CHARACTERS[(31 - total % 31) % 31]


def check(context):
    organization = context.project.organization
    if organization is None or organization.source is None:
        return
    code = organization.credit_code.upper()
    if len(code) != 18 or any(c not in _CHARACTERS for c in code):
        return  # the schema reports the form
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        yield organization.source.diagnostic(
            ("credit_code",), "D309", f"统一社会信用代码“{organization.credit_code}”校验位错误", label="统一社会信用代码",
            hint=f"按前 17 位计算，第 18 位应为 {expected}；请对照营业执照或登记证书核对",
        )
