"""What a user's browser sees of an HTML page: facts read from the live DOM of headless Chromium,
and the checks that tests/product/test_browser.py runs on them.

How the facts are read, with no package beyond the standard library and no network:

* The page is copied to a temporary folder with a `<base href>` pointing at the original file (so
  relative images, styles and links resolve as in the original) and with FACTS_JS appended to its
  body. After `load` (and web fonts), the script lays the page out, collects the facts and sends
  them as JSON to its parent frame with postMessage.
* A wrapper page shows the copy in an `<iframe>` exactly `width` CSS pixels wide and writes the JSON
  it receives into `<pre id="__facts">`. The iframe is needed because headless Chromium does not
  make its window narrower than 500 px: with `--window-size=390,2000` a page measures
  window.innerWidth == 500, whereas inside a 390 px iframe it measures 390 (media queries apply to
  the iframe's width too). The measured innerWidth is part of the facts and is checked.
* `chromium --headless --dump-dom` prints the wrapper's DOM once the virtual time budget has run
  out; the JSON is parsed back out of it. Scrollbars are hidden (`--hide-scrollbars`, as on phones),
  so innerWidth is also the width the page lays out in.

The checks are plain functions from facts to a list of problems (empty: the page passes), each
problem one short line naming the element (tag.class, notebook cell id, text) that a report author
fixes.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# nbconvert writes this alt text on every figure it exports; it says nothing about the figure.
NBCONVERT_ALT = "No description has been provided for this image"

# Letters that only Vietnamese text has (vowels with a diacritic, and đ): an alt text of a Vietnamese
# page must contain at least one, or be one of ACCEPTED_ALT_TEXTS.
VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ")
# Vietnamese alt texts written without any such letter that are nevertheless right (none so far;
# add the exact text here, e.g. a code such as "NTM", rather than loosening the rule).
ACCEPTED_ALT_TEXTS: frozenset[str] = frozenset()

# Runs inside the page under test. Reports: the viewport, <html lang>, the widest elements sticking
# out of the viewport, <pre> inside the content, every <img>, every outermost inline <svg>, every
# a[href] and every id / a[name] of the page.
FACTS_JS = r"""
(function () {
  function cls(el) {
    var c = el.getAttribute('class') || '';
    return c.trim().split(/\s+/).filter(Boolean).join('.');
  }
  function text(el) {  // as shown (innerText separates table cells), first 60 characters
    var t = (el.innerText !== undefined ? el.innerText : el.textContent) || '';
    return t.replace(/\s+/g, ' ').trim().slice(0, 60);
  }
  var sections = new Map();  // element -> text of the last heading before it
  function describe(el) {
    var cell = el.closest('[id^="cell-id="]');
    return {tag: el.tagName.toLowerCase(), cls: cls(el), id: el.id || '',
            cell: cell ? cell.id.slice('cell-id='.length) : '', section: sections.get(el) || '',
            text: text(el)};
  }
  function run() {
    var de = document.documentElement, body = document.body;
    var heading = '';
    Array.prototype.forEach.call(body.getElementsByTagName('*'), function (el) {
      if (/^H[1-6]$/.test(el.tagName)) heading = text(el).replace(/\s*¶$/, '').slice(0, 40);
      else sections.set(el, heading);
    });
    var iw = window.innerWidth, limit = iw + 1, sx = window.scrollX;
    var facts = {url: location.href, innerWidth: iw, clientWidth: de.clientWidth,
                 scrollWidth: de.scrollWidth, lang: de.getAttribute('lang')};
    // Overflow: the outermost element boxes whose right edge is past the viewport, and text that
    // sticks out of a box lying inside it. Content of a scroll or clip container (overflow-x other
    // than visible) cannot widen the page and is not visited.
    var offenders = [];
    function visit(el) {
      var r = el.getBoundingClientRect();
      var pos = getComputedStyle(el).position;
      if (el !== body && pos !== 'fixed' && r.width > 0 && r.right + sx > limit) {
        var d = describe(el);
        d.kind = 'box'; d.right = Math.round(r.right + sx); d.width = Math.round(r.width);
        offenders.push(d);
        return;
      }
      for (var n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3 && n.textContent.trim()) {
          var range = document.createRange();
          range.selectNodeContents(n);
          var tr = range.getBoundingClientRect();
          if (tr.right + sx > limit) {
            var t = describe(el);
            t.kind = 'text'; t.right = Math.round(tr.right + sx); t.width = Math.round(tr.width);
            t.text = n.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
            offenders.push(t);
          }
        }
      }
      if (el !== body && getComputedStyle(el).overflowX !== 'visible') return;
      for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
        if (c.tagName !== 'SCRIPT' && c.tagName !== 'STYLE') visit(c);
      }
    }
    if (de.scrollWidth > limit) visit(body);
    offenders.sort(function (a, b) { return b.right - a.right; });
    facts.overflowCount = offenders.length;
    facts.overflow = offenders.slice(0, 8);
    // Report content: the nbconvert lab template puts every cell inside body.jp-Notebook > main;
    // pages without <main> (index.html) are all content.
    var content = document.querySelector('main') || body;
    facts.contentSelector = content === body ? 'body' : 'main';
    facts.pres = Array.prototype.map.call(content.querySelectorAll('pre'), describe);
    facts.imgs = Array.prototype.map.call(document.querySelectorAll('img'), function (img) {
      var d = describe(img);
      d.alt = img.getAttribute('alt');
      var src = img.getAttribute('src') || '';
      d.src = src.startsWith('data:') ? src.slice(0, src.indexOf(',') + 1) + '…' : src.slice(0, 80);
      return d;
    });
    facts.svgs = Array.prototype.filter.call(document.querySelectorAll('svg'), function (s) {
      return !s.parentElement || !s.parentElement.closest('svg');
    }).map(function (s) {
      var d = describe(s);
      d.role = s.getAttribute('role');
      d.ariaLabel = s.getAttribute('aria-label');
      var title = Array.prototype.find.call(s.children, function (c) {
        return c.tagName.toLowerCase() === 'title';
      });
      d.title = title ? title.textContent.trim() : null;
      return d;
    });
    facts.links = Array.prototype.map.call(document.querySelectorAll('a[href]'), function (a) {
      var d = describe(a);
      d.href = a.getAttribute('href');
      return d;
    });
    var ids = Array.prototype.map.call(document.querySelectorAll('[id]'), function (e) { return e.id; });
    Array.prototype.forEach.call(document.querySelectorAll('a[name]'), function (a) {
      ids.push(a.getAttribute('name'));
    });
    facts.ids = ids;
    // Text of inline SVGs (maps) as shown: its font size times the SVG's scale on screen, for every
    // text element that is displayed; the smallest first.
    var svgText = [];
    Array.prototype.forEach.call(document.querySelectorAll('svg text'), function (t) {
      var box = t.getBoundingClientRect(), ctm = t.getScreenCTM();
      if (!box.width || !ctm) return;
      var d = describe(t);
      d.px = Math.round(parseFloat(getComputedStyle(t).fontSize) * Math.abs(ctm.a) * 10) / 10;
      svgText.push(d);
    });
    svgText.sort(function (a, b) { return a.px - b.px; });
    facts.svgText = svgText.slice(0, 8);
    facts.svgTextCount = svgText.length;
    // Tables that become cards on a phone (table.ntm-cards) and still need scrolling sideways.
    facts.scrolledCards = Array.prototype.filter.call(document.querySelectorAll('table.ntm-cards'), function (t) {
      var box = t.parentElement;
      return box.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().width > iw + 1;
    }).map(describe);
    facts.cards = document.querySelectorAll('table.ntm-cards').length;
    parent.postMessage(JSON.stringify(facts), '*');
  }
  function go() {
    var ready = document.fonts ? document.fonts.ready : Promise.resolve();
    ready.then(function () { setTimeout(function () {
      try { run(); } catch (e) { parent.postMessage(JSON.stringify({error: String(e && e.stack || e)}), '*'); }
    }, 0); });
  }
  if (document.readyState === 'complete') go(); else window.addEventListener('load', go);
})();
"""

WRAPPER = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>html,body{{margin:0;padding:0}}iframe{{border:0;display:block}}</style>
</head><body><pre id="__facts"></pre>
<script>window.addEventListener('message', function (e) {{
  document.getElementById('__facts').textContent = e.data; }});</script>
<iframe src="{src}" style="width:{width}px;height:{height}px"></iframe>
</body></html>
"""


class BrowserError(RuntimeError):
    """Chromium ran but gave no facts (crash, time-out, script error)."""


def _instrumented(page: Path) -> str:
    """The text of `page` with a <base> at the original file and FACTS_JS at the end of the body."""
    text = page.read_text(encoding="utf-8")
    base = f'<base href="{html.escape(page.resolve().as_uri())}">'
    if not re.search(r"<base\b", text, re.IGNORECASE):
        head = re.search(r"<head\b[^>]*>", text, re.IGNORECASE)
        text = (text[:head.end()] + base + text[head.end():]) if head else base + text
    script = f"<script>{FACTS_JS}</script>"
    end = text.lower().rfind("</body>")
    return text[:end] + script + text[end:] if end >= 0 else text + script


def page_facts(page: Path, width: int, chromium: str, height: int = 2000, budget_ms: int = 5000,
               timeout: float = 120) -> dict:
    """Load `page` in headless Chromium in a viewport `width` CSS px wide and return its DOM facts."""
    page = Path(page)
    with tempfile.TemporaryDirectory(prefix="ntm-browser-") as tmp:
        tmp = Path(tmp)
        copy = tmp / page.name
        copy.write_text(_instrumented(page), encoding="utf-8")
        wrapper = tmp / "__wrapper.html"
        wrapper.write_text(WRAPPER.format(src=html.escape(copy.as_uri()), width=width, height=height),
                           encoding="utf-8")
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
               "--hide-scrollbars", "--mute-audio", f"--user-data-dir={tmp / 'profile'}",
               f"--window-size={max(width, 500) + 40},{height + 100}",
               f"--virtual-time-budget={budget_ms}", "--dump-dom", wrapper.as_uri()]
        try:
            run = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise BrowserError(f"{page.name} at {width}px: Chromium took over {timeout:.0f} s") from e
    m = re.search(r'<pre id="__facts">(.*?)</pre>', run.stdout, re.DOTALL)
    if not m or not m.group(1).strip():
        tail = "\n".join(line for line in run.stderr.splitlines()[-5:])
        raise BrowserError(f"{page.name} at {width}px: no facts in Chromium's DOM dump "
                           f"(exit {run.returncode}); stderr ends:\n{tail}")
    facts = json.loads(html.unescape(m.group(1)))
    if "error" in facts:
        raise BrowserError(f"{page.name} at {width}px: the facts script failed: {facts['error']}")
    if facts["innerWidth"] != width:
        raise BrowserError(f"{page.name}: asked for a {width}px viewport, the page measured "
                           f"window.innerWidth == {facts['innerWidth']}")
    facts["page"] = str(page.resolve())
    facts["width"] = width
    return facts


# --- checks ---------------------------------------------------------------------------------------

MIN_TEXT_PX = 10  # the smallest map text a phone shows (the numbers and key replace 5 px names)


def phone_problems(facts: dict) -> list[str]:
    """At a phone's width: map text smaller than MIN_TEXT_PX, and tables meant to be cards that
    still scroll sideways."""
    small = [f"{where(d)} shown at {d['px']} px" for d in facts.get("svgText", []) if d["px"] < MIN_TEXT_PX]
    return small + [f"{where(d)} scrolls sideways" for d in facts.get("scrolledCards", [])]


def where(d: dict) -> str:
    """`tag.class#id (cell abc, under "Heading") "text"`: an element as the problems name it (the
    cell is the notebook cell id nbconvert writes as id="cell-id=abc"; the heading is the last one
    before the element)."""
    name = d["tag"] + (f".{d['cls']}" if d.get("cls") else "") + (f"#{d['id']}" if d.get("id") else "")
    place = [f"cell {d['cell']}"] if d.get("cell") else []
    place += [f'under "{d["section"]}"'] if d.get("section") else []
    return name + (f" ({', '.join(place)})" if place else "") + (f' "{d["text"]}"' if d.get("text") else "")


def overflow_problems(facts: dict) -> list[str]:
    """Check 1: the page is no wider than the viewport (scrollWidth <= innerWidth + 1); if it is,
    one line naming the widest offenders (outermost boxes past the right edge, or text sticking out
    of its box), widest first."""
    iw, sw = facts["innerWidth"], facts["scrollWidth"]
    if sw <= iw + 1:
        return []
    lines = [(f"page is {sw}px wide in a {iw}px viewport; {facts['overflowCount']} element(s) reach past "
              f"{iw}px, widest first:")]
    for d in facts["overflow"]:
        what = "text sticking out of" if d["kind"] == "text" else "box"
        lines.append(f"  right edge {d['right']}px ({what} width {d['width']}px): {where(d)}")
    if facts["overflowCount"] > len(facts["overflow"]):
        lines.append(f"  … and {facts['overflowCount'] - len(facts['overflow'])} more")
    if not facts["overflow"]:
        lines.append("  (no element box or text reaches past the edge: look for margins or transforms)")
    return ["\n".join(lines)]


def pre_problems(facts: dict) -> list[str]:
    """Check 2: no <pre> inside the report content (<main>, or <body> of a page without one)."""
    return [f"<pre> in {facts['contentSelector']}: {where(d)}" for d in facts["pres"]]


def alt_problem(alt: str | None, lang: str) -> str | None:
    """Why `alt` is not a proper alt text of an image on a page in `lang`, or None.
    Rule: present, not blank, not nbconvert's placeholder, and on a Vietnamese page ("vi") it
    contains at least one letter of VIETNAMESE_LETTERS or is one of ACCEPTED_ALT_TEXTS."""
    if alt is None:
        return "no alt attribute"
    text = alt.strip()
    if not text:
        return 'alt=""'
    if text == NBCONVERT_ALT:
        return "nbconvert's placeholder alt"
    if lang == "vi" and text not in ACCEPTED_ALT_TEXTS and not VIETNAMESE_LETTERS.intersection(text):
        return f'alt "{text[:60]}" is not Vietnamese (no letter with a Vietnamese diacritic)'
    return None


def media_problems(facts: dict, lang: str) -> list[str]:
    """Check 3: every <img> has a proper alt text (alt_problem) and every outermost inline <svg> has
    role="img" and an aria-label or a <title> child."""
    problems = []
    for d in facts["imgs"]:
        why = alt_problem(d["alt"], lang)
        if why:
            problems.append(f"<img src={d['src']}>: {why}: {where(d)}")
    for d in facts["svgs"]:
        missing = []
        if d["role"] != "img":
            missing.append('role="img"' + (f' (has role="{d["role"]}")' if d["role"] else ""))
        if not (d["ariaLabel"] or "").strip() and not (d["title"] or "").strip():
            missing.append("aria-label or <title>")
        if missing:
            problems.append(f"<svg> without {' and '.join(missing)}: {where(d)}")
    return problems


def lang_problems(facts: dict, expected: str) -> list[str]:
    """Check 4: <html lang> is set and its primary subtag is `expected` ("vi" or "en")."""
    lang = facts["lang"]
    if not lang:
        return [f'<html> has no lang attribute; expected lang="{expected}"']
    if lang.split("-")[0].lower() != expected:
        return [f'<html lang="{lang}">; expected lang="{expected}"']
    return []


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)


_ID_CACHE: dict[Path, set[str]] = {}


def ids_of(path: Path) -> set[str]:
    """Every id (and a[name]) of the HTML file at `path`."""
    path = path.resolve()
    if path not in _ID_CACHE:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        _ID_CACHE[path] = parser.ids
    return _ID_CACHE[path]


def _has_anchor(ids, fragment: str) -> bool:
    # a browser looks for the fragment as written, then percent-decoded; "top" and "" mean the top
    return fragment in ("", "top") or fragment in ids or unquote(fragment) in ids


def link_problems(facts: dict, root: Path | None = None) -> tuple[list[str], list[str]]:
    """Check 5: every a[href] resolves. Returns (problems, external links).

    * `#x`: an element with id (or a[name]) x on the page itself;
    * a relative URL: resolved against the page's folder, an existing file (not a folder), inside
      `root` if given (the report folder, so the link survives copying it), and for `file#x` an HTML
      file with id x;
    * http(s): and mailto: links are not fetched, only listed as external;
    * anything else (absolute local paths, file:, javascript:, …) is a problem."""
    page = Path(facts["page"])
    page_ids = set(facts["ids"])
    problems, external = [], []
    for d in facts["links"]:
        href = d["href"].strip()
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            external.append(href)
            continue
        bad = None
        if parts.scheme or parts.netloc or parts.path.startswith("/"):
            bad = "not a relative link (breaks when the report folder is copied)"
        elif not parts.path:
            if not _has_anchor(page_ids, parts.fragment):
                bad = f'no element with id "{unquote(parts.fragment)}" on this page'
        else:
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                bad = f"no file {target.name} in {target.parent}"
            elif target.is_dir():
                bad = "points at a folder, not a file"
            elif root is not None and not target.is_relative_to(Path(root).resolve()):
                bad = f"points outside the report folder {Path(root).name}/"
            elif parts.fragment:
                if target.suffix.lower() not in (".html", ".htm"):
                    bad = f"#fragment on a non-HTML file {target.name}"
                elif not _has_anchor(ids_of(target), parts.fragment):
                    bad = f'no element with id "{unquote(parts.fragment)}" in {target.name}'
        if bad:
            problems.append(f'<a href="{href[:100]}">: {bad}: {where(d)}')
    return problems, external
