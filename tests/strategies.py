"""Hypothesis strategies shared by every fuzz test: what visitors may type into a form or a URL."""

from hypothesis import strategies as st

# Inputs that broke or could break something somewhere: scripts, formulas, NUL, sizes, HTML.
SPECIAL_TEXT = st.sampled_from(
    [
        "Київ",
        "Ærlig Øystein på Ås",
        "🇺🇦🙂",
        "x" * 10_000,
        "a\x00b",
        '"',
        "'\"",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "+47 912",
        "@SUM(1)",
        "",
    ]
)
ANY_TEXT = st.one_of(SPECIAL_TEXT, st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
# A query-string value: anything, including what a URL cannot carry unencoded.
QUERY_VALUE = st.one_of(
    ANY_TEXT, st.sampled_from(["0", "-1", "999999999999", "1.5", "abc", "%", "\x00", "NO", "UA", "nb", "uk"])
)
