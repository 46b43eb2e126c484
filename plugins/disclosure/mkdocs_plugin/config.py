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
    page_size = c.Type(int, default=50)
    # 政府网站标识码, shown in the footer and the SiteIDCode meta tag.
    site_id_code = c.Optional(c.Type((str, int)))
    # Write the site search index (search/data/) after the build.
    search = c.Type(bool, default=True)
    # Parsed files are kept here between builds (relative to mkdocs.yml); "" turns that off.
    cache_dir = c.Type(str, default=DEFAULT_CACHE_DIR)
