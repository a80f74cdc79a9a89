"""The content cache keeps what a build found, nothing included, until content changes."""

from home import content_cache


def test_a_build_that_found_nothing_is_kept_and_not_run_again(db):
    builds = []

    def build():
        builds.append(1)

    assert content_cache.get_or_set("nothing-here", "nb", build) is None
    assert content_cache.get_or_set("nothing-here", "nb", build) is None
    assert len(builds) == 1


def test_a_kept_value_is_built_again_after_content_changes(db):
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert content_cache.get_or_set("counted", "nb", build) == 1
    assert content_cache.get_or_set("counted", "nb", build) == 1
    content_cache.invalidate()
    assert content_cache.get_or_set("counted", "nb", build) == 2
