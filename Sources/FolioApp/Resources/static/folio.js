// Folio's only script: the light/dark theme toggle. It runs in <head> so the chosen theme
// applies before the first paint, then wires the toggle button once the page is parsed.
(function () {
  "use strict";
  var root = document.documentElement;
  var stored = null;
  try { stored = window.localStorage.getItem("folio-theme"); } catch (e) { /* storage disabled */ }
  if (stored === "light" || stored === "dark") { root.setAttribute("data-theme", stored); }

  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) { return chosen; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
      buttons[i].addEventListener("click", function (event) {
        var next = current() === "dark" ? "light" : "dark";
        root.setAttribute("data-theme", next);
        event.currentTarget.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
        try { window.localStorage.setItem("folio-theme", next); } catch (e) { /* storage disabled */ }
      });
    }
  });
})();
