from django import template

register = template.Library()


@register.simple_tag
def subpage_url(page, name, *args) -> str:
    """The address of a localised route under `page`: {% subpage_url index "theme_view" theme.slug %}."""
    return page.subpage_url(name, *args)
