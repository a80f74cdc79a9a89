/* wagtail-localize's translation editor (templates/wagtail_localize/admin/edit_translation.html)
   names its action menu's toggle, which screen readers read out, in English in its script: "More
   actions". Wagtail's script catalogue, loaded on every admin page, has the words in the user's
   language; the name is put back whenever the editor draws its footer again. */
(() => {
    const SELECTOR = ".js-translation-editor footer .w-dropdown__toggle > .w-sr-only";

    function nameTheToggles() {
        if (!window.django) return;
        const name = window.django.gettext("More actions");
        for (const label of document.querySelectorAll(SELECTOR)) {
            if (label.textContent !== name) label.textContent = name;
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        const editor = document.querySelector(".js-translation-editor");
        if (!editor) return;
        nameTheToggles();
        new MutationObserver(nameTheToggles).observe(editor, { childList: true, subtree: true });
    });
})();
