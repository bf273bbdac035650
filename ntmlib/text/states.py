"""The one vocabulary of a commune's state at a tier, shared by every page and document: the
cards, the index, the maps, the heatmaps, the bulletin and the score workbook. Which state a
commune is in is decided in ntmlib.analysis.verdicts; here are only its words, symbol, colours
and map marker (the symbols, colours and markers are read from this module, not ntmlib.text,
whose tables are all keyed by language)."""
from __future__ import annotations

from .formats import label, tier_name, tier_rank

# the states, in the order a legend lists them (best first)
STATES = ("maintained", "reached", "lapsed", "not_reached", "undecided", "no_data")

STATE_TEXT = {
    "vi": {"maintained": "Đạt và đã công nhận", "reached": "Đạt theo kết quả (chưa công nhận)",
           "lapsed": "Đã công nhận nhưng chưa duy trì", "not_reached": "Chưa đạt",
           "undecided": "Chưa xác định (chưa có ngưỡng)", "no_data": "Chưa có số liệu"},
    "en": {"maintained": "Met and recognised", "reached": "Met by the results (not yet recognised)",
           "lapsed": "Recognised but not maintained", "not_reached": "Not met",
           "undecided": "Undecided (no threshold)", "no_data": "No data"},
}

# the same states in a few words, where space is short (map legends, heatmap cells, filters)
STATE_SHORT = {
    "vi": {"maintained": "Đạt, đã công nhận", "reached": "Đạt, chưa công nhận", "lapsed": "Chưa duy trì",
           "not_reached": "Chưa đạt", "undecided": "Chưa xác định", "no_data": "Chưa có số liệu"},
    "en": {"maintained": "Met, recognised", "reached": "Met, not recognised", "lapsed": "Not maintained",
           "not_reached": "Not met", "undecided": "Undecided", "no_data": "No data"},
}

STATE_SYMBOLS = {"maintained": "✓", "reached": "✓", "lapsed": "⚠", "not_reached": "✗", "undecided": "?",
                 "no_data": "…"}

# state -> (text colour, background): the cards, the index and the workbook use these
STATE_COLOURS = {"maintained": ("#1b6b34", "#e3f4e8"), "reached": ("#1b6b34", "#f0f8f2"),
                 "lapsed": ("#b42318", "#fdf1ef"), "not_reached": ("#8a4b00", "#fdf6ec"),
                 "undecided": ("#475467", "#f2f4f7"), "no_data": ("#475467", "#ffffff")}

# the maps: a commune reaching a tier is drawn in that tier's colour, filled when recognised and
# hollow when reached by the results only; the other states have their own colour and shape
TIER_MARKERS = {"ntm": ("#7cb342", "o"), "nang-cao": ("#2e7d32", "s"), "kieu-mau": ("#0d47a1", "*")}
# a tier no table above names (hiện đại, or one a province declares): a colour and shape by its rank
RANK_MARKERS = {1: ("#7cb342", "o"), 2: ("#6a1b9a", "h"), 3: ("#0d47a1", "*"), 4: ("#004d40", "p")}
STATE_MARKERS = {"lapsed": ("#ef6c00", "^"), "not_reached": ("#c62828", "X"), "undecided": ("#616161", "P"),
                 "no_data": ("#9e9e9e", "v"), "not_assessed": ("#bdbdbd", "D")}


def tier_marker(tier: str) -> tuple[str, str]:
    """(colour, marker) of a tier on the maps: its own, else the one of its rank."""
    return TIER_MARKERS.get(tier) or RANK_MARKERS[min(max(tier_rank(tier), 1), max(RANK_MARKERS))]


HEADLINE_TEXT = {
    "vi": {"state": "{tier}: {state}", "reached": "{text} (đạt {tier})", "undecided": "{text}; {tier}: {state}"},
    "en": {"state": "{tier}: {state}", "reached": "{text} (meets {tier})", "undecided": "{text}; {tier}: {state}"},
}


def headline_text(tier: str, state: str, reached: str = "", undecided: str = "", lang: str = "vi") -> str:
    """A commune's state in one line (ntmlib.analysis.verdicts.headline_states): 'NTM nâng cao: Đã
    công nhận nhưng chưa duy trì (đạt NTM)', 'NTM: Đạt và đã công nhận; NTM nâng cao: Chưa xác định'."""
    text = label(HEADLINE_TEXT, "state", lang, tier=tier_name(tier, lang), state=state_text(state, lang))
    if reached and state not in ("maintained", "reached"):
        text = label(HEADLINE_TEXT, "reached", lang, text=text, tier=tier_name(reached, lang))
    if undecided and undecided != tier:
        text = label(HEADLINE_TEXT, "undecided", lang, text=text, tier=tier_name(undecided, lang),
                     state=state_text("undecided", lang, short=True))
    return text


def state_text(state: str, lang: str = "vi", short: bool = False) -> str:
    """A state in words: 'Đã công nhận nhưng chưa duy trì' (short: 'Chưa duy trì')."""
    return label(STATE_SHORT if short else STATE_TEXT, state, lang)
