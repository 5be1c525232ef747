/* framing report: feature filters, aligned-sentence links, explanations on hover and focus.
   It only moves and clones nodes that are already in the page; it never builds HTML from
   strings, so no article text is ever parsed as markup. */
(function () {
  "use strict";
  var columns = document.getElementById("columns");
  var tip = document.getElementById("tip");
  if (!columns || !tip) {
    return;
  }

  function words(value) {
    return (value || "").split(" ").filter(function (w) { return w.length > 0; });
  }

  function hiddenFeature(feature) {
    return columns.classList.contains("hide-" + feature);
  }

  function visibleSpans(ids) {
    return ids.filter(function (id) {
      var x = document.getElementById("x-" + id);
      return x !== null && !hiddenFeature(x.getAttribute("data-feature"));
    });
  }

  /* filters: one class per hidden feature on the columns */
  var boxes = document.querySelectorAll("#filters input[data-feature]");
  function updateFocusable() {
    columns.querySelectorAll(".seg[data-starts]").forEach(function (seg) {
      var starts = words(seg.getAttribute("data-starts"));
      if (starts.length === 0) {
        return;
      }
      if (visibleSpans(starts).length > 0) {
        seg.setAttribute("tabindex", "0");
      } else {
        seg.removeAttribute("tabindex");
      }
    });
  }
  function applyFilters() {
    boxes.forEach(function (box) {
      columns.classList.toggle("hide-" + box.getAttribute("data-feature"), !box.checked);
    });
    updateFocusable();
    hideTip();
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  applyFilters();

  /* explanations */
  var current = null;
  function hideTip() {
    tip.hidden = true;
    current = null;
  }
  function showTip(seg) {
    if (seg === current) {
      return;
    }
    var ids = visibleSpans(words(seg.getAttribute("data-spans")));
    if (ids.length === 0) {
      hideTip();
      return;
    }
    tip.replaceChildren();
    ids.forEach(function (id) {
      var copy = document.getElementById("x-" + id).cloneNode(true);
      copy.removeAttribute("id");
      tip.appendChild(copy);
    });
    tip.hidden = false;
    var r = seg.getBoundingClientRect();
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var left = Math.max(4, Math.min(r.left, document.documentElement.clientWidth - width - 4));
    var top = r.bottom + 6;
    if (top + height > window.innerHeight && r.top - height - 6 > 0) {
      top = r.top - height - 6;
    }
    tip.style.left = (window.scrollX + left) + "px";
    tip.style.top = (window.scrollY + top) + "px";
    current = seg;
  }

  /* aligned sentences */
  var active = null;
  function deactivate() {
    if (active === null) {
      return;
    }
    active.classList.remove("active");
    columns.querySelectorAll(".sent.linked").forEach(function (s) { s.classList.remove("linked"); });
    active = null;
  }
  function activate(sent) {
    if (sent === active) {
      return;
    }
    deactivate();
    if (sent === null || !sent.hasAttribute("data-partners")) {
      return;
    }
    active = sent;
    sent.classList.add("active");
    words(sent.getAttribute("data-partners")).forEach(function (id) {
      var partner = document.getElementById(id);
      if (partner !== null) {
        partner.classList.add("linked");
      }
    });
  }

  function enter(event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target === null) {
      return;
    }
    var seg = target.closest(".seg[data-spans]");
    if (seg !== null && columns.contains(seg)) {
      showTip(seg);
    } else if (event.type === "focusin") {
      hideTip();
    }
    activate(target.closest(".sent"));
  }
  function leave(event) {
    var to = event.relatedTarget instanceof Element ? event.relatedTarget : null;
    if (current !== null && (to === null || !current.contains(to)) && to !== tip &&
        !(to !== null && tip.contains(to))) {
      hideTip();
    }
    if (active !== null && (to === null || !active.contains(to))) {
      deactivate();
    }
  }
  columns.addEventListener("mouseover", enter);
  columns.addEventListener("focusin", enter);
  columns.addEventListener("mouseout", leave);
  columns.addEventListener("focusout", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideTip();
    }
  });

  /* evidence links: outline every piece of the spans that start at the target */
  function flash() {
    columns.querySelectorAll(".seg.flash").forEach(function (s) { s.classList.remove("flash"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target === null || !target.classList.contains("seg")) {
      return;
    }
    var starts = words(target.getAttribute("data-starts"));
    columns.querySelectorAll(".seg[data-spans]").forEach(function (s) {
      var covers = words(s.getAttribute("data-spans"));
      if (starts.some(function (k) { return covers.indexOf(k) !== -1; })) {
        s.classList.add("flash");
      }
    });
  }
  window.addEventListener("hashchange", flash);
  flash();

  /* feature table: families only until asked (without script every row shows) */
  var rates = document.getElementById("rates");
  var showCats = document.getElementById("show-categories");
  if (rates && showCats) {
    rates.classList.add("cats-hidden");
    document.getElementById("categories-toggle").hidden = false;
    showCats.addEventListener("change", function () {
      rates.classList.toggle("cats-hidden", !showCats.checked);
    });
  }

  /* printing: open the legend and every "N more" evidence list, as they were after */
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(
      document.querySelectorAll("details"), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  /* rate bars */
  document.querySelectorAll(".bar-ci").forEach(function (bar) {
    var lo = parseFloat(bar.getAttribute("data-lo")) || 0;
    var hi = parseFloat(bar.getAttribute("data-hi")) || 0;
    bar.style.left = lo + "%";
    bar.style.width = Math.max(hi - lo, 0.5) + "%";
  });
  document.querySelectorAll(".bar-rate").forEach(function (mark) {
    mark.style.left = (parseFloat(mark.getAttribute("data-at")) || 0) + "%";
  });
}());
