#!/usr/bin/env python3
"""生成一个完整、可通过校验的政务公开内容仓库，用于测试和压测。

    python scripts/generate_corpus.py --documents 10000 --out /tmp/corpus10k [--seed 1] [--as-of 2026-11-23]

The tree is what an editor of the fictional 示例省司法厅 would keep in git
(see the content model): organization, 主动公开基本目录, documents of all 11
kinds and all validity states, the 政策解读 the rules demand, 办事指南,
负面清单 and the files they link to. Text is assembled from phrase pools of a
justice department's work so pages differ from each other and the search
index sees a realistic vocabulary.

The output depends only on --documents, --seed and --as-of, so a failing
check can be reproduced exactly. Only the standard library and PyYAML are
used; the YAML is written by hand so that codes, ids and phone numbers are
always quoted, as the content model asks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import struct
import sys
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml

from disclosure.model import APPEAL_COLUMNS, APPEAL_ROWS, APPLICANT_COLUMNS
from disclosure.model import RESULT_ROWS as FORM_RESULT_ROWS
from disclosure.yaml_text import Quoted, block_lines
from disclosure.yaml_text import text as yaml_text

REPOSITORY = Path(__file__).resolve().parents[1]

ORG = "示例省司法厅"
SHORT = "省司法厅"
PROVINCE = "示例省"
PUBLIC, ON_REQUEST, WITHHELD = "主动公开", "依申请公开", "不予公开"
MIN_BODY, MAX_BODY = 1000, 3000  # characters of a document's Markdown body
MIN_NOTE, MAX_NOTE = 500, 1500  # characters of an interpretation's body
VALID_YEARS = 5  # 规范性文件有效期一般不超过五年
FUTURE_DAYS = 60  # 定时发布: at most this far after the as-of date

# The paths this script writes; --force removes these and nothing else.
GENERATED = ("mkdocs.yml", "docs", "catalogue", "interpretations", "guides", "attachments", "templates")


def markdown_file(front: dict, body: str) -> str:
    return "---\n" + "\n".join(block_lines(front)) + "\n---\n\n" + body + "\n"


# -- linked files ------------------------------------------------------------
def pdf_bytes(caption: str) -> bytes:
    """A one-page PDF with correct cross-reference offsets, so viewers and
    link checkers accept it. `caption` must be ASCII (built-in font)."""
    stream = f"BT /F1 16 Tf 72 760 Td ({caption}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png_bytes(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG: the 图文解读 media file."""
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# Attachments shared by many documents: (file, label); a document lists one as “附件1：{业务名称}{label}”.
ATTACHMENTS = (
    ("attachments/common/application-form.pdf", "申请表"),
    ("attachments/common/registration-form.pdf", "登记表"),
    ("attachments/common/statistics.pdf", "统计表"),
    ("attachments/common/name-list.pdf", "名单"),
    ("attachments/common/drafting-notes.pdf", "起草说明"),
    ("attachments/common/feedback-form.pdf", "意见反馈表"),
    ("attachments/finance/budget-tables.pdf", "公开表"),
)
GRAPHICS = tuple(f"attachments/graphics/policy-graphic-{n}.png" for n in (1, 2, 3))
# 办事指南 示范文本 and 常见错误示例.
TEMPLATES = {
    "申请书": ("templates/application-form.pdf", "templates/examples/application-form-example.pdf"),
    "承诺书": ("templates/commitment-letter.pdf", None),
    "授权委托书": ("templates/power-of-attorney.pdf", "templates/examples/power-of-attorney-example.pdf"),
    "登记表": ("templates/registration-form.pdf", None),
}


# -- the agency ----------------------------------------------------------------
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def organization_code(body: str) -> str:
    """GB 11714 组织机构代码: eight characters and their check character."""
    total = sum(int(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(first17: str) -> str:
    """GB 32100 统一社会信用代码: seventeen characters and their check character."""
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(first17, _CODE_WEIGHTS))
    return first17 + _CODE_CHARS[(31 - total % 31) % 31]


INDEX_PREFIX = organization_code("01450012")
CREDIT_CODE = credit_code("11" + "360000" + INDEX_PREFIX)  # 机关 / 省级行政区划码 / 组织机构代码
PHONE_PREFIX = "0791-860"

# (id, name, phone extension); the phone numbers follow the agency's switchboard.
DEPARTMENTS = (
    ("office", "办公室", "00010"),
    ("political", "政治部（人事处）", "00020"),
    ("legislation", "立法处", "00030"),
    ("admin-review", "行政复议与应诉处", "00040"),
    ("enforcement-supervision", "行政执法协调监督处", "00050"),
    ("publicity", "普法与依法治理处", "00060"),
    ("participation", "人民参与和促进法治处", "00070"),
    ("community-correction", "社区矫正管理局", "00080"),
    ("public-legal-service", "公共法律服务管理处", "00090"),
    ("lawyer", "律师工作处", "00100"),
    ("notary", "公证工作处", "00110"),
    ("legal-aid", "法律援助工作处", "00120"),
    ("forensic", "司法鉴定管理处", "00130"),
    ("qualification", "法律职业资格管理处", "00140"),
    ("finance", "装备财务保障处", "00150"),
    ("info-center", "信息中心", "00160"),
)
DEPARTMENT_NAME = {d: name for d, name, _ in DEPARTMENTS}
DEPARTMENT_PHONE = {d: PHONE_PREFIX + ext for d, _, ext in DEPARTMENTS}

CITIES = ("东湖市", "西岭市", "南江市", "北山市", "青川市", "白水市", "红岩市", "金溪市", "临江市", "云阳市", "石城市")
ROADS = ("人民路", "解放路", "中山路", "滨江大道", "建设路", "文化路", "新华路", "迎宾大道", "八一大道", "青山路", "站前路", "学府路")
FIRM_NAMES = ("明理", "致远", "弘正", "恒信", "博文", "安和", "嘉禾", "同德", "睿达", "方圆", "崇法", "立信", "正衡", "德润")
SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高 郑 梁 谢 宋 唐 许 韩 邓 冯 曹".split()
GIVEN_NAMES = "明 华 伟 芳 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 超 晓东 建国 海燕 志强 文博 思远 雨婷 佳怡 子涵 浩然 欣怡 宇航 振华 国庆 春燕 立新 慧敏 俊杰".split()
SCHOOLS = ("示例大学法学院", "示例政法学院", "示例师范大学", "示例财经大学", "示例理工大学", "西南示例政法大学", "示例农业大学", "示例医科大学")
DEGREES = ("大学本科", "硕士研究生", "博士研究生")
POSTS = ("副处长", "处长", "一级主任科员", "二级调研员", "一级调研员", "副主任", "主任")


# -- the domain's vocabulary ---------------------------------------------------
@dataclass(frozen=True)
class Domain:
    """One field of the department's work, with the phrases it is written in."""

    department: str
    name: str  # 业务名称, used in titles such as “全省{name}工作会议”
    subjects: tuple[str, ...]  # who acts
    objects: tuple[str, ...]  # what is done (follows a verb)
    titles: tuple[str, ...]  # subjects of rules and notices (before 办法、工作)
    measures: tuple[str, ...]  # complete clauses
    counts: tuple[tuple[str, str], ...]  # countable results and their units
    laws: tuple[str, ...]
    chapters: tuple[str, ...]  # chapter names of a 规范性文件
    keywords: tuple[str, ...]  # 主题词


def _domain(department, name, subjects, objects, titles, measures, counts, laws, chapters, keywords) -> Domain:
    return Domain(
        department, name, tuple(subjects.split()), tuple(objects.split()), tuple(titles.split()), tuple(measures.split()),
        tuple(tuple(c.split(":")) for c in counts.split()), tuple(laws.split()), tuple(chapters.split()), tuple(keywords.split()),
    )


DOMAINS = {
    d.department: d
    for d in (
        _domain(
            "office", "政务公开",
            "厅机关各处室 直属各单位 各设区市司法局 政务公开工作机构 信息发布审核人员 政务新媒体运营人员",
            "政府信息主动公开 依申请公开办理 政务公开标准化规范化建设 政策解读回应 政府网站集约化管理 政务新媒体管理 "
            "信息发布保密审查 公开目录动态调整 政务公开考核评估 政府信息公开年度报告编制",
            "政务公开 政府信息依申请公开办理 政务公开标准化规范化 政策解读 政府网站与政务新媒体管理 政务信息报送",
            "严格落实信息发布前保密审查制度 按照“谁制作、谁公开”原则明确公开责任 对主动公开基本目录实行年度动态调整 "
            "推行重大政策文件与解读材料同步组织、同步审签、同步部署 规范依申请公开受理、答复和送达环节 定期开展政府网站和政务新媒体内容巡检",
            "主动公开政府信息:条 办理依申请公开:件 发布政策解读:篇 回应社会关切:次",
            "《中华人民共和国政府信息公开条例》 《政府信息公开信息处理费管理办法》 《政府网站与政务新媒体检查指标》",
            "公开范围 公开程序 政策解读 监督保障", "政务公开 政府信息 政策解读 信息发布",
        ),
        _domain(
            "political", "队伍建设",
            "厅机关党员干部 全省司法行政干警 领导班子成员 新录用公务员 年轻干部 基层司法所工作人员",
            "政治建设 干部教育培训 年轻干部选育管用 公务员平时考核 干部监督管理 人才队伍建设 作风建设 职级晋升管理 表彰奖励工作 党风廉政建设",
            "干部教育培训 公务员平时考核 年轻干部培养 干部队伍建设 机关作风建设 人才引进",
            "健全干部考核评价体系 推行干部能上能下常态化机制 分级分类开展岗位练兵和业务培训 加强对干部的日常管理监督 "
            "完善容错纠错和激励关怀机制 选派业务骨干到基层一线挂职锻炼",
            "举办培训班:期 培训干部:人次 录用公务员:名 选派挂职干部:名",
            "《中华人民共和国公务员法》 《党政领导干部选拔任用工作条例》 《公务员考核规定》",
            "选拔任用 教育培训 考核评价 监督管理", "队伍建设 干部培训 公务员 考核",
        ),
        _domain(
            "legislation", "政府立法",
            "起草单位 基层立法联系点 政府法律顾问 人大代表和政协委员 行业协会 社会公众",
            "地方性法规草案审查 政府规章起草 立法项目论证 规范性文件合法性审核 规范性文件备案审查 立法后评估 基层立法联系点建设 "
            "规章清理 立法协商 涉企政策合法性审核",
            "行政规范性文件合法性审核 规范性文件备案审查 政府立法工作 立法项目征集 规章和规范性文件清理 重大行政决策程序",
            "拓宽社会公众有序参与立法的途径 对涉及市场主体经济活动的规范性文件开展公平竞争审查 建立规范性文件统一登记、统一编号、统一印发制度 "
            "健全立法项目公开征集和论证评估机制 推行规范性文件有效期制度和定期清理机制 发挥基层立法联系点“直通车”作用",
            "审查地方性法规草案:件 审核规范性文件:件 备案审查规范性文件:件 清理规章和规范性文件:件",
            "《中华人民共和国立法法》 《规章制定程序条例》 《法规规章备案条例》",
            "立项与起草 审查与审核 备案与监督 清理与评估", "立法 规范性文件 合法性审核 备案审查",
        ),
        _domain(
            "admin-review", "行政复议",
            "行政复议机构 行政复议人员 申请人 被申请人 行政复议委员会 行政应诉工作人员",
            "行政复议案件办理 行政复议受理 行政复议听证 行政复议调解和解 行政应诉工作 复议决定书网上公开 行政机关负责人出庭应诉 "
            "行政复议意见书制度 案件质量评查 行政争议实质性化解",
            "行政复议案件审理 行政复议听证 行政应诉 行政机关负责人出庭应诉 行政复议调解 行政复议案件质量评查",
            "畅通行政复议申请渠道，推行网上申请和邮寄申请 对案情重大复杂的案件依法组织听证 将调解贯穿行政复议全过程 "
            "对违法或者不当的行政行为依法予以纠正 落实行政机关负责人出庭应诉制度 定期通报行政复议和行政应诉情况",
            "收到行政复议申请:件 审结行政复议案件:件 组织听证:次 办理行政应诉案件:件",
            "《中华人民共和国行政复议法》 《中华人民共和国行政诉讼法》 《中华人民共和国行政复议法实施条例》",
            "申请与受理 审理 决定 监督", "行政复议 行政应诉 行政争议 听证",
        ),
        _domain(
            "enforcement-supervision", "行政执法监督",
            "行政执法机关 行政执法人员 执法监督人员 特邀行政执法监督员 各级司法行政机关 市场主体",
            "行政执法公示 执法全过程记录 重大执法决定法制审核 行政执法证件管理 行政裁量权基准 行政执法案卷评查 “双随机、一公开”监管 "
            "包容审慎监管 涉企行政执法检查 行政执法人员培训",
            "行政执法三项制度 行政裁量权基准 行政执法证件管理 行政执法案卷评查 涉企行政执法监督 行政执法人员资格管理",
            "全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度 细化量化行政裁量权基准 对轻微违法行为依法推行首违不罚 "
            "开展行政执法案卷集中评查 建立涉企行政检查备案和统筹机制 聘请特邀行政执法监督员参与执法监督",
            "核发行政执法证件:张 评查执法案卷:卷 开展执法检查:次 纠正执法问题:个",
            "《中华人民共和国行政处罚法》 《中华人民共和国行政许可法》 《中华人民共和国行政强制法》",
            "执法公示 执法审核 裁量基准 执法监督", "行政执法 执法监督 三项制度 裁量基准",
        ),
        _domain(
            "publicity", "普法依法治理",
            "国家工作人员 青少年 普法讲师团 法治宣传志愿者 “法律明白人” 村（社区）法律顾问",
            "“八五”普法规划实施 “谁执法谁普法”普法责任制 宪法宣传周活动 民法典宣传 法治文化阵地建设 民主法治示范村（社区）创建 "
            "“法律明白人”培养 国家工作人员学法用法 青少年法治教育 法治乡村建设",
            "普法责任制 法治宣传教育 民主法治示范村（社区）创建 “法律明白人”培养工程 法治文化建设 以案释法",
            "落实“谁执法谁普法”普法责任清单制度 推行以案释法和旁听庭审等普法方式 利用政务新媒体开展精准普法 "
            "在每个行政村培养一定数量的“法律明白人” 将国家工作人员学法用法情况纳入年度考核 打造一批具有地方特色的法治文化阵地",
            "开展普法活动:场 受教育群众:万人次 创建民主法治示范村:个 培养“法律明白人”:名",
            "《中华人民共和国宪法》 《中华人民共和国民法典》 《关于实行国家机关“谁执法谁普法”普法责任制的意见》",
            "普法责任 宣传教育 依法治理 考核评估", "普法 法治宣传 法治文化 依法治理",
        ),
        _domain(
            "participation", "人民调解",
            "人民调解委员会 人民调解员 行业性专业性调解组织 个人调解工作室 基层司法所 矛盾纠纷当事人",
            "矛盾纠纷排查化解 人民调解组织建设 人民调解员队伍建设 行业性专业性调解 “枫桥经验”实践 诉调对接 访调对接 医疗纠纷调解 "
            "婚姻家庭纠纷调解 人民陪审员选任",
            "人民调解 矛盾纠纷多元化解 行业性专业性人民调解 人民调解员等级评定 人民陪审员选任管理 人民监督员选任管理",
            "坚持和发展新时代“枫桥经验” 组织开展矛盾纠纷常态化排查 推动在医疗、交通、劳动争议等领域设立专业调解组织 "
            "完善人民调解与行政调解、司法调解衔接联动机制 建立人民调解员分级培训制度 落实人民调解案件补贴“以案定补”",
            "排查矛盾纠纷:次 调解矛盾纠纷:件 调解成功:件 培训人民调解员:人次",
            "《中华人民共和国人民调解法》 《中华人民共和国人民陪审员法》 《人民调解委员会组织条例》",
            "组织建设 调解程序 队伍管理 保障措施", "人民调解 矛盾纠纷 枫桥经验 多元化解",
        ),
        _domain(
            "community-correction", "社区矫正",
            "社区矫正机构 社区矫正对象 社区矫正工作者 社会工作者 社区矫正志愿者 刑满释放人员",
            "社区矫正执法 调查评估 监督管理 教育帮扶 信息化核查 分类管理 个别化矫正 安置帮教 刑满释放人员衔接 社区矫正委员会建设",
            "社区矫正执法 社区矫正对象分类管理 社区矫正调查评估 社区矫正教育帮扶 安置帮教工作 社会力量参与社区矫正",
            "严格落实社区矫正对象报到、请假、外出审批制度 对社区矫正对象实行分类管理和个别化矫正 推进社区矫正中心规范化建设 "
            "引导社会工作者和志愿者参与教育帮扶 落实刑满释放人员必接必送制度 运用信息化手段实施精准监管",
            "接收社区矫正对象:名 解除矫正:名 开展调查评估:件 帮扶安置刑满释放人员:名",
            "《中华人民共和国社区矫正法》 《中华人民共和国社区矫正法实施办法》 《中华人民共和国刑法》",
            "接收与报到 监督管理 教育帮扶 解除与终止", "社区矫正 安置帮教 教育帮扶 监督管理",
        ),
        _domain(
            "public-legal-service", "公共法律服务",
            "公共法律服务中心 公共法律服务工作站 12348法律服务热线 村（社区）法律顾问 基层法律服务工作者 仲裁机构",
            "公共法律服务实体平台建设 热线平台服务 网络平台服务 村（社区）法律顾问工作 基层法律服务管理 涉外法律服务 仲裁工作 "
            "公共法律服务产品供给 法律服务质量评价 “一站式”法律服务",
            "公共法律服务体系建设 公共法律服务平台管理 村（社区）法律顾问 基层法律服务工作者执业管理 仲裁工作 涉外法律服务",
            "推动实体、热线、网络三大平台融合发展 实现村（社区）法律顾问全覆盖 建立公共法律服务事项清单并动态调整 "
            "推行公共法律服务“好差评”制度 引导律师、公证、仲裁等机构为市场主体提供“法治体检” 在产业园区设立公共法律服务工作站",
            "接听热线来电:个 提供法律咨询:人次 办理法律服务事项:件 开展“法治体检”:次",
            "《中华人民共和国仲裁法》 《基层法律服务工作者管理办法》 《公共法律服务事项清单》",
            "平台建设 服务规范 质量管理 保障措施", "公共法律服务 12348 法律顾问 仲裁",
        ),
        _domain(
            "lawyer", "律师",
            "律师事务所 执业律师 律师协会 公职律师 公司律师 实习人员",
            "律师执业许可 律师事务所年度检查考核 律师执业行为监管 律师行业党建 律师参与信访接待 律师调解 公职律师公司律师工作 "
            "律师执业权利保障 律师投诉受理 涉外律师人才培养",
            "律师执业管理 律师事务所年度检查考核 律师执业权利保障 公职律师管理 律师调解工作 律师行业诚信建设",
            "推行律师执业许可网上申请、网上审核 健全律师执业权利保障联动机制 对律师违法违规执业行为依法查处 "
            "完善律师事务所年度检查考核办法 推动律师参与化解和代理涉法涉诉信访案件 加强涉外律师人才库建设",
            "新增执业律师:人 新设律师事务所:家 办理诉讼案件:件 提供公益法律服务:件",
            "《中华人民共和国律师法》 《律师执业管理办法》 《律师事务所管理办法》",
            "执业许可 执业规范 律师事务所管理 监督检查", "律师 律师事务所 执业管理 律师协会",
        ),
        _domain(
            "notary", "公证",
            "公证机构 公证员 公证协会 公证员助理 公证申请人 公证当事人",
            "公证执业许可 公证质量监管 “最多跑一次”公证服务 公证机构改革 公证便民服务 涉外公证 公证参与司法辅助 公证执业区域管理 "
            "公证收费管理 公证投诉处理",
            "公证执业管理 公证质量监管 公证便民服务 公证机构年度考核 公证员执业区域 公证收费",
            "推行公证事项证明材料清单管理 扩大“一次办好”“跨省通办”公证事项范围 开展公证质量专项检查 "
            "推动公证参与调解、取证、送达等司法辅助事务 落实公证收费标准公示制度 对公证投诉依法及时调查处理",
            "办理公证:件 新任公证员:名 办理“跨省通办”公证:件 受理公证投诉:件",
            "《中华人民共和国公证法》 《公证机构执业管理办法》 《公证员执业管理办法》",
            "执业许可 执业规范 质量管理 监督检查", "公证 公证机构 公证员 便民服务",
        ),
        _domain(
            "legal-aid", "法律援助",
            "法律援助机构 法律援助人员 受援人 值班律师 社会组织 法律援助志愿者",
            "法律援助案件办理 法律援助经济困难标准 刑事案件律师辩护全覆盖 值班律师法律帮助 法律援助质量监管 农民工欠薪法律援助 "
            "法律援助便民服务 法律援助补贴发放 法律援助告知 认罪认罚从宽法律帮助",
            "法律援助经济困难标准 法律援助案件质量监管 法律援助补贴 值班律师工作 刑事案件律师辩护全覆盖 法律援助便民服务",
            "扩大法律援助覆盖面，降低经济困难门槛 对农民工、残疾人、老年人等特定群体免予经济困难审查 "
            "推行法律援助申请“马上办、网上办、就近办” 落实法律援助案件质量同行评估 按时足额发放法律援助办案补贴 完善法律援助与司法救助衔接机制",
            "办理法律援助案件:件 提供法律咨询:人次 帮助受援人:人 挽回经济损失:万元",
            "《中华人民共和国法律援助法》 《法律援助条例》 《法律援助值班律师工作办法》",
            "援助范围 申请与审查 组织实施 保障与监督", "法律援助 经济困难 值班律师 受援人",
        ),
        _domain(
            "forensic", "司法鉴定",
            "司法鉴定机构 司法鉴定人 鉴定委托人 专家委员会 司法鉴定协会 资质认定机构",
            "司法鉴定机构登记 司法鉴定人执业登记 司法鉴定质量管理 能力验证 司法鉴定收费管理 鉴定人出庭作证 司法鉴定投诉处理 "
            "“双随机、一公开”检查 环境损害司法鉴定 法医类鉴定管理",
            "司法鉴定机构登记管理 司法鉴定人执业管理 司法鉴定收费 司法鉴定质量评估 司法鉴定执业活动投诉处理 环境损害司法鉴定",
            "严格司法鉴定机构和鉴定人准入登记 组织司法鉴定机构参加能力验证 推动司法鉴定机构资质认定 建立司法鉴定人诚信档案 "
            "对虚假鉴定等违法行为依法严肃查处 公开司法鉴定机构和鉴定人名册",
            "登记司法鉴定机构:家 登记司法鉴定人:名 办理鉴定业务:件 组织能力验证:次",
            "《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》 《司法鉴定机构登记管理办法》 《司法鉴定人登记管理办法》",
            "登记管理 执业规范 质量管理 监督检查", "司法鉴定 鉴定机构 鉴定人 能力验证",
        ),
        _domain(
            "qualification", "法律职业资格",
            "应试人员 考区 考点 考务工作人员 法律职业资格申请人 监考人员",
            "国家统一法律职业资格考试组织 考务管理 考试安全保障 法律职业资格授予 法律职业资格证书管理 考试报名资格审核 "
            "放宽报名条件地方管理 考试违纪处理 法律职业人员统计 考生服务保障",
            "国家统一法律职业资格考试考务 法律职业资格认定 法律职业资格证书管理 考试报名审核 考试违纪行为处理 考生服务",
            "严格考试报名资格审核 落实考试保密安全各项措施 为残疾考生提供合理便利 推行法律职业资格认定网上申请 "
            "对考试违纪行为依规严肃处理 做好考试期间应急处置和后勤保障",
            "受理报名:人 设置考场:个 授予法律职业资格:人 颁发证书:本",
            "《国家统一法律职业资格考试实施办法》 《法律职业资格管理办法》 《国家统一法律职业资格考试违纪行为处理办法》",
            "报名 考务 资格认定 证书管理", "法律职业资格 考试 考务 资格认定",
        ),
        _domain(
            "finance", "财务保障",
            "厅机关 直属单位 预算单位 财务人员 政府采购代理机构 内部审计部门",
            "部门预算编制 预算绩效管理 政府采购 国有资产管理 “三公”经费控制 财务收支审计 专项资金管理 装备配备 基层司法所经费保障 决算公开",
            "部门预算管理 预算绩效管理 政府采购 国有资产管理 专项资金管理 装备经费保障",
            "严格执行“三公”经费预算管理 全面实施预算绩效管理 规范政府采购程序并依法公开采购信息 开展国有资产清查盘点 "
            "加强对专项资金使用的跟踪问效 落实过紧日子要求，压减一般性支出",
            "安排一般公共预算支出:万元 完成政府采购:万元 下达专项资金:万元 压减一般性支出:万元",
            "《中华人民共和国预算法》 《中华人民共和国政府采购法》 《行政事业性国有资产管理条例》",
            "预算管理 收支管理 采购与资产 监督检查", "预算 决算 政府采购 绩效管理",
        ),
        _domain(
            "info-center", "智慧司法",
            "信息中心 业务处室 技术服务单位 数据管理员 网络安全员 系统运维人员",
            "智慧司法建设 数据共享交换 网络安全防护 政务服务网上办理 业务系统整合 电子证照应用 “互联网+政务服务” 视频会议系统运维 "
            "数据安全管理 政府网站运行维护",
            "智慧司法建设 政务数据共享 网络安全管理 电子证照应用 信息系统运维 数据安全",
            "推进司法行政业务系统整合共享 建立数据资源目录并动态更新 落实网络安全等级保护制度 推动电子证照在政务服务中互认应用 "
            "定期开展网络安全应急演练 优化政务服务事项网上办理流程",
            "接入业务系统:个 共享数据:万条 网上办结事项:件 整改安全隐患:个",
            "《中华人民共和国网络安全法》 《中华人民共和国数据安全法》 《中华人民共和国个人信息保护法》",
            "建设管理 数据管理 安全保障 运行维护", "信息化 数据共享 网络安全 智慧司法",
        ),
    )
}
BUSINESS = tuple(d for d in DOMAINS if d not in ("office", "political", "finance", "info-center"))

LEADS = tuple(
    """近年来 为深入贯彻习近平法治思想 按照司法部和省委、省政府的部署要求 对照高质量发展的目标要求 立足新发展阶段 根据有关法律法规规定
    结合本省实际 针对群众反映集中的突出问题 围绕优化法治化营商环境 坚持以人民为中心的发展思想 在总结试点经验的基础上
    着眼于服务全省经济社会发展大局 下一步 为进一步提高服务效能 为回应人民群众新期待 坚持问题导向和目标导向相结合 按照“放管服”改革要求
    根据年度工作安排 在省委全面依法治省委员会的领导下 聚焦基层治理中的难点堵点 为加强事中事后监管 对标先进省份经验做法 以数字化改革为牵引
    按照统筹发展和安全的要求 坚持依法行政、依法办事""".split()
)
VERBS = tuple(
    """进一步规范 全面加强 持续深化 健全完善 统筹推进 加快构建 大力推行 严格落实 探索建立 积极推动 不断优化 扎实开展 切实提升
    着力破解 稳步扩大 依法规范 全面推行 深入推进 有序推进 加强统筹 动态调整 精准实施 常态化开展 系统梳理 全面压实 创新开展""".split()
)
MODALS = ("要", "应当", "将", "须", "要持续", "要着力")
EFFECTS = tuple(
    """不断增强人民群众的获得感、幸福感、安全感 为建设更高水平的法治示例省提供有力保障 推动各项工作取得实效 确保各项任务落地见效
    切实维护当事人合法权益 促进社会公平正义 营造良好的法治环境 提升依法行政能力和水平 努力实现办事“最多跑一次”
    让人民群众在每一项司法行政工作中感受到公平正义 有效防范化解社会矛盾风险 为经济社会高质量发展提供优质法律服务
    推动形成办事依法、遇事找法、解决问题用法、化解矛盾靠法的良好氛围 不断提升行业公信力 切实减轻群众和企业负担
    推动工作由注重数量向注重质量转变 形成上下联动、齐抓共管的工作格局 夯实基层基础 为全省经济社会发展营造良好法治环境
    确保工作有章可循、有据可查""".split()
)
CONNECTORS = ("同时", "此外", "与此同时", "在此基础上", "另一方面", "特别是", "其中", "对此", "据此", "为此")
PROBLEMS = tuple(
    """部分地区工作发展不平衡 基层力量相对薄弱 服务供给与群众需求还有差距 信息化支撑能力不足 制度机制还不够健全 监督管理存在薄弱环节
    跨部门协同不够顺畅 宣传引导力度有待加强 专业人才相对缺乏 经费保障渠道单一 数据共享程度不高 工作标准不够统一 群众知晓率不高
    考核评价机制不够完善""".split()
)
DEMANDS = tuple(
    """各地各单位要高度重视，加强组织领导，明确责任分工。 各设区市司法局要结合实际制定具体实施方案，细化工作措施。
    要加强督促检查，对工作推进不力的及时通报。 要注重总结经验，及时报送工作中的好做法和典型案例。 要严格落实工作责任，确保各项要求落到实处。
    要加强宣传引导，及时回应社会关切。 要强化经费和人员保障，为工作开展创造必要条件。 要坚持问题导向，对发现的问题建立台账、限期整改。
    要加强部门协作，形成工作合力。 要把这项工作纳入年度绩效考核，考核结果作为评先评优的重要依据。 各单位要严格执行保密规定，做好信息发布前审查。
    要建立健全长效机制，防止问题反弹回潮。""".split()
)
EVENTS = ("工作会议", "推进会", "业务培训班", "现场观摩会", "工作座谈会", "视频调度会", "专题研讨会")
REMARKS = ("会议指出", "会议强调", "会议要求", "与会人员一致认为", "会议提出", "会上")
INSPECTIONS = ("专项检查", "督导调研", "业务培训", "集中评查", "交叉检查", "专题调研")
PRAISE = ("取得实效", "形成特色经验", "获司法部肯定", "走在全国前列", "惠及群众", "成效明显")
NEWS_ROLES = ("厅党委书记、厅长", "厅党委副书记、副厅长", "厅党委委员、副厅长", "一级巡视员", "二级巡视员")
DEFINITIONS = (
    "一般公共预算：是指对以税收为主体的财政收入，安排用于保障和改善民生、维护国家安全、维持国家机构正常运转等方面的收支预算。",
    "“三公”经费：是指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "机关运行经费：是指为保障行政单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费等。",
    "政府采购：是指各级国家机关、事业单位和团体组织，使用财政性资金采购依法制定的集中采购目录以内的或者采购限额标准以上的货物、工程和服务的行为。",
    "项目支出：是指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
)
REQUEST_REASONS = (
    "属于内部工作流程中形成的过程性信息，依据《中华人民共和国政府信息公开条例》第十六条不主动公开，可依申请提供。",
    "仅涉及特定当事人的权利义务，依据《中华人民共和国政府信息公开条例》第二十七条由当事人依申请获取。",
    "涉及第三方合法权益，依据《中华人民共和国政府信息公开条例》第三十二条须征求第三方意见后依申请办理。",
)
WITHHOLD_REASONS = (
    "涉及社区矫正对象个人信息，公开后可能影响其回归社会，依据《中华人民共和国社区矫正法》第四条和负面清单不予公开。",
    "属于行政执法案卷中的调查记录，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开。",
    "涉及投诉举报人个人信息，公开后可能导致打击报复，依据负面清单“律师执业投诉举报人信息”一项不予公开。",
)
# 年度报告表三: the applicants' columns, the result rows (group.row) and how often each result occurs.
APPLICANTS = APPLICANT_COLUMNS
APPLICANT_RANGES = {"natural": (15, 60), "business": (2, 15), "research": (0, 2), "nonprofit": (0, 3), "legal_service": (1, 8), "other": (0, 3)}
RESULT_ROWS = tuple(".".join(row[2:]) for row in FORM_RESULT_ROWS)  # "withheld.third_party"
APPEAL_RANGES = {"upheld": 3, "corrected": 1, "other": 1, "pending": 1}
RESULT_WEIGHTS = (45, 15, 0, 0, 0, 3, 2, 3, 1, 1, 14, 2, 2, 3, 2, 0, 0, 0, 2, 0, 2)
REJECTED = ("上位法已有明确规定", "超出本文件调整范围", "涉及其他部门职责", "与现行政策衔接不够", "操作性不强")


# -- 主动公开基本目录 ------------------------------------------------------------
@dataclass(frozen=True)
class Leaf:
    code: str
    name: str
    content: str
    basis: str
    time_limit: str
    time_limit_days: int | None
    departments: tuple[str, ...]  # 公开主体
    channels: tuple[str, ...]
    audience: str
    kinds: tuple[str, ...]  # which kinds of document are filed here
    domains: tuple[str, ...]  # whose documents; empty: anyone's


REGULATION = "《中华人民共和国政府信息公开条例》"
WITHIN_20 = ("信息形成或者变更之日起20个工作日内", 20)
WITHIN_7 = ("信息形成之日起7个工作日内", 7)
ALWAYS = ("常年公开", None)
WEB, GAZETTE, MEDIA, READING, SERVICE_NET = "门户网站", "政府公报", "政务新媒体", "公开查阅点", "政务服务网"

KINDS = ("规范性文件", "政策文件", "通知公告", "工作动态", "规划计划", "财政信息", "人事信息", "建议提案办理", "征求意见", "新闻发布", "其他")
POLICY_KINDS = ("规范性文件", "政策文件")  # need a doc_number and, by default, an interpretation
# Share of each kind in the corpus (percent).
KIND_SHARES = dict(zip(KINDS, (12, 8, 18, 22, 4, 5, 6, 5, 4, 6, 10)))

_TOP_ITEMS = (
    ("01", "机构信息", (
        ("机构职能", "本机关主要职责、内设机构及其职责、办公地址、办公时间、联系方式", f"{REGULATION}第二十条第（二）项", WITHIN_20, ("political", "office"), (WEB, READING), "全社会", ("其他",), ("office",)),
        ("领导信息", "厅领导姓名、职务、工作分工及其变动情况", f"{REGULATION}第二十条第（二）项", WITHIN_20, ("political",), (WEB,), "全社会", ("人事信息",), ("political",)),
        ("内设机构", "内设机构名称、职责、负责人及联系电话", f"{REGULATION}第二十条第（二）项", WITHIN_20, ("political",), (WEB,), "全社会", ("其他",), ("political",)),
        ("直属单位", "直属单位名称、职责、地址和联系方式", f"{REGULATION}第二十条第（二）项", WITHIN_20, ("office",), (WEB, READING), "全社会", ("其他",), ("office",)),
        ("权责清单", "本机关权力事项和责任事项清单及其调整情况", "《关于推行地方各级政府工作部门权力清单制度的指导意见》", WITHIN_20, ("enforcement-supervision", "office"), (WEB,), "全社会", ("其他", "通知公告"), ("enforcement-supervision",)),
    )),
    ("02", "法规文件", (
        ("规范性文件", "本机关制发的行政规范性文件及其有效期、有效性状态", f"{REGULATION}第二十条第（一）项；《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）", ("文件印发之日起20个工作日内", 20), ("legislation", "office"), (WEB, GAZETTE, READING), "全社会", ("规范性文件",), BUSINESS),
        ("政策文件", "本机关制发的涉及公众利益调整、需要公众广泛知晓的其他政策性文件", f"{REGULATION}第十九条、第二十条第（一）项", ("文件印发之日起20个工作日内", 20), ("office",), (WEB, MEDIA, READING), "全社会", ("政策文件",), ()),
        ("规范性文件清理", "规范性文件清理、废止、失效及有效期延续情况", f"《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）；{REGULATION}第二十六条", ("清理结果确定之日起20个工作日内", 20), ("legislation",), (WEB, GAZETTE), "全社会", ("通知公告",), ("legislation",)),
        ("法规规章草案", "本机关起草的地方性法规、政府规章草案及其说明", "《规章制定程序条例》第十五条", ("草案形成之日起7个工作日内", 7), ("legislation",), (WEB, MEDIA), "全社会", ("征求意见", "通知公告"), ("legislation",)),
        ("法律法规汇编", "司法行政工作常用法律、法规、规章目录及文本", f"{REGULATION}第二十条第（一）项", ALWAYS, ("legislation",), (WEB, READING), "全社会", ("其他",), BUSINESS),
    )),
    ("03", "规划计划", (
        ("发展规划", "司法行政事业发展规划、专项规划及其实施情况", f"{REGULATION}第二十条第（三）项", WITHIN_20, ("office",), (WEB, GAZETTE), "全社会", ("规划计划",), ()),
        ("年度工作要点", "本机关年度工作要点、工作计划", f"{REGULATION}第二十条第（三）项", WITHIN_20, ("office",), (WEB,), "全社会", ("规划计划",), ("office",)),
        ("工作总结", "本机关年度工作总结和专项工作总结", f"{REGULATION}第二十条第（三）项", ("总结形成之日起20个工作日内", 20), ("office",), (WEB,), "全社会", ("规划计划", "其他"), ()),
        ("政务公开", "政务公开工作要点、政府信息公开指南、政府信息公开工作年度报告", f"{REGULATION}第十二条、第四十九条", ("每年1月31日前公布上一年度报告；其他信息形成之日起20个工作日内", 20), ("office",), (WEB, READING), "全社会", ("规划计划", "通知公告", "其他"), ("office",)),
    )),
    ("04", "行政执法", (
        ("行政许可", "行政许可事项清单、设定依据、办理条件、程序及许可结果", f"{REGULATION}第二十条第（五）项；《中华人民共和国行政许可法》第三十条、第四十条", WITHIN_7, ("lawyer", "notary", "forensic", "qualification"), (WEB, SERVICE_NET, READING), "全社会", ("通知公告", "其他"), ("lawyer", "notary", "forensic", "qualification")),
        ("行政处罚", "行政处罚事项清单、依据、程序及具有一定社会影响的行政处罚决定", f"{REGULATION}第二十条第（六）项；《中华人民共和国行政处罚法》第四十八条", WITHIN_7, ("enforcement-supervision", "lawyer", "notary", "forensic"), (WEB,), "全社会", ("通知公告",), ("lawyer", "notary", "forensic")),
        ("执法监督", "行政执法监督检查、案卷评查及问题整改情况", "《示例省行政执法监督条例》", WITHIN_20, ("enforcement-supervision",), (WEB,), "全社会", ("通知公告", "工作动态"), ("enforcement-supervision",)),
        ("双随机一公开", "随机抽查事项清单、抽查计划及抽查结果", "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》", WITHIN_20, ("enforcement-supervision",), (WEB,), "全社会", ("通知公告",), ("enforcement-supervision", "lawyer", "forensic")),
        ("执法公示", "行政执法主体、人员、职责、权限、依据、程序及监督方式", "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》", WITHIN_20, ("enforcement-supervision",), (WEB, READING), "全社会", ("其他", "通知公告"), ("enforcement-supervision",)),
    )),
    ("05", "财政信息", (
        ("部门预算", "部门预算及“三公”经费预算", f"《中华人民共和国预算法》第十四条；{REGULATION}第二十条第（四）项", ("批复之日起20日内", 14), ("finance",), (WEB,), "全社会", ("财政信息",), ("finance",)),
        ("部门决算", "部门决算及“三公”经费决算", f"《中华人民共和国预算法》第十四条；{REGULATION}第二十条第（四）项", ("批复之日起20日内", 14), ("finance",), (WEB,), "全社会", ("财政信息",), ("finance",)),
        ("政府采购", "政府采购意向、采购项目及结果", "《中华人民共和国政府采购法》第十一条", ("采购意向于采购活动开始前30日公开；采购结果于确定之日起2个工作日内公开", 2), ("finance",), (WEB,), "全社会", ("财政信息", "通知公告"), ("finance",)),
        ("专项资金", "专项资金分配、使用及绩效评价情况", f"{REGULATION}第二十条第（四）项", WITHIN_20, ("finance",), (WEB,), "全社会", ("财政信息",), ("finance",)),
    )),
    ("06", "人事信息", (
        ("公务员招录", "公务员考试录用公告、拟录用人员名单", "《公务员录用规定》第三十二条", ("按招录工作进度实时", None), ("political",), (WEB, MEDIA), "全社会", ("人事信息",), ("political",)),
        ("事业单位招聘", "直属事业单位公开招聘公告和拟聘用人员名单", "《事业单位公开招聘人员暂行规定》第二十四条", ("按招聘工作进度实时", None), ("political",), (WEB,), "全社会", ("人事信息",), ("political",)),
        ("任前公示", "拟任职干部任前公示", "《党政领导干部选拔任用工作条例》第四十二条", ("公示期不少于5个工作日", 5), ("political",), (WEB,), "全社会", ("人事信息",), ("political",)),
        ("表彰奖励", "表彰奖励对象及其事迹", "《公务员奖励规定》", WITHIN_20, ("political",), (WEB, MEDIA), "全社会", ("人事信息", "通知公告"), ("political",)),
    )),
    ("07", "公共法律服务", (
        ("律师工作", "律师事务所和律师执业信息、年度检查考核结果、行业管理政策", "《中华人民共和国律师法》；《律师事务所年度检查考核办法》", WITHIN_20, ("lawyer",), (WEB, MEDIA), "全社会", ("通知公告", "工作动态", "其他"), ("lawyer",)),
        ("公证工作", "公证机构和公证员名录、公证事项及收费标准", "《中华人民共和国公证法》", WITHIN_20, ("notary",), (WEB, READING), "全社会", ("通知公告", "工作动态", "其他"), ("notary",)),
        ("法律援助", "法律援助事项范围、经济困难标准、申请程序和机构联系方式", "《中华人民共和国法律援助法》第五十八条", WITHIN_20, ("legal-aid",), (WEB, READING, MEDIA), "全社会", ("通知公告", "工作动态", "其他"), ("legal-aid",)),
        ("司法鉴定", "司法鉴定机构和鉴定人名册、收费标准、投诉处理情况", "《司法鉴定机构登记管理办法》第三十二条", WITHIN_20, ("forensic",), (WEB,), "全社会", ("通知公告", "工作动态", "其他"), ("forensic",)),
        ("法律职业资格", "国家统一法律职业资格考试报名、考务安排和资格授予信息", "《国家统一法律职业资格考试实施办法》", ("按考试工作进度实时", None), ("qualification",), (WEB, MEDIA), "特定群体", ("通知公告", "其他"), ("qualification",)),
    )),
    ("08", "基层法治", (
        ("人民调解", "人民调解组织、调解员队伍及矛盾纠纷化解情况", "《中华人民共和国人民调解法》", WITHIN_20, ("participation",), (WEB, MEDIA), "全社会", ("通知公告", "工作动态", "其他"), ("participation",)),
        ("社区矫正", "社区矫正工作制度、机构设置和工作情况", "《中华人民共和国社区矫正法》", WITHIN_20, ("community-correction",), (WEB,), "全社会", ("通知公告", "工作动态"), ("community-correction",)),
        ("安置帮教", "刑满释放人员安置帮教政策和工作情况", "《关于加强和改进刑满释放人员安置帮教工作的意见》", WITHIN_20, ("community-correction",), (WEB, READING), "特定群体", ("通知公告", "工作动态"), ("community-correction",)),
        ("普法依法治理", "普法规划、普法责任清单及法治宣传教育活动", "《关于实行国家机关“谁执法谁普法”普法责任制的意见》", WITHIN_20, ("publicity",), (WEB, MEDIA), "全社会", ("通知公告", "工作动态", "其他"), ("publicity",)),
        ("公共法律服务平台", "公共法律服务中心（站）、12348热线和网络平台服务信息", "《关于加快推进公共法律服务体系建设的意见》", ALWAYS, ("public-legal-service",), (WEB, MEDIA, READING), "全社会", ("通知公告", "工作动态", "其他"), ("public-legal-service",)),
    )),
    ("09", "复议与立法", (
        ("行政复议受理", "行政复议受理范围、申请方式、受理机构和联系方式", "《中华人民共和国行政复议法》", ALWAYS, ("admin-review",), (WEB, READING), "全社会", ("通知公告", "其他"), ("admin-review",)),
        ("行政复议决定", "行政复议决定书及典型案例", "《中华人民共和国行政复议法》第七十九条", ("决定作出之日起20个工作日内", 20), ("admin-review",), (WEB,), "全社会", ("其他",), ("admin-review",)),
        ("行政应诉", "行政应诉工作情况和行政机关负责人出庭应诉情况", "《中华人民共和国行政诉讼法》第三条", WITHIN_20, ("admin-review",), (WEB,), "全社会", ("工作动态", "其他"), ("admin-review",)),
        ("立法工作", "年度立法计划、立法项目征集及立法工作动态", "《中华人民共和国立法法》第五十六条", WITHIN_20, ("legislation",), (WEB, GAZETTE), "全社会", ("工作动态", "通知公告"), ("legislation",)),
    )),
    ("10", "互动回应", (
        ("建议提案办理", "人大代表建议和政协提案办理复文", "《国务院办公厅关于做好全国人大代表建议和全国政协委员提案办理结果公开工作的通知》", ("答复之日起20个工作日内", 20), ("office",), (WEB,), "全社会", ("建议提案办理",), BUSINESS),
        ("征求意见", "涉及公众利益的文件草案公开征求意见及意见采纳情况", f"{REGULATION}第六条；《重大行政决策程序暂行条例》第十四条", ("征求意见开始时", 0), ("legislation", "office"), (WEB, MEDIA), "全社会", ("征求意见",), BUSINESS),
        ("新闻发布", "新闻发布会发布内容及答记者问", f"{REGULATION}第六条", ("发布会结束之日起3个工作日内", 3), ("office", "publicity"), (WEB, MEDIA), "全社会", ("新闻发布",), ()),
        ("工作动态", "本机关重要会议、重点工作进展和基层经验做法", f"{REGULATION}第二十条", WITHIN_7, ("office",), (WEB, MEDIA), "全社会", ("工作动态",), ()),
        ("智慧司法", "司法行政信息化建设和网上服务信息", f"{REGULATION}第二十三条", WITHIN_20, ("info-center",), (WEB,), "全社会", ("工作动态", "通知公告"), ("info-center",)),
        ("队伍建设", "队伍建设、教育培训和作风建设动态", f"{REGULATION}第二十条", WITHIN_20, ("political",), (WEB, MEDIA), "全社会", ("工作动态",), ("political",)),
    )),
)


def directory() -> tuple[list[tuple[str, str]], list[Leaf]]:
    """The top items and the leaves of the 主动公开基本目录."""
    tops, leaves = [], []
    for code, name, items in _TOP_ITEMS:
        tops.append((code, name))
        for n, (leaf_name, content, basis, (limit, days), departments, channels, audience, kinds, domains) in enumerate(items, 1):
            leaves.append(Leaf(f"{code}{n:02d}", leaf_name, content, basis, limit, days, departments, channels, audience, kinds, domains))
    return tops, leaves


def directory_yaml(tops, leaves) -> str:
    items = []
    for code, name in tops:
        children = []
        for leaf in leaves:
            if leaf.code[:2] != code:
                continue
            node = {"code": Quoted(leaf.code), "name": leaf.name, "content": leaf.content, "basis": leaf.basis, "time_limit": leaf.time_limit}
            if leaf.time_limit_days is not None:
                node["time_limit_days"] = leaf.time_limit_days
            node.update(departments=[Quoted(d) for d in leaf.departments], channels=list(leaf.channels), audience=leaf.audience)
            children.append(node)
        items.append({"code": Quoted(code), "name": name, "children": children})
    return yaml_text({"items": items}, f"{ORG}主动公开基本目录（生成的测试数据）")


def organization_yaml() -> str:
    return yaml_text(
        {
            "name": ORG,
            "site_name": f"{ORG}政府信息公开",
            "credit_code": Quoted(CREDIT_CODE),
            "index_prefix": Quoted(INDEX_PREFIX),
            "address": f"{PROVINCE}东湖市政务大道199号",
            "postcode": Quoted("330000"),
            "office": {
                "name": f"{ORG}政府信息公开办公室",
                "address": f"{PROVINCE}东湖市政务大道199号{ORG}机关大楼一楼政府信息公开查阅室",
                "hours": "法定工作日上午8:30—12:00，下午14:30—17:30",
                "phone": Quoted(PHONE_PREFIX + "00000"),
                "fax": Quoted(PHONE_PREFIX + "00009"),
                "email": "zwgk@sft.example.gov.cn",
                "website": "https://sft.example.gov.cn",
            },
            "departments": [{"id": Quoted(d), "name": name, "phone": Quoted(DEPARTMENT_PHONE[d])} for d, name, _ in DEPARTMENTS],
        },
        f"{ORG}（虚构机关，生成的测试数据）",
    )


NEGATIVE_LIST = (
    ("涉及国家秘密的信息", "依法确定为国家秘密的文件、资料和数据", f"{REGULATION}第十四条；《中华人民共和国保守国家秘密法》"),
    ("社区矫正对象个人信息", "社区矫正对象的身份、矫正档案、监督管理记录等信息，公开后可能影响其回归社会", f"《中华人民共和国社区矫正法》第四条；{REGULATION}第十五条"),
    ("律师执业投诉举报人信息", "投诉人、举报人的姓名、联系方式及举报内容，公开后可能导致打击报复", f"{REGULATION}第十五条"),
    ("法律援助受援人个人信息", "受援人的身份信息、经济状况和案件情况", f"《中华人民共和国法律援助法》第二十一条；{REGULATION}第十五条"),
    ("司法鉴定委托材料", "司法鉴定过程中的委托材料、检材和鉴定意见书，涉及当事人隐私或案件秘密", f"《司法鉴定程序通则》第八条；{REGULATION}第十五条"),
    ("人民调解案件材料", "人民调解过程中形成的调解笔录和当事人个人信息", f"《中华人民共和国人民调解法》第二十二条；{REGULATION}第十五条"),
    ("内部管理信息", "人事管理、后勤管理、内部工作流程等方面的信息", f"{REGULATION}第十六条第一款"),
    ("过程性信息", "讨论记录、过程稿、磋商信函、请示报告等过程性信息", f"{REGULATION}第十六条第二款"),
    ("行政执法案卷信息", "行政执法案卷中的调查记录和证据材料", f"{REGULATION}第十六条第二款"),
    ("法律职业资格考试试题及阅卷信息", "未公开的考试试题、答案、评分标准及阅卷过程信息", "《国家统一法律职业资格考试实施办法》第二十四条；《中华人民共和国保守国家秘密法》"),
    ("行政复议当事人个人信息", "行政复议案件中当事人的个人隐私和商业秘密", f"《中华人民共和国行政复议法》第三十六条；{REGULATION}第十五条"),
)


# -- 办事指南 ------------------------------------------------------------------
@dataclass(frozen=True)
class Service:
    name: str
    type: str
    department: str
    basis: tuple[tuple[str, str], ...]
    audience: tuple[str, ...]
    materials: tuple[str, ...]  # specific to the service, added to the common ones
    legal_days: int
    fees: tuple[tuple[str, str, str], ...] = ()  # empty: 不收费
    variants: tuple[str, ...] = ("",)


_CHANGES = ("", "（变更）", "（注销）", "（补证）")
SERVICES = (
    Service("律师执业许可", "行政许可", "lawyer", (("《中华人民共和国律师法》", "第五条、第六条"),), ("自然人",), ("律师执业申请书", "法律职业资格证书", "实习考核合格意见", "律师事务所出具的同意接收证明"), 20, variants=_CHANGES),
    Service("律师事务所设立许可", "行政许可", "lawyer", (("《中华人民共和国律师法》", "第十四条、第十八条"), ("《律师事务所管理办法》", "第十一条")), ("法人", "其他组织"), ("设立申请书", "律师事务所章程", "合伙协议", "发起人执业证书", "住所证明"), 20, variants=_CHANGES),
    Service("律师执业证书换发", "公共服务", "lawyer", (("《律师执业管理办法》", "第十八条"),), ("自然人",), ("换证申请表", "原律师执业证书"), 20),
    Service("公证员执业许可", "行政许可", "notary", (("《中华人民共和国公证法》", "第十八条、第二十一条"),), ("自然人",), ("公证员任职申请表", "法律职业资格证书", "公证机构实习鉴定材料", "公证机构推荐书"), 20, variants=_CHANGES),
    Service("公证机构设立审批", "行政许可", "notary", (("《中华人民共和国公证法》", "第八条、第十条"),), ("其他组织",), ("设立申请书", "公证机构章程", "拟任公证员名单", "办公场所证明", "开办资金证明"), 30, variants=_CHANGES),
    Service("司法鉴定机构登记", "行政许可", "forensic", (("《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》", "第五条"), ("《司法鉴定机构登记管理办法》", "第十七条")), ("法人", "其他组织"), ("登记申请表", "机构章程", "场所证明", "仪器设备清单", "拟执业人员名册"), 20, variants=_CHANGES),
    Service("司法鉴定人执业登记", "行政许可", "forensic", (("《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》", "第四条"), ("《司法鉴定人登记管理办法》", "第十二条")), ("自然人",), ("执业登记申请表", "专业技术职称证书", "学历证书", "所在机构同意执业证明"), 20, variants=_CHANGES),
    Service("法律职业资格认定", "行政确认", "qualification", (("《法律职业资格管理办法》", "第六条、第八条"),), ("自然人",), ("法律职业资格申请表", "考试成绩合格证明", "学历学位证书", "无犯罪记录承诺书"), 20),
    Service("法律职业资格证书补发", "公共服务", "qualification", (("《法律职业资格管理办法》", "第十九条"),), ("自然人",), ("证书补发申请表", "遗失声明"), 20),
    Service("法律援助申请", "公共服务", "legal-aid", (("《中华人民共和国法律援助法》", "第三十八条、第四十一条"),), ("自然人",), ("法律援助申请表", "经济困难状况说明表", "与所申请法律援助事项有关的材料"), 7),
    Service("法律援助补贴发放", "行政给付", "legal-aid", (("《中华人民共和国法律援助法》", "第五十二条"),), ("自然人", "其他组织"), ("办案补贴申请表", "结案归档材料"), 30),
    Service("基层法律服务工作者执业核准", "行政许可", "public-legal-service", (("《基层法律服务工作者管理办法》", "第十三条"),), ("自然人",), ("执业核准申请表", "学历证书", "基层法律服务所同意接收证明"), 20, variants=_CHANGES),
    Service("仲裁委员会设立登记", "行政许可", "public-legal-service", (("《中华人民共和国仲裁法》", "第十条"),), ("其他组织",), ("设立登记申请书", "仲裁委员会章程", "组成人员名单", "住所证明"), 20, variants=_CHANGES),
    Service("人民调解组织备案", "公共服务", "participation", (("《中华人民共和国人民调解法》", "第八条、第九条"),), ("其他组织",), ("备案登记表", "人民调解委员会组成人员名单", "工作制度"), 10),
    Service("先进人民调解委员会和调解能手评选", "行政奖励", "participation", (("《中华人民共和国人民调解法》", "第六条"),), ("自然人", "其他组织"), ("推荐审批表", "先进事迹材料"), 30),
    Service("社区矫正对象外出审批", "其他行政权力", "community-correction", (("《中华人民共和国社区矫正法》", "第二十七条"), ("《中华人民共和国社区矫正法实施办法》", "第二十六条")), ("自然人",), ("外出申请书", "外出事由证明材料"), 3),
    Service("社区矫正对象执行地变更", "其他行政权力", "community-correction", (("《中华人民共和国社区矫正法》", "第二十七条"),), ("自然人",), ("执行地变更申请书", "新执行地居住证明"), 5),
    Service("行政复议申请", "行政裁决", "admin-review", (("《中华人民共和国行政复议法》", "第二十条、第三十条"),), ("自然人", "法人", "其他组织"), ("行政复议申请书", "行政行为相关证据材料"), 60),
    Service("政府信息公开申请", "公共服务", "office", ((REGULATION, "第二十七条、第三十三条"),), ("自然人", "法人", "其他组织"), ("政府信息公开申请表",), 20),
    Service("行政执法证件申领", "其他行政权力", "enforcement-supervision", (("《示例省行政执法证件管理办法》", "第八条"),), ("自然人",), ("执法证件申领登记表", "执法资格考试合格证明", "近期免冠证件照片"), 20),
    Service("法治宣传教育基地命名", "行政奖励", "publicity", (("《示例省法治宣传教育条例》", "第二十一条"),), ("法人", "其他组织"), ("命名申报表", "基地建设情况报告"), 30),
    Service("律师事务所名称预核准", "其他行政权力", "lawyer", (("《律师事务所名称管理办法》", "第十条"),), ("自然人",), ("名称检索申请表",), 10),
    Service("公证执业证书遗失补发", "公共服务", "notary", (("《公证员执业管理办法》", "第十六条"),), ("自然人",), ("补发申请表", "遗失声明"), 10),
    Service("司法鉴定人执业证补发", "公共服务", "forensic", (("《司法鉴定人登记管理办法》", "第十八条"),), ("自然人",), ("补发申请表", "遗失声明"), 10),
    Service(
        "法律职业资格考试报名", "公共服务", "qualification", (("《国家统一法律职业资格考试实施办法》", "第九条"),), ("自然人",), ("网上报名信息表", "学历学位证明"), 10,
        fees=(("考试费", "主观题和客观题各按省价格主管部门核定的标准收取", "《示例省发展改革委 财政厅关于国家统一法律职业资格考试收费标准的通知》"),),
    ),
)
COMMON_MATERIALS = ("申请人身份证明", "近期免冠证件照片", "授权委托书")
MATERIAL_SOURCES = ("申请人自备", "原发证机关出具", "所在单位出具", "政府部门核发", "网上下载填写")
GUIDE_STEPS = (
    ("申请", "申请人通过{online}或到办理窗口提交申请材料。"),
    ("受理", "材料齐全、符合法定形式的，当场或在5个工作日内出具受理通知书；材料不全的，一次性告知需补正的全部内容。"),
    ("审查", "{dept}对申请材料进行审查，必要时进行实地核查或听取利害关系人意见。"),
    ("决定", "在{days}个工作日内作出准予或不予办理的决定；不予办理的，书面说明理由并告知申请人享有的救济权利。"),
    ("送达", "通过窗口领取、邮寄或电子证照方式送达办理结果。"),
)
TYPE_CODES = {"行政许可": "XK", "行政确认": "QR", "行政给付": "JF", "行政奖励": "JL", "行政裁决": "CJ", "其他行政权力": "QT", "公共服务": "GG"}


# -- text ----------------------------------------------------------------------
CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numerals for 1–99: 第十二条, 十四届."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def five_year_plan(first: int) -> str:
    """The name of the 五年规划 starting in `first` (“十四五” starts in 2021)."""
    return "“" + cn_number((first - 2021) // 5 + 14) + "五”"


ARTICLE = "\x00"  # placeholder for 第N条, numbered when the body is assembled


@dataclass
class Section:
    """A `##` part of a body; `grow` writes one more paragraph for it."""

    heading: str | None
    blocks: list[str]
    grow: Callable[[], str] | None = None  # writes one more paragraph; None: the section is complete

    def text(self) -> str:
        return "\n\n".join(([f"## {self.heading}"] if self.heading else []) + self.blocks)


def assemble(sections: list[Section], low: int, high: int, rng: random.Random) -> str:
    """Grow the sections until the body is between `low` and `high` characters."""
    target = rng.randint(low + 100, high - 200)  # leave room for the last paragraph
    growing = [s for s in sections if s.grow]
    total = sum(len(s.text()) + 2 for s in sections)
    while total < target:
        section = rng.choice(growing)
        paragraph = section.grow()
        section.blocks.append(paragraph)
        total += len(paragraph) + 2
    while True:
        body = _number_articles("\n\n".join(s.text() for s in sections))
        if len(body) <= high:
            return body
        longest = max(growing, key=lambda s: len(s.blocks))  # rare: trim the section that grew most
        longest.blocks.pop()


def _number_articles(text: str) -> str:
    if ARTICLE not in text:
        return text
    parts = text.split(ARTICLE)
    return parts[0] + "".join(f"第{cn_number(n)}条　{part}" for n, part in enumerate(parts[1:], 1))


class Writer:
    """Sentences, paragraphs and tables in the department's language."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.year = 2020  # the year the current text is written in

    def pick(self, items):
        return self.rng.choice(items)

    def person(self) -> str:
        return self.pick(SURNAMES) + self.pick(GIVEN_NAMES)

    def quantity(self, unit: str) -> str:
        r = self.rng
        if unit.startswith("万"):
            return f"{r.uniform(1.5, 980):.1f}"
        return str(r.choice((r.randint(3, 95), r.randint(100, 990), r.randint(1000, 48000))))

    def metric(self, d: Domain) -> str:
        r = self.rng
        what, unit = self.pick(d.counts)
        when = self.pick((f"{self.year - 1}年", f"截至{self.year - 1}年底", "今年以来", f"{self.year}年上半年", f"{self.year - 1}年全年"))
        trend = self.pick(("同比增长", "同比下降", "较上年增长", "较上年减少"))
        return f"{when}，全省共{what}{self.quantity(unit)}{unit}，{trend}{r.uniform(0.5, 38):.1f}%。"

    def sentence(self, d: Domain) -> str:
        p = self.pick
        form = self.rng.randrange(8)
        if form == 0:
            return f"{p(LEADS)}，{p(d.subjects)}{p(MODALS)}{p(VERBS)}{p(d.objects)}，{p(EFFECTS)}。"
        if form == 1:
            return f"{p(CONNECTORS)}，{p(VERBS)}{p(d.objects)}，{p(d.measures)}。"
        if form == 2:
            return f"{p(d.measures)}，{p(VERBS)}{p(d.objects)}，{p(EFFECTS)}。"
        if form == 3:
            return self.metric(d)
        if form == 4:
            return f"针对{p(PROBLEMS)}的问题，{p(d.subjects)}{p(MODALS)}{p(d.measures)}。"
        if form == 5:
            return f"{p(d.subjects)}应当{p(d.measures)}，并{p(VERBS)}{p(d.objects)}。"
        if form == 6:
            first, second = self.rng.sample(d.objects, 2)
            return f"坚持把{first}与{second}结合起来，{p(VERBS)}{p(d.objects)}，{p(EFFECTS)}。"
        return f"{p(LEADS)}，{p(VERBS)}{p(d.objects)}和{p(d.objects)}，{p(d.measures)}。"

    def paragraph(self, d: Domain, sentences: int | None = None) -> str:
        count = sentences or self.rng.randint(2, 5)
        return "".join(self.sentence(d) for _ in range(count))

    def enumeration(self, d: Domain) -> str:
        """一是……；二是……；三是……。"""
        count = self.rng.randint(3, 4)
        parts = [f"{cn_number(i)}是{self.pick(VERBS)}{self.pick(d.objects)}，{self.pick(d.measures)}" for i in range(1, count + 1)]
        return "；".join(parts) + "。"

    def numbered(self, d: Domain, n: int) -> str:
        """（一）……: a task paragraph."""
        return f"（{cn_number(n)}）{self.pick(VERBS)}{self.pick(d.objects)}。" + self.paragraph(d, self.rng.randint(2, 3))

    def article(self, d: Domain) -> str:
        p = self.pick
        form = self.rng.randrange(7)
        if form == 4:
            return ARTICLE + self.sentence(d)
        if form == 5:
            return ARTICLE + f"{p(d.subjects)}应当建立健全{p(d.objects)}工作制度，明确责任分工，{p(d.measures)}。"
        if form == 6:
            return ARTICLE + f"违反本章规定，{p(PROBLEMS)}、造成不良影响的，由司法行政机关责令改正；情节严重的，依法依规追究相关人员责任。"
        if form == 0:
            return ARTICLE + f"{p(d.subjects)}应当{p(d.measures)}，{p(VERBS)}{p(d.objects)}。"
        if form == 1:
            return ARTICLE + f"{p(d.subjects)}开展{p(d.objects)}，应当遵守法律、法规和本省有关规定，{p(EFFECTS)}。"
        if form == 2:
            return ARTICLE + f"省司法厅负责全省{p(d.objects)}的指导和监督；设区市、县（市、区）司法行政机关按照职责做好本行政区域内的相关工作。"
        return ARTICLE + f"{p(d.subjects)}有下列情形之一的，应当及时报告：（一）{p(PROBLEMS)}的；（二）未按规定{p(VERBS)}{p(d.objects)}的；（三）法律、法规规定的其他情形。"

    # -- tables ----------------------------------------------------------------
    def table(self, header: tuple[str, ...], rows: list[tuple]) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
        return "\n".join(lines)

    def statistics_table(self, d: Domain) -> str:
        r = self.rng
        columns = r.sample(d.counts, 3)
        cities = r.sample(CITIES, r.randint(5, 8))
        rows = [(c, *(r.randint(12, 2400) for _ in columns)) for c in cities]
        totals = tuple(sum(row[i] for row in rows) for i in range(1, 4))
        return self.table(("设区市", *(f"{w}（{u}）" for w, u in columns)), rows + [("合计", *totals)])

    def task_table(self, d: Domain) -> str:
        r = self.rng
        rows = []
        for n in range(1, r.randint(4, 6) + 1):
            owner = DEPARTMENT_NAME[d.department] if r.random() < 0.6 else f"{DEPARTMENT_NAME[d.department]}、各设区市司法局"
            deadline = self.pick((f"{self.year}年{r.randint(3, 12)}月底前", "长期坚持", f"{self.year + 1}年底前"))
            rows.append((n, f"{self.pick(VERBS)}{self.pick(d.objects)}", owner, deadline))
        return self.table(("序号", "重点任务", "责任单位", "完成时限"), rows)

    def schedule_table(self, d: Domain) -> str:
        r = self.rng
        months = sorted(r.sample(range(2, 13), 3))
        stages = ("动员部署", "组织实施", "总结评估")
        rows = [(s, f"{self.year}年{m}月", f"{self.pick(VERBS)}{self.pick(d.objects)}") for s, m in zip(stages, months)]
        return self.table(("阶段", "时间", "主要任务"), rows)

    def roster_table(self, d: Domain) -> str:
        r = self.rng
        kind = {"notary": "公证处", "forensic": "司法鉴定所", "legal-aid": "法律援助中心", "public-legal-service": "公共法律服务中心"}.get(d.department, "律师事务所")
        rows = []
        for n in range(1, r.randint(6, 10) + 1):
            city = self.pick(CITIES)
            name = f"{city}{kind}" if kind.endswith("中心") else f"{city[:-1]}{self.pick(FIRM_NAMES)}{kind}"
            rows.append((n, name, f"{city}{self.pick(ROADS)}{r.randint(1, 399)}号", f"0791-8{r.randint(1000000, 9999999)}"))
        return self.table(("序号", "机构名称", "地址", "联系电话"), rows)

    def indicator_table(self, d: Domain, start: int, end: int) -> str:
        r = self.rng
        rows = []
        for what, unit in d.counts:
            base = r.randint(50, 9000)
            rows.append((f"{what}（{unit}）", base, int(base * r.uniform(1.1, 1.6)), self.pick(("预期性", "约束性"))))
        return self.table(("指标", f"{start}年", f"{end}年目标", "属性"), rows)

    def budget_table(self) -> tuple[str, float]:
        r = self.rng
        items = ("一般公共服务支出", "公共安全支出", "教育支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出")
        rows, total = [], 0.0
        for item in items:
            amount = round(r.uniform(80, 9000), 2)
            total += amount
            rows.append((item, f"{amount:.2f}", f"{amount * r.uniform(0.85, 1.15):.2f}"))
        rows.append(("合计", f"{total:.2f}", "—"))
        return self.table(("项目", "本年预算数（万元）", "上年预算数（万元）"), rows), total

    def three_costs_table(self) -> str:
        r = self.rng
        rows = [(item, f"{r.uniform(0, 120):.2f}") for item in ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")]
        return self.table(("项目", "金额（万元）"), rows)

    def people_table(self, posts: tuple[str, ...]) -> str:
        r = self.rng
        rows = [
            (n, self.pick(posts), self.person(), self.pick(("男", "女")), self.pick(DEGREES), self.pick(SCHOOLS))
            for n in range(1, r.randint(4, 9) + 1)
        ]
        return self.table(("序号", "职位", "姓名", "性别", "学历", "毕业院校"), rows)


# -- documents -----------------------------------------------------------------
@dataclass
class Document:
    kind: str
    published: dt.date
    leaf: Leaf
    domain: Domain
    future: bool = False
    draft: bool = False
    disclosure: str = PUBLIC
    reason: str = ""
    needs_interpretation: bool = False
    id: str = ""
    serial: int = 0
    written: dt.date | None = None
    review_date: dt.date | None = None
    doc_number: str = ""
    validity: str = ""
    valid_until: dt.date | None = None
    abolished: dt.date | None = None
    replaced_by: Document | None = None
    replaces: list[Document] = field(default_factory=list)  # older rules this one revises
    title: str = ""


def document_name(title: str) -> str:
    """The rule a 关于印发《…》的通知 issues, or the title itself."""
    return title.split("《", 1)[1].split("》", 1)[0] if "《" in title else title


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def weekday_on_or_before(day: dt.date) -> dt.date:
    """Agencies publish on weekdays: move a weekend date back to Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def kind_counts(n: int) -> list[str]:
    """Exactly the shares of KIND_SHARES (largest remainder), every kind at least once when n allows."""
    exact = {k: n * share / 100 for k, share in KIND_SHARES.items()}
    counts = {k: int(v) for k, v in exact.items()}
    for k in sorted(KINDS, key=lambda k: counts[k] - exact[k])[: n - sum(counts.values())]:
        counts[k] += 1
    for k in KINDS:
        if counts[k] == 0 and n >= len(KINDS):
            counts[max(counts, key=counts.get)] -= 1
            counts[k] = 1
    return [k for k in KINDS for _ in range(counts[k])]


class Corpus:
    def __init__(self, n: int, seed: int, as_of: dt.date):
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.n = n
        self.as_of = as_of
        self.tops, self.leaves = directory()
        self.leaves_for = {k: [leaf for leaf in self.leaves if k in leaf.kinds] for k in KINDS}
        self.documents: list[Document] = []

    # -- planning: who, when, which status --------------------------------------
    def plan(self) -> None:
        r, as_of = self.rng, self.as_of
        start = add_years(as_of, -10) + dt.timedelta(days=1)
        span = (as_of - start).days
        # The workday calendar package usually ends with the current year: keep
        # 定时发布 dates in it unless that leaves less than a week.
        left_in_year = (dt.date(as_of.year, 12, 31) - as_of).days
        future_days = min(FUTURE_DAYS, left_in_year) if left_in_year >= 7 else FUTURE_DAYS

        kinds = kind_counts(self.n)
        r.shuffle(kinds)
        for kind in kinds:
            leaf = r.choice(self.leaves_for[kind])
            domain = DOMAINS[r.choice(leaf.domains or tuple(DOMAINS))]
            published = max(start, weekday_on_or_before(start + dt.timedelta(days=r.randint(0, span))))
            self.documents.append(Document(kind, published, leaf, domain))

        everyone = list(range(self.n))
        for i in r.sample(everyone, round(self.n / 100)):
            self.documents[i].published = as_of + dt.timedelta(days=r.randint(1, future_days))
            self.documents[i].future = True

        # Exactly n/10 public policies need an interpretation. A deadline that
        # runs into next year would make the checker count days in a year the
        # calendar may not know yet, so those policies are not chosen.
        last_safe = dt.date(as_of.year, 12, 17)
        candidates = [i for i in everyone if self.documents[i].kind in POLICY_KINDS and self.documents[i].published <= last_safe]
        wanted = self.n // 10
        if len(candidates) < wanted:
            raise SystemExit(f"无法为 {wanted} 篇文件安排政策解读（只有 {len(candidates)} 篇候选），请增大 --documents")
        chosen = set(r.sample(candidates, wanted))
        for i in chosen:
            self.documents[i].needs_interpretation = True

        # 依申请公开 and drafts come from the rest, so every chosen policy stays public.
        rest = [i for i in everyone if i not in chosen and not self.documents[i].future]
        withheld = r.sample(rest, min(len(rest), round(self.n * 0.02)))
        rest = sorted(set(rest) - set(withheld))
        for n, i in enumerate(withheld):  # three in four 依申请公开, the rest 不予公开
            withheld_for_good = n % 4 == 3
            self.documents[i].disclosure = WITHHELD if withheld_for_good else ON_REQUEST
            self.documents[i].reason = r.choice(WITHHOLD_REASONS if withheld_for_good else REQUEST_REASONS)
        for i in r.sample(rest, min(len(rest), round(self.n / 100))):
            self.documents[i].draft = True

        # 索引号 and 文号 run in publication order within each year.
        self.documents.sort(key=lambda d: d.published)
        serials: Counter = Counter()
        numbers: Counter = Counter()
        for doc in self.documents:
            serials[doc.published.year] += 1
            doc.serial = serials[doc.published.year]
            doc.id = f"{INDEX_PREFIX}/{doc.published.year}-{doc.serial:05d}"
            doc.written = weekday_on_or_before(doc.published - dt.timedelta(days=r.randint(0, 12)))
            doc.review_date = doc.written + dt.timedelta(days=r.randint(0, (doc.published - doc.written).days))
            code = {"规范性文件": "示司规", "政策文件": "示司发"}.get(doc.kind)
            if doc.kind == "通知公告" and r.random() < 0.3:
                code = "示司办通"
            if code:
                numbers[code, doc.written.year] += 1
                doc.doc_number = f"{code}〔{doc.written.year}〕{numbers[code, doc.written.year]}号"
        self._validity()

    def _validity(self) -> None:
        """有效 until five years after publication; older ones expired, abolished or revised."""
        r, as_of = self.rng, self.as_of
        rules = [d for d in self.documents if d.kind == "规范性文件"]
        for position, doc in enumerate(rules):
            valid_until = add_years(doc.published, VALID_YEARS) - dt.timedelta(days=1)
            later = [
                d for d in rules[position + 1:]
                if d.published > doc.published and d.published <= as_of and d.disclosure == PUBLIC and not d.draft
            ]
            later = [d for d in later if d.published <= valid_until]  # revised while still in force
            successors = [d for d in later if d.domain is doc.domain] or later
            roll = r.random()
            if (as_of - doc.published).days < 30:  # too new to have been abolished or revised
                state = "有效"
            elif valid_until > as_of:
                state = "有效" if roll < 0.8 else "废止" if roll < 0.9 else "已修订"
            else:
                state = "失效" if roll < 0.5 else "废止" if roll < 0.75 else "已修订"
            if state == "已修订" and not successors:
                state = "有效" if valid_until > as_of else "失效"
            doc.validity = state
            if state in ("有效", "失效"):
                doc.valid_until = valid_until  # for 失效 it shows when the document lapsed
            elif state == "废止":  # abolished while in force
                doc.abolished = doc.published + dt.timedelta(days=r.randint(1, (min(as_of, valid_until) - doc.published).days))
            else:
                doc.replaced_by = successors[0] if r.random() < 0.7 else r.choice(successors[:5])
                doc.replaced_by.replaces.append(doc)

    # -- text of one document ---------------------------------------------------
    def compose(self, doc: Document) -> tuple[str, str, list[Section]]:
        self.writer.year = doc.published.year
        return getattr(self, "_" + {
            "规范性文件": "rule", "政策文件": "policy", "通知公告": "notice", "工作动态": "news", "规划计划": "plan",
            "财政信息": "finance", "人事信息": "personnel", "建议提案办理": "reply", "征求意见": "consultation",
            "新闻发布": "press", "其他": "other",
        }[doc.kind])(doc)

    def _rule(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        topic = w.pick(d.titles)
        suffix = w.pick(("办法", "实施办法", "实施细则", "规定", "暂行办法", "工作规范"))
        short = suffix[-2:]  # 本办法、本细则、本规定、本规范
        rule = f"{PROVINCE}{topic}{suffix}"
        title = f"{ORG}关于印发《{rule}》的通知"
        objects = r.sample(d.objects, 2)
        summary = f"印发《{rule}》，对{objects[0]}、{objects[1]}等作出规定，自{cn_date(doc.published)}起施行，有效期{cn_number(VALID_YEARS)}年。"
        preface = Section(None, [
            "各设区市司法局，厅机关各处室、直属各单位：",
            f"现将《{rule}》印发给你们，请认真贯彻执行。执行中遇到的问题，请及时向{SHORT}{DEPARTMENT_NAME[d.department]}反映。",
        ])
        grow = partial(w.article, d)
        chapters = [Section("第一章　总则", [
            ARTICLE + f"为了{w.pick(VERBS)}{w.pick(d.objects)}，{w.pick(EFFECTS)}，根据{w.pick(d.laws)}等法律法规，结合本省实际，制定本{short}。",
            ARTICLE + f"本{short}适用于本省行政区域内的{w.pick(d.objects)}及其监督管理活动。",
            ARTICLE + f"{w.pick(d.subjects)}开展{w.pick(d.objects)}，应当坚持依法、公开、公正、便民的原则。",
        ], grow)]
        for n, name in enumerate(r.sample(d.chapters, r.randint(2, 4)), 2):
            chapters.append(Section(f"第{cn_number(n)}章　{name}", [w.article(d), w.article(d)], grow))
        if r.random() < 0.2:
            chapters[-1].blocks.append(w.task_table(d))
        closing = [ARTICLE + f"本{short}由{SHORT}负责解释。"]
        ending = f"本{short}自{cn_date(doc.published)}起施行，有效期至{cn_date(add_years(doc.published, VALID_YEARS) - dt.timedelta(days=1))}。"
        if doc.replaces:
            old = "、".join(f"《{document_name(p.title)}》（{p.doc_number}）" for p in doc.replaces)
            ending += f"{old}同时废止。"
        closing.append(ARTICLE + ending)
        chapters.append(Section(f"第{cn_number(len(chapters) + 1)}章　附则", closing))
        return title, summary, [preface, *chapters]

    def _policy(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        topic = w.pick(d.titles)
        form = w.pick(("意见", "实施意见", "若干措施", "指导意见", "工作方案"))
        title = f"{ORG}关于{w.pick(VERBS)}{topic}工作的{form}"
        first, second = r.sample(d.objects, 2)
        summary = f"围绕{first}、{second}，提出重点任务和保障措施，{w.pick(EFFECTS)}。"
        counter = iter(range(1, 100))
        sections = [
            Section(None, ["各设区市司法局，厅机关各处室、直属各单位：", f"{w.pick(LEADS)}，{w.pick(VERBS)}{topic}工作，现提出如下{form}。"]),
            Section("一、总体要求", [w.paragraph(d)], lambda: w.paragraph(d)),
            Section("二、重点任务", [w.numbered(d, next(counter)), w.numbered(d, next(counter))], lambda: w.numbered(d, next(counter))),
            Section("三、保障措施", [w.enumeration(d)], lambda: w.pick(DEMANDS) + w.paragraph(d, 2)),
        ]
        if r.random() < 0.4:
            sections.insert(3, Section("任务分工", [w.task_table(d)]))
        return title, summary, sections

    def _notice(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        topic, year = w.pick(d.titles), doc.published.year
        variant = r.randrange(3)
        if variant == 0:
            title = f"关于{w.pick(('开展', '做好', '组织开展', '部署开展'))}{year}年度{topic}工作的通知"
            summary = f"部署{year}年度{topic}工作，明确{w.pick(d.objects)}、{w.pick(d.objects)}等任务和时间安排。"
            sections = [
                Section(None, ["各设区市司法局，厅直属各单位：", f"为{w.pick(VERBS)}{w.pick(d.objects)}，现就做好{year}年度{topic}工作通知如下。"]),
                Section("一、工作目标", [w.paragraph(d)], lambda: w.paragraph(d)),
                Section("二、主要任务", [w.enumeration(d)], lambda: w.paragraph(d)),
                Section("三、时间安排", [w.schedule_table(d)]),
                Section("四、有关要求", [w.pick(DEMANDS)], lambda: w.pick(DEMANDS) + w.paragraph(d, 2)),
            ]
        elif variant == 1:
            title = f"关于{year}年度{topic}{w.pick(('结果', '情况', '检查结果'))}的公告"
            summary = f"公布{year}年度{topic}结果，涉及{w.pick(d.subjects)}等，并公布监督电话。"
            sections = [
                Section("基本情况", [w.paragraph(d)], lambda: w.paragraph(d)),
                Section("结果", [w.statistics_table(d)], lambda: w.paragraph(d, 2)),
                Section("监督方式", [f"对公告内容有异议的，可在公告之日起10个工作日内向{SHORT}{DEPARTMENT_NAME[d.department]}反映，联系电话：{DEPARTMENT_PHONE[d.department]}。"]),
            ]
        else:
            title = f"关于公布{year}年{PROVINCE}{d.name}机构名录的通知"
            summary = f"公布{year}年{PROVINCE}{d.name}机构名录，方便群众查询和监督。"
            sections = [
                Section(None, [f"为方便群众查询，{w.pick(VERBS)}{w.pick(d.objects)}，现将{year}年{PROVINCE}{d.name}机构名录予以公布。"]),
                Section("机构名录", [w.roster_table(d)]),
                Section("有关说明", [w.paragraph(d)], lambda: w.paragraph(d)),
            ]
        return title, summary, sections

    def _news(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        year, city = doc.published.year, w.pick(CITIES)
        variant = r.randrange(3)
        if variant == 0:
            event = w.pick(EVENTS)
            title = f"{ORG}召开{year}年全省{d.name}{event}"
            lead = f"{doc.published.month}月{doc.published.day}日，{ORG}召开{year}年全省{d.name}{event}，{w.pick(NEWS_ROLES)}出席会议并讲话。"
        elif variant == 1:
            title = f"{city}司法局{w.pick(VERBS)}{w.pick(d.objects)}{w.pick(PRAISE)}"
            lead = f"{w.pick(LEADS)}，{city}司法局{w.pick(VERBS)}{w.pick(d.objects)}，{w.pick(d.measures)}。"
        else:
            title = f"{SHORT}开展{w.pick(d.titles)}{w.pick(INSPECTIONS)}"
            lead = f"近日，{SHORT}组织开展{w.pick(d.titles)}{w.pick(INSPECTIONS)}，深入{city}等地了解{w.pick(d.objects)}情况。"
        summary = lead
        sections = [
            Section(None, [lead + w.paragraph(d, 2)]),
            Section(w.pick(("工作成效", "主要做法", "会议内容")), [w.pick(REMARKS) + "，" + w.paragraph(d)], lambda: w.pick(REMARKS) + "，" + w.paragraph(d)),
            Section("下一步工作", [w.enumeration(d)], lambda: w.paragraph(d)),
        ]
        if r.random() < 0.3:
            sections[1].blocks.append(w.statistics_table(d))
        return title, summary, sections

    def _plan(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        year = doc.published.year
        if r.random() < 0.4:
            first = 2021 + ((year + 1 - 2021) // 5) * 5  # plans are written the year before their period starts
            plan = five_year_plan(first)
            title = f"{PROVINCE}{d.name}事业发展{plan}规划"
            summary = f"明确{first}—{first + 4}年全省{d.name}事业发展的总体思路、主要目标和重点任务。"
            sections = [
                Section("一、发展基础", [w.paragraph(d)], lambda: w.metric(d) + w.paragraph(d, 2)),
                Section("二、总体思路", [w.paragraph(d)], lambda: w.paragraph(d)),
                Section("三、主要目标", [w.indicator_table(d, first - 1, first + 4)]),
                Section("四、重点任务", [w.numbered(d, 1)], lambda: w.paragraph(d)),
                Section("五、保障措施", [w.enumeration(d)]),
            ]
        else:
            title = f"{ORG}{year}年{d.name}工作要点"
            summary = f"部署{year}年全省{d.name}工作，提出{w.pick(d.objects)}、{w.pick(d.objects)}等重点任务。"
            counter = iter(range(1, 100))
            sections = [
                Section("一、总体要求", [w.paragraph(d)]),
                Section("二、重点工作", [w.numbered(d, next(counter))], lambda: w.numbered(d, next(counter))),
                Section("三、工作要求", [w.pick(DEMANDS)], lambda: w.pick(DEMANDS)),
            ]
        return title, summary, sections

    def _finance(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        year = doc.published.year
        table, total = w.budget_table()
        budget = r.random() < 0.5
        title = f"{ORG}{year}年部门预算" if budget else f"{ORG}{year - 1}年部门决算"
        summary = f"公开{ORG}{year if budget else year - 1}年部门{'预算' if budget else '决算'}收支情况及“三公”经费情况，支出合计{total:.2f}万元。"
        sections = [
            Section("一、部门职责及机构设置", [f"{ORG}是省政府组成部门，内设{len(DEPARTMENTS)}个处室（局、中心）。" + w.paragraph(d, 2)]),
            Section("二、收支总体情况", [table], lambda: w.metric(d) + w.paragraph(d, 2)),
            Section("三、“三公”经费情况", [w.three_costs_table(), w.paragraph(d, 2)]),
            Section("四、其他重要事项说明", [w.paragraph(d)], lambda: w.paragraph(d)),
            Section("五、名词解释", list(r.sample(DEFINITIONS, 3))),
        ]
        return title, summary, sections

    def _personnel(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        year = doc.published.year
        phone = DEPARTMENT_PHONE["political"]
        variant = r.randrange(3)
        if variant == 0:
            title = f"{ORG}{year}年考试录用公务员拟录用人员公示"
            summary = f"公示{ORG}{year}年考试录用公务员拟录用人员名单，公示期5个工作日。"
            table = w.people_table(tuple(f"{DEPARTMENT_NAME[x]}一级科员" for x in r.sample(BUSINESS, 3)))
        elif variant == 1:
            title = f"{ORG}干部任前公示（{year}年第{cn_number(r.randint(1, 6))}批）"
            summary = "根据干部选拔任用有关规定，对拟任职干部进行任前公示。"
            table = w.people_table(tuple(f"{DEPARTMENT_NAME[x]}{w.pick(POSTS)}" for x in r.sample(tuple(DOMAINS), 3)))
        else:
            title = f"{ORG}所属事业单位{year}年公开招聘工作人员拟聘用人员公示"
            summary = f"公示{ORG}所属事业单位{year}年公开招聘拟聘用人员名单。"
            table = w.people_table(("法律援助中心专技岗", "司法鉴定中心专技岗", "信息中心专技岗", "综合管理岗"))
        sections = [
            Section(None, [f"{w.pick(LEADS)}，经笔试、面试、考察和体检等程序，现将有关人员情况予以公示。"]),
            Section("公示名单", [table]),
            Section("公示说明", [
                f"公示期为5个工作日。公示期间，对公示对象有异议的，可通过来电、来信、来访等方式向{SHORT}政治部反映。反映问题要实事求是，以真实姓名反映的优先核查。",
                f"联系电话：{phone}。",
            ], lambda: w.paragraph(d)),
        ]
        return title, summary, sections

    def _reply(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        year = doc.published.year
        term, session = 12 + (year - 2013) // 5, (year - 2013) % 5 + 1  # 省人大、省政协 terms of five years since 2013
        congress = r.random() < 0.55
        what, who = ("建议", "代表") if congress else ("提案", "委员")
        number = r.randint(1, 999)
        subject = f"关于{w.pick(VERBS)}{w.pick(d.titles)}的{what}"
        title = f"关于省{'' if congress else '政协'}{cn_number(term)}届{'人大' if congress else ''}{cn_number(session)}次会议第{number:04d}号{what}的答复"
        summary = f"答复《{subject}》，介绍{w.pick(d.objects)}等工作进展和下一步打算。"
        contact = f"联系单位：{SHORT}{DEPARTMENT_NAME[d.department]}；联系电话：{DEPARTMENT_PHONE[d.department]}。"
        sections = [
            Section(None, [f"{w.person()}{who}：", f"您提出的《{subject}》收悉。经认真研究，现答复如下："]),
            Section("一、基本情况", [w.paragraph(d)], lambda: w.metric(d) + w.paragraph(d, 2)),
            Section("二、主要工作", [w.enumeration(d)], lambda: w.paragraph(d)),
            Section("三、下一步打算", [w.paragraph(d)], lambda: w.paragraph(d)),
            Section(None, [f"感谢您对司法行政工作的关心和支持，欢迎继续提出宝贵意见和建议。{contact}"]),
        ]
        return title, summary, sections

    def _consultation(self, doc):
        w, d = self.writer, doc.domain
        draft_name = f"{PROVINCE}{w.pick(d.titles)}{w.pick(('办法', '实施办法', '规定', '实施细则'))}（征求意见稿）"
        start, end = self.consultation_period(doc)
        title = f"关于公开征求《{draft_name}》意见的公告"
        summary = f"公开征求《{draft_name}》意见，征求意见时间为{cn_date(start)}至{cn_date(end)}。"
        sections = [
            Section(None, [f"为{w.pick(VERBS)}{w.pick(d.objects)}，{SHORT}起草了《{draft_name}》，现向社会公开征求意见。"]),
            Section("一、征求意见时间", [f"{cn_date(start)}至{cn_date(end)}。"]),
            Section("二、反馈方式", [
                "（一）电子邮件：将意见发送至 zwgk@sft.example.gov.cn，邮件主题注明“征求意见”。",
                f"（二）信函：邮寄至{PROVINCE}东湖市政务大道199号{ORG}{DEPARTMENT_NAME[d.department]}（邮政编码330000），信封注明“征求意见”。",
                f"（三）电话：{DEPARTMENT_PHONE[d.department]}。",
            ]),
            Section("三、起草说明", [w.paragraph(d)], lambda: w.paragraph(d)),
            Section("四、主要内容", [w.enumeration(d)], lambda: w.paragraph(d)),
        ]
        return title, summary, sections

    def _press(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        topic = w.pick(d.titles)
        title = f"{ORG}举行{topic}新闻发布会"
        summary = f"{cn_date(doc.published)}，{ORG}举行新闻发布会，介绍{topic}有关情况并回答记者提问。"

        def answer():
            question = f"问：{SHORT}在{w.pick(VERBS)}{w.pick(d.objects)}方面有哪些新举措？"
            return question + "\n\n答：" + w.paragraph(d)

        sections = [
            Section("发布会概况", [f"{doc.published.month}月{doc.published.day}日，{ORG}举行新闻发布会，{w.pick(NEWS_ROLES)}{w.person()}介绍{topic}有关情况，"
                                   f"{DEPARTMENT_NAME[d.department]}负责人回答记者提问。"]),
            Section("发布内容", [w.paragraph(d)], lambda: w.paragraph(d)),
            Section("答记者问", [answer()], answer),
        ]
        if r.random() < 0.3:
            sections[1].blocks.append(w.statistics_table(d))
        return title, summary, sections

    def _other(self, doc):
        w, d, r = self.writer, doc.domain, self.rng
        year = doc.published.year
        variant = r.randrange(3)
        if variant == 0:
            title = f"{PROVINCE}{d.name}机构名册（{year}年）"
            summary = f"公布截至{year}年的全省{d.name}机构名称、地址和联系电话。"
            sections = [Section("名册", [w.roster_table(d)]), Section("说明", [w.paragraph(d)], lambda: w.paragraph(d))]
        elif variant == 1:
            title = f"{year - 1}年全省{d.name}工作主要数据"
            summary = f"公开{year - 1}年全省{d.name}工作主要统计数据。"
            sections = [Section("主要数据", [w.statistics_table(d)]), Section("数据说明", [w.metric(d) + w.paragraph(d)], lambda: w.metric(d) + w.paragraph(d, 2))]
        else:
            title = f"{ORG}{year - 1}年{d.name}工作总结"
            summary = f"总结{year - 1}年{d.name}工作，分析存在问题，提出下一步工作安排。"
            sections = [
                Section("一、主要工作和成效", [w.paragraph(d)], lambda: w.metric(d) + w.paragraph(d, 2)),
                Section("二、存在的问题", [f"在看到成绩的同时，也要清醒认识到{w.pick(PROBLEMS)}、{w.pick(PROBLEMS)}等问题。"]),
                Section("三、下一步工作", [w.enumeration(d)], lambda: w.paragraph(d)),
            ]
        return title, summary, sections

    def consultation_period(self, doc: Document) -> tuple[dt.date, dt.date]:
        # Derived from the document alone, so the body and the front matter agree.
        return doc.published, doc.published + dt.timedelta(days=(15, 30, 30, 20)[doc.serial % 4])

    # -- front matter ------------------------------------------------------------
    def front_matter(self, doc: Document, summary: str) -> dict:
        r, w = self.rng, self.writer
        front = {
            "id": Quoted(doc.id),
            "title": doc.title,
            "summary": summary,
            "category": Quoted(doc.leaf.code),
            "kind": doc.kind,
            "drafting_department": Quoted(doc.domain.department),
        }
        if doc.doc_number:
            front["doc_number"] = Quoted(doc.doc_number)
        front.update(written=doc.written, published=doc.published, disclosure=doc.disclosure)
        if doc.reason:
            front["reason"] = doc.reason
        if doc.validity:
            front["validity"] = doc.validity
            if doc.valid_until:
                front["valid_until"] = doc.valid_until
            if doc.abolished:
                front["abolished"] = doc.abolished
            if doc.replaced_by:
                front["replaced_by"] = Quoted(doc.replaced_by.id)
        if doc.kind in POLICY_KINDS and not doc.needs_interpretation:
            front["interpretation"] = "none"
        if doc.draft:
            front["draft"] = True
        front["review"] = {"reviewer": w.person(), "date": doc.review_date}
        if doc.kind in ("规范性文件", "政策文件", "通知公告", "征求意见", "财政信息", "其他") and r.random() < 0.35:
            files = r.sample(ATTACHMENTS[:-1], r.randint(1, 2)) if doc.kind != "财政信息" else [ATTACHMENTS[-1]]
            topic = doc.domain.name
            front["attachments"] = [{"title": f"附件{n}：{topic}{label}", "file": path} for n, (path, label) in enumerate(files, 1)]
        front["topics"] = r.sample(doc.domain.keywords, r.randint(2, 3))
        if doc.kind == "征求意见":
            start, end = self.consultation_period(doc)
            consultation = {"start": start, "end": end}
            if end < self.as_of:
                received = r.randint(3, 80)
                adopted = r.randint(0, received - 1)
                consultation["feedback"] = (
                    f"征求意见期间共收到意见建议{received}条，采纳{adopted}条；未采纳的意见主要因{w.pick(REJECTED)}，已在起草说明中予以说明。"
                )
            front["consultation"] = consultation
        return front

    # -- 政策解读 -------------------------------------------------------------------
    def interpretation(self, policy: Document, serial: int) -> str:
        r, w, d = self.rng, self.writer, policy.domain
        w.year = policy.published.year
        form = r.choices(("文字解读", "图文解读", "专家解读", "新闻发布会", "在线访谈", "媒体解读", "视频解读"), (60, 15, 8, 5, 4, 4, 4))[0]
        name = document_name(policy.title)
        id_ = f"jd-{policy.published.year}-{serial:04d}"
        front = {
            "id": Quoted(id_),
            "title": f"一图读懂《{name}》" if form == "图文解读" else f"《{name}》政策解读",
            "policy": Quoted(policy.id),
            "form": form,
            "department": Quoted(d.department),
            "interpreter": f"{DEPARTMENT_NAME[d.department]}负责人 {w.person()}",
            "published": policy.published,  # 与文件同步发布
        }
        if form == "图文解读":
            front["media"] = r.choice(GRAPHICS)
        elif form == "视频解读":
            front["media"] = f"https://video.sft.example.gov.cn/jd/{id_}.mp4"
        front["summary"] = f"从出台背景、主要内容和{w.pick(('执行口径', '涉及范围', '目标任务'))}等方面解读《{name}》。"
        optional = [
            Section("目标任务", [w.enumeration(d)], lambda: w.paragraph(d, 2)),
            Section("涉及范围", [f"本文件适用于全省{w.pick(d.subjects)}和{w.pick(d.subjects)}。" + w.paragraph(d, 2)]),
            Section("执行口径", [w.paragraph(d, 2)], lambda: w.paragraph(d, 2)),
            Section("关键词诠释", [f"{w.pick(d.keywords)}：指{w.pick(d.objects)}中{w.pick(d.measures)}的相关工作。"]),
            Section("新旧政策差异", [f"与原有规定相比，本文件主要在{w.pick(d.objects)}和{w.pick(d.objects)}方面作了调整。"]),
        ]
        sections = [
            Section("背景依据", [f"为{w.pick(VERBS)}{w.pick(d.objects)}，根据{w.pick(d.laws)}等规定，{SHORT}制定了《{name}》（{policy.doc_number}）。"],
                    lambda: w.paragraph(d, 2)),
            Section("主要内容", [w.enumeration(d)], lambda: w.paragraph(d, 2)),
            *r.sample(optional, r.randint(1, 3)),
        ]
        return markdown_file(front, assemble(sections, MIN_NOTE, MAX_NOTE, r))

    # -- 办事指南 -------------------------------------------------------------------
    def guide(self, service: Service, variant: str, place: str, number: int) -> str:
        r = self.rng
        code = f"SF-{TYPE_CODES[service.type]}-{number:04d}"
        name = service.name + variant + (f"（{place}受理）" if place else "")
        office = f"{place}司法局" if place else ORG
        materials = []
        for material in (*service.materials, *r.sample(COMMON_MATERIALS, r.randint(1, 3))):
            entry = {
                "name": material,
                "form": r.choice(("原件", "复印件", "原件及复印件", "电子件")),
                "copies": r.randint(1, 3),
                "source": r.choice(MATERIAL_SOURCES),
                "required": material != "授权委托书",
            }
            if material == "授权委托书":
                entry["note"] = "委托他人代为办理的提供。"
            kind = next((k for k in TEMPLATES if material.endswith(k)), None)
            if kind and r.random() < 0.7:
                template, example = TEMPLATES[kind]
                entry["template"] = template
                if example:
                    entry["example"] = example
            materials.append(entry)
        online = r.random() < 0.8
        url = f"https://zwfw.example.gov.cn/item/{code.lower()}"
        steps = [
            {"step": step, "description": text.format(online="示例省政务服务网" if online else "邮寄", dept=DEPARTMENT_NAME[service.department], days=service.legal_days)}
            for step, text in GUIDE_STEPS
        ]
        visits = r.choice((0, 0, 1, 1, 2)) if online else r.randint(1, 2)
        guide = {
            "code": Quoted(code),
            "name": name,
            "summary": f"{office}依法办理{service.name}{variant}事项。",
            "type": service.type,
            "department": Quoted(service.department),
            "basis": [{"title": t, "article": a} for t, a in service.basis],
            "conditions": "\n".join(
                f"（{cn_number(n)}）{text}" for n, text in enumerate(
                    ("申请人符合法律、法规规定的条件；", "申请材料齐全、符合法定形式；", "法律、法规规定的其他条件。"), 1
                )
            ),
            "audience": list(service.audience),
            "materials": materials,
            "process": steps,
            "time_limit": {"legal_days": service.legal_days, "promised_days": r.randint(max(1, service.legal_days // 3), service.legal_days)},
            "result": f"{service.name}{variant}决定书或相关证照",
            "fees": [{"item": i, "standard": s, "basis": b} for i, s, b in service.fees] if service.fees else "不收费",
            "location": f"{place or PROVINCE + '东湖市'}政务服务中心{r.randint(1, 3)}楼司法行政窗口",
            "hours": "法定工作日上午9:00—12:00，下午13:30—17:00",
            "contact": {"phone": Quoted(DEPARTMENT_PHONE[service.department])},
            "supervision": {"phone": Quoted(r.choice(("12348", PHONE_PREFIX + "00199")))},
            "online": {"available": online, **({"url": url} if online else {}), "visits": visits},
            # Checked within the year, as a maintained guide is (an older date is a D316 warning).
            "updated": weekday_on_or_before(self.as_of - dt.timedelta(days=r.randint(0, 330))),
        }
        if visits:
            guide["online"]["visits_reason"] = r.choice(("须现场核验申请人身份并领取证书。", "须现场提交纸质原件供核验。", "须现场签署承诺书。"))
        if r.random() < 0.5:
            answer = f"最多到现场{visits}次" if visits else "可全程网上办理，无需到现场"
            guide["faq"] = [{"question": f"办理{service.name}需要本人到场吗？", "answer": f"本事项{answer}；委托他人办理的，须提交授权委托书。"}]
        return yaml_text(guide)

    # -- output --------------------------------------------------------------------
    def write(self, out: Path, pin_as_of: bool) -> Counter:
        """Write the tree; `pin_as_of` puts the as-of date into mkdocs.yml (only when --as-of was given)."""
        files: dict[str, bytes] = {}
        for path, _ in ATTACHMENTS:
            files[path] = pdf_bytes(Path(path).stem)
        for template, example in TEMPLATES.values():
            files[template] = pdf_bytes(Path(template).stem)
            if example:
                files[example] = pdf_bytes(Path(example).stem)
        for n, path in enumerate(GRAPHICS):
            files[path] = png_bytes(320, 180, ((200, 30, 30), (30, 90, 170), (240, 170, 30))[n])
        for path, data in files.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

        write_text(out / "mkdocs.yml", site_config((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"), self.as_of if pin_as_of else None))
        shutil.copytree(REPOSITORY / "docs", out / "docs")
        write_text(out / "catalogue/organization.yml", organization_yaml())
        write_text(out / "catalogue/directory.yml", directory_yaml(self.tops, self.leaves))
        write_text(
            out / "catalogue/negative-list.yml",
            yaml_text({"items": [{"name": n, "situation": s, "basis": b} for n, s, b in NEGATIVE_LIST]}, f"{ORG}政府信息公开负面清单"),
        )

        # Bodies are written in date order, so a revising rule can name the ones it replaces.
        kinds: Counter = Counter()
        for doc in self.documents:
            title, summary, sections = self.compose(doc)
            doc.title = title
            body = assemble(sections, MIN_BODY, MAX_BODY, self.rng)
            write_text(out / f"catalogue/documents/{doc.published.year}/{doc.serial:05d}.md", markdown_file(self.front_matter(doc, summary), body))
            kinds[doc.kind] += 1

        per_year: Counter = Counter()
        for policy in (d for d in self.documents if d.needs_interpretation):
            per_year[policy.published.year] += 1
            text = self.interpretation(policy, per_year[policy.published.year])
            write_text(out / f"interpretations/{policy.published.year}/{per_year[policy.published.year]:04d}.md", text)
        kinds["政策解读"] = sum(per_year.values())

        # Every service once at provincial level first, so even a small corpus shows them all.
        first = [(s, "", "") for s in SERVICES]
        rest = [(s, v, p) for p in ("", *CITIES) for s in SERVICES for v in s.variants if v or p]
        self.rng.shuffle(first)
        self.rng.shuffle(rest)
        offers = first + rest
        for number in range(1, self.n // 20 + 1):
            service, variant, place = offers[(number - 1) % len(offers)]
            write_text(out / f"guides/{number:04d}.yml", self.guide(service, variant, place, number))
        kinds["办事指南"] = self.n // 20
        kinds["负面清单"] = len(NEGATIVE_LIST)

        forward = None
        for year in range(self.documents[0].published.year, self.as_of.year):
            report, forward = self.annual_report(year, forward)
            if report["published"] <= self.as_of:
                write_text(out / f"catalogue/annual-reports/{year}.yml", yaml_text(report, f"{ORG}{year}年政府信息公开工作年度报告（生成的测试数据）"))
                kinds["年度报告"] += 1
        return kinds

    # -- 政府信息公开工作年度报告 ------------------------------------------------------
    def annual_report(self, year: int, carried_over: dict | None) -> tuple[dict, dict]:
        """The report in the national format (国办公开办函〔2021〕30号), every table balanced,
        each year carrying over what the last one carried forward; and what it carries forward."""
        r = self.rng
        carried_over = carried_over or {c: 0 for c in APPLICANTS}
        received = {c: r.randint(*APPLICANT_RANGES[c]) for c in APPLICANTS}
        forward = {c: r.randint(0, min(2, received[c] + carried_over[c])) for c in APPLICANTS}
        rows = {row: {c: 0 for c in APPLICANTS} for row in RESULT_ROWS}
        for c in APPLICANTS:  # every request handled this year gets one result
            for _ in range(received[c] + carried_over[c] - forward[c]):
                rows[r.choices(RESULT_ROWS, RESULT_WEIGHTS)[0]][c] += 1

        def with_total(counts: dict) -> dict:
            return {**counts, "total": sum(counts.values())}

        results: dict = {}
        for row in RESULT_ROWS:  # "withheld.third_party" → results["withheld"]["third_party"]
            group, _, name = row.rpartition(".")
            (results.setdefault(group, {}) if group else results)[name] = with_total(rows[row])
        results["total"] = with_total({c: sum(rows[row][c] for row in RESULT_ROWS) for c in APPLICANTS})
        appeals = {
            row[-1]: with_total({column: r.randint(0, APPEAL_RANGES[column]) for column in APPEAL_COLUMNS})
            for row in APPEAL_ROWS
        }
        published = weekday_on_or_before(dt.date(year + 1, 1, r.randint(15, 31)))
        total = with_total(received)["total"]
        report = {
            "year": year,
            "published": published,
            "overview": "\n".join((
                f"{year}年，{ORG}以《中华人民共和国政府信息公开条例》为遵循，推进决策、执行、管理、服务、结果公开。",
                "（一）主动公开。全年通过门户网站主动公开政府信息，规范性文件与政策解读同步发布。",
                f"（二）依申请公开。全年新收政府信息公开申请{total}件，均在法定期限内答复。",
                "（三）政府信息管理。落实公开前保密审查制度，动态调整主动公开基本目录。",
            )),
            "proactive": {
                "regulations": {"issued": 0, "abolished": 0, "in_force": 0},  # 省司法厅没有规章制定权
                "licensing": r.randint(800, 5000),
                "penalties": r.randint(0, 60),
                "coercion": 0,
                "fees": 0,
            },
            "requests": {"received": with_total(received), "carried_over": with_total(carried_over), "results": results, "carried_forward": with_total(forward)},
            "appeals": appeals,
            "problems": f"一是{self.writer.pick(PROBLEMS)}；二是{self.writer.pick(PROBLEMS)}。{year + 1}年将逐项整改。",
            "other_matters": f"{year}年未收取政府信息公开信息处理费。",
        }
        return report, forward


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def site_config(config: str, as_of: dt.date | None) -> str:
    """The repository's mkdocs.yml, with `as_of` set under `- disclosure:`.

    Edited as text so comments and the rest of the file stay as they are."""
    if as_of is None:
        return config
    lines = config.splitlines(keepends=True)
    for start, line in enumerate(lines):
        match = re.match(r"^(\s*)-\s+disclosure\s*(:?)\s*(#.*)?$", line)
        if match:
            break
    else:
        raise SystemExit("mkdocs.yml 中找不到块格式的 “- disclosure:” 插件设置，无法写入 as_of")
    key_column = line.index("disclosure")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > key_column):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    options = lines[start + 1:end]
    first = next((o for o in options if o.strip() and not o.lstrip().startswith("#")), None)
    indent = len(first) - len(first.lstrip()) if first else key_column + 2
    options = [o for o in options if not re.match(rf"^ {{{indent}}}as_of\s*:", o)]
    header = line if match.group(2) else f"{match.group(1)}- disclosure:\n"
    edited = "".join(lines[:start] + [header, f'{" " * indent}as_of: "{as_of.isoformat()}"\n'] + options + lines[end:])

    class IgnoreTags(yaml.SafeLoader):  # MkDocs allows !ENV and !!python tags
        pass

    IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
    plugins = (yaml.load(edited, Loader=IgnoreTags) or {}).get("plugins") or []
    if not any(isinstance(p, dict) and (p.get("disclosure") or {}).get("as_of") == as_of.isoformat() for p in plugins):
        raise SystemExit("无法在 mkdocs.yml 的 disclosure 插件设置中写入 as_of，请检查该文件的格式")
    return edited


# -- command line ----------------------------------------------------------------
def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError("文件数至少为 1")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from None


class _Parser(argparse.ArgumentParser):
    """Usage errors in Chinese, exit code 2, like `disclosure`'s own command line."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        description="生成一个完整、可通过校验的政务公开内容仓库（虚构的示例省司法厅），用于测试和压测。"
        "同样的 --seed 和 --as-of 总是生成完全相同的内容。",
        add_help=False,
    )
    p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    p.add_argument("--documents", type=_positive, required=True, metavar="N", help="公开信息篇数；另生成 N/10 篇政策解读、N/20 项办事指南")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="输出目录；须不存在或为空")
    p.add_argument("--seed", type=int, default=1, help="随机种子，默认 1")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="基准日：发布日期分布在此前十年，并写入 mkdocs.yml；默认今天")
    p.add_argument("--force", action="store_true", help="输出目录不为空时，删除其中由本脚本生成的内容后重新生成")
    return p


def prepare(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        print(f"错误：{out} 已存在且不是目录", file=sys.stderr)
        raise SystemExit(2)
    if out.resolve() == REPOSITORY:
        print(f"错误：不能输出到项目仓库本身（{REPOSITORY}）", file=sys.stderr)
        raise SystemExit(2)
    if out.exists() and any(out.iterdir()):
        if not force:
            print(f"错误：输出目录 {out} 已存在且不为空；请换一个目录，或加 --force 覆盖其中生成的内容", file=sys.stderr)
            raise SystemExit(2)
        for name in GENERATED:  # only what this script writes: nothing else of the user's is touched
            target = out / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    as_of = args.as_of or dt.date.today()
    prepare(args.out, args.force)
    corpus = Corpus(args.documents, args.seed, as_of)
    corpus.plan()
    counts = corpus.write(args.out, args.as_of is not None)
    per_kind = "、".join(f"{k} {counts[k]}" for k in KINDS if counts[k])
    print(
        f"已生成 {args.documents} 篇公开信息（{per_kind}），政策解读 {counts['政策解读']} 篇，办事指南 {counts['办事指南']} 项，"
        f"负面清单 {counts['负面清单']} 项，年度报告 {counts['年度报告']} 份，基准日 {as_of} → {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
