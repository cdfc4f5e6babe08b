// The map page's filters: by name, side, company and buying role. The page allows this
// script and no other (its Content-Security-Policy names this text's hash); it reads the
// cards' data- attributes and only hides cards and groups.
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var name = byId("filter-name"), side = byId("filter-side"), company = byId("filter-company");
  var role = byId("filter-role"), count = byId("filter-count"), form = byId("filters");
  if (!name || !side || !company || !role || !count || !form) { return; }
  var people = Array.prototype.slice.call(document.querySelectorAll(".person"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));
  function apply() {
    var text = name.value.trim().toLowerCase();
    var shown = 0;
    people.forEach(function (p) {
      var d = p.dataset;
      var fits = (!text || d.name.indexOf(text) !== -1) &&
        (!side.value || d.side === side.value) &&
        (!company.value || d.company === company.value) &&
        (!role.value || d.roles.split(" ").indexOf(role.value) !== -1);
      p.hidden = !fits;
      if (fits) { shown += 1; }
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector(".person:not([hidden])"); });
    count.textContent = shown + " of " + people.length + " people";
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  [name, side, company, role].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  apply();
})();
