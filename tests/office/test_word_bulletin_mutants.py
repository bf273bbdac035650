"""ntmlib.office.word_bulletin: cases written for mutants that survived the fast tests."""
import pandas as pd

from ntmlib.office.word_bulletin import bulletin_year, outline
from ntmlib.present.bulletin import Bulletin, Section


def test_the_year_reported_on_is_the_last_year_of_the_title():
    # a title naming the period first: the bulletin reports on 2023, its tasks are for 2024
    b = Bulletin("Kết quả xây dựng nông thôn mới giai đoạn 2021 - 2025, thực hiện năm 2023",
                 [Section("2.1. Đối với xã")], pd.DataFrame())
    assert bulletin_year(b) == 2023
    headings = [text for level, kind, text in outline(b) if kind == "h"]
    assert "2. Kết quả thực hiện năm 2023" in headings and "Nhiệm vụ, giải pháp năm 2024" in headings
    assert bulletin_year(Bulletin("Bản tin nông thôn mới", [], pd.DataFrame())) is None
