// Small hand-drawn SVG bar charts: no library, nothing fetched from outside.
window.DvkCharts = (function () {
  const NS = "http://www.w3.org/2000/svg";
  function node(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }

  // Horizontal bars: [{label, value}]
  function hbars(svg, items, colors) {
    clear(svg);
    const max = Math.max(1, ...items.map(i => i.value));
    const rowH = 200 / Math.max(items.length, 1);
    items.forEach((item, i) => {
      const y = i * rowH + 6, w = Math.round(220 * item.value / max);
      svg.appendChild(node("text", { x: 0, y: y + rowH / 2, class: "label", "dominant-baseline": "middle" }, item.label));
      svg.appendChild(node("rect", { x: 160, y: y + 4, width: Math.max(w, 1), height: rowH - 16, rx: 3, fill: colors[i % colors.length] }));
      svg.appendChild(node("text", { x: 166 + w, y: y + rowH / 2, class: "value", "dominant-baseline": "middle" }, item.value.toLocaleString()));
    });
  }

  // Vertical bars by year: [{label, value}]
  function vbars(svg, items, color) {
    clear(svg);
    if (items.length === 0) {
      svg.appendChild(node("text", { x: 210, y: 100, class: "label", "text-anchor": "middle" }, "—"));
      return;
    }
    const max = Math.max(1, ...items.map(i => i.value));
    const slot = 400 / items.length, bw = Math.max(2, Math.min(36, slot - 4));
    items.forEach((item, i) => {
      const h = Math.round(150 * item.value / max), x = 10 + i * slot + (slot - bw) / 2;
      svg.appendChild(node("rect", { x, y: 170 - h, width: bw, height: Math.max(h, 1), rx: 2, fill: color }));
      if (items.length <= 20 || i % 2 === 0) svg.appendChild(node("text", { x: x + bw / 2, y: 186, class: "axis", "text-anchor": "middle" }, item.label));
      svg.appendChild(node("text", { x: x + bw / 2, y: 165 - h, class: "value", "text-anchor": "middle" }, item.value));
    });
  }
  return { hbars, vbars };
})();
