"""The site's paginator: a list that fits on its first page costs one query, no COUNT; anything else
pages as Django's does."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator as DjangoPaginator

from home.pagination import Paginator

pytestmark = pytest.mark.django_db


def rows():
    return ContentType.objects.order_by("pk")


def test_a_list_that_fits_on_its_first_page_costs_one_query(django_assert_num_queries):
    total = rows().count()
    with django_assert_num_queries(1):
        page = Paginator(rows(), total + 5).get_page(None)
        listed = list(page)
        assert page.paginator.count == total
        assert page.paginator.num_pages == 1
        assert not page.has_next()
    assert listed == list(rows())


def test_a_list_exactly_one_page_long_has_no_next_page(django_assert_num_queries):
    total = rows().count()
    with django_assert_num_queries(1):
        page = Paginator(rows(), total).get_page("1")
        assert len(page) == total and not page.has_next()


@pytest.mark.parametrize("number", [None, "1", "junk", "2", "3", "999", "0", "-1"])
def test_pages_are_those_of_djangos_paginator(number):
    ours = Paginator(rows(), 10).get_page(number)
    django = DjangoPaginator(rows(), 10).get_page(number)
    assert ours.number == django.number
    assert list(ours) == list(django)
    assert (ours.paginator.count, ours.paginator.num_pages) == (django.paginator.count, django.paginator.num_pages)
    assert (ours.has_next(), ours.has_previous()) == (django.has_next(), django.has_previous())


def test_a_longer_list_fetches_its_first_page_once(django_assert_num_queries):
    with django_assert_num_queries(2):  # the rows (one more than a page), then the COUNT
        page = Paginator(rows(), 3).get_page(1)
        assert len(list(page)) == 3 and page.has_next()
