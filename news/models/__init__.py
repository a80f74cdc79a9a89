from .comments import PageComment

__all__ = ["PageComment"]
