"""The languages ntmlib writes in (ntmlib.base.languages.check_lang), checked in one place for
the charts, the HTML grids, the reports and the explorer."""
import pytest

import ntmlib
from ntmlib.base import check_lang
from ntmlib.errors import ParameterError
from ntmlib.present import grids, plots, views

from tests.helpers.paths import TINY

MESSAGE = "ngôn ngữ: 'fr' không hỗ trợ (dùng vi hoặc en)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_two_languages_pass(lang):
    assert check_lang(lang) is None


@pytest.mark.parametrize("lang", ["fr", "VI", "", "vi-VN"])
def test_any_other_language_is_a_parameter_error(lang):
    with pytest.raises(ParameterError) as e:
        check_lang(lang)
    assert str(e.value) == f"ngôn ngữ: '{lang}' không hỗ trợ (dùng vi hoặc en)"


@pytest.mark.parametrize("call", [
    lambda c: grids.heatmap_html(c, 2023, "tiny-ntm", lang="fr"),
    lambda c: plots.history_figure(c, "A", lang="fr"),
    lambda c: views.commune_report(TINY, "A", 2023, lang="fr"),
    lambda c: ntmlib.explore(c, lang="fr"),
], ids=["grids", "plots", "views", "explorer"])
def test_every_layer_says_the_same(tiny_card, call):
    with pytest.raises(ParameterError) as e:
        call(tiny_card)
    assert str(e.value) == MESSAGE
