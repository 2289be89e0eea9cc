/* tweetguard pages: the little the server cannot do. Everything works without it except
   the live check, the in-place highlight and "apply fix". */
(function () {
  "use strict";
  window.tgTimings = [];
  var lastInput = null;

  function editor() { return document.getElementById("text"); }

  function syncScroll() {
    var ta = editor(), bd = document.getElementById("backdrop");
    if (ta && bd) { bd.scrollTop = ta.scrollTop; bd.scrollLeft = ta.scrollLeft; }
  }

  function units(s) { return s.length; } /* JavaScript strings count UTF-16 code units */

  document.addEventListener("input", function (e) {
    if (e.target && e.target.id === "text") { lastInput = performance.now(); }
  });
  document.addEventListener("scroll", function (e) {
    if (e.target && e.target.id === "text") { syncScroll(); }
  }, true);

  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail && e.detail.target;
    if (!target || target.id !== "results") { return; }
    syncScroll();
    if (lastInput !== null) {
      var ms = performance.now() - lastInput;
      window.tgTimings.push(ms);
      target.dataset.latency = ms.toFixed(1);
      lastInput = null;
    }
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.apply");
    if (button) {
      var ta = editor();
      if (!ta) { return; }
      /* Only when the text is still the one that was checked. */
      if (units(ta.value) === Number(button.dataset.units)) {
        ta.setRangeText(button.dataset.text, Number(button.dataset.start),
                        Number(button.dataset.end), "end");
      }
      ta.focus();
      ta.dispatchEvent(new Event("input", { bubbles: true }));
      return;
    }
    var remove = e.target.closest && e.target.closest("button.remove-media");
    if (remove) {
      var status = document.getElementById("media-status");
      var file = document.getElementById("image");
      if (status) { status.innerHTML = ""; }
      if (file) { file.value = ""; file.focus(); }
      if (window.htmx) { window.htmx.trigger("#check-form", "recheck"); }
    }
  });

  function mark(li, on) {
    var n = li.id.replace("finding-", "");
    document.querySelectorAll("#backdrop mark").forEach(function (m) {
      if ((" " + m.dataset.refs + " ").indexOf(" " + n + " ") >= 0) {
        m.classList.toggle("focus", on);
      }
    });
  }
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var li = e.target.closest && e.target.closest("li.finding");
      if (li) { mark(li, true); }
    });
  });
  ["focusout", "mouseout"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var li = e.target.closest && e.target.closest("li.finding");
      if (li) { mark(li, false); }
    });
  });
})();
