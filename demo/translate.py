"""Demo translations made the way editors make them: through wagtail-localize.

For each object the loader creates a translation source, records every translated string as a
translated segment (what a translator types in the translation editor), and lets wagtail-localize
build the translated page or snippet from them. Editing the Norwegian page and choosing "Sync
translated pages" then works on demo content exactly as on any other page.

The translated text comes from the data files, shaped like the object itself. To find which segment
each translated string belongs to, the source object is copied in memory with the translated text
put in place (keeping the source's block ids and child translation keys), and wagtail-localize's own
extractor reads the segments of that copy: the n-th string at a content path in the copy is the
translation of the n-th string at that path in the source.
"""

import copy
from collections import defaultdict

from django.db import models
from django.db.models.fields.related import ForeignObjectRel

from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class DemoTranslationError(ValueError):
    """The data files of a translation do not match the shape of their source."""


def _merge_raw(raw, text):
    """Stream data in its stored form with the translated text of `text` in place."""
    if text is None:
        return raw
    if isinstance(raw, dict) and isinstance(text, dict):
        return {**raw, **{key: _merge_raw(raw.get(key), value) for key, value in text.items()}}
    if isinstance(raw, list) and isinstance(text, list):
        if len(raw) != len(text):
            raise DemoTranslationError(f"{len(text)} items translated where the source has {len(raw)}")
        return [_merge_item(item, value) for item, value in zip(raw, text, strict=True)]
    return text


def _merge_item(item, text):
    # A ListBlock stores its items as {"type": "item", "value": …, "id": …}; the data files list values.
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return {**item, "value": _merge_raw(item["value"], text)}
    return _merge_raw(item, text)


def _translated_stream(raw_blocks, blocks):
    """The stored stream `raw_blocks` with the text of `blocks` ([{type: value}] from a data file)."""
    raw_blocks = [dict(block) for block in raw_blocks]
    if len(raw_blocks) != len(blocks):
        raise DemoTranslationError(f"{len(blocks)} blocks translated where the source has {len(raw_blocks)}")
    for raw, block in zip(raw_blocks, blocks, strict=True):
        ((block_type, value),) = block.items()
        if raw["type"] != block_type:
            raise DemoTranslationError(f"a {block_type} block translates a {raw['type']} block")
        raw["value"] = _merge_raw(copy.deepcopy(raw["value"]), value)
    return raw_blocks


def _child_relations(model) -> set[str]:
    return {
        field.get_accessor_name()
        for field in model._meta.get_fields()
        if isinstance(field, ForeignObjectRel) and field.one_to_many and hasattr(field.field, "related_model")
    }


def translated_copy(instance, texts: dict):
    """An unsaved copy of `instance` carrying the translated `texts`."""
    model = type(instance)
    target = model._default_manager.get(pk=instance.pk)
    children = _child_relations(model)
    for name, value in texts.items():
        if name in children:
            rows = sorted(getattr(target, name).all(), key=lambda row: (getattr(row, "sort_order", 0) or 0, row.pk))
            if len(rows) != len(value):
                raise DemoTranslationError(f"{name}: {len(value)} translated where the source has {len(rows)}")
            for row, row_texts in zip(rows, value, strict=True):
                for field_name, field_value in row_texts.items():
                    setattr(row, field_name, field_value)
            setattr(target, name, rows)
            continue
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            setattr(target, name, _translated_stream(getattr(target, name).raw_data, value))
        elif isinstance(field, models.Field):
            setattr(target, name, value)
    return target


def _strings_by_path(values) -> dict[str, list]:
    grouped = defaultdict(list)
    for value in values:
        grouped[value[0]].append(value[1])
    return grouped


def translate(source_object, locale: Locale, texts: dict):
    """The live translation of `source_object` into `locale`, made through wagtail-localize from
    `texts`; an existing translation is returned as it is."""
    existing = source_object.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific if isinstance(existing, Page) else existing

    translation_source, _created = TranslationSource.get_or_create_from_instance(source_object)
    source_segments = _strings_by_path(
        (segment.context.path, segment)
        for segment in StringSegment.objects.filter(source=translation_source)
        .select_related("string", "context")
        .order_by("order")
    )
    translated_segments = _strings_by_path(
        (value.path, value)
        for value in extract_segments(translated_copy(source_object, texts))
        if isinstance(value, StringSegmentValue)
    )
    for path, segments in source_segments.items():
        translated = translated_segments.get(path, [])
        if len(translated) != len(segments):
            raise DemoTranslationError(
                f"{source_object!r} into {locale.language_code}: {path} has {len(segments)} string(s) in the "
                f"source and {len(translated)} in the translation"
            )
        for segment, value in zip(segments, translated, strict=True):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": value.string.data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )

    translation, _created = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    # A draft first, published here rather than on commit, so that the loader can build the children
    # of a translated page in the same transaction.
    translation.save_target(publish=False)
    target = translation_source.get_translated_instance(locale)
    if isinstance(target, Page):
        target = target.specific
    if isinstance(target, DraftStateMixin | Page):
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
