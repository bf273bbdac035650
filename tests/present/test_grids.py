"""ntmlib.present.grids: the HTML criteria grid and heatmap say what the scorecard says (the sample
dataset of Lý Nhân), most criteria met first, escaped, in either language, in
colours readable as text; and, in Chromium when it is installed, they fit a 390 px phone."""
import dataclasses
import re
import subprocess
import unicodedata
from html.parser import HTMLParser

import pandas as pd
import pytest

from ntmlib.errors import ParameterError
from ntmlib.present import grids
from ntmlib.text import GRID_LABELS

NHAN_BINH = "13618"
SETS = ("hanam-2022-ntm", "hanam-2022-nang-cao", "hanam-2022-kieu-mau")


# --------------------------------------------------------------------------- a small DOM


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict
    children: list = dataclasses.field(default_factory=list)
    parent: "Node | None" = None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, **attrs) -> list["Node"]:
        """Descendants with that tag (any when None) and attributes: data_x=v for data-x="v" (True: present),
        class_=c for one of the classes c."""
        want = {k.replace("_", "-"): v for k, v in attrs.items() if k != "class_"}
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and ("class_" not in attrs or attrs["class_"] in c.classes()) and all(
                        (k in c.attrs) if v is True else c.attrs.get(k) == v for k, v in want.items()):
                    out.append(c)
                out += c.all(tag, **attrs)
        return out

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


VOID = {"col", "br", "img", "meta", "link", "input", "hr"}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        node = self.at
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"</{tag}> closes nothing"
        self.at = node.parent

    def handle_data(self, data):
        self.at.children.append(data)


def parse(markup: str) -> Node:
    b = _Builder()
    b.feed(markup)
    b.close()
    assert b.at is b.root, "an element is not closed"
    return b.root


def expected_states(card, commune_id, year, set_id) -> dict:
    c = card.criteria
    c = c[(c["commune_id"] == commune_id) & (c["year"] == year) & (c["set"] == set_id)]
    return {code: ("no_data" if pd.isna(m) else "met" if m else "not_met") for code, m in zip(c["criterion"], c["met"])}


# --------------------------------------------------------------------------- criteria grid


@pytest.mark.parametrize("set_id", SETS)
def test_grid_tiles_follow_the_scorecard(ly_nhan_card, set_id):
    dom = parse(grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, set_id, previous_year=2022))
    tiles = dom.all("div", data_criterion=True)
    s = ly_nhan_card.sets[set_id]
    assert [t.attrs["data-criterion"] for t in tiles] == [c.code for c in s.criteria]  # the set's order
    assert {t.attrs["data-criterion"]: t.attrs["data-state"] for t in tiles} == expected_states(
        ly_nhan_card, NHAN_BINH, 2023, set_id)
    c = ly_nhan_card.criteria
    c = c[(c["commune_id"] == NHAN_BINH) & (c["year"] == 2023) & (c["set"] == set_id)]
    met_total = {k: f"{n}/{t} chỉ tiêu" for k, n, t in zip(c["criterion"], c["indicators_met"], c["indicators_total"])}
    for tile in tiles:
        code, state = tile.attrs["data-criterion"], tile.attrs["data-state"]
        text = tile.text()
        assert met_total[code] in text
        assert {"met": "✓ Đạt", "not_met": "✗ Chưa đạt", "no_data": "? Chưa có số liệu"}[state] in text
        name = next(x.name for x in s.criteria if x.code == code)
        assert tile.all(class_="ntm-name")[0].text() == name


def test_grid_no_data_tiles(ly_nhan_card):
    """Bắc Lý is no kiểu mẫu candidate: K2 not met, K3 and K4 without data (as in card.criteria)."""
    bac_ly = "13588"
    assert ly_nhan_card.communes.loc[ly_nhan_card.communes["commune_id"] == bac_ly, "commune"].iloc[0] == "Bắc Lý"
    want = expected_states(ly_nhan_card, bac_ly, 2023, "hanam-2022-kieu-mau")
    assert want == {"K2": "not_met", "K3": "no_data", "K4": "no_data"}
    dom = parse(grids.criteria_grid_html(ly_nhan_card, bac_ly, 2023, "hanam-2022-kieu-mau"))
    tiles = {t.attrs["data-criterion"]: t for t in dom.all("div", data_criterion=True)}
    assert {k: t.attrs["data-state"] for k, t in tiles.items()} == want
    assert "ntm-nodata" in tiles["K3"].classes() and "? Chưa có số liệu" in tiles["K3"].text()
    assert "ntm-notmet" in tiles["K2"].classes() and "✗ Chưa đạt" in tiles["K2"].text()
    legend = dom.all(class_="ntm-legend")[0].text()
    assert "Đạt (0)" in legend and "Chưa đạt (1)" in legend and "Chưa có số liệu (2)" in legend


def test_grid_labels_exist_in_both_languages_in_nfc():
    assert GRID_LABELS["vi"].keys() == GRID_LABELS["en"].keys()
    for text in (*GRID_LABELS["vi"].values(), *GRID_LABELS["en"].values()):
        assert unicodedata.normalize("NFC", text) == text


def test_grid_caption_counts_as_the_bulletin(ly_nhan_card):
    """The seed bulletin (data/ly-nhan/sources) gives Nhân Bình 18/19 tiêu chí, 55/57 chỉ tiêu in 2023."""
    dom = parse(grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, "hanam-2022-ntm"))
    caption = dom.all("figcaption")[0].text()
    assert "Kết quả các tiêu chí NTM — xã Nhân Bình, năm 2023" in caption
    assert "Đạt 18/19 tiêu chí, 55/57 chỉ tiêu" in caption
    assert ly_nhan_card.sets["hanam-2022-ntm"].name in caption
    states = [t.attrs["data-state"] for t in dom.all("div", data_criterion=True)]
    assert states.count("met") == 18 and len(states) == 19
    legend = dom.all(class_="ntm-legend")[0].text()
    assert "Đạt (18)" in legend and "Chưa đạt (1)" in legend and "Chưa có số liệu (0)" in legend
    assert "▲" not in legend  # no previous year asked: no arrows explained


@pytest.mark.parametrize("set_id", ["hanam-2022-ntm", "hanam-2022-nang-cao"])
def test_grid_arrows_exactly_where_the_card_changed_since_2022(ly_nhan_card, set_id):
    seen = {"gained": 0, "lost": 0}
    for cid in ly_nhan_card.communes.loc[ly_nhan_card.communes["year"] == 2023, "commune_id"].unique():
        before, now = (expected_states(ly_nhan_card, cid, y, set_id) for y in (2022, 2023))
        want = {k: ("gained" if now[k] == "met" else "lost") for k in now
                if {before.get(k), now[k]} == {"met", "not_met"}}
        dom = parse(grids.criteria_grid_html(ly_nhan_card, cid, 2023, set_id, previous_year=2022))
        tiles = dom.all("div", data_criterion=True)
        got = {t.attrs["data-criterion"]: t.attrs["data-change"] for t in tiles if "data-change" in t.attrs}
        assert got == want, cid
        for t in tiles:
            arrows = t.all(class_="ntm-change")
            if t.attrs["data-criterion"] in want:
                change = want[t.attrs["data-criterion"]]
                (a,) = arrows
                assert a.text() == {"gained": "▲", "lost": "▼"}[change]
                words = {"gained": "Đạt mới so với năm 2022", "lost": "Không còn đạt so với năm 2022"}[change]
                assert a.attrs["title"] == a.attrs["aria-label"] == words
            else:
                assert arrows == []
        for k in want.values():
            seen[k] += 1
    assert seen["gained"] and seen["lost"]  # the sample has both
    nb = parse(grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, "hanam-2022-ntm", previous_year=2022))
    assert {t.attrs["data-criterion"]: t.attrs.get("data-change") for t in nb.all("div", data_criterion=True)
            if t.attrs.get("data-change")} == {"15": "lost"}  # Y tế: met in 2022, not in 2023


def test_grid_without_a_scored_previous_year_has_no_arrows(ly_nhan_card):
    for prev in (None, 2021):
        markup = grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, "hanam-2022-ntm", previous_year=prev)
        assert "data-change" not in markup and "▲" not in markup and "▼" not in markup


def test_grid_reflows(ly_nhan_card):
    markup = grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, "hanam-2022-ntm")
    css = grids.grid_css()
    assert re.search(r"\.ntm-tiles \{[^}]*display: grid;[^}]*grid-template-columns: repeat\(auto-fill, minmax\(", css)
    assert css in markup and "ntm-tiles" in markup
    sizes = [float(x) for x in re.findall(r"font-size: ([\d.]+)px", css)]
    assert sizes and min(sizes) >= 12 and "font-size: 0." not in css and "em;" not in css.split("font-size")[1]


# --------------------------------------------------------------------------- heatmap


def heat_rows(markup: str) -> list[Node]:
    return parse(markup).all("tr", data_commune=True)


@pytest.mark.parametrize("set_id", SETS)
def test_heatmap_cells_and_counts_follow_the_scorecard(ly_nhan_card, set_id):
    rows = heat_rows(grids.heatmap_html(ly_nhan_card, 2023, set_id))
    c = ly_nhan_card.communes
    c = c[(c["year"] == 2023) & (c["set"] == set_id)]
    assert sorted(r.attrs["data-commune"] for r in rows) == sorted(c["commune_id"])
    codes = [x.code for x in ly_nhan_card.sets[set_id].criteria]
    totals = {i: f"{m}/{t}" for i, m, t in zip(c["commune_id"], c["criteria_met"], c["criteria_total"])}
    for r in rows:
        cid = r.attrs["data-commune"]
        cells = r.all("td", data_criterion=True)
        assert [x.attrs["data-criterion"] for x in cells] == codes
        assert {x.attrs["data-criterion"]: x.attrs["data-state"] for x in cells} == expected_states(
            ly_nhan_card, cid, 2023, set_id)
        for x in cells:
            assert x.text() == {"met": "✓", "not_met": "✗", "no_data": "?"}[x.attrs["data-state"]] + \
                x.attrs["data-indicators"].split("/")[0]
        assert r.all("td", class_="ntm-total")[0].text() == totals[cid]


def test_heatmap_rows_most_criteria_met_first(ly_nhan_card):
    for set_id in SETS:
        c = ly_nhan_card.communes
        c = c[(c["year"] == 2023) & (c["set"] == set_id)]
        rule = [cid for *_, cid in sorted(zip(-c["criteria_met"], -c["indicators_met"], c["commune"],
                                              c["commune_id"]))]
        rows = heat_rows(grids.heatmap_html(ly_nhan_card, 2023, set_id))
        assert [r.attrs["data-commune"] for r in rows] == rule
    shown = [r.all("th")[0].text() for r in heat_rows(grids.heatmap_html(ly_nhan_card, 2023, "hanam-2022-ntm"))]
    # 19/19, 57/57, then by name; under each name its state at the tier, in the words of every page
    assert shown[:3] == ["Công Lý✓ Đạt, đã công nhận", "Nguyên Lý✓ Đạt, đã công nhận", "Tiến Thắng✓ Đạt, đã công nhận"]
    assert shown[-1] == "Văn Lý⚠ Chưa duy trì"  # recognised NTM, 14/19 criteria in 2023


def test_heatmap_headers_name_each_criterion(ly_nhan_card):
    dom = parse(grids.heatmap_html(ly_nhan_card, 2023, "hanam-2022-ntm"))
    heads = dom.all("th", data_criterion=True)
    s = ly_nhan_card.sets["hanam-2022-ntm"]
    sizes = pd.Series([i.criterion for i in s.indicators]).value_counts()
    assert [h.attrs["data-criterion"] for h in heads] == [c.code for c in s.criteria]
    for h, c in zip(heads, s.criteria):
        (abbr,) = h.all("abbr")
        assert abbr.text() == c.code and c.name in abbr.attrs["title"] and c.name in h.attrs["title"]
        assert h.all(class_="ntm-size")[0].text() == f"({sizes[c.code]})"
    assert "Kết quả các tiêu chí NTM theo xã, năm 2023" in dom.all("figcaption")[0].text()


def test_heatmap_links_and_scroll_cue(ly_nhan_card):
    links = {"13618": "../xa/13618.html", "13567": "xa 13567.html?a=1&b=2"}
    markup = grids.heatmap_html(ly_nhan_card, 2023, "hanam-2022-ntm", links=links)
    dom = parse(markup)
    anchors = {a.text(): a.attrs["href"] for a in dom.all("a")}
    names = dict(zip(ly_nhan_card.communes["commune_id"], ly_nhan_card.communes["commune"]))
    assert anchors == {names[k]: v for k, v in links.items()}
    assert 'href="xa 13567.html?a=1&amp;b=2"' in markup
    assert dom.all(class_="ntm-scroll")[0].attrs["tabindex"] == "0"  # scrollable by keyboard too
    assert dom.all("p", class_="ntm-hint")[0].text() == "← vuốt ngang để xem hết →"
    css = dom.all("style")[0].text()
    assert re.search(r"\.ntm-scroll \{[^}]*overflow-x: auto", css)
    assert re.search(r"\.ntm-rowhead \{[^}]*position: sticky; left: 0", css)
    # the cue shows only when the table (name 150 + 19 × 40 + count 58 px) is wider than its container
    assert "@container ntm-hm (max-width: 967px) { .ntm-heatmap .ntm-hm-w968 p.ntm-hint" in css
    assert "<a " not in grids.heatmap_html(ly_nhan_card, 2023, "hanam-2022-ntm")


# --------------------------------------------------------------------------- escaping, language, errors


def renamed(card, old_id: str, new_id: str, name: str):
    def swap(df):
        df = df.copy()
        df["commune_id"] = df["commune_id"].astype(str).replace(old_id, new_id)
        if "commune" in df:
            df.loc[df["commune_id"] == new_id, "commune"] = name
        return df
    return dataclasses.replace(card, indicators=swap(card.indicators), criteria=swap(card.criteria),
                               communes=swap(card.communes))


def test_names_and_ids_from_data_are_escaped(ly_nhan_card):
    evil, evil_id = "<script>alert('x')</script> & Co", '13618"><b>'
    bad = renamed(ly_nhan_card, NHAN_BINH, evil_id, evil)
    for markup in (grids.criteria_grid_html(bad, evil_id, 2023, "hanam-2022-ntm", previous_year=2022),
                   grids.heatmap_html(bad, 2023, "hanam-2022-ntm", links={evil_id: 'x.html" onclick="y'})):
        assert "<script" not in markup and "<b>" not in markup and 'onclick="' not in markup
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in markup
        dom = parse(markup)
        assert evil in dom.text()  # shown as text
        assert dom.all(data_commune=evil_id)  # and the id kept whole in its attribute
    heat = parse(grids.heatmap_html(bad, 2023, "hanam-2022-ntm", links={evil_id: 'x.html" onclick="y'}))
    assert [a.attrs["href"] for a in heat.all("a")] == ['x.html" onclick="y']


def test_english(ly_nhan_card):
    markup = grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, "hanam-2022-ntm", previous_year=2022, lang="en")
    dom = parse(markup)
    (fig,) = dom.all("figure")
    assert fig.attrs["lang"] == "en"
    caption = dom.all("figcaption")[0].text()
    assert "NTM criteria — Nhân Bình, 2023" in caption and "Meets 18/19 criteria, 55/57 indicators" in caption
    assert ly_nhan_card.sets["hanam-2022-ntm"].name_en in caption
    tiles = {t.attrs["data-criterion"]: t for t in dom.all("div", data_criterion=True)}
    assert "✗ Not met" in tiles["15"].text() and "2/4 indicators" in tiles["15"].text()
    assert "Health" in tiles["15"].text() and "✓ Met" in tiles["1"].text()
    assert tiles["15"].all(class_="ntm-change")[0].attrs["aria-label"] == "No longer met since 2022"
    heat = grids.heatmap_html(ly_nhan_card, 2023, "hanam-2022-ntm", lang="en")
    assert "← swipe sideways to see all →" in heat and ">Commune<" in heat and ">Met<" in heat
    assert "NTM criteria by commune, 2023" in heat
    for text in (markup, heat):
        words = re.sub(r"<style>.*?</style>", "", text)
        assert not re.search(r"chỉ tiêu|tiêu chí|Chưa|Đạt|năm \d", words)  # no Vietnamese label left
        assert unicodedata.normalize("NFC", text) == text


def test_output_is_nfc_even_for_decomposed_names(ly_nhan_card):
    nfd = unicodedata.normalize("NFD", "Nhân Bình")
    bad = renamed(ly_nhan_card, NHAN_BINH, NHAN_BINH, nfd)
    for markup in (grids.criteria_grid_html(bad, NHAN_BINH, 2023, "hanam-2022-ntm"),
                   grids.heatmap_html(bad, 2023, "hanam-2022-ntm")):
        assert unicodedata.normalize("NFC", markup) == markup and "Nhân Bình" in markup


@pytest.mark.parametrize("call,message", [
    (lambda c: grids.criteria_grid_html(c, "99999", 2023, "hanam-2022-ntm"), "không có xã mã '99999'"),
    (lambda c: grids.criteria_grid_html(c, NHAN_BINH, 2021, "hanam-2022-ntm"), "năm 2021 chưa được chấm"),
    (lambda c: grids.heatmap_html(c, 2023, "no-such-set"), "không có bộ tiêu chí 'no-such-set'"),
    (lambda c: grids.heatmap_html(c, 2023, "hanam-2022-ntm", lang="fr"), "'fr' không hỗ trợ"),
    (lambda c: grids.criteria_grid_html(c, NHAN_BINH, 2023, "hanam-2022-ntm", lang="fr"), "'fr' không hỗ trợ"),
])
def test_bad_parameters(ly_nhan_card, call, message):
    with pytest.raises(ParameterError, match=message):
        call(ly_nhan_card)


# --------------------------------------------------------------------------- colours and style


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_is_wcag_aa():
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0  # the formula, checked
    pairs = [(grids.COLOURS[s], grids.INK[s]) for s in grids.COLOURS]  # text on each result colour
    pairs += [(grids.STRIPE, grids.INK["no_data"])]  # … and on the stripes of "no data"
    pairs += [(grids.PAPER, c) for c in (grids.TEXT, grids.MUTED, grids.LINK)]  # captions, legend, links
    pairs += [("#e3ebf6", grids.LINK)]  # a link in the highlighted row
    ratios = {pair: contrast(*pair) for pair in pairs}
    assert all(r >= 4.5 for r in ratios.values()), ratios
    css = grids.grid_css()
    for colour in {c for pair in pairs for c in pair}:
        assert colour in css  # the colours checked are the colours used


def test_fragments_are_self_contained_and_prefixed(ly_nhan_card):
    css = grids.grid_css()
    assert not re.search(r"url\(|@import|https?:", css)
    classes = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\d+\.\d+|\.\d+", "", css)))
    assert classes and all(c.startswith("ntm-") for c in classes), classes
    for markup in (grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, "hanam-2022-ntm", previous_year=2022),
                   grids.heatmap_html(ly_nhan_card, 2023, "hanam-2022-ntm", links={NHAN_BINH: "a.html"})):
        assert "<script" not in markup and "src=" not in markup and " on" not in re.sub(r"<style>.*?</style>", "",
                                                                                       markup).replace(" on ", "")
        used = {c for n in parse(markup).all() for c in n.classes()}
        assert all(c.startswith("ntm-") for c in used), used
        assert markup.startswith("<figure class=\"ntm-") and markup.endswith("</figure>")


# --------------------------------------------------------------------------- in a browser


MEASURE = """<script>addEventListener('load', () => { setTimeout(() => {
  const d = document.getElementById('f').contentDocument, out = [];
  out.push('page ' + d.documentElement.scrollWidth + ' ' + d.documentElement.clientWidth);
  d.querySelectorAll('.ntm-scroll').forEach(s => out.push('scroll ' + (s.scrollWidth > s.clientWidth) + ' ' +
    getComputedStyle(s.closest('.ntm-hm-wrap').querySelector('.ntm-hint')).display));
  d.querySelectorAll('.ntm-tile').forEach(t => { if (t.scrollWidth > t.clientWidth) out.push('tile overflows'); });
  let small = 0;
  d.querySelectorAll('figure *').forEach(e => {
    if ([...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
        && parseFloat(getComputedStyle(e).fontSize) < 12) small++; });
  out.push('small ' + small);
  document.body.insertAdjacentHTML('beforeend', '<pre id="m">' + out.join('|') + '</pre>'); }, 200); });
</script>"""


@pytest.mark.slow
def test_fits_a_390px_phone_in_chromium(ly_nhan_card, tmp_path, chromium):
    """Headless Chromium keeps windows at least 500 px wide, so the page is shown in a 390 px iframe."""
    frags = [grids.criteria_grid_html(ly_nhan_card, NHAN_BINH, 2023, s, previous_year=2022) for s in SETS]
    frags += [grids.heatmap_html(ly_nhan_card, 2023, s) for s in ("hanam-2022-ntm", "hanam-2022-kieu-mau")]
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'></head><body style='margin:16px'>"
        + "".join(frags) + "</body></html>", encoding="utf-8")
    (tmp_path / "frame.html").write_text(
        f"<!doctype html><html><body><iframe id='f' src='page.html' style='width:390px;height:800px;border:0'>"
        f"</iframe>{MEASURE}</body></html>", encoding="utf-8")
    res = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files",
                          "--virtual-time-budget=3000", "--window-size=600,900", "--dump-dom",
                          (tmp_path / "frame.html").as_uri()], check=False, capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="m">(page \d.*?)</pre>', res.stdout)  # not the script's own text
    assert found, res.stderr[-2000:]
    parts = found.group(1).split("|")
    page = parts[0].split()
    assert int(page[1]) <= 390 and int(page[1]) == int(page[2])  # nothing wider than the phone
    assert parts[1:3] == ["scroll true block", "scroll false none"]  # NTM: scrolls, says so; kiểu mẫu: fits
    assert "tile overflows" not in parts
    assert parts[-1] == "small 0"  # no text under 12 px
