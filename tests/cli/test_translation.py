"""`ntm` speaks one language: every line it prints — help, usage, option lists, defaults,
required marks, errors, hints — is Vietnamese by default and English with `--lang en` or
NTM_LANG=en, with no word of click's English left (ntmlib.cli.translation). Every command's help
describes every argument and option and ends with examples on the sample data, and the
examples run. A report run prints one line and nothing from the kernel."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ntmlib.cli import help_texts, main
from ntmlib.cli.translation import default_language

from tests.helpers.paths import ROOT

NTM = Path(sys.executable).parent / "ntm"
COMMANDS = sorted(main.commands)
CLI_HELP = help_texts()  # each command's help, by its path after `ntm`

# what click prints in English: none of it may reach a Vietnamese screen
CLICK_ENGLISH = ["Usage", "Options", "Arguments", "Commands", "Show this", "Show the", "required]", "default:",
                 "env var", "Try '", "for help", "Error", "Missing", "Invalid", "No such", "[OPTIONS]", "COMMAND",
                 "[ARGS]", "TEXT", "INTEGER", "PATH", "DIRECTORY", "FILE", "DATASET", "Choose from", "is not",
                 "does not", "Got unexpected", "Aborted", "requires an argument", "(dynamic)"]
# the same places in Vietnamese: none of it may reach an English screen
VIETNAMESE = ["Cách dùng", "Tùy chọn", "Tham số", "Lệnh", "Ví dụ", "bắt buộc", "mặc định", "biến môi trường",
              "Xem '", "Lỗi", "DỮ_LIỆU", "NĂM", "TÙY_CHỌN", "không"]


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def english(text: str) -> list[str]:
    return [w for w in CLICK_ENGLISH if w in text]


def vietnamese(text: str) -> list[str]:
    return [w for w in VIETNAMESE if w in text]


def help_of(command: str | None, lang: str | None = None) -> str:
    args = ([command] if command else []) + ["--help"]
    r = run(*args, env={"NTM_LANG": lang} if lang else None)
    assert r.exit_code == 0, r.output
    return r.output


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_vietnamese_and_ends_with_examples(command):
    text = help_of(command)
    assert english(text) == [], text
    assert text.startswith(f"Cách dùng: ntm {command + ' ' if command else ''}[TÙY_CHỌN]")
    assert "\nTùy chọn:\n" in text and "\nVí dụ:\n" in text
    examples = CLI_HELP["vi"][command or "ntm"]["examples"]
    assert 1 <= len(examples) <= 2
    assert text.rstrip("\n").splitlines()[-len(examples):] == [f"  {e}" for e in examples]
    assert all(e.startswith(f"ntm {command or ''}".rstrip()) for e in examples)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_english_with_ntm_lang_or_lang(command):
    text = help_of(command, "en")
    assert vietnamese(text.replace("Nhân Bình", "").replace("Chân Lý", "").replace("Lý Nhân", "")) == [], text
    assert text.startswith(f"Usage: ntm {command + ' ' if command else ''}[OPTIONS]")
    assert "\nOptions:\n" in text and "\nExamples:\n" in text
    prefix = [command] if command else []
    assert run(*prefix, "--lang", "en", "--help").output == text  # --lang before --help
    assert run(*prefix, "--help", "--lang", "en").output == text  # or after it
    assert run("--lang", "en", *prefix, "--help").output == text  # or on ntm itself
    assert run(*prefix, "--help", "--lang", "vi", env={"NTM_LANG": "en"}).output == help_of(command)


def _records(command: click.Command, lang: str) -> list[tuple[str, str]]:
    with click.Context(main, info_name="ntm") as parent:
        ctx = command.context_class(command, parent=parent, info_name=command.name, lang=lang)
        return [p.get_help_record(ctx) for p in command.get_params(ctx)]


@pytest.mark.parametrize("command", ["ntm", *COMMANDS])
def test_every_argument_and_option_has_a_description_in_both_languages(command):
    cmd = main if command == "ntm" else main.commands[command]
    vi, en = _records(cmd, "vi"), _records(cmd, "en")
    assert len(vi) == len(en) >= 2  # at least --lang and --help
    for (spec_vi, text_vi), (spec_en, text_en) in zip(vi, en):
        assert text_vi.strip() and text_en.strip(), (command, spec_vi)
        assert text_vi != text_en, (command, spec_vi)
    assert {"help", "short", "examples", "arguments", "options", "metavars"} >= set(CLI_HELP["vi"][command])
    assert CLI_HELP["vi"][command].keys() == CLI_HELP["en"][command].keys()
    for kind in ("arguments", "options", "metavars"):
        assert CLI_HELP["vi"][command].get(kind, {}).keys() == CLI_HELP["en"][command].get(kind, {}).keys()
        names = {p.name for p in cmd.params}
        assert set(CLI_HELP["vi"][command].get(kind, {})) <= names, f"{command}: words for no parameter"


def test_frameworks_help_says_it_takes_a_file():
    vi, en = (" ".join(help_of("frameworks", lang).split()) for lang in ("vi", "en"))
    assert "hoặc đường dẫn tới tệp .yaml của một bộ tiêu chí" in vi
    assert "or the path of a criteria set's .yaml file" in en


def test_version_in_both_languages():
    from ntmlib.version import __version__

    assert run("--version").output == f"ntm, phiên bản {__version__}\n"
    assert run("--version", "--lang", "en").output == f"ntm, version {__version__}\n"


def test_the_language_of_a_command_line():
    assert default_language([]) in ("vi", "en")
    assert default_language(["--lang", "en", "score", "--lang=vi"]) == "vi"
    assert default_language(["score", "--lang", "en"]) == "en"
    assert default_language(["score", "--", "--lang", "en"]) == default_language([])


# --------------------------------------------------------------------------- errors


BAD = [  # (arguments, the error line in Vietnamese, in English)
    (["score", "data/ly-nhan"], "Lỗi: thiếu tùy chọn '--year'.", "Error: missing option '--year'."),
    (["score"], "Lỗi: thiếu tham số 'DỮ_LIỆU'.", "Error: missing argument 'DATASET'."),
    (["score", "data/ly-nhan", "--year", "abc"], "Lỗi: giá trị không hợp lệ cho '--year': 'abc' không phải số nguyên.",
     "Error: invalid value for '--year': 'abc' is not a whole number."),
    (["score", "data/ly-nhan", "--year", "2023", "--format", "x"],
     "Lỗi: giá trị không hợp lệ cho '--format': 'x' không phải một trong table, csv, json, xlsx.",
     "Error: invalid value for '--format': 'x' is not one of table, csv, json, xlsx."),
    (["score", "data/ly-nhan/communes.csv", "--year", "2023"],
     "Lỗi: giá trị không hợp lệ cho 'DỮ_LIỆU': 'data/ly-nhan/communes.csv' là một tệp, không phải thư mục.",
     "Error: invalid value for 'DATASET': 'data/ly-nhan/communes.csv' is a file, not a folder."),
    (["report", "data/khong-co", "--year", "2023", "--commune", "A", "--out", "x.html"],
     "Lỗi: giá trị không hợp lệ cho 'DỮ_LIỆU': không có thư mục 'data/khong-co'.",
     "Error: invalid value for 'DATASET': folder 'data/khong-co' does not exist."),
    (["score", "data/ly-nhan", "--year", "2023", "--yeer", "3"],
     "Lỗi: không có tùy chọn '--yeer'. Có phải: --year, --tier?",
     "Error: no such option '--yeer'. Did you mean: --year, --tier?"),
    (["score", "data/ly-nhan", "--year"], "Lỗi: tùy chọn '--year' cần một giá trị.",
     "Error: option '--year' needs a value."),
    (["trends", "data/ly-nhan", "--commune", "X", "--all=1"], "Lỗi: tùy chọn '--all' không nhận giá trị.",
     "Error: option '--all' does not take a value."),
    (["score", "data/ly-nhan", "--year", "2023", "thừa"], "Lỗi: thừa tham số: thừa.",
     "Error: unexpected extra arguments: thừa."),
    (["scor"], "Lỗi: không có lệnh 'scor'. Có phải: score?", "Error: no such command 'scor'. Did you mean: score?"),
    (["bulletin", "data/ly-nhan", "--year", "2023", "--date", "2024-13-01"],
     "Lỗi: giá trị không hợp lệ cho '--date': '2024-13-01' không phải ngày dạng YYYY-MM-DD.",
     "Error: invalid value for '--date': '2024-13-01' is not a date written YYYY-MM-DD."),
    (["score", "data/ly-nhan", "--year", "2023", "--format", "xlsx"], "Lỗi: --format xlsx cần --out TỆP.xlsx",
     "Error: --format xlsx needs --out FILE.xlsx"),
    (["whatif", "data/ly-nhan", "--year", "2023", "--set", "x", "--indicator", "1", "--threshold", "1", "--region",
      "DBSH", "--group", "1"], "Lỗi: chỉ dùng một trong hai: --region hoặc --group",
     "Error: use only one of --region and --group"),
    (["report", "data/ly-nhan", "--year", "2023", "--out", "x.html"],
     "Lỗi: cần đúng một trong: --commune, --district, --province",
     "Error: give exactly one of --commune, --district, --province"),
]


@pytest.mark.parametrize("args, vi, en", BAD, ids=[" ".join(b[0]) for b in BAD])
def test_usage_errors_in_one_language(args, vi, en, monkeypatch):
    monkeypatch.chdir(ROOT)
    command = "ntm" + (f" {args[0]}" if args[0] in COMMANDS else "")
    r = run(*args)
    assert r.exit_code == 2 and english(r.output) == [], r.output
    assert r.output.splitlines()[1:] == [f"Xem '{command} --help' để biết cách dùng.", "", vi], r.output
    assert r.output.startswith(f"Cách dùng: {command} [TÙY_CHỌN]")
    r = run(*args, env={"NTM_LANG": "en"})
    assert r.exit_code == 2 and r.output.splitlines()[1:] == [f"Try '{command} --help' for help.", "", en], r.output
    assert r.output.startswith(f"Usage: {command} [OPTIONS]")


def test_options_without_a_command_and_a_bad_ntm_lang():
    r = run("--lang", "en")
    assert r.exit_code == 2 and r.output.splitlines()[-1].startswith("Error: missing command; the commands: bulletin,")
    r = run("frameworks", env={"NTM_LANG": "fr"})
    assert r.exit_code == 2 and r.output.splitlines()[-1] == (
        "Lỗi: giá trị không hợp lệ cho '--lang' (biến môi trường: 'NTM_LANG'): 'fr' không phải một trong vi, en.")


def test_data_errors_are_worded_in_the_language(tmp_path):
    (tmp_path / "d").mkdir()
    vi = run("score", tmp_path / "d", "--year", "2023")
    en = run("score", tmp_path / "d", "--year", "2023", "--lang", "en")
    assert vi.exit_code == en.exit_code == 2
    n = len(vi.output.splitlines()) - 1
    assert vi.output.splitlines()[0] == f"Lỗi dữ liệu ({n} vấn đề):"
    assert en.output.splitlines()[0] == f"Problems in the data ({n}):"
    assert "  - communes.csv: không tìm thấy tệp" in vi.output.splitlines()
    assert "  - communes.csv: file not found" in en.output.splitlines()


# --------------------------------------------------------------------------- normal runs


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    ["frameworks"], ["frameworks", "hanam-2022-ntm"], ["validate", "data/ly-nhan"],
    ["score", "data/ly-nhan", "--year", "2023"], ["roadmap", "data/ly-nhan", "--year", "2023"],
    ["trends", "data/ly-nhan", "--commune", "Chân Lý"],
    ["whatif", "data/ly-nhan", "--year", "2023", "--set", "hanam-2022-nang-cao", "--indicator", "14.1", "--threshold",
     "92"], ["crosswalk", "data/ly-nhan", "Nam Xang"],
])
def test_results_follow_the_language(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    vi, en = run(*args), run(*args, "--lang", "en")
    assert vi.exit_code == en.exit_code == 0, vi.output + en.output
    assert english(vi.output) == [] and "WARNING" not in vi.output + en.output
    assert vi.output != en.output


def _example_args(line: str, tmp_path: Path) -> list[str]:
    args = shlex.split(line)[1:]
    return [str(ROOT / a) if a.startswith("data/") else a for a in args]


def _examples(slow: bool):
    for command in ["ntm", *COMMANDS]:
        for line in CLI_HELP["vi"][command]["examples"]:
            is_slow = command in ("report", "reports", "synthetic")
            if is_slow == slow:
                yield pytest.param(line, id=line)


@pytest.mark.slow
@pytest.mark.parametrize("line", list(_examples(slow=False)))
def test_the_examples_of_the_help_run(line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # what they write goes there
    r = run(*_example_args(line, tmp_path))
    assert r.exit_code == 0, r.output
    assert CLI_HELP["en"][line.split()[1] if line.split()[1] in COMMANDS else "ntm"]["examples"].count(line) == 1


@pytest.mark.slow
@pytest.mark.parametrize("line", list(_examples(slow=True)))
def test_the_long_examples_of_the_help_run(line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run(*_example_args(line, tmp_path))
    assert r.exit_code == 0, r.output


@pytest.mark.slow
@pytest.mark.parametrize("args, lang, first_words", [
    (["--district", "Ly Nhan"], None, "Đã ghi "),  # the issue: `ntm report --district "Ly Nhan"` failed
    (["--commune", "nhan binh", "--lang", "en"], None, "Wrote "),
    (["--commune", "13618"], "en", "Wrote "),
])
def test_a_report_prints_one_line_and_nothing_from_the_kernel(args, lang, first_words, tmp_path):
    out = tmp_path / "r.html"
    env = {k: v for k, v in os.environ.items() if k != "NTM_LANG"} | ({"NTM_LANG": lang} if lang else {})
    res = subprocess.run([str(NTM), "report", str(ROOT / "data" / "ly-nhan"), "--year", "2023", *args, "--out",
                          str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stderr == "" and res.stdout == f"{first_words}{out}\n"
    assert out.exists()
