// Run inside the host page: measures every inline figure and writes the
// result as JSON into <pre id="probe-result">, read back from --dump-dom.
(function () {
  const out = { ids: 0, dupes: [], figures: [], titles: [], minText: 1e9, styles: [],
                dark: matchMedia("(prefers-color-scheme: dark)").matches, darkTexts: [] };
  // Relative luminance of a computed "rgb(r, g, b)", 0 (black) to 1.
  const luminance = (c) => {
    const m = /rgba?\((\d+), (\d+), (\d+)/.exec(c);
    if (!m) return 1;
    const l = [m[1], m[2], m[3]].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
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
                       cs.fontSize, cs.opacity, cs.letterSpacing].join(" "));
      if (el.tagName === "text" && el.textContent.trim()) {
        const px = parseFloat(cs.fontSize) * el.getScreenCTM().a;
        if (px < out.minText) out.minText = px;
        if (luminance(cs.fill) < 0.15) out.darkTexts.push(el.textContent.trim() + " " + cs.fill);
      }
    }
  }
  for (const t of document.querySelectorAll("svg title")) out.titles.push(t.textContent);
  const pre = document.createElement("pre");
  pre.id = "probe-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
