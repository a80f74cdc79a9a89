"""News, and the reader comments on news and stories. As COMMENTS_APP, this package tells Django's
comments framework which model and form the site's comments use (news/comments.py)."""


def get_model():
    from .models import PageComment

    return PageComment


def get_form():
    from .comments import PageCommentForm

    return PageCommentForm
