// Only under `make edit` (disclosure.cms.serve adds it to the page): a new entry's proposed id was
// the next free one when the editor loaded; if an entry saved since has taken it, the next free one
// is written instead, so two new entries in one sitting never share a 索引号.
(function () {
  "use strict";
  var kinds = { documents: "document", interpretations: "interpretation" };
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var kind = kinds[entry.get("collection")];
      var data = entry.get("data");
      if (!kind || !entry.get("newRecord")) return data;
      var query = "free-id?kind=" + kind + "&id=" + encodeURIComponent(data.get("id") || "");
      return fetch(query, { cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (id) { return id ? data.set("id", id) : data; })
        .catch(function () { return data; });
    },
  });
})();
