// Large-text mode: remembered across pages. Without JavaScript the #large-text link still
// enlarges the current page through the :target rule in site.css.
(function () {
  var KEY = "large-text";
  var root = document.documentElement;
  function apply(on) {
    root.classList.toggle(KEY, on);
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* storage disabled */ }
  }
  try { if (localStorage.getItem(KEY) === "1") root.classList.add(KEY); } catch (e) { /* ignore */ }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".text-size, .text-size-off");
    if (!link) return;
    event.preventDefault();
    if (location.hash === "#large-text") history.replaceState(null, "", location.pathname + location.search);
    apply(link.classList.contains("text-size"));
  });
})();
