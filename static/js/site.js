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

// Phones: the menu is one line that scrolls sideways; bring the current section into view.
const currentLink = document.querySelector(".main-nav__link[aria-current]");
const menuList = currentLink && currentLink.closest(".main-nav__list");
if (menuList && menuList.scrollWidth > menuList.clientWidth) {
    const link = currentLink.getBoundingClientRect();
    const list = menuList.getBoundingClientRect();
    if (link.right > list.right) menuList.scrollLeft += link.left - list.left;
}
