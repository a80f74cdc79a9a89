// Progressive enhancement only: every page works without this file.
// Moving focus to <main> after the skip link keeps screen readers and keyboards in step.
document.addEventListener("click", (event) => {
    const link = event.target.closest(".skip-link");
    if (!link) return;
    const target = document.querySelector(link.getAttribute("href"));
    if (target) target.focus();
});

// After a refused post, start keyboard and screen reader users at the list of what to correct.
const errorSummary = document.querySelector(".error-summary");
if (errorSummary) errorSummary.focus();

// A form on a page from a cache carries no CSRF token (the page is the same for every visitor):
// ask for this visitor's, and hold back a send that comes before it has arrived. If it never comes,
// the form is sent anyway and the server asks the visitor to send it again, answers kept.
const tokenFields = document.querySelectorAll("input[data-csrf-token]");
if (tokenFields.length) {
    const token = fetch("/csrf-token", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => response.json())
        .then((answer) => {
            tokenFields.forEach((field) => { field.value = answer.token; });
        })
        .catch(() => {});
    tokenFields.forEach((field) => {
        let waited = false;
        field.form.addEventListener("submit", (event) => {
            if (field.value || waited) return;
            waited = true;
            event.preventDefault();
            token.then(() => field.form.requestSubmit(event.submitter));
        });
    });
}

// Phones: the menu is one line that scrolls sideways; bring the current section into view.
const currentLink = document.querySelector(".main-nav__link[aria-current]");
const menuList = currentLink && currentLink.closest(".main-nav__list");
if (menuList && menuList.scrollWidth > menuList.clientWidth) {
    const link = currentLink.getBoundingClientRect();
    const list = menuList.getBoundingClientRect();
    if (link.right > list.right) menuList.scrollLeft += link.left - list.left;
}
