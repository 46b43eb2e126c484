/* 大字版 (适老化): the choice persists; the head of every page applies it before the first paint. */
(function () {
  var KEY = "disclosure.text-size";
  var root = document.documentElement;
  var toggle = document.getElementById("text-size-large");

  function show(large) {
    root.classList.toggle("large-text", large);
    if (toggle) toggle.checked = large;
  }

  if (toggle) {
    toggle.addEventListener("change", function () {
      show(toggle.checked);
      try {
        localStorage.setItem(KEY, toggle.checked ? "large" : "standard");
      } catch (e) {
        /* private browsing: the choice lasts for this page only */
      }
    });
  }
  show(root.classList.contains("large-text"));

  /* The menu (the drawer on narrow screens) opens and closes from the keyboard too; its links
     take focus only while it is open (site.css hides the closed drawer). */
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".site-menu-button");
  if (drawer && menu) {
    var open = function (state) {
      drawer.checked = state;
      drawer.dispatchEvent(new Event("change"));
    };
    menu.hidden = false;
    menu.addEventListener("click", function () {
      open(!drawer.checked);
      if (drawer.checked) {
        var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
        if (first) first.focus();
      }
    });
    drawer.addEventListener("change", function () {
      menu.setAttribute("aria-expanded", String(drawer.checked));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        open(false);
        menu.focus();
      }
    });
  }

  /* Pages reached from lists (documents, items) light up the tab of their column. */
  var column = document.querySelector('meta[name="ColumnName"]');
  if (column && !document.querySelector(".md-tabs__item--active")) {
    document.querySelectorAll(".md-tabs__link").forEach(function (link) {
      if (link.textContent.trim() === column.content) {
        link.parentElement.classList.add("md-tabs__item--active");
      }
    });
  }

  /* A printed page shows where its links lead. */
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    if (/^https?:/.test(link.href) && link.getAttribute("href").charAt(0) !== "#") {
      link.dataset.printHref = link.href;
    }
  });

  /* A table wider than a phone scrolls; keyboard users must reach it too. Material wraps the
     tables of a page when it has loaded it, so this waits for that. */
  function reachScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "表格（可左右滚动）");
      }
    });
  }
  if (window.document$) window.document$.subscribe(reachScrollers);
  else reachScrollers();

  /* Material's search dialog has no accessible name. */
  document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "站内搜索");
})();
