"""A criteria-set workbook an officer corrected (ntmlib.office.criteria_workbook writes it) turned
back into a validated YAML set (`ntm frameworks import`).

Importing compares every row with a reference set (the parent given with `extends`, else the
set the workbook was exported from): a value the officer changed is marked `confirmed` with the
decision as its source. With `extends`, only the differences are written (overrides, add,
remove). Every error names the sheet and the cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base.outputs import write_bytes_atomic, write_text_atomic
from ..base.values import fold
from ..criteria.criteria_set import NUMERIC_RULES, CriteriaSet, Indicator, Threshold, load_set
from ..dataset.readers import cell_place
from ..errors import FrameworkError, Problem
from ..text import error_text, tier_name, tier_rank
from ..text.formats import KNOWN_TIERS
from .criteria_workbook import (
    INFO_KEYS,
    INFO_SHEET,
    LEFT,
    MARK_WORDS,
    OLD_INFO_KEYS,
    RIGHT,
    RULE_WORDS,
    SHEET,
    D,
    W,
    column_label,
    decimal_comma,
    derived_text,
    parse_derived,
    public_source,
)

_YEAR = re.compile(r"^(19|20)\d\d$")
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it: the same text, faster


def _sheet(sheet: str):
    """Where a problem of a whole sheet is: "trang tính 'Chỉ tiêu'"."""
    return error_text("import_sheet_place", sheet=sheet)


def _parse_label(text: str, regions) -> tuple[str, object] | None:
    """(kind, key) of a threshold column's header, or None when it is not one."""
    t = " ".join(str(text).split())
    f = fold(t)
    if f == fold(W["all"]):
        return "all", "all"
    if f == fold(W["other_region"]):
        return "region", "default"
    if f == fold(W["other_group"]):
        return "group", "default"
    if f == fold(W["other_year"]):
        return "year", "default"
    if f.startswith("nam "):
        y = t.split(" ", 1)[1]
        return ("year", y) if _YEAR.match(y) else None
    if f.startswith("nhom "):
        return "group", t.split(" ", 1)[1]
    if t in regions:
        return "region", t
    for r in [*regions, W["other_region"]]:
        if t.startswith(r + " "):
            y = t[len(r) + 1:]
            if _YEAR.match(y) or fold(y) == fold(W["other_year"]):
                return "region_year", (r if r != W["other_region"] else "default",
                                       y if _YEAR.match(y) else "default")
    return None


def _derived_yaml(sid: str, code: str, factor: float) -> dict:
    return {"derived": {"set": sid, "indicator": code, "factor": _num(factor)}}


@dataclass
class _Row:
    """One indicator row of the workbook, as read."""

    place: str  # the row's code cell
    cells: dict  # key -> (value, cell place)
    raw: dict  # the indicator as a YAML mapping


def import_set(path: str | Path, set_id: str | None = None, out: str | Path | None = None,
               extends: str | None = None, decision: str = "", search: tuple[Path, ...] = (), *,
               provisional: bool = False, tier: str | None = None) -> CriteriaSet:
    """Turn an edited criteria-set workbook into the YAML set `out` (named `set_id`, by default the
    file's name), check it by loading it, and return it. With `extends`, only the differences from
    that parent are written. A value that differs from the reference set (the parent, else the set
    the workbook was exported from) is marked confirmed with `decision` as its source; with
    `provisional` (a trial: the decision is not final), or without a decision, it is marked
    provisional, and the set's source says it is a trial. `tier` (a code or a tier's name) replaces
    the tier of the 'Thông tin' sheet; a tier other than the reference's is written with its rank,
    names and the tier it requires (e.g. hien-dai: rank 2, requires ntm). Raises FrameworkError
    naming the sheet and cell of every problem; `out` is not left behind then."""
    import openpyxl

    if out is None:
        raise FrameworkError(Problem("out", error_text("import_needs_out")))
    path, out = Path(path), Path(out)
    set_id = out.stem if set_id is None else set_id
    name = path.name
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", set_id):
        raise FrameworkError(Problem("--id", error_text("import_bad_id", id=set_id)))
    if out.stem != set_id:
        raise FrameworkError(Problem(str(out), error_text("import_out_name", id=set_id)))
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:
        raise FrameworkError(Problem(name, error_text("unreadable_xlsx", kind=type(e).__name__)))
    if SHEET not in wb.sheetnames:
        raise FrameworkError(Problem(name, error_text("import_no_sheet", sheet=SHEET)))
    info = _read_info(wb, name)
    # the set the workbook came from: beside the output, the workbook, or in the dataset folder it is run in
    search = tuple(search) + (out.parent, path.parent, Path.cwd() / "frameworks")
    problems: list[Problem] = []
    parent = _load(extends, search, name, problems, "import_no_parent") if extends else None
    origin = _load(info.get("id"), search, name, [], "") if info.get("id") else None
    if origin is None and info.get("file", "").endswith((".yaml", ".yml")) and Path(info["file"]).is_file():
        origin = _load(info["file"], search, name, [], "")  # a dataset's own set, imported elsewhere
        origin = origin if origin is not None and origin.id == info.get("id") else None
    reference = parent or origin
    if reference is None and not problems:
        problems.append(Problem(name, error_text("import_no_reference", sheet=INFO_SHEET), _sheet(INFO_SHEET)))
    if problems:
        raise FrameworkError(problems)
    before = {i.code: i for i in (origin or reference).indicators}  # what the officer changed is from this one

    def derive(text: str, place: str, code: str, values: dict) -> dict | None:
        """The `derived` threshold of a row's rule, checked against the set it names; the values
        typed in the row's threshold cells must be the rule's (or those exported)."""
        parsed = parse_derived(text)
        if parsed is None:
            example = D["rule_text"].format(factor="1,1", indicator="10", set="hanam-2022-nang-cao")
            problems.append(Problem(name, error_text("import_derived_unreadable", value=text, example=example), place))
            return None
        factor, code_f, sid = parsed
        if sid == set_id:
            problems.append(Problem(name, error_text("import_derived_self", set=sid), place))
            return None
        other = _load(sid, search, name, [], "")
        if other is None:
            problems.append(Problem(name, error_text("import_derived_no_set", set=sid), place))
            return None
        base = next((i for i in other.indicators if fold(i.code) == code_f), None)
        if base is None or base.threshold is None:
            key = "import_derived_no_indicator" if base is None else "import_derived_not_numeric"
            problems.append(Problem(name, error_text(key, code=base.code if base else code_f, set=sid), place))
            return None
        computed = {(base.threshold.kind, k): round(v * factor, 6) for k, v in base.threshold.values.items()}
        old = before.get(code)
        shown = {(old.threshold.kind, k): v for k, v in old.threshold.values.items()} if old and old.threshold else {}
        for key, (v, where) in values.items():
            if any(key in known and abs(v - known[key]) < 1e-6 for known in (computed, shown)):
                continue
            was = decimal_comma(computed[key]) if key in computed else error_text("import_empty_cell")
            problems.append(Problem(name, error_text("import_derived_typed", value=decimal_comma(v), computed=was,
                                                     column=D["column"]), where))
        return _derived_yaml(sid, base.code, factor)

    rows = _read_rows(wb[SHEET], name, reference, problems, derive)
    if problems:
        raise FrameworkError(problems)
    decision_no, date = split_decision(decision)
    if date and not _real_date(date):
        raise FrameworkError(Problem("--decision", error_text("import_bad_date", value=decision.strip())))
    trial = provisional or not decision.strip()  # a value no final decision gives is never confirmed
    source_text = (W["source_trial" if provisional else "source"].format(decision=decision.strip())
                   if decision.strip() else "")
    ref = {i.code: i for i in reference.indicators}  # the differences written are from this set
    doc: dict = {"id": set_id}
    if extends:
        doc["extends"] = extends
    doc["name"] = info.get("name") or reference.name
    if tier:
        info = {**info, "tier": tier, "tier@": "--tier"}
    doc["tier"] = _tier(info, reference, name, problems)
    if doc["tier"] != reference.tier:
        known = KNOWN_TIERS.get(doc["tier"])
        doc.update(tier_rank=tier_rank(doc["tier"]), tier_name=tier_name(doc["tier"]),
                   tier_name_en=tier_name(doc["tier"], "en"))
        if known and known[1]:
            doc["requires"] = known[1]
    elif reference.requires and not extends:
        doc["requires"] = reference.requires
    period = _period(info, name, problems)
    if period:
        doc["period"] = period
    doc["source"] = {"issuer": info.get("issuer") or (reference.source or {}).get("issuer") or "",
                     "decision": None if provisional else decision_no or info.get("decision") or None,
                     "date": None if provisional else date or info.get("date") or None,
                     "note": W["source_note_trial" if provisional else "source_note"].format(
                         file=name, decision=decision.strip() or "—")}
    if not doc["source"]["issuer"]:
        del doc["source"]["issuer"]
    indicators = {}
    for r in rows:
        code = r.raw["code"]
        base = before.get(code)
        raw = dict(r.raw)
        if base is not None and raw.get("source", "") == public_source(base.source):
            raw["source"] = base.source  # as exported: the full source, notes included, kept
            if not raw["source"]:
                raw.pop("source")
        if base is None or _changed(raw, base):
            if base is not None and raw["confidence"] == _mark(base) or base is None:
                raw["confidence"] = "provisional" if trial else "confirmed"
            if source_text and (raw.get("source", "") == base.source if base else not raw.get("source")):
                raw["source"] = _changed_source(source_text, raw, base)
        if trial and raw["confidence"] == "confirmed" and (base is None or _changed(raw, base)
                                                           or base.confidence != "confirmed"):
            raw["confidence"] = "provisional"  # a trial confirms nothing: only a set's own confirmed values stay so
        indicators[code] = raw
    if extends:
        overrides, add = {}, []
        for code, raw in indicators.items():
            base = ref.get(code)
            if base is None:
                add.append(_clean(raw))
                continue
            patch = {k: v for k, v in _clean(raw).items()
                     if k not in ("code", "criterion") and v != _clean(_raw_of(base)).get(k)}
            for k in ("name_en", "unit", "measure", "source"):
                if k in _clean(_raw_of(base)) and k not in _clean(raw):
                    patch[k] = ""
            if patch:
                overrides[code] = patch
        removed = [c for c in ref if c not in indicators]
        if overrides:
            doc["overrides"] = overrides
        if add:
            doc["add"] = add
        if removed:
            doc["remove"] = removed
    else:
        _full_structure(doc, reference, indicators)
    if problems:
        raise FrameworkError(problems)
    text = yaml.dump(doc, Dumper=FAST_DUMPER, allow_unicode=True, sort_keys=False, width=110)
    existed = out.exists()
    old = out.read_bytes() if existed else None
    write_text_atomic(out, text)
    try:
        return load_set(out, search)
    except FrameworkError:
        if old is not None:
            write_bytes_atomic(out, old)
        else:
            out.unlink(missing_ok=True)
        raise


def _load(ref, search, name, problems, key) -> CriteriaSet | None:
    """The set `ref`, else None and, when `key` names a message, a problem saying so."""
    try:
        return load_set(ref, search)
    except FrameworkError:
        if key:
            problems.append(Problem(name, error_text(key, id=ref)))
        return None


def _read_info(wb, name: str) -> dict:
    """The 'Thông tin' sheet as key -> text (keys of INFO_KEYS), and "<key>@" -> the cell of each
    value; empty when the sheet is missing."""
    if INFO_SHEET not in wb.sheetnames:
        return {}
    labels = {fold(label): key for key, label in INFO_KEYS + OLD_INFO_KEYS}
    out = {}
    for r, row in enumerate(wb[INFO_SHEET].iter_rows(values_only=True), start=1):
        if row and row[0] is not None and fold(str(row[0])) in labels and len(row) > 1 and row[1] is not None:
            key = labels[fold(str(row[0]))]
            out[key] = " ".join(str(row[1]).split())
            out[key + "@"] = cell_place(INFO_SHEET, 2, r)
    return out


def _period(info: dict, name: str, problems: list) -> list[int] | None:
    text = info.get("period", "")
    if not text:
        return None
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", text)]
    if len(years) != 2 or years[0] > years[1]:
        problems.append(Problem(name, error_text("import_bad_period", value=text), info["period@"]))
        return None
    return years


def _tier(info: dict, reference: CriteriaSet, name: str, problems: list) -> str:
    """The tier the 'Thông tin' sheet (or --tier) gives (a code or a tier's name: 'NTM nâng cao',
    'NTM hiện đại'), else the reference's."""
    text = info.get("tier", "")
    if not text:
        return reference.tier
    tiers = (*KNOWN_TIERS, *((reference.tier,) if reference.tier not in KNOWN_TIERS else ()))
    names = {fold(tier_name(t)): t for t in tiers} | {t: t for t in tiers}
    tier = names.get(fold(text)) or names.get(text)
    if tier is None:
        message = error_text("import_bad_tier", value=text, known=", ".join(tiers),
                             names=", ".join(tier_name(t) for t in tiers))
        problems.append(Problem(name, message, info["tier@"]))
        return reference.tier
    return tier


def split_decision(text: str) -> tuple[str, str]:
    """(number, ISO date) of a decision written '12/2024/QĐ-UBND ngày 15/3/2024' (the date may be missing)."""
    text = " ".join(text.split())
    m = re.search(r"\bng[aà]y\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text, re.I)
    date = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else ""
    number = text[:m.start()].strip(" ,;") if m else text
    number = re.sub(r"^(quy[eế]t [dđ][iị]nh|qđ)\s*(s[oố]\s*)?", "", number, flags=re.I).strip()
    return number, date


def _real_date(iso: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def _read_rows(ws, name: str, reference: CriteriaSet, problems: list[Problem], derive) -> list[_Row]:
    """The indicator rows of the sheet, each checked; problems name the cell. `derive(text, cell,
    code, values)` turns the text of a 'Ngưỡng suy ra' cell into a `derived` threshold (None and a
    problem when it cannot)."""
    sheet = ws.title
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    code_header = next(h for k, h, _ in LEFT if k == "code")
    hr = next((n for n, row in enumerate(grid[:15], start=1)
               if any(v is not None and fold(str(v)) == fold(code_header) for v in row)), None)
    if hr is None:
        problems.append(Problem(name, error_text("import_no_header", header=code_header), _sheet(sheet)))
        return []
    fixed = {fold(h): k for k, h, _ in LEFT + RIGHT}
    columns: dict[str, int] = {}
    thresholds: dict[int, tuple[str, object]] = {}
    for c, v in enumerate(grid[hr - 1], start=1):
        if v is None or not str(v).strip():
            continue
        f = fold(str(v))
        if f in fixed:
            columns[fixed[f]] = c
            continue
        parsed = _parse_label(str(v), reference.regions)
        if parsed is None:
            message = error_text("import_bad_column", header=v, region="DBSH", region_year="DBSH 2024",
                                 year=column_label("year", "2024", None), group=column_label("group", "1", None),
                                 all=W["all"])
            problems.append(Problem(name, message, cell_place(sheet, c, hr)))
        else:
            thresholds[c] = parsed
    for key in ("criterion", "code", "name", "rule", "confidence"):
        if key not in columns:
            header = next(h for k, h, _ in LEFT + RIGHT if k == key)
            problems.append(Problem(name, error_text("import_missing_column", header=header), _sheet(sheet)))
    if problems:
        return []
    rules = {fold(v): k for k, v in RULE_WORDS.items()} | {k: k for k in RULE_WORDS} | {">=": ">=", "<=": "<="}
    marks = {fold(v): k for k, v in MARK_WORDS.items()} | {k: k for k in MARK_WORDS}
    criteria = {c.code for c in reference.criteria}
    out, seen = [], {}
    for r in range(hr + 1, len(grid) + 1):
        row = grid[r - 1]

        def get(key):
            c = columns.get(key)
            v = row[c - 1] if c and c <= len(row) else None
            return ("" if v is None else " ".join(str(v).split())), cell_place(sheet, c or 1, r)

        code, where = get("code")
        if code.endswith(".0") and code[:-2].isdigit():
            code = code[:-2]
        if not code:
            if any(v is not None and str(v).strip() for v in row):
                problems.append(Problem(name, error_text("import_no_code"), where))
            continue
        if code in seen:
            problems.append(Problem(name, error_text("import_duplicate", code=code, first=seen[code]), where))
            continue
        seen[code] = where
        raw: dict = {"code": code}
        crit, cw = get("criterion")
        crit = crit[:-2] if crit.endswith(".0") and crit[:-2].isdigit() else crit
        if crit not in criteria:
            known = ", ".join(sorted(criteria))
            problems.append(Problem(name, error_text("import_bad_criterion", value=crit, known=known), cw))
        raw["criterion"] = crit
        nm, nw = get("name")
        if not nm:
            problems.append(Problem(name, error_text("import_no_name"), nw))
        raw["name"] = nm
        for key in ("name_en", "unit", "measure"):
            v, _ = get(key)
            if v:
                raw[key] = v
        rv, rw = get("rule")
        rule = rules.get(fold(rv)) or rules.get(rv)
        if rule is None:
            message = error_text("import_bad_rule", value=rv, rules=", ".join(RULE_WORDS.values()))
            problems.append(Problem(name, message, rw))
            continue
        raw["rule"] = rule
        values = {}
        for c, (kind, key) in thresholds.items():
            v = row[c - 1] if c <= len(row) else None
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            try:
                number = float(str(v).replace(",", ".")) if isinstance(v, str) else float(v)
            except ValueError:
                problems.append(Problem(name, error_text("import_not_number", value=v), cell_place(sheet, c, r)))
                continue
            values[(kind, key)] = (number, cell_place(sheet, c, r))
        kinds = {k for k, _ in values}
        dv, dw = get("derived")
        if dv and rule in NUMERIC_RULES:
            thr = derive(dv, dw, code, values)
            if thr is not None:
                raw["threshold"] = thr
        elif dv:
            problems.append(Problem(name, error_text("import_derived_not_for_rule", rule=rv, column=D["column"]), dw))
        elif rule in NUMERIC_RULES:
            if not values:
                first = min(thresholds) if thresholds else columns["rule"]
                problems.append(Problem(name, error_text("import_needs_threshold", rule=rv),
                                        cell_place(sheet, first, r)))
            elif len(kinds) > 1:
                problems.append(Problem(name, error_text("import_mixed_kinds"), next(iter(values.values()))[1]))
            else:
                raw["threshold"] = _threshold_yaml(kinds.pop(), {k: v for (_, k), (v, _) in values.items()})
        elif values:
            problems.append(Problem(name, error_text("import_no_threshold_for", rule=rv),
                                    next(iter(values.values()))[1]))
        mv, mw = get("confidence")
        mark = marks.get(fold(mv)) or marks.get(mv)
        if mark is None:
            message = error_text("import_bad_mark", value=mv, marks=", ".join(MARK_WORDS.values()))
            problems.append(Problem(name, message, mw))
            continue
        raw["confidence"] = mark
        sv, _ = get("source")
        if sv:
            raw["source"] = sv
        out.append(_Row(where, {}, raw))
    return out


def _num(v: float):
    return int(v) if float(v).is_integer() else float(v)


def _threshold_yaml(kind: str, values: dict):
    if kind == "all":
        return _num(values["all"])
    if kind == "region_year":
        out: dict = {}
        for (r, y), v in values.items():
            out.setdefault(r, {})[y] = _num(v)
        return {"by_region_year": out}
    return {f"by_{kind}": {k: _num(v) for k, v in values.items()}}


def _raw_of(i: Indicator) -> dict:
    raw = {"code": i.code, "criterion": i.criterion, "name": i.name, "name_en": i.name_en, "unit": i.unit,
           "measure": i.measure, "rule": i.rule}
    if i.threshold is not None:
        t = i.threshold
        raw["threshold"] = _derived_yaml(*t.derived) if t.derived else _threshold_yaml(t.kind, t.values)
    raw["confidence"] = i.confidence
    raw["source"] = i.source
    return raw


def _clean(raw: dict) -> dict:
    """`raw` without empty text fields."""
    return {k: v for k, v in raw.items() if v not in ("", None)}


def _mark(i: Indicator) -> str:
    return i.confidence


def _changed(raw: dict, base: Indicator) -> bool:
    """Whether the rule or the threshold of a row differs from the reference indicator."""
    b = _clean(_raw_of(base))
    return raw.get("rule") != b.get("rule") or raw.get("threshold") != b.get("threshold")


def _flat(threshold) -> dict:
    """{(kind, key): value} of a threshold in its YAML form (empty when there is none)."""
    if threshold is None:
        return {}
    if not isinstance(threshold, dict):
        return {("all", "all"): threshold}
    (kind_key, values), = threshold.items()
    kind = kind_key.removeprefix("by_")
    if kind == "region_year":
        return {("region_year", (r, y)): v for r, ys in values.items() for y, v in ys.items()}
    return {(kind, k): v for k, v in values.items()}


def _changed_source(decision: str, raw: dict, base: Indicator | None) -> str:
    """The source of a row the officer changed: the decision and the values it gives; when some
    values of the threshold were left as they were, that they keep their earlier source."""
    if base is None:
        return decision
    thr = raw.get("threshold")
    if isinstance(thr, dict) and "derived" in thr:  # the decision gives a rule
        rule = thr["derived"]
        old, new = {}, {}
        rule_text = derived_text(Threshold("all", {}, (rule["set"], rule["indicator"], rule["factor"])))
        given = [f"{D['source_word']} {rule_text}"]
    else:  # numbers; those of a rule they replace were the rule's, not a source's
        derived = base.threshold is not None and base.threshold.derived
        old = {} if derived else _flat(_clean(_raw_of(base)).get("threshold"))
        new = _flat(thr)
        given = [f"{column_label(k, key, None)} {decimal_comma(v)}" for (k, key), v in new.items()
                 if old.get((k, key)) != v]
    if raw["rule"] != base.rule:
        given.insert(0, f"{W['rule_word']} {RULE_WORDS[raw['rule']]}")
    text = f"{decision}: {', '.join(given)}" if given else decision
    kept = [k for k, v in new.items() if old.get(k) == v]
    if kept and base.source:
        text += f"; {W['kept_source']}: {base.source}"
    return text


def _full_structure(doc: dict, s: CriteriaSet, indicators: dict) -> None:
    """The parts of a set that does not extend another: regions, groups, criteria and their indicators."""
    if s.name_en:
        doc["name_en"] = s.name_en
    if s.regions:
        doc["regions"] = [{"code": c, "name": n} for c, n in s.regions.items()]
    if s.commune_groups:
        doc["commune_groups"] = [{"code": c, "name": n} for c, n in s.commune_groups.items()]
    doc["groups"] = [{"code": c, "name": g["name"], **({"name_en": g["name_en"]} if g.get("name_en") else {})}
                     for c, g in s.groups.items()]
    crits = []
    for c in s.criteria:
        inds = [{k: v for k, v in _clean(raw).items() if k != "criterion"}
                for raw in indicators.values() if raw["criterion"] == c.code]
        if inds:
            crit = {"code": c.code, "name": c.name}
            if c.name_en:
                crit["name_en"] = c.name_en
            crit["group"] = c.group
            crit["indicators"] = inds
            crits.append(crit)
    doc["criteria"] = crits
