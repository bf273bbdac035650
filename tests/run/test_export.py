"""The HTML export of a report: one exporter per process, Vietnamese text written as letters
(not as numeric references) while markup characters stay escaped, every figure's alt text kept."""
import nbformat

from ntmlib.run import export


def _notebook():
    md = nbformat.v4.new_output("display_data", data={"text/markdown": "## Báo cáo xã Chân Lý — năm 2023 <b>&</b>",
                                                      "text/plain": "x"})
    svg = nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>",
                                                       "text/plain": "Biểu đồ"},
                                 metadata={"image/svg+xml": {"alt": "Số xã theo số tiêu chí đạt"}})
    cell = nbformat.v4.new_code_cell("print(1)", outputs=[md, svg], execution_count=1)
    return nbformat.v4.new_notebook(cells=[cell], metadata={"papermill": {"parameters": {"lang": "vi"}}})


def test_vietnamese_letters_as_letters_markup_escaped():
    page = export.to_html(_notebook(), title="Chân Lý", index_href="../index.html")
    assert "Báo cáo xã Chân Lý — năm 2023" in page
    assert "&#225;" not in page and "&#7871;" not in page
    assert "<b>&amp;</b>" in page  # an ampersand stays escaped
    assert 'alt="Số xã theo số tiêu chí đạt"' in page
    assert '<html lang="vi">' in page and "print(1)" not in page  # no code
    assert export.html_exporter() is export.html_exporter()  # one exporter (and template) per process


def test_character_references_kept_for_markup_and_control_characters():
    fix = lambda t: export._CHAR_REF.sub(export._character, t)  # noqa: E731
    assert fix("B&#225;o &#x1EBF;") == "Báo ế"
    assert fix("&#60;&#62;&#38;&#34;&#39;&#10;&#0;") == "&#60;&#62;&#38;&#34;&#39;&#10;&#0;"
