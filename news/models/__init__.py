from .comments import PageComment
from .pages import NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageTag

__all__ = ["NewsIndexPage", "NewsPage", "NewsPageAuthor", "NewsPageTag", "PageComment"]
