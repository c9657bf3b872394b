/* Larger-text switch for older readers.
 * Toggles the class "sd-large-text" on <html>, which raises the base font size
 * (see assets/css/site.css), and remembers the choice in localStorage.
 * The switch is a native <button>, so Enter and Space work with no extra code. */
(function () {
  "use strict";
  var KEY = "sd-large-text";
  var CLASS = "sd-large-text";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function apply(on) {
    root.classList.toggle(CLASS, on);
    var buttons = document.querySelectorAll("[data-sd-textsize]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  function init() {
    apply(stored() || root.classList.contains(CLASS));
    var buttons = document.querySelectorAll("[data-sd-textsize]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        var on = !root.classList.contains(CLASS);
        apply(on);
        store(on);
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
