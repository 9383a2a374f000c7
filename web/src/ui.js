// Tiny DOM helpers and SVG charts (no UI library: the page stays small).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
export function card(title, ...body) {
  return h("div", { class: "card" }, h("h3", {}, title), ...body);
}
export function dl(pairs, testid) {
  return h("dl", { "data-testid": testid }, pairs.map(([k, v, id]) => [h("dt", {}, k), h("dd", { "data-testid": id }, v)]));
}
export function field(label, input) {
  return h("label", {}, label, input);
}

const NS = "http://www.w3.org/2000/svg";
function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

// Grouped bars: labels[i] on the x axis, series = [{name, color, values[]}]; unit for the y label.
export function barChart({ labels, series, unit, testid }) {
  const W = 600, H = 170, L = 40, B = 22, T = 8;
  const max = Math.max(1e-9, ...series.flatMap((x) => x.values));
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "data-testid": testid, "aria-label": `${series.map((x) => x.name).join(", ")} per slot (${unit})` });
  const group = (W - L) / Math.max(1, labels.length);
  const bw = Math.max(2, (group - 6) / series.length);
  labels.forEach((lab, i) => {
    series.forEach((ser, j) => {
      const v = ser.values[i] || 0;
      const hgt = ((H - B - T) * v) / max;
      const r = s("rect", { x: L + i * group + 3 + j * bw, y: H - B - hgt, width: bw - 1, height: hgt, fill: ser.color });
      r.append(s("title", {}, `${lab} ${ser.name}: ${v.toFixed(3)} ${unit}`));
      svg.append(r);
    });
    if (i % Math.ceil(labels.length / 6) === 0) svg.append(s("text", { x: L + i * group + 2, y: H - 6 }, lab));
  });
  svg.append(s("text", { x: 2, y: T + 8 }, `${max.toFixed(2)}`), s("text", { x: 2, y: H - B }, `0 ${unit}`));
  return svg;
}

// A line of points (e.g. clearing prices); null values leave gaps.
export function lineChart({ labels, values, unit, color = "#0b7a53", testid }) {
  const W = 600, H = 170, L = 40, B = 22, T = 8;
  const present = values.filter((v) => v !== null);
  const max = Math.max(1e-9, ...present), min = Math.min(max, ...present);
  const span = max - min || max;
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "data-testid": testid, "aria-label": `clearing price per slot (${unit})` });
  const x = (i) => L + ((W - L - 10) * i) / Math.max(1, labels.length - 1);
  const y = (v) => H - B - ((H - B - T) * (v - (min - span * 0.1))) / (span * 1.2);
  values.forEach((v, i) => {
    if (v === null) return;
    const c = s("circle", { cx: x(i), cy: y(v), r: 4, fill: color });
    c.append(s("title", {}, `${labels[i]}: ${v.toFixed(3)} ${unit}`));
    svg.append(c);
  });
  labels.forEach((lab, i) => { if (i % Math.ceil(labels.length / 6) === 0) svg.append(s("text", { x: x(i) - 12, y: H - 6 }, lab)); });
  if (present.length) svg.append(s("text", { x: 2, y: T + 8 }, max.toFixed(3)), s("text", { x: 2, y: H - B }, min.toFixed(3)));
  svg.append(s("text", { x: W - 70, y: T + 8 }, unit));
  return svg;
}
export function legend(series) {
  return h("div", { class: "legend" }, series.map((x) => h("span", {}, h("i", { style: `background:${x.color}` }), x.name)));
}
