"""The benchmark script rewrites only its own section of BENCHMARKS.md."""

import importlib.util
import sys

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    module = sys.modules["bench"] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_new_table_keeps_other_sections_and_the_notes_below_ours(bench, tmp_path, monkeypatch):
    target = tmp_path / "BENCHMARKS.md"
    target.write_text("# 基准测试\n\n## 构建与校验\n\n旧表\n\n### 结论\n\n分析\n\n## 搜索\n\n搜索的表\n", encoding="utf-8")
    monkeypatch.setattr(bench, "BENCHMARKS", target)
    bench.write_section("## 构建与校验\n\n新表\n")
    text = target.read_text(encoding="utf-8")
    assert "新表" in text and "旧表" not in text
    assert text.index("新表") < text.index("### 结论") < text.index("分析") < text.index("## 搜索") < text.index("搜索的表")


def test_a_missing_file_gets_our_section(bench, tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "BENCHMARKS", tmp_path / "BENCHMARKS.md")
    bench.write_section("## 构建与校验\n\n表\n")
    assert (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8").startswith("# 基准测试\n\n## 构建与校验\n\n表\n")


def test_the_table_gives_growth_and_ratios(bench):
    results = {
        n: {"check": bench.Measure([bench.Run(n / 1000, 50.0)]), "floor": bench.Measure([bench.Run(n / 2000, 10.0)])}
        for n in (1000, 10000)
    }
    table = bench.table([1000, 10000], results)
    assert "| `disclosure check`（不用缓存） | 1.00 s | 10.00 s | 10.0 |" in table
    assert "| 校验 / 下限 | 2.00× | 2.00× |  | ≤ 2 |" in table
