import time

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["nb", "uk"])
def test_smoke(page, lang):
    t = time.time()
    r = page.goto(f"/{lang}/")
    print(r.status, page.title(), time.time() - t)
    print(page.content()[:3000])
