"""Test data built once per test module and read again for each test: the owner of the page trees
that many tests share. A module-scoped fixture builds with `build_for_module` inside the module's
transaction (tests/conftest.py `module_transaction`); the test's own fixture hands each test the
rows read again with `for_this_test`, and each test runs in a savepoint on top of them. A module
with a test that commits (transactional_db, a live server) gets the data built for each test."""


def shares_one_transaction(request) -> bool:
    """Whether the tests of the requesting module may all run in one module transaction: none of them
    commits (transactional_db, a live server) or flushes the database afterwards, and none is a
    Django TestCase (it opens and closes the connection's transactions by itself)."""
    from django.test import TransactionTestCase

    prefix = request.node.nodeid + "::"
    for item in request.session.items:
        if not item.nodeid.startswith(prefix):
            continue
        if item.cls is not None and issubclass(item.cls, TransactionTestCase):
            return False
        marker = item.get_closest_marker("django_db")
        if {"transactional_db", "live_server"} & set(item.fixturenames) or (
            marker and marker.kwargs.get("transaction")
        ):
            return False
    return True


def build_for_module(request, django_db_blocker, build, *needs):
    """What `build(*needs)` makes, built once for the requesting module inside its module transaction,
    or None when the module's tests cannot share one (or what it needs was not built once either):
    the test's fixture then builds it for each test."""
    if any(need is None for need in needs) or not shares_one_transaction(request):
        return None
    request.getfixturevalue("module_transaction")
    with django_db_blocker.unblock():
        return build(*needs)


def fresh(value):
    """`value` (model instances in dicts, lists and tuples) read again from the database, so that
    what one test changes on an instance never reaches the next test of the module."""
    from django.db.models import Model

    if isinstance(value, Model):
        return type(value).objects.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value


def for_this_test(built_for_module, build, *needs):
    """The module's copy read again, or built for this test alone."""
    return build(*needs) if built_for_module is None else fresh(built_for_module)
