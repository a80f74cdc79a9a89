"""DeepL for wagtail-localize's "Translate with DeepL" button (configured in config/settings/base.py
only when DEEPL_API_KEY is set; without it the button is absent).

wagtail-localize's translator sends a bare "EN" as the English target, which DeepL has deprecated in
favour of EN-GB or EN-US; the site writes British English (og:locale en_GB), so that is the default.
Norwegian Bokmål ("nb" → NB) and Ukrainian ("uk" → UK) already map as DeepL names them, and the free
API (keys ending in ":fx") gets its own endpoint upstream. What the button writes is a draft: string
translations recorded as machine-made (translation_type "machine", tool_name "DeepL"), which the
translator reviews and a person with publish rights publishes.
"""

from wagtail_localize.machine_translators.deepl import DeepLTranslator as UpstreamDeepLTranslator

ENGLISH_VARIANTS = {"EN-GB", "EN-US"}


class DeepLTranslator(UpstreamDeepLTranslator):
    def target_language(self, language_code: str) -> str:
        code = language_code.upper()
        if code == "EN":
            variant = self.options.get("ENGLISH_VARIANT", "EN-GB").upper()
            if variant not in ENGLISH_VARIANTS:
                raise ValueError(f"DeepL's English target is EN-GB or EN-US, not {variant!r}")
            return variant
        return code.split("-")[0]

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        parameters["target_lang"] = self.target_language(target_locale.language_code)
        return parameters
