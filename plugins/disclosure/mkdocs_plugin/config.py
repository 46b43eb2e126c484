from mkdocs.config import base
from mkdocs.config import config_options as c

from disclosure.options import DEFAULT_CACHE_DIR


class DisclosureConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Build the site as it will stand on this day (YYYY-MM-DD); default today.
    as_of = c.Optional(c.Type(str))
    interpretation_days = c.Type(int, default=3)
    # Months after a 办事指南's `updated` date when it is due to be checked again.
    guide_review_months = c.Type(int, default=12)
    interpretation_sections = c.ListOfItems(c.Type(str), default=["背景依据", "主要内容"])
    id_pattern = c.Type(str, default=r"{prefix}/{year}-\d{5}")
    # The catalogue leaf (目录编码) whose documents make the 政府信息公开制度 column.
    system_category = c.Optional(c.Type((str, int)))  # an unquoted code gets a Chinese error from options.build
    # The catalogue leaf of annual reports kept as documents (older years), for the 年报 column.
    annual_report_category = c.Optional(c.Type((str, int)))
    page_size = c.Type(int, default=50)
    # 政府网站标识码, shown in the footer and the SiteIDCode meta tag.
    site_id_code = c.Optional(c.Type((str, int)))
    # ICP备案号 (e.g. 赣ICP备12345678号-1), shown in the footer with a link to beian.miit.gov.cn.
    icp_record = c.Optional(c.Type(str))
    # 公安机关备案号 (e.g. 赣公网安备36010202000001号), shown with a link to beian.mps.gov.cn.
    police_record = c.Optional(c.Type(str))
    # 党政机关网站标识: the address of the site's certificate at 中国机构编制网 (bszs.conac.cn).
    conac_url = c.Optional(c.Type(str))
    # 我为政府网站找错: by default the national platform's page for site_id_code.
    error_report_url = c.Optional(c.Type(str))
    # The agency's emblem (header logo) and the browser tab icon: files under docs/.
    emblem = c.Optional(c.Type(str))
    favicon = c.Optional(c.Type(str))
    # Write the site search index (search/data/) after the build.
    search = c.Type(bool, default=True)
    # Parsed files are kept here between builds (relative to mkdocs.yml); "" turns that off.
    cache_dir = c.Type(str, default=DEFAULT_CACHE_DIR)
