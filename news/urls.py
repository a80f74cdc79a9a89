"""Wagtail serves page paths made of slugs ending in "/" only. Feed readers expect a file name
(rss.xml, atom.xml): these paths go to Wagtail's serve view all the same, and the news index's routes
answer. The story feeds have one address per language (the language prefix says which), and so has
the form readers post comments with."""

from django.urls import path, re_path

from wagtail import views as wagtail_views

from . import views
from .feeds import stories_atom, stories_rss

urlpatterns = [
    path("feeds/stories/rss.xml", stories_rss, name="stories_rss"),
    path("feeds/stories/atom.xml", stories_atom, name="stories_atom"),
    re_path(r"^((?:[\w\-]+/)+(?:rss|atom)\.xml)$", wagtail_views.serve, name="news_feed_file"),
    path("comments/post/", views.post_comment, name="page_comments_post"),
]
