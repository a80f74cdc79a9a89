from .comments import PageComment
from .pages import NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageTag
from .tags import TagName

__all__ = ["NewsIndexPage", "NewsPage", "NewsPageAuthor", "NewsPageTag", "PageComment", "TagName"]
