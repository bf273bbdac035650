"""A criteria set as text, as `ntm frameworks` prints it: the list of sets with their indicators
counted by confidence mark, one set's tree of groups, criteria and indicators, and the list of
its provisional thresholds; in Vietnamese or English."""
from __future__ import annotations

import pandas as pd

from ..criteria.criteria_set import CriteriaSet
from ..text import CLI_WORDS, FRAMEWORK_TEXT, RULE_WORDS, label, localized, tier_name


def sets_table(sets: list[CriteriaSet], lang: str = "vi") -> pd.DataFrame:
    """One row per set: id, name, tier, period, criteria, indicators (found/declared when some are
    missing) and its indicators counted by confidence mark."""
    head = label(FRAMEWORK_TEXT, "set_columns", lang)
    rows = []
    for s in sets:
        n = s.confidence_counts()
        rows.append(dict(zip(head, (
            s.id, localized(s.name, s.name_en, lang), tier_name(s.tier, lang),
            f"{s.period[0]}–{s.period[1]}" if s.period else "", s.criteria_total,
            f"{s.indicators_total}/{s.declared['indicators']}" if s.missing_count else s.indicators_total,
            n["confirmed"], n["derived"], n["provisional"]))))
    return pd.DataFrame(rows)


def provisional_listing(s: CriteriaSet, lang: str = "vi") -> str:
    """The provisional thresholds of a set: one line per indicator with its threshold and source."""
    table = s.provisional_table()
    if table.empty:
        return label(FRAMEWORK_TEXT, "provisional_none", lang, set=s.id)
    signs = RULE_WORDS[lang]
    lines = [label(FRAMEWORK_TEXT, "provisional_head", lang, set=s.id, n=len(table))]
    names = {i.code: localized(i.name, i.name_en, lang) for i in s.indicators}
    for r in table.itertuples(index=False):
        rule = signs[r.rule]
        thr = f"{rule} {r.threshold_text}" if r.threshold_text else rule
        plain = r.threshold_text and ";" not in r.threshold_text and "=" not in r.threshold_text
        unit = f" {r.unit}" if r.unit and plain else ""
        lines.append(f"  {r.indicator:<6} {names[r.indicator]} — {thr}{unit}")
        if r.source:
            lines.append(f"         {r.source}")
    return "\n".join(lines)


def describe_set(s: CriteriaSet, lang: str = "vi") -> str:
    """The tree of a set: groups, criteria, indicators with thresholds and confidence marks."""
    src = s.source

    def t(key: str, **fmt) -> str:
        return label(CLI_WORDS, key, lang, **fmt)

    lines = [f"{s.id}: {localized(s.name, s.name_en, lang)}", "  " + t("set_tier", tier=tier_name(s.tier, lang))
             + (t("set_requires", tier=tier_name(s.requires, lang)) if s.requires else "")]
    if s.period:
        lines.append("  " + t("set_period", period=f"{s.period[0]}–{s.period[1]}"))
    decision = src.get("decision") and t("set_decision", decision=src["decision"])
    legal = ", ".join(str(x) for x in (src.get("issuer"), decision, src.get("date"), src.get("appendix")) if x)
    if legal:
        lines.append("  " + t("set_basis", basis=legal))
    if src.get("note"):
        lines.append("  " + t("set_note", note=src["note"]))
    if len(s.lineage) > 1:
        lines.append("  " + t("set_lineage", chain=" ← ".join(s.lineage)))
    lines.append("  " + label(FRAMEWORK_TEXT, "set_counts", lang, criteria=s.criteria_total,
                              indicators=s.indicators_total, **s.confidence_counts()))
    signs, marks = RULE_WORDS[lang], label(CLI_WORDS, "confidence", lang)
    for gcode, g in s.groups.items():
        crits = [c for c in s.criteria if c.group == gcode]
        if not crits:
            continue
        lines.append(f"\n{gcode}. {localized(g['name'], g.get('name_en'), lang)}")
        for c in crits:
            lines.append("  " + t("set_criterion", code=c.code, name=localized(c.name, c.name_en, lang)))
            for i in (i for i in s.indicators if i.criterion == c.code):
                rule = signs[i.rule]
                thr = f"{rule} {i.threshold.describe()}" if i.threshold else rule
                unit = f" {i.unit}" if i.unit and i.threshold and i.threshold.kind == "all" else ""
                lines.append(f"    {i.code:<6} {localized(i.name, i.name_en, lang)} — {thr}{unit}  "
                             f"[{marks[i.confidence]}]")
    return "\n".join(lines)
