"""Each command's help lives beside the command (the HELP of its module of ntmlib.cli), in
Vietnamese and English with the same keys; `ntm frameworks` tells a set from a subcommand with
click's public API only."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import ntmlib.cli
from ntmlib.cli import help_texts, main

CLI = Path(ntmlib.cli.__file__).parent
HELP = help_texts()
PATHS = sorted(HELP["vi"])


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _commands(command: click.Command, path: str = ""):
    yield path or "ntm", command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}".strip())


def test_every_command_and_subcommand_has_its_help():
    paths = [p for p, _ in _commands(main)]
    assert PATHS == sorted(paths) and len(paths) == 18
    assert {"frameworks export", "frameworks import", "crosswalk show", "crosswalk build"} <= set(paths)
    for path in paths:
        for lang in ("vi", "en"):
            assert HELP[lang][path]["help"].strip(), (lang, path)
            assert path == "ntm" or HELP[lang][path]["short"].strip(), (lang, path)


@pytest.mark.parametrize("path", PATHS)
def test_help_has_the_same_keys_in_vi_and_en(path):
    vi, en = HELP["vi"][path], HELP["en"][path]
    assert vi.keys() == en.keys()
    for kind in ("arguments", "options", "metavars"):
        assert vi.get(kind, {}).keys() == en.get(kind, {}).keys(), (path, kind)
    assert len(vi["examples"]) == len(en["examples"]) >= 1
    assert vi["help"] != en["help"]


def test_each_module_declares_its_commands_help_in_one_table():
    for module in (ntmlib.cli.app, ntmlib.cli.frameworks, ntmlib.cli.analyses, ntmlib.cli.crosswalk,
                   ntmlib.cli.reports, ntmlib.cli.score):
        assert module.HELP.keys() == {"vi", "en"}
        assert module.HELP["vi"].keys() == module.HELP["en"].keys()
    assert sorted(ntmlib.cli.frameworks.HELP["en"]) == ["export", "frameworks", "import"]
    assert sorted(ntmlib.cli.analyses.HELP["vi"]) == ["roadmap", "trends", "whatif"]
    assert main.commands["frameworks"].commands["export"].words is ntmlib.cli.frameworks.HELP


def test_help_pages_show_what_the_patches_used_to_add():
    vi = " ".join(run("frameworks", "--help").output.split())
    assert "Lệnh con: 'export' ghi một bộ ra bảng Excel để tỉnh đối chiếu, sửa; 'import' nhập bảng" in vi
    assert "--provisional Chỉ liệt kê các chỉ tiêu có ngưỡng tạm tính của BỘ_TIÊU_CHÍ, với ngưỡng và nguồn." in vi
    assert vi.endswith("Ví dụ: ntm frameworks hanam-2022-nang-cao --provisional "
                       "ntm frameworks data/examples/tinh-mau/frameworks/tinh-mau-2026-ntm.yaml")
    en = run("crosswalk", "--help", "--lang", "en").output.splitlines()
    at = en.index("Commands:")
    names = [line.split()[0] for line in en[at + 1:] if re.match(r"  \S", line)]
    assert names[:2] == ["show", "build"]  # as declared, show first
    en = " ".join(run("synthetic", "--help", "--lang", "en").output.split())
    assert "--district DISTRICT With --province: only the communes of this district (years before 2026 only)." in en


def test_no_private_click_attribute_is_used():
    for path in CLI.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(ctx|context)\._[a-z]", text), path.name
        assert "_protected_args" not in text, path.name


def test_a_set_and_its_provisional_thresholds():
    r = run("frameworks", "hanam-2022-nang-cao", "--provisional")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "hanam-2022-nang-cao: 73 chỉ tiêu có ngưỡng tạm tính (chưa đối chiếu với văn bản gốc)"
    assert lines[1].startswith("  1.1    Có quy hoạch chi tiết xây dựng trung tâm xã") and lines[1].endswith("— Đạt")
    assert lines[2] == "         QĐ 318/QĐ-TTg ngày 08/3/2022, Phụ lục II; nội dung chưa đối chiếu với văn bản gốc"
    assert run("frameworks", "--provisional", "hanam-2022-nang-cao").output == r.output  # the option before the set
    r = run("frameworks", "vn-2021-kieu-mau", "--provisional", "--lang", "en")
    assert r.output == "vn-2021-kieu-mau: no indicator has a provisional threshold.\n"


def test_a_first_word_that_names_a_subcommand_runs_it(tmp_path):
    out = tmp_path / "b.xlsx"
    r = run("frameworks", "--provisional", "export", "hanam-2022-ntm", "--out", out)
    assert r.exit_code == 0 and r.output == f"Đã ghi {out}\n" and out.stat().st_size > 0
    r = run("frameworks", "--lang", "en", "export")
    assert r.exit_code == 2
    assert r.output.splitlines() == ["Usage: ntm frameworks export [OPTIONS] SET",
                                     "Try 'ntm frameworks export --help' for help.", "",
                                     "Error: missing argument 'SET'."]


def test_a_set_with_more_words_is_refused():
    r = run("frameworks", "a", "b", "c")
    assert r.exit_code == 2
    assert r.output.splitlines() == ["Cách dùng: ntm frameworks [TÙY_CHỌN] [BỘ_TIÊU_CHÍ | LỆNH [THAM_SỐ]...]",
                                     "Xem 'ntm frameworks --help' để biết cách dùng.", "",
                                     "Lỗi: thừa tham số: b c."]
    r = run("frameworks", "expor")
    assert r.exit_code == 2 and "không có bộ tiêu chí 'expor'" in r.output
