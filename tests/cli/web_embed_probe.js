// Run inside the host page: measures every inline figure and writes the
// result as JSON into <pre id="probe-result">, read back from --dump-dom.
(function () {
  const out = { ids: 0, dupes: [], figures: [], titles: [], minText: 1e9, styles: [] };
  const seen = new Set();
  for (const el of document.querySelectorAll("[id]")) {
    out.ids++;
    if (seen.has(el.id)) out.dupes.push(el.id);
    seen.add(el.id);
  }
  for (const svg of document.querySelectorAll("svg")) {
    const ref = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const parts = ref.map((id) => document.getElementById(id));
    out.figures.push({
      id: svg.id || (ref[0] || ""),
      own: parts.length > 0 && parts.every((p) => p && svg.contains(p)),
      name: parts.map((p) => (p ? p.textContent : "")).join(" | "),
      ownTitle: (svg.querySelector(":scope > title") || { textContent: "" }).textContent,
    });
    let k = 0;
    for (const el of svg.querySelectorAll("text, path, polygon, ellipse, polyline")) {
      const cs = getComputedStyle(el);
      out.styles.push([k++, el.tagName, cs.fill, cs.stroke, cs.strokeWidth, cs.textTransform,
                       cs.fontSize].join(" "));
      if (el.tagName === "text" && el.textContent.trim()) {
        const px = parseFloat(cs.fontSize) * el.getScreenCTM().a;
        if (px < out.minText) out.minText = px;
      }
    }
  }
  for (const t of document.querySelectorAll("svg title")) out.titles.push(t.textContent);
  const pre = document.createElement("pre");
  pre.id = "probe-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
