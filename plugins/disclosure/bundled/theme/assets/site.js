/* 大字版 (适老化): the choice persists; the head of every page applies it before the first paint. */
(function () {
  var KEY = "disclosure.text-size";
  var root = document.documentElement;
  var buttons = document.querySelectorAll("[data-text-size]");

  function show(size) {
    root.classList.toggle("large-text", size === "large");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.dataset.textSize;
      show(size);
      try {
        localStorage.setItem(KEY, size);
      } catch (e) {
        /* private browsing: the choice lasts for this page only */
      }
    });
  });
  show(root.classList.contains("large-text") ? "large" : "standard");

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

  /* A table wider than a phone scrolls; keyboard users must reach it too. */
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
    }
  });

  /* Material's search dialog has no accessible name. */
  document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "站内搜索");
})();
