"""Who answers for the site, as the footer of a government website must say: 网站标识码, ICP备案号,
公安机关备案号 (each linked to where a reader can verify it), 党政机关网站标识 and 我为政府网站找错."""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure.options import Options

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={number}"
# The national platform's error report page for a site (国务院办公厅政府网站找错).
ERROR_REPORT_URL = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode={code}"


@dataclass(frozen=True)
class SiteIdentity:
    id_code: str = ""
    icp_record: str = ""
    police_record: str = ""
    conac_url: str = ""
    conac_image: str = ""  # under docs/
    error_report_url: str = ""

    @property
    def icp_url(self) -> str:
        return ICP_URL

    @property
    def police_url(self) -> str:
        number = re.search(r"\d{14}", self.police_record)
        return POLICE_URL.format(number=number.group()) if number else ""


def site_identity(options: Options) -> SiteIdentity:
    code = options.site_id_code
    return SiteIdentity(
        id_code=code,
        icp_record=options.icp_record,
        police_record=options.police_record,
        conac_url=options.conac_url,
        conac_image=options.conac_image,
        error_report_url=options.error_report_url or (ERROR_REPORT_URL.format(code=code) if code else ""),
    )
