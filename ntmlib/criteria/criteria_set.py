"""Criteria sets (bộ tiêu chí) as data: load a YAML set, validate it, resolve `extends`."""
from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

# jsonschema checks the "iri" formats with rfc3987_syntax when it is installed (Jupyter brings it),
# which builds its grammar on import: 2 s of every ntm process, batch worker and report kernel
# (jsonschema is imported here and by nbformat). No schema ntmlib reads uses those formats.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
import jsonschema
import pandas as pd
import yaml

from ..errors import FrameworkError, Problem
from ..text import error_text, register_tier, tier_rank
from ..text.formats import KNOWN_TIERS

FRAMEWORK_DIR = Path(__file__).parent / "sets"
SCHEMA_PATH = FRAMEWORK_DIR / "schema.yaml"

NUMERIC_RULES = (">=", "<=")
THRESHOLD_KINDS = ("by_region", "by_year", "by_region_year", "by_group")
CONFIDENCES = ("confirmed", "derived", "provisional")
# threshold_basis codes (what the threshold entry that applied depends on), in this order; the
# Vietnamese text of each applied entry goes in threshold_basis_label
BASIS_CODES = ("single", "region", "year", "region_year", "commune_group", "default", "none")


@dataclass(frozen=True)
class Threshold:
    """The threshold of a numeric indicator: one value, or values keyed by region, year or group.

    `kind` is "all", "region", "year", "region_year" or "group"; `values` maps a key
    (region code, year as text, group code, or (region, year)) to the number; the key
    "default" stands for any key not listed. `derived` is (set id, indicator code, factor) when
    the values are a rule computed at loading (factor × that indicator's threshold), else ().
    """

    kind: str
    values: dict
    derived: tuple = ()

    def lookup(self, region: str = "", year: int | None = None, group: str = "") -> tuple[float | None, str]:
        """The value for one commune and year, and the basis text that chose it ("" and None if none)."""
        want = (region, str(year), str(group))
        for r_region, r_year, r_group, value, basis, _ in self.entries:
            if all(have in (w, "*") for have, w in zip((r_region, r_year, r_group), want)):
                return value, basis
        return None, ""

    def table(self) -> pd.DataFrame:
        """Rows (region, year, group, value, basis, basis_code); '*' matches anything, exact keys
        first. basis is the Vietnamese text of the entry ('vùng DBSH, năm 2023'), basis_code one of
        BASIS_CODES."""
        return pd.DataFrame(list(self.entries), columns=["region", "year", "group", "value", "basis", "basis_code"])

    @cached_property
    def entries(self) -> tuple[tuple, ...]:
        """The rows of table() as tuples, in its order; worked out once (a Threshold does not change)."""
        rows = []
        if self.kind == "all":
            rows.append(("*", "*", "*", self.values["all"], "chung", "single"))
        elif self.kind in ("region", "year", "group"):
            label = {"region": "vùng", "year": "năm", "group": "nhóm xã"}[self.kind]
            code = {"region": "region", "year": "year", "group": "commune_group"}[self.kind]
            for key, value in self.values.items():
                cols = {"region": "*", "year": "*", "group": "*"}
                if key != "default":
                    cols[self.kind] = key
                rows.append((cols["region"], cols["year"], cols["group"], value,
                             f"{label} {key}" if key != "default" else f"{label}: mặc định",
                             code if key != "default" else "default"))
        elif self.kind == "region_year":
            for (region, year), value in self.values.items():
                rows.append((region if region != "default" else "*", year if year != "default" else "*", "*",
                             value, f"vùng {region}, năm {year}",
                             "region_year" if "default" not in (region, year) else "default"))
        # exact keys before wildcards (a stable sort: the entries' own order among equals)
        return tuple(sorted(rows, key=lambda r: (r[0] == "*") + (r[1] == "*") + (r[2] == "*")))

    def describe(self) -> str:
        """Short text such as '100' or 'DBSH 100; TDMNPB 90' for listings; a derived threshold
        starts with its rule: '1,1 × vn-2021-nang-cao 10 = DBSH 2022: 70,4; …'."""
        if self.derived:
            sid, code, factor = self.derived
            plain = Threshold(self.kind, self.values).describe()
            return f"{_fmt(factor)} × {sid} {code} = {plain}" if plain else f"{_fmt(factor)} × {sid} {code}"
        if self.kind == "all":
            return _fmt(self.values["all"])
        if self.kind == "region_year":
            return "; ".join(f"{r} {y}: {_fmt(v)}" for (r, y), v in self.values.items())
        if self.kind == "group":
            return "; ".join(f"nhóm {k}: {_fmt(v)}" if k != "default" else f"nhóm khác: {_fmt(v)}"
                             for k, v in self.values.items())
        other = {"region": "vùng khác", "year": "năm khác"}.get(self.kind, "khác")
        return "; ".join(f"{k if k != 'default' else other}: {_fmt(v)}" for k, v in self.values.items())


def _fmt(v: float) -> str:
    return f"{v:g}".replace(".", ",")


@dataclass(frozen=True)
class Indicator:
    """One indicator (chỉ tiêu) of a set, resolved."""

    code: str
    name: str
    criterion: str
    rule: str
    confidence: str
    name_en: str = ""
    unit: str = ""
    measure: str = ""
    threshold: Threshold | None = None
    source: str = ""

    @property
    def numeric(self) -> bool:
        return self.rule in NUMERIC_RULES


@dataclass(frozen=True)
class Criterion:
    """One criterion (tiêu chí) of a set."""

    code: str
    name: str
    group: str
    name_en: str = ""


@dataclass(frozen=True)
class CriteriaSet:
    """A resolved criteria set: inheritance applied, every reference checked."""

    id: str
    name: str
    tier: str
    criteria: tuple[Criterion, ...]
    indicators: tuple[Indicator, ...]
    name_en: str = ""
    requires: str | None = None
    period: tuple[int, int] | None = None
    source: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    commune_groups: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    lineage: tuple[str, ...] = ()
    notes: str = ""
    path: str = ""
    declared: dict = field(default_factory=dict)
    files: tuple[str, ...] = ()  # this set's file, then the files of the sets it extends
    tier_rank: int = 0  # the tier's place on the ladder, 1 the lowest (ntmlib.criteria.ladder)
    tier_name: str = ""
    tier_name_en: str = ""

    def __hash__(self) -> int:
        return hash((self.id, self.path))

    @property
    def criteria_total(self) -> int:
        return len(self.criteria)

    @property
    def indicators_total(self) -> int:
        return len(self.indicators)

    @property
    def provisional_count(self) -> int:
        return sum(1 for i in self.indicators if i.confidence == "provisional")

    def confidence_counts(self) -> dict[str, int]:
        """Indicators per confidence mark: {'confirmed': n, 'derived': n, 'provisional': n}."""
        return {c: sum(1 for i in self.indicators if i.confidence == c) for c in CONFIDENCES}

    def provisional_table(self) -> pd.DataFrame:
        """The indicators with a provisional mark, in the set's order: indicator, criterion, name,
        unit, rule, threshold_text (as in indicator_table), source."""
        rows = [{"indicator": i.code, "criterion": i.criterion, "name": i.name, "unit": i.unit, "rule": i.rule,
                 "threshold_text": i.threshold.describe() if i.threshold else "", "source": i.source}
                for i in self.indicators if i.confidence == "provisional"]
        return pd.DataFrame(rows, columns=["indicator", "criterion", "name", "unit", "rule", "threshold_text",
                                           "source"])

    @property
    def missing_count(self) -> int:
        """Indicators the legal text counts (`declared`) that the file does not encode yet."""
        return max(self.declared.get("indicators", self.indicators_total) - self.indicators_total, 0)

    @property
    def needs_commune_group(self) -> bool:
        """True when some threshold depends on the commune group with no `default` to fall back on."""
        return any(i.threshold is not None and i.threshold.kind == "group" and "default" not in i.threshold.values
                   for i in self.indicators)

    def criterion(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)

    def covers(self, year: int) -> bool:
        """True when `year` lies in the set's period (or the set has none)."""
        return self.period is None or self.period[0] <= year <= self.period[1]

    def criteria_table(self) -> pd.DataFrame:
        """One row per criterion, in the set's order: set, group, group_name, criterion, name,
        name_en, indicators (how many indicators it has)."""
        counts = pd.Series([i.criterion for i in self.indicators]).value_counts()
        return pd.DataFrame([{"set": self.id, "group": c.group,
                              "group_name": self.groups.get(c.group, {}).get("name", ""),
                              "criterion": c.code, "name": c.name, "name_en": c.name_en,
                              "indicators": int(counts.get(c.code, 0))} for c in self.criteria])

    def indicator_table(self) -> pd.DataFrame:
        """One row per indicator: set, criterion, group, indicator, names, unit, rule, measure, confidence."""
        crit = {c.code: c for c in self.criteria}
        return pd.DataFrame(
            [
                {
                    "set": self.id,
                    "criterion": i.criterion,
                    "group": crit[i.criterion].group,
                    "indicator": i.code,
                    "name": i.name,
                    "name_en": i.name_en,
                    "unit": i.unit,
                    "rule": i.rule,
                    "measure": i.measure,
                    "confidence": i.confidence,
                    "threshold_text": i.threshold.describe() if i.threshold else "",
                }
                for i in self.indicators
            ]
        )


# --------------------------------------------------------------------------- loading


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 4x faster


@lru_cache(maxsize=1)
def _schema() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))


def available_sets(directory: Path | None = None) -> list[str]:
    """Ids of the criteria sets shipped in ntmlib/criteria/sets/ (or in `directory`)."""
    d = Path(directory) if directory else FRAMEWORK_DIR
    return sorted(p.stem for p in d.glob("*.yaml") if p.name != "schema.yaml")


def load_set(ref: str | Path, search: tuple[Path, ...] = ()) -> CriteriaSet:
    """Load and resolve a criteria set by id (looked up in `search`, then built-ins) or path."""
    path = _find(ref, search)
    key = (str(path), path.stat().st_mtime_ns, tuple(str(s) for s in search))
    s, mtimes = _load_cached(*key)
    if mtimes != _mtimes(s.files):  # a set it extends changed since: read the chain again
        _load_cached.cache_clear()
        s, mtimes = _load_cached(*key)
    return s


def _mtimes(files: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(Path(f).stat().st_mtime_ns if Path(f).exists() else 0 for f in files)


def _find(ref: str | Path, search: tuple[Path, ...]) -> Path:
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p.resolve()
    for d in (*search, FRAMEWORK_DIR):
        cand = Path(d) / f"{ref}.yaml"
        if cand.exists():
            return cand.resolve()
    known = ", ".join(available_sets())
    raise FrameworkError(Problem(str(ref), error_text("set_not_found", ref=ref, known=known)))


@lru_cache(maxsize=64)
def _load_cached(path: str, _mtime: int, search: tuple[str, ...]) -> tuple[CriteriaSet, tuple[int, ...]]:
    s = _resolve(Path(path), tuple(Path(x) for x in search), stack=())
    return s, _mtimes(s.files)


def _read_checked(path: Path) -> tuple[dict, list[Problem]]:
    """A set file read, and its problems against the schema; the same text (a set copied with its dataset)
    is parsed and checked once."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise FrameworkError(Problem(name, error_text("set_not_utf8", reason=e.reason, at=e.start)))
    doc, problems = _parsed(name, unicodedata.normalize("NFC", text))
    return json.loads(doc), list(problems)


@lru_cache(maxsize=64)
def _parsed(name: str, text: str) -> tuple[str, tuple[Problem, ...]]:
    """(the document as JSON, its schema problems) of a set file's text."""
    doc = _parse(name, text)
    return json.dumps(doc), tuple(_schema_problems(name, doc))


def _parse(name: str, text: str) -> dict:
    try:
        try:
            doc = yaml.load(text, Loader=FAST_LOADER)
        except yaml.YAMLError:  # parse again for the messages of the pure-Python parser
            doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        place = error_text("line", n=mark.line + 1) if mark else ""
        raise FrameworkError(Problem(name, error_text("bad_yaml", reason=getattr(e, 'problem', e)), place))
    if not isinstance(doc, dict):
        raise FrameworkError(Problem(name, error_text("set_not_mapping")))
    # JSON round trip: integer keys (years, groups) become text, as in the schema
    return json.loads(json.dumps(doc, default=str))


def _path_text(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


SCHEMA_TYPES = {"string": "chuỗi", "number": "số", "integer": "số nguyên", "array": "danh sách",
                "object": "bảng khoá: giá trị", "boolean": "đúng/sai", "null": "rỗng"}


def _schema_message(err) -> str:
    """A schema error as a message of ERROR_TEXT: the common kinds by name, the rest with the schema's
    words."""
    kind, value = err.validator, err.validator_value
    if kind == "required":
        missing = [k for k in value if isinstance(err.instance, dict) and k not in err.instance]
        return error_text("schema_required", fields=", ".join(repr(k) for k in missing))
    if kind == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        return error_text("schema_extra", fields=", ".join(repr(k) for k in extra))
    if kind == "enum":
        return error_text("schema_enum", value=repr(err.instance), allowed=repr(value))
    if kind in ("exclusiveMinimum", "minimum"):
        return error_text("schema_above" if kind == "exclusiveMinimum" else "schema_min", value=repr(err.instance),
                          limit=repr(value))
    if kind == "type":
        types = [error_text(f"type_{t}") if t in SCHEMA_TYPES else t
                 for t in ([value] if isinstance(value, str) else value)]
        either = types[0]
        for t in types[1:]:
            either = error_text("either", a=either, b=t)
        return error_text("schema_type", value=repr(err.instance), types=either)
    return error_text("schema_other", kind=kind, detail=err.message)


def _schema_problems(name: str, doc: dict) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(_schema())
    problems = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        if err.context:  # oneOf: report the closest alternative (the one that got furthest into the value)
            deepest = max(len(e.absolute_path) for e in err.context)
            err = jsonschema.exceptions.best_match([e for e in err.context if len(e.absolute_path) == deepest])
        problems.append(Problem(name, _schema_message(err), _path_text(err.absolute_path) or error_text("file_root")))
    return problems


def _resolve(path: Path, search: tuple[Path, ...], stack: tuple[str, ...]) -> CriteriaSet:
    name = path.name
    doc, problems = _read_checked(path)
    if problems:
        raise FrameworkError(problems)
    if doc["id"] != path.stem:
        problems.append(Problem(name, error_text("id_not_file_name", id=doc['id']), "id"))

    parent: CriteriaSet | None = None
    if "extends" in doc:
        if doc["extends"] in stack + (doc["id"],):
            raise FrameworkError(Problem(name, error_text("circular_extends",
                                                    chain=" -> ".join(stack + (doc['id'], doc['extends']))),
                                         "extends"))
        try:
            parent_path = _find(doc["extends"], search + (path.parent,))
        except FrameworkError:
            raise FrameworkError(Problem(name, error_text("extends_unknown", ref=doc['extends']), "extends"))
        parent = _resolve(parent_path, search, stack + (doc["id"],))
    else:
        for key in ("overrides", "add", "remove"):
            if key in doc:
                problems.append(Problem(name, error_text("needs_extends", field=key), key))

    regions = {r["code"]: r["name"] for r in doc.get("regions", [])} or (parent.regions if parent else {})
    cgroups = {str(g["code"]): g["name"] for g in doc.get("commune_groups", [])} or (
        parent.commune_groups if parent else {})
    groups = {g["code"]: {"name": g["name"], "name_en": g.get("name_en", "")} for g in doc.get("groups", [])} or (
        parent.groups if parent else {})

    criteria: list[Criterion] = list(parent.criteria) if parent else []
    indicators: list[Indicator] = list(parent.indicators) if parent else []
    ctx = _Ctx(name, regions, cgroups, problems, search + (path.parent,), stack + (doc["id"],))

    for ci, c in enumerate(doc.get("criteria", [])):
        cpath = f"criteria[{ci}]"
        if c["group"] not in groups:
            problems.append(Problem(name, error_text("no_group", group=c['group']), f"{cpath}.group"))
        if any(x.code == c["code"] for x in criteria):
            problems.append(Problem(name, error_text("repeated_criterion", code=c['code']), f"{cpath}.code"))
        criteria.append(Criterion(c["code"], c["name"], c["group"], c.get("name_en", "")))
        for ii, raw in enumerate(c["indicators"]):
            indicators.append(ctx.indicator(raw, c["code"], f"{cpath}.indicators[{ii}]"))

    if parent:
        codes = {i.code for i in indicators}
        for code, patch in doc.get("overrides", {}).items():
            where = f"overrides['{code}']"
            if code not in codes:
                problems.append(Problem(name, error_text("override_unknown", code=code), where))
                continue
            k = next(n for n, i in enumerate(indicators) if i.code == code)
            merged = {**_as_raw(indicators[k]), **patch}
            if "rule" in patch and patch["rule"] not in NUMERIC_RULES and "threshold" not in patch:
                merged.pop("threshold", None)
            indicators[k] = ctx.indicator(merged, indicators[k].criterion, where)
        for ri, code in enumerate(doc.get("remove", [])):
            if code not in codes:
                problems.append(Problem(name, error_text("remove_unknown", code=code), f"remove[{ri}]"))
        indicators = [i for i in indicators if i.code not in set(doc.get("remove", []))]
        crit_codes = {c.code for c in criteria}
        for ai, raw in enumerate(doc.get("add", [])):
            where = f"add[{ai}]"
            if raw["criterion"] not in crit_codes:
                problems.append(Problem(name, error_text("no_criterion", code=raw['criterion']), f"{where}.criterion"))
                continue
            indicators.append(ctx.indicator(raw, raw["criterion"], where))

    seen: set[str] = set()
    for i in indicators:
        if i.code in seen:
            problems.append(Problem(name, error_text("repeated_indicator", code=i.code), "criteria"))
        seen.add(i.code)
    for c in criteria:
        if not any(i.criterion == c.code for i in indicators):
            problems.append(Problem(name, error_text("criterion_empty", code=c.code), "criteria"))
    declared = doc.get("declared", {})
    if "criteria" in declared and declared["criteria"] != len(criteria):
        problems.append(Problem(name, error_text("declared_criteria", n=len(criteria), declared=declared['criteria']),
                                "declared.criteria"))
    if declared.get("indicators", len(indicators)) < len(indicators):
        problems.append(Problem(name, error_text("declared_indicators", n=len(indicators),
                                                 declared=declared['indicators']), "declared.indicators"))
    if problems:
        raise FrameworkError(problems)

    tier = _tier(doc, parent, name, problems)
    if problems:
        raise FrameworkError(problems)

    order = {c.code: n for n, c in enumerate(criteria)}
    indicators.sort(key=lambda i: order[i.criterion])  # stable: keeps order within a criterion
    period = tuple(doc["period"]) if "period" in doc else (parent.period if parent else None)
    return CriteriaSet(
        id=doc["id"],
        name=doc["name"],
        name_en=doc.get("name_en", ""),
        tier=doc["tier"],
        tier_rank=tier["rank"],
        tier_name=tier["name"],
        tier_name_en=tier["name_en"],
        requires=tier["requires"],
        period=period,
        source=doc.get("source", {}),
        regions=regions,
        commune_groups=cgroups,
        groups=groups,
        criteria=tuple(criteria),
        indicators=tuple(indicators),
        lineage=(doc["id"],) + (parent.lineage if parent else ()),
        notes=doc.get("notes", ""),
        path=str(path),
        declared=declared,
        files=tuple(dict.fromkeys((str(path),) + (parent.files if parent else ()) + tuple(ctx.files))),
    )


def _tier(doc: dict, parent: CriteriaSet | None, name: str, problems: list) -> dict:
    """The set's tier: its rank, names and the tier it requires, as the file gives them, else as
    the set it extends gives them for the same tier, else the defaults of KNOWN_TIERS. The tier is
    then known by name and rank to every page (ntmlib.text.register_tier)."""
    tier = doc["tier"]
    same = parent if parent is not None and parent.tier == tier else None
    known = KNOWN_TIERS.get(tier)
    rank = doc.get("tier_rank") or (same.tier_rank if same else 0) or (known[0] if known else 0)
    vi = doc.get("tier_name") or (same.tier_name if same else "") or (known[2] if known else "")
    en = doc.get("tier_name_en") or (same.tier_name_en if same else "") or (known[3] if known else "") or vi
    requires = doc["requires"] if "requires" in doc else (same.requires if same else known[1] if known else None)
    if not rank or not vi:
        problems.append(Problem(name, error_text("tier_needs_rank", tier=tier, known=", ".join(KNOWN_TIERS)), "tier"))
        return {}
    if requires is not None and tier_rank(requires) >= rank:
        problems.append(Problem(name, error_text("requires_not_lower", requires=requires,
                                                 required=tier_rank(requires), tier=tier, rank=rank), "requires"))
        return {}
    register_tier(tier, rank, vi, en)
    return {"rank": rank, "name": vi, "name_en": en, "requires": requires}


def _as_raw(i: Indicator) -> dict:
    raw = {"code": i.code, "name": i.name, "rule": i.rule, "confidence": i.confidence, "name_en": i.name_en,
           "unit": i.unit, "measure": i.measure, "source": i.source}
    if i.threshold is not None:
        raw["threshold"] = _threshold_raw(i.threshold)
    return raw


def _threshold_raw(t: Threshold) -> Any:
    if t.derived:
        sid, code, factor = t.derived
        return {"derived": {"set": sid, "indicator": code, "factor": factor}}
    if t.kind == "all":
        return t.values["all"]
    if t.kind == "region_year":
        out: dict = {}
        for (r, y), v in t.values.items():
            out.setdefault(r, {})[y] = v
        return {"by_region_year": out}
    return {f"by_{t.kind}": dict(t.values)}


@dataclass
class _Ctx:
    name: str
    regions: dict
    cgroups: dict
    problems: list
    search: tuple = ()
    stack: tuple = ()
    files: list = field(default_factory=list)

    def indicator(self, raw: dict, criterion: str, where: str) -> Indicator:
        rule = raw["rule"]
        thr = raw.get("threshold")
        threshold = None
        if rule in NUMERIC_RULES:
            if thr is None:
                self.problems.append(Problem(self.name, error_text("rule_needs_threshold", rule=rule),
                                             f"{where}.threshold"))
            else:
                threshold = self.threshold(thr, f"{where}.threshold")
        elif thr is not None:
            self.problems.append(Problem(self.name, error_text("rule_no_threshold", rule=rule), f"{where}.threshold"))
        return Indicator(
            code=raw["code"], name=raw["name"], criterion=criterion, rule=rule, confidence=raw["confidence"],
            name_en=raw.get("name_en", ""), unit=raw.get("unit", ""), measure=raw.get("measure", ""),
            threshold=threshold, source=raw.get("source", ""),
        )

    def threshold(self, thr: Any, where: str) -> Threshold:
        if isinstance(thr, (int, float)):
            return Threshold("all", {"all": float(thr)})
        if "derived" in thr:
            return self.derived(thr["derived"], where)
        (kind_key, values), = thr.items()
        kind = kind_key.removeprefix("by_")
        out: dict = {}
        for key, value in values.items():
            if kind == "region_year":
                self._check_key("region", key, where)
                for year, v in value.items():
                    self._check_key("year", year, where)
                    out[(key, year)] = float(v)
            else:
                self._check_key(kind, key, where)
                out[key] = float(value)
        return Threshold(kind, out)

    def derived(self, rule: dict, where: str) -> Threshold:
        """factor × the threshold of another set's indicator, entry by entry (same region, year,
        group); rounded to 6 decimals so 64 × 1.1 is 70.4."""
        sid, code, factor = rule["set"], str(rule["indicator"]), float(rule["factor"])
        fallback = Threshold("all", {"all": float("nan")}, (sid, code, factor))
        if sid in self.stack:
            chain = " -> ".join(self.stack + (sid,))
            self.problems.append(Problem(self.name, error_text("circular_derived", chain=chain),
                                         f"{where}.derived.set"))
            return fallback
        try:
            source_path = _find(sid, self.search)
            source = _resolve(source_path, self.search[:-1], self.stack)
        except FrameworkError:
            self.problems.append(Problem(self.name, error_text("derived_unknown_set", set=sid),
                                         f"{where}.derived.set"))
            return fallback
        base = next((i for i in source.indicators if i.code == code), None)
        if base is None or base.threshold is None:
            what = "derived_no_indicator" if base is None else "derived_no_number"
            self.problems.append(Problem(self.name, error_text(what, code=code, set=sid),
                                         f"{where}.derived.indicator"))
            return fallback
        self.files.extend(source.files)
        values = {k: round(v * factor, 6) for k, v in base.threshold.values.items()}
        for key in values:  # the other set's regions and groups must be this set's too
            for kind, k in ((("region", key[0]), ("year", key[1])) if base.threshold.kind == "region_year"
                            else ((base.threshold.kind, key),)):
                if kind != "all":
                    self._check_key(kind, k, where)
        return Threshold(base.threshold.kind, values, (sid, code, factor))

    def _check_key(self, kind: str, key: str, where: str) -> None:
        if key == "default":
            return
        if kind == "region" and key not in self.regions:
            self.problems.append(Problem(self.name, error_text("no_region", code=key), where))
        elif kind == "group" and key not in self.cgroups:
            self.problems.append(Problem(self.name, error_text("no_commune_group", code=key), where))
        elif kind == "year" and not (key.isdigit() and len(key) == 4):
            self.problems.append(Problem(self.name, error_text("not_year_key", code=key), where))
