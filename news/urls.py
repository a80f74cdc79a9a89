from django.urls import path

from . import views

urlpatterns = [
    path("comments/post/", views.post_comment, name="page_comments_post"),
]
