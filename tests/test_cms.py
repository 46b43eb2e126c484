"""The web editor: its configuration follows the schemas, and an editor who has never
used git creates a document, its interpretation and a guide through the forms, each
landing as a file that checks and builds."""

from __future__ import annotations

import datetime as dt
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ARTIFACTS, REPO, check, copy_tree, DEMO_PARTS, edit, mkdocs_build
from conftest import serve as serve_site
from disclosure import options
from disclosure.cms import config as cms_config
from disclosure.cms import publish as web_editor
from disclosure.cms import serve
from disclosure.publishing import active_content
from disclosure.schemas import schema

APP = REPO / "admin"
SCREENSHOTS = REPO / "handbook" / "images"  # the handbook's chapter on the web editor shows these
STARTED = dt.date.today()


def today(value) -> bool:
    """Whether a date written by the form is today (the run may pass midnight)."""
    return STARTED <= dt.date.fromisoformat(str(value)) <= dt.date.today()


# -- the configuration ----------------------------------------------------
def test_config_is_up_to_date():
    committed = (APP / "config.yml").read_text(encoding="utf-8")
    assert committed == cms_config.text(), "admin/config.yml is out of date: run python -m disclosure.cms.config"


def _collection(name: str) -> dict:
    return next(c for c in cms_config.config()["collections"] if c["name"] == name)


def _field(fields: list[dict], dotted: str) -> dict:
    head, _, rest = dotted.partition(".")
    found = next(f for f in fields if f["name"] == head)
    return _field(found["fields"], rest) if rest else found


@pytest.mark.parametrize("collection, kind", [("documents", "document"), ("interpretations", "interpretation"), ("guides", "guide")])
def test_every_schema_field_is_in_the_form_with_its_label_and_hint(collection, kind):
    content_schema = schema(kind)
    fields = _collection(collection)["fields"]
    for name in content_schema.properties(()):
        spec = _field(fields, name)
        info = content_schema.field_schema((name,))
        assert spec["label"] == info["title"]
        assert spec["hint"] == info["description"]
        assert spec["required"] == (name in content_schema.root["required"] and "oneOf" not in info), name
        if "enum" in info:
            assert spec["widget"] == "select" and spec["options"] == info["enum"]
        if info.get("format") == "date":
            assert (spec["widget"], spec["format"], spec["time_format"]) == ("datetime", "YYYY-MM-DD", False)


def test_references_are_relations_that_show_titles():
    documents = _collection("documents")["fields"]
    assert _field(documents, "category")["display_fields"] == ["items.*.children.*.name"]
    assert _field(documents, "drafting_department")["value_field"] == "departments.*.id"
    assert _field(documents, "replaced_by")["collection"] == "documents"
    assert _field(documents, "replaced_by")["display_fields"] == ["{{title}}（{{id}}）"]
    policy = _field(_collection("interpretations")["fields"], "policy")
    assert (policy["widget"], policy["collection"], policy["value_field"]) == ("relation", "documents", "id")
    attachment = _field(documents, "attachments")["fields"][1]
    assert attachment["widget"] == "file" and attachment["media_folder"] == "/attachments"
    body = documents[-1]
    assert body["widget"] == "markdown" and body["editor_components"] == [] and body["sanitize_preview"] is True


def test_the_editor_is_not_part_of_the_public_site(demo_site):
    assert not (demo_site / "admin").exists()
    assert not any("decap" in p.name.lower() for p in demo_site.rglob("*.js"))


def test_published_configuration_is_reviewed_and_the_local_one_writes_the_working_tree(demo):
    published = cms_config.config()
    assert published["publish_mode"] == "editorial_workflow" and published["backend"]["name"] == "github"
    local = serve.local_config(demo, "http://127.0.0.1:1/api/v1", dt.date(2026, 3, 2))
    assert "publish_mode" not in local and local["local_backend"]["url"] == "http://127.0.0.1:1/api/v1"
    document_id = _field(next(c for c in local["collections"] if c["name"] == "documents")["fields"], "id")["default"]
    assert document_id.endswith("/2026-00007")  # the demo's last 2026 document is number 6
    interpretation_id = _field(next(c for c in local["collections"] if c["name"] == "interpretations")["fields"], "id")["default"]
    assert interpretation_id == "jd-2026-001"
    body = _field(next(c for c in local["collections"] if c["name"] == "interpretations")["fields"], "body")["default"]
    assert body == "## 背景依据\n\n## 主要内容\n"


# -- in a browser -----------------------------------------------------------
browser_test = pytest.mark.browser
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_proxy(port: int) -> None:
    deadline = time.monotonic() + 30
    while True:  # the proxy is a node process: wait until it answers
        try:
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}', headers={"Content-Type": "application/json"}), timeout=1)
            return
        except OSError:
            assert time.monotonic() < deadline, "decap-server did not start"
            time.sleep(0.2)


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """The editor over a copy of the demo repository: (root, base URL)."""
    root = copy_tree(REPO, tmp_path_factory.mktemp("cms") / "repo", DEMO_PARTS)
    port, proxy_port = _free_port(), _free_port()
    server, proxy = serve.start(root, APP, port, proxy_port)
    _wait_for_proxy(proxy_port)
    yield root, f"http://127.0.0.1:{port}/admin/"
    server.shutdown()
    proxy.terminate()
    proxy.wait(10)


@pytest.fixture(scope="module")
def session(browser, editor):
    """One logged-in editor page for the module, recording every host it talks to."""
    root, url = editor
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(60000)  # the editor re-renders its whole form on each change: slow on a busy machine
    page = context.new_page()
    hosts: set[str] = set()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" after a form that was not saved
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]) if request.url.startswith("http") else None)
    page.goto(url)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("集合").first.wait_for()
    yield page, root, url, hosts
    context.close()


def field(page, name: str, nth: int = 0):
    return page.locator(f"[id^='{name}-field-']").nth(nth)


def fill(page, **values: str) -> None:
    """Type into text fields by name; `name_1` is the second field called `name`."""
    for key, value in values.items():
        name, _, nth = key.rpartition("_") if key[-1].isdigit() else (key, "", "0")
        field(page, name, int(nth)).fill(value)


def choose(page, name: str, option: str, nth: int = 0) -> None:
    """Pick from a select; a relation's options may be re-rendered once they have loaded, so pick until the menu closes."""
    for _ in range(3):
        close_menus(page)
        field(page, name, nth).click()
        page.get_by_role("option", name=option, exact=True).click()
        try:
            page.get_by_role("listbox").wait_for(state="detached", timeout=2000)
            return
        except Exception:
            continue
    raise AssertionError(f"could not choose {option} in {name}")


def close_menus(page) -> None:
    """A menu left open by an earlier field takes the next clicks: close it first."""
    if page.get_by_role("listbox").count():
        page.keyboard.press("Escape")
        page.get_by_role("listbox").wait_for(state="detached", timeout=2000)


def search(page, name: str, text: str, option: str) -> None:
    close_menus(page)
    field(page, name).click()
    page.keyboard.type(text)
    page.get_by_role("option", name=option).first.click()


def first_item(page, label: str, field_name: str) -> None:
    """Open a list's first item; a list whose items have defaults (是否必需: 否) starts with one."""
    if not page.locator(f"[id^='{field_name}-field-']").count():
        page.get_by_role("button", name=f"新增{label}").click()


LABELS = {"documents": "公开信息", "interpretations": "政策解读", "guides": "办事指南"}


def new_entry(page, url: str, collection: str) -> None:
    page.goto(f"{url}#/collections/{collection}/new")
    try:
        page.get_by_text(f"正在集合“{LABELS[collection]}”中编写").wait_for(timeout=15000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "cms-no-form.png"))
        raise


def write_body(page, text: str, markdown: bool = False) -> None:
    if markdown:  # the Markdown source, as an editor who knows it would type it
        page.locator("div:has(> span:text-is('Markdown')) > [role=switch]").click()
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def publish(page) -> None:
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布").click()


def published(page) -> None:
    publish(page)
    try:
        page.get_by_text("内容已保存").first.wait_for(timeout=30000)  # a toast of the save before may still be shown
        page.wait_for_url("**/entries/**", timeout=60000)  # the editor moves to the saved entry; a new form must come after
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "cms-not-saved.png"), full_page=True)
        problems = [line for line in page.inner_text("body").splitlines() if "必填" in line or "格式不正确" in line or "不能" in line]
        raise AssertionError(f"not saved: {problems} {page.url}") from None


def _written_whole(path: Path) -> bool:
    """The saved entry reads as a whole record: its front matter (or its YAML) is a mapping."""
    text = path.read_text(encoding="utf-8")
    try:
        return isinstance(yaml.safe_load(text.split("---")[1] if path.suffix == ".md" else text), dict)
    except (IndexError, yaml.YAMLError):
        return False


def wait_for_file(folder: Path, pattern: str, before: set[Path]) -> Path:
    """The file the editor saved, once the proxy has written it whole."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        new = [path for path in set(folder.glob(pattern)) - before if _written_whole(path)]
        if new:
            return new.pop()
        time.sleep(0.1)
    raise AssertionError(f"nothing new under {folder}/{pattern}")


def front_matter(path: Path) -> dict:
    return front_matter_text(path.read_text(encoding="utf-8"))


def front_matter_text(text: str) -> dict:
    return yaml.safe_load(text.split("---")[1])


def notice(page) -> None:
    """A 通知公告, which needs no 文号 and no interpretation."""
    fill(page, title="2026年度考试录用公务员面试公告", summary="公布面试的时间、地点和须携带的材料。")
    choose(page, "category", "公务员招录")
    choose(page, "kind", "通知公告")
    choose(page, "drafting_department", "办公室（指挥中心）")
    fill(page, reviewer="王明")
    write_body(page, "面试定于下月在省司法厅举行，请考生携带准考证和身份证件按时参加。")


POLICY_TITLE = "示例省司法厅关于推行证明事项告知承诺制的实施意见"


@pytest.fixture(scope="module")
def created(session):
    """A 政策文件, its 政策解读 and a 办事指南, each entered through its form."""
    page, root, url, _ = session
    files = {}

    before = set((root / "catalogue" / "documents").rglob("*.md"))
    new_entry(page, url, "documents")
    fill(page, title=POLICY_TITLE, summary="对证明事项实行告知承诺制的范围、流程和监管作出规定。")
    choose(page, "category", "政策文件")
    choose(page, "kind", "政策文件")
    choose(page, "drafting_department", "办公室（指挥中心）")
    fill(page, doc_number="示司发〔2026〕21号", reviewer="王明")
    write_body(page, "为深化“放管服”改革，现就推行证明事项告知承诺制提出如下意见。")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "web-editor-document.png"))
    published(page)
    files["document"] = wait_for_file(root / "catalogue" / "documents", "**/*.md", before)

    before = set((root / "interpretations").rglob("*.md"))
    new_entry(page, url, "interpretations")
    field(page, "title").fill("《关于推行证明事项告知承诺制的实施意见》政策解读")
    search(page, "policy", "告知承诺", POLICY_TITLE)
    choose(page, "department", "办公室（指挥中心）")
    assert page.locator("[data-slate-editor] h2").all_inner_texts() == ["背景依据", "主要内容"]  # the required sections, proposed
    write_body(page, "## 背景依据\n\n依据国务院有关部署制定。\n\n## 主要内容\n\n明确适用范围和办理流程。", markdown=True)
    page.screenshot(path=str(SCREENSHOTS / "web-editor-interpretation.png"))
    published(page)
    files["interpretation"] = wait_for_file(root / "interpretations", "**/*.md", before)

    before = set((root / "guides").glob("*.yml"))
    new_entry(page, url, "guides")
    fill(page, code="11330100002538613A3000117099", name="基层法律服务工作者执业核准")
    choose(page, "type", "行政许可")
    choose(page, "department", "办公室（指挥中心）")
    first_item(page, "设定依据", "article")
    fill(page, title="《基层法律服务工作者管理办法》", article="第十一条", conditions="具有高等学校法律专业本科以上学历。")
    choose(page, "audience", "自然人")
    first_item(page, "申请材料", "copies")
    fill(page, name_1="执业核准申请表")
    choose(page, "form", "原件")
    fill(page, copies="1", source="申请人自备")
    first_item(page, "办理流程", "step")
    fill(page, step="受理", description="窗口当场受理。", legal_days="20", promised_days="10", location="示例省政务服务中心司法厅窗口",
         hours="工作日 9:00—17:00", phone="0791-88888888", phone_1="12345", visits="1", visits_reason="需现场核验身份。")
    published(page)
    files["guide"] = wait_for_file(root / "guides", "*.yml", before)
    return files


@browser_test
def test_a_document_entered_in_the_form_is_a_complete_file(created):
    data = front_matter(created["document"])
    assert created["document"].parent.name == str(data["published"])[:4]
    assert data["title"] == POLICY_TITLE and data["kind"] == "政策文件" and data["category"] == "0202"
    assert data["drafting_department"] == "office" and data["disclosure"] == "主动公开"
    assert today(data["published"]) and today(data["written"]) and today(data["review"]["date"])
    assert data["id"] == f"014500123/{STARTED.year}-00007"  # the next free 索引号, proposed
    assert "告知承诺制提出如下意见" in created["document"].read_text(encoding="utf-8")


@browser_test
def test_an_interpretation_points_at_the_policy_chosen_by_its_title(created):
    data = front_matter(created["interpretation"])
    policy = front_matter(created["document"])
    assert data["policy"] == policy["id"] and data["form"] == "文字解读" and today(data["published"])
    assert data["id"] == f"jd-{STARTED.year}-001"
    assert "## 背景依据\n\n依据国务院有关部署制定。" in created["interpretation"].read_text(encoding="utf-8")


@browser_test
def test_a_guide_left_without_charges_is_free(created):
    data = yaml.safe_load(created["guide"].read_text(encoding="utf-8"))
    assert data["fees"] == "不收费" and data["audience"] == ["自然人"] and today(data["updated"])
    assert data["materials"][0]["form"] == "原件" and data["time_limit"] == {"legal_days": 20, "promised_days": 10}


@browser_test
def test_files_from_the_forms_check_and_build(created, session, capsys, tmp_path):
    _, root, _, hosts = session
    code, diagnostics = check(root, capsys=capsys)
    errors = [d for d in diagnostics if d["severity"] == "error"]
    assert code == 0 and not errors, errors
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("index.html")]
    for title in (POLICY_TITLE, "《关于推行证明事项告知承诺制的实施意见》政策解读", "基层法律服务工作者执业核准"):
        assert any(f"<h1>{title}" in page or f">{title}</h1>" in page for page in pages), title
    assert all(host.startswith("127.0.0.1:") for host in hosts), hosts  # nothing from a CDN


@browser_test
def test_a_second_new_document_in_one_sitting_gets_the_next_free_index_number(created, session):
    page, root, url, _ = session
    first = front_matter(created["document"])["id"]
    before = set((root / "catalogue" / "documents").rglob("*.md"))
    new_entry(page, url, "documents")
    assert field(page, "id").input_value() == first  # the form was loaded before the first was saved
    notice(page)
    published(page)
    second = front_matter(wait_for_file(root / "catalogue" / "documents", "**/*.md", before))["id"]
    serial = int(first.rsplit("-", 1)[1])
    assert second == f"{first.rsplit('-', 1)[0]}-{serial + 1:05d}"


@browser_test
def test_a_form_missing_a_required_field_is_not_saved_and_says_which(session):
    page, root, url, _ = session
    before = set((root / "catalogue" / "documents").rglob("*.md"))
    new_entry(page, url, "documents")
    field(page, "summary").fill("缺少标题的信息。")
    publish(page)
    assert page.get_by_text("“标题”是必填项").is_visible()
    page.wait_for_timeout(500)
    assert set((root / "catalogue" / "documents").rglob("*.md")) == before


@browser_test
def test_a_doc_number_with_wrong_brackets_is_flagged_in_the_form(session):
    page, root, url, _ = session
    new_entry(page, url, "documents")
    page.reload()  # a fresh form, not the one the previous test left unsaved
    field(page, "title").wait_for()
    fill(page, title="关于印发《示例省公证执业规范》的通知", doc_number="示司发[2026]3号")
    publish(page)
    message = page.get_by_text("“文号”不满足模式（例如：临司规〔2024〕3号")
    message.wait_for()
    field(page, "doc_number").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "web-editor-invalid.png"))
    assert field(page, "written").get_attribute("type") == "date"  # a date cannot be typed in another form


# -- published with the site, when a setting asks ---------------------------
def _with_editor(root: Path, setting: str) -> Path:
    """`root` set to publish the web editor: its page and script beside the installed program."""
    (root / "admin").mkdir()
    for name in ("index.html", "editor.js"):
        (root / "admin" / name).write_bytes((APP / name).read_bytes())
    (root / "admin" / "node_modules").symlink_to(APP / "node_modules")
    edit(root / "mkdocs.yml", "      interpretation_days: 3\n", f"      interpretation_days: 3\n      {setting}\n")
    return root


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Path:
    root = _with_editor(copy_tree(REPO, tmp_path_factory.mktemp("editor-site") / "repo", DEMO_PARTS), "web_editor_repo: sft-example/zwgk")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr  # the output audit passed too
    return root / "site"


def test_the_published_editor_is_a_login_page_for_the_repository(editor_site):
    page = (editor_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert web_editor.POLICY in page and 'name="robots" content="noindex' in page
    assert active_content.findings(page) == []  # its scripts are the site's own, under admin/assets/
    assert active_content.findings(page.replace("</body>", "<script>alert(1)</script></body>"))
    settings = yaml.safe_load((editor_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert settings["backend"]["repo"] == "sft-example/zwgk" and settings["backend"]["branch"] == "main"
    assert settings["publish_mode"] == "editorial_workflow" and "local_backend" not in settings
    documents = next(c for c in settings["collections"] if c["name"] == "documents")
    assert _field(documents["fields"], "id")["default"].startswith("014500123/")  # the next free 索引号 as of the build
    published = {p.relative_to(editor_site).as_posix() for p in (editor_site / "admin").rglob("*") if p.is_file()}
    assert published == set(web_editor.files(editor_site.parent / "admin", options.from_config_file(editor_site.parent / "mkdocs.yml"), {})), "only the editor's own files"
    assert not any(name.endswith(".map") for name in published)
    other = (editor_site / "index.html").read_text(encoding="utf-8")
    assert "unsafe-eval" not in other  # the exception is the login page's alone


@pytest.mark.slow
@pytest.mark.parametrize("removed, said", [("node_modules", "网页编辑器的程序不在"), ("index.html", "缺少网页编辑器的页面文件 index.html")])
def test_an_editor_setting_without_the_program_stops_the_build_in_one_line(demo, tmp_path, removed, said):
    root = _with_editor(demo, "web_editor_repo: sft-example/zwgk")
    (root / "admin" / removed).unlink()
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert said in result.stderr


@pytest.mark.parametrize("setting, named", [
    ({"web_editor_repo": "zwgk"}, "web_editor_repo（网页编辑器所用的仓库）格式不对"),
    ({"web_editor_repo": "sft-example/zwgk", "web_editor_auth_url": "http://auth.example.org"}, "web_editor_auth_url（网页编辑器的登录服务地址）应为 https://"),
])
def test_a_bad_editor_setting_is_one_chinese_line_naming_it(setting, named):
    with pytest.raises(options.SettingsError, match=f"^{re.escape(named)}"):
        options.build(setting)


@browser_test
def test_the_published_editor_shows_only_a_login_and_runs_within_its_policy(browser, editor_site):
    for base in serve_site(editor_site):
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        requests, violations = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: violations.append(message.text) if message.text.startswith("CSP ") else None)
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.log('CSP ' + e.violatedDirective + ' ' + e.blockedURI))")
        page.goto(f"{base}admin/")
        login = page.get_by_role("button", name="使用 GitHub 登录")
        login.wait_for()
        assert page.inner_text("body").strip() == "使用 GitHub 登录"  # no collection, entry or file before a login
        assert violations == []
        assert all(url.startswith(base) for url in requests), requests
        context.close()


# -- the review workflow: each entry a branch, merged when published --------
def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def reviewed(browser, tmp_path_factory):
    """The editor in review mode over a git repository of the demo content: (page, root, base URL)."""
    root = copy_tree(REPO, tmp_path_factory.mktemp("review") / "repo", DEMO_PARTS)
    identity = ("-c", "user.name=编辑", "-c", "user.email=editor@example.org")
    _git(root, "init", "-q", "-b", "main")
    _git(root, *identity, "add", "-A")
    _git(root, *identity, "commit", "-qm", "示例内容")
    _git(root, "config", "user.name", "编辑")
    _git(root, "config", "user.email", "editor@example.org")
    port, proxy_port = _free_port(), _free_port()
    server, proxy = serve.start(root, APP, port, proxy_port, review=True)
    _wait_for_proxy(proxy_port)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(60000)  # the editor re-renders its whole form on each change: slow on a busy machine
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    url = f"http://127.0.0.1:{port}/admin/"
    page.goto(url)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("工作流").first.wait_for()
    yield page, root, url
    context.close()
    server.shutdown()
    proxy.terminate()
    proxy.wait(10)


def _status(page, current: str, new: str) -> None:
    page.get_by_role("button", name=f"状态: {current}").click()
    page.get_by_role("menuitem", name=new).click()
    page.get_by_role("button", name=f"状态: {new}").wait_for()


@browser_test
def test_in_review_an_entry_is_a_branch_until_it_is_published(reviewed, capsys):
    page, root, url = reviewed
    new_entry(page, url, "documents")
    notice(page)
    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text("修改已保存").wait_for()
    page.wait_for_url("**/entries/**", timeout=60000)

    (branch,) = [name.strip("* ") for name in _git(root, "branch", "--list", "cms/*").splitlines()]
    assert branch.startswith("cms/documents/")
    path = _git(root, "diff", "--name-only", "main", branch).strip()
    assert path.startswith("catalogue/documents/") and path.endswith(".md")
    assert not (root / path).exists() and path not in _git(root, "ls-tree", "-r", "--name-only", "main")  # a draft is not in the site's branch
    assert _git(root, "config", f"branch.{branch}.description").strip() == "decap-cms/draft"
    taken = front_matter_text(_git(root, "show", f"{branch}:{path}"))["id"]
    assert serve.free_id(root, "document", taken, review=True) != taken  # a draft's 索引号 is not proposed again

    _status(page, "草稿", "审核中")
    assert _git(root, "config", f"branch.{branch}.description").strip() == "decap-cms/pending_review"
    _status(page, "审核中", "就绪")
    assert _git(root, "config", f"branch.{branch}.description").strip() == "decap-cms/pending_publish"

    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_text("立即发布").click()
    page.get_by_text("已发布").first.wait_for()
    deadline = time.monotonic() + 15
    while _git(root, "branch", "--list", "cms/*").strip() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _git(root, "branch", "--list", "cms/*").strip()  # merged and gone
    assert path in _git(root, "ls-tree", "-r", "--name-only", "main") and (root / path).is_file()
    code, diagnostics = check(root, capsys=capsys)
    assert code == 0 and not [d for d in diagnostics if d["severity"] == "error"], diagnostics
