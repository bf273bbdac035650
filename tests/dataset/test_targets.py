"""Targets in dataset.yaml (`targets`): read onto Dataset.targets, and every mistake reported at
once with dataset.yaml and the key it is at."""
import shutil

import pytest

import ntmlib
from ntmlib.dataset import Target

from tests.helpers.paths import LY_NHAN, TINY


def tiny_with(tmp_path, targets_yaml: str):
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    with open(d / "dataset.yaml", "a", encoding="utf-8") as fh:
        fh.write(targets_yaml)
    return d


def test_the_sample_states_the_reported_national_target_for_2030():
    [t] = ntmlib.load_dataset(LY_NHAN).targets
    assert (t.tier, t.year, t.share, t.count) == ("ntm", 2030, 0.65, None)
    assert "không phải văn bản quyết định" in t.source and t.source.count("https://") == 1
    assert t.note.startswith("Minh hoạ")


def test_targets_by_share_and_by_count_in_the_order_written(tmp_path):
    d = tiny_with(tmp_path, "targets:\n  - {tier: nang-cao, year: 2030, count: 2}\n"
                            "  - {tier: ntm, year: 2028, share: 0.5, source: Nghị quyết tỉnh}\n")
    assert ntmlib.load_dataset(d).targets == [Target("nang-cao", 2030, count=2),
                                              Target("ntm", 2028, share=0.5, source="Nghị quyết tỉnh")]


def test_no_targets_is_an_empty_list():
    assert ntmlib.load_dataset(TINY).targets == []


def test_every_wrong_target_is_named_with_its_key(tmp_path):
    d = tiny_with(tmp_path, "targets:\n"
                            "  - {tier: sieu, year: 2030, share: 65}\n"
                            "  - {tier: ntm, year: '2030', share: 0.6, count: 3}\n"
                            "  - {tier: ntm, year: 2030, count: 0, by: tỉnh}\n"
                            "  - {tier: ntm, year: 2030, share: 0.7, source: [a, b]}\n")
    with pytest.raises(ntmlib.DataError) as e:
        ntmlib.load_dataset(d)
    assert [(p.file, p.place, p.message) for p in e.value.problems] == [
        ("dataset.yaml", "targets[0].tier", "hạng 'sieu' không có (dùng ntm, nang-cao, kieu-mau, hien-dai)"),
        ("dataset.yaml", "targets[0].share",
         "tỷ lệ '65' phải là số lớn hơn 0 và không quá 1 (65 % viết là 0.65)"),
        ("dataset.yaml", "targets[1].year", "năm mục tiêu '2030' phải là một năm, ví dụ 2030"),
        ("dataset.yaml", "targets[1]",
         "cần đúng một trong share (tỷ lệ xã, ví dụ 0.65) hoặc count (số xã, ví dụ 85)"),
        ("dataset.yaml", "targets[2]", "khóa không dùng được: by (dùng tier, year, share hoặc count, source, note)"),
        ("dataset.yaml", "targets[2].count", "số xã '0' phải là số nguyên dương"),
        ("dataset.yaml", "targets[3].source", "'['a', 'b']' phải là một dòng chữ"),
        ("dataset.yaml", "targets[3]", "mục tiêu hạng ntm năm 2030 đã ghi ở targets[2]"),
    ]


def test_targets_that_are_not_a_list(tmp_path):
    d = tiny_with(tmp_path, "targets: {tier: ntm, year: 2030, share: 0.65}\n")
    with pytest.raises(ntmlib.DataError) as e:
        ntmlib.load_dataset(d)
    [p] = e.value.problems
    assert (p.file, p.place) == ("dataset.yaml", "targets") and p.message.startswith("cần một danh sách mục tiêu")
