// Starts govuk-frontend's components (loaded as a module: browsers without modules keep the plain HTML).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// The header's menu on a phone: the button shows and hides the links (CSS folds them only once this has run).
const menuButton = document.querySelector(".nisi-header__menu-button");
const menu = menuButton && document.getElementById(menuButton.getAttribute("aria-controls"));
if (menuButton && menu) {
  menuButton.hidden = false;
  document.body.classList.add("nisi-menu-ready");
  menuButton.addEventListener("click", () => {
    const open = menuButton.getAttribute("aria-expanded") !== "true";
    menuButton.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("nisi-header__menu--open", open);
  });
}

// A table wider than a phone's screen scrolls sideways (nisi.css): it takes the keyboard's focus, so that it can be
// scrolled with the arrow keys (WCAG 2.1.1).
const scrollables = () => {
  for (const table of document.querySelectorAll(".govuk-table")) {
    const scrolls = table.scrollWidth > table.clientWidth;
    if (scrolls && !table.hasAttribute("tabindex")) {
      table.setAttribute("tabindex", "0");
    } else if (!scrolls && table.getAttribute("tabindex") === "0") {
      table.removeAttribute("tabindex");
    }
  }
};
scrollables();
window.addEventListener("resize", scrollables);
