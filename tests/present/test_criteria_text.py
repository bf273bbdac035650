"""A criteria set as text (ntmlib.present.criteria_text), as `ntm frameworks` prints it."""
from __future__ import annotations

from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.criteria.criteria_set import load_set
from ntmlib.present.criteria_text import describe_set, provisional_listing, sets_table


def test_describe_set_in_english():
    lines = describe_set(load_set("vn-2021-kieu-mau"), "en").splitlines()
    assert lines[:3] == ["vn-2021-kieu-mau: Conditions for model new-rural communes, 2021-2025",
                         "  Tier: model NTM (requires advanced NTM first)", "  Period: 2021–2025"]
    assert lines[3] == "  Legal basis: Thủ tướng Chính phủ, Decision 319/QĐ-TTg, 2022-03-08"
    assert "  3 criteria, 3 indicators; thresholds: 2 confirmed, 1 derived, 0 provisional" in lines
    assert "    K3     At least one smart-village model — Met  [✓ confirmed]" in lines


def test_describe_set_is_what_ntm_frameworks_prints():
    s = load_set("hanam-2022-nang-cao")
    assert CliRunner().invoke(main, ["frameworks", "hanam-2022-nang-cao"]).output == describe_set(s) + "\n"
    text = describe_set(s)
    assert "  Kế thừa: hanam-2022-nang-cao ← vn-2021-nang-cao" in text.splitlines()
    assert "  19 tiêu chí, 75 chỉ tiêu; ngưỡng: 2 xác nhận, 0 suy ra, 73 tạm tính" in text.splitlines()


def test_provisional_listing():
    assert provisional_listing(load_set("vn-2021-kieu-mau")) == (
        "vn-2021-kieu-mau: không có chỉ tiêu nào có ngưỡng tạm tính.")
    lines = provisional_listing(load_set("vn-2021-ntm"), "en").splitlines()
    assert lines[0] == "vn-2021-ntm: 57 indicators with a provisional threshold (not checked against the legal text)"
    stunting = next(line for line in lines if line.lstrip().startswith("15.3 "))
    assert "TDMNPB: 24; DBSH: 16,5" in stunting and not stunting.endswith("%")  # a unit only after one plain number


def test_sets_table():
    rows = sets_table([load_set("vn-2021-kieu-mau"), load_set("hanam-2022-nang-cao")], "vi").to_dict("records")
    assert rows[0] == {"Mã": "vn-2021-kieu-mau", "Tên": "Quy định xã nông thôn mới kiểu mẫu giai đoạn 2021 - 2025",
                       "Hạng": "NTM kiểu mẫu", "Giai đoạn": "2021–2025", "Tiêu chí": 3, "Chỉ tiêu": 3,
                       "Xác nhận": 2, "Suy ra": 1, "Tạm tính": 0}
    assert (rows[1]["Mã"], rows[1]["Chỉ tiêu"], rows[1]["Tạm tính"]) == ("hanam-2022-nang-cao", 75, 73)
