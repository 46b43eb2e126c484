// The site's own additions to the web editor, loaded after decap-cms.js from the same origin.
(function () {
  "use strict";
  var h = window.h;

  // 收费 is either “不收费” or a list of charges: the form shows the list (empty for “不收费”),
  // and saving an empty list writes “不收费”.
  var list = CMS.getWidget("list");
  function listOnly(value) {
    return typeof value === "string" ? undefined : value;
  }
  CMS.registerWidget(
    "optional-list",
    createClass({
      render: function () {
        return h(list.control, Object.assign({}, this.props, { value: listOnly(this.props.value) }));
      },
    }),
    createClass({
      render: function () {
        return typeof this.props.value === "string" ? h("p", null, this.props.value) : h(list.preview, this.props);
      },
    })
  );
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = entry.get("data");
      if (entry.get("collection") !== "guides") return data;
      var fees = data.get("fees");
      if (!fees || (fees.size === 0 && typeof fees !== "string")) return data.set("fees", "不收费");
      return data;
    },
  });

  // The preview pane uses the site's own stylesheets, so the text looks as it will on the site.
  CMS.registerPreviewStyle("preview/material.css");  // beside this page, wherever the site puts it
  CMS.registerPreviewStyle("preview/site.css");

  function field(entry, name) {
    var value = entry.getIn(["data", name]);
    return value == null ? "" : String(value);
  }

  function meta(rows) {
    return h("table", { className: "document-meta" },
      h("tbody", null, rows.filter(function (row) { return row[1]; }).map(function (row) {
        return h("tr", { key: row[0] }, h("th", null, row[0]), h("td", null, row[1]));
      })));
  }

  var Article = createClass({
    render: function () {
      var entry = this.props.entry;
      var policy = entry.getIn(["data", "policy"]);
      var rows = policy
        ? [["所解读文件", policy], ["解读形式", field(entry, "form")], ["发布日期", field(entry, "published")]]
        : [["索引号", field(entry, "id")], ["文号", field(entry, "doc_number")], ["信息类别", field(entry, "kind")],
           ["成文日期", field(entry, "written")], ["发布日期", field(entry, "published")]];
      return h("div", { className: "md-content" },
        h("article", { className: "md-content__inner md-typeset" },
          h("h1", null, field(entry, "title")),
          meta(rows),
          this.props.widgetFor("body")));
    },
  });

  CMS.registerPreviewTemplate("documents", Article);
  CMS.registerPreviewTemplate("interpretations", Article);
})();
