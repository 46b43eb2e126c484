"""Who answers for the site, as the footer of a government website must say: 网站标识码, ICP备案号,
公安机关备案号 (each linked to where a reader can verify it), 党政机关网站标识 and 我为政府网站找错."""

from __future__ import annotations

import re
from dataclasses import dataclass

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={number}"
# The national platform's error report page for a site (国务院办公厅政府网站找错).
ERROR_REPORT_URL = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode={code}"

_ICP = re.compile(r"[\u4e00-\u9fff]ICP备\d{6,10}号(?:-\d{1,3})?")
_POLICE = re.compile(r"[\u4e00-\u9fff]公网安备 ?(\d{14})号")
_SITE_ID = re.compile(r"\d{10}")


@dataclass(frozen=True)
class SiteIdentity:
    id_code: str = ""
    icp_record: str = ""
    police_record: str = ""
    conac_url: str = ""
    error_report_url: str = ""

    @property
    def icp_url(self) -> str:
        return ICP_URL

    @property
    def police_url(self) -> str:
        match = _POLICE.fullmatch(self.police_record)
        return POLICE_URL.format(number=match.group(1)) if match else ""


def _https(name: str, value: str) -> str:
    if value and not value.startswith("https://"):
        raise ValueError(f"{name} 应为 https:// 开头的网址，现为 {value!r}")
    return value


def site_identity(settings: dict) -> SiteIdentity:
    """From the plugin's settings; a malformed value is a ValueError naming the setting, in Chinese."""
    id_code = str(settings.get("site_id_code") or "")
    icp = (settings.get("icp_record") or "").strip()
    police = (settings.get("police_record") or "").strip()
    if id_code and not _SITE_ID.fullmatch(id_code):
        raise ValueError(f"site_id_code 应为 10 位数字的政府网站标识码（加引号），现为 {id_code!r}")
    if icp and not _ICP.fullmatch(icp):
        raise ValueError(f"icp_record 应为工信部 ICP 备案号，如 \"赣ICP备12345678号-1\"，现为 {icp!r}")
    if police and not _POLICE.fullmatch(police):
        raise ValueError(f"police_record 应为公安机关备案号，如 \"赣公网安备36010202000001号\"，现为 {police!r}")
    error_report = _https("error_report_url", settings.get("error_report_url") or "")
    return SiteIdentity(
        id_code=id_code,
        icp_record=icp,
        police_record=police,
        conac_url=_https("conac_url", settings.get("conac_url") or ""),
        error_report_url=error_report or (ERROR_REPORT_URL.format(code=id_code) if id_code else ""),
    )
