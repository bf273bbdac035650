"""Values of yes/no indicators written as numbers: 1 and 0 are yes and no; any other number is a
value of the wrong kind, named at its row."""
import shutil

from fixture_paths import TINY

import ntmlib


def test_one_and_zero_are_yes_and_no_other_numbers_are_refused(tmp_path):
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    obs = (d / "observations.csv").read_text(encoding="utf-8")
    assert "A,2023,tiny-ntm,1.2,Đạt\n" in obs and "B,2023,tiny-ntm,1.2," in obs
    (d / "observations.csv").write_text(obs.replace("A,2023,tiny-ntm,1.2,Đạt\n", "A,2023,tiny-ntm,1.2,0\n"),
                                        encoding="utf-8")
    assert list(ntmlib.validate(d)) == []
    row = ntmlib.score(d, year=2023).indicators
    a = row[(row["commune_id"] == "A") & (row["indicator"] == "1.2") & (row["set"] == "tiny-ntm")].iloc[0]
    assert a["met"] == False  # noqa: E712 - 0 means "no": not met (a pandas boolean, not None/NA)
    (d / "observations.csv").write_text(obs.replace("A,2023,tiny-ntm,1.2,Đạt\n", "A,2023,tiny-ntm,1.2,2\n"),
                                        encoding="utf-8")
    problems = [str(p) for p in ntmlib.validate(d)]
    assert len(problems) == 1 and problems[0].startswith("observations.csv: dòng 3 (cột value):")
