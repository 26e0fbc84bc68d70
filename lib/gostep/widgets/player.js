// gostep player: the stepping controls, run in the browser on frames the browser already has.
//
// The kernel renders each step's frame as one HTML string (player.py `_view_html`: narration, SVG,
// code window, stdout and outcome) and sends windows of them as custom messages; this module keeps
// them in an LRU map and paints a cached one at once on a click, then tells the kernel the new
// step (`step` trait). See the design block of player.py for the protocol and the numbers.
//
// Shared with the kernel-free page (views/export.py): the CSS (`.gsx` classes), the button set and
// titles, the keys (Left/Right, PageUp/PageDown, Home/End, Space) and the play loop.

const KEYS = { t: "timer fire", p: "park", x: "preemption", s: "sysmon tick" };

function h(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function render({ model, el }) {
  const root = h("div", { class: "gsx gostep-stepper", tabindex: "0",
                          "data-lm-suppress-shortcuts": "true",
                          "aria-label": "step-through player" });
  const bar = h("div", { class: "bar" });
  const b = (cls, text, title) => { const x = h("button", { class: cls, title }, text);
                                    bar.appendChild(x); return x; };
  const first = b("first", "|◀", "first step"), back = b("back", "◀", "back one step");
  const fwd = b("fwd", "▶", "forward one step"), last = b("last", "▶|", "last step");
  const play = b("play", "▶ play", "play / pause (Space)");
  play.style.minWidth = "80px";
  const speed = h("select", { class: "speed", title: "speed" });
  for (const [lab, ms] of [["0.25x", 1600], ["0.5x", 800], ["1x", 400], ["2x", 200], ["4x", 100],
                           ["8x", 50]]) speed.appendChild(h("option", { value: String(ms) }, lab));
  bar.appendChild(speed);
  const range = h("input", { type: "range", min: "0", step: "1", value: "0", "aria-label": "step" });
  bar.appendChild(range);
  const pos = h("span", { class: "pos", "aria-live": "off" });
  bar.appendChild(pos);
  const jumps = h("div", { class: "bar jumps" });
  jumps.appendChild(h("span", { class: "help" }, "jump to:"));
  const jumpButtons = [];
  for (const [code, label] of Object.entries(KEYS)) {
    const grp = h("span", { class: "grp" });
    const p = h("button", { class: "jprev", title: "previous " + label }, "◀");
    const n = h("button", { class: "jnext", title: "next " + label }, label + " ▶");
    p.onclick = () => jump(code, -1);
    n.onclick = () => jump(code, 1);
    grp.append(p, n);
    jumps.appendChild(grp);
    jumpButtons.push([code, p, n]);
  }
  jumps.appendChild(h("span", { class: "help", style: "margin-left:12px" }, "code:"));
  const whole = h("button", { class: "whole", title: "show every line of the Go source, not a window",
                              "aria-pressed": "false" }, "whole file");
  jumps.appendChild(whole);
  const view = h("div", { class: "gostep-view", "aria-live": "polite" });
  root.append(bar, jumps, view);
  el.appendChild(root);

  // --- the frame cache: key "gen:whole:step" -> HTML, most recently used last ---------------
  const cache = new Map();     // bounded by count (cache_size) and by characters (cache_chars)
  const inflight = new Set();
  let cur = model.get("step"), shown = null, pending = null, timer = null, chars = 0;
  const N = () => model.get("n");
  const key = (k) => model.get("gen") + ":" + (model.get("whole") ? 1 : 0) + ":" + k;
  function put(k, html) {
    const old = cache.get(k);
    if (old !== undefined) { chars -= old.length; cache.delete(k); }
    cache.set(k, html); chars += html.length;
    const max = model.get("cache_size"), maxChars = model.get("cache_chars");
    while (cache.size > 1 && (cache.size > max || chars > maxChars)) {
      const [k0, v0] = cache.entries().next().value;
      if (k0 === key(cur)) { cache.delete(k0); cache.set(k0, v0); continue; }   // keep the shown one
      cache.delete(k0); chars -= v0.length;
    }
  }
  function get(k) {
    const v = cache.get(k);
    if (v !== undefined) { cache.delete(k); cache.set(k, v); }
    return v;
  }

  function useSeed() {          // the frame the player opened on, carried in the widget's state
    const s = model.get("seed");
    if (s && s.html) put(s.gen + ":" + (s.whole ? 1 : 0) + ":" + s.step, s.html);
  }

  function target(code, k, dir) {
    const m = model.get("marks");
    for (let j = k + dir; j >= 0 && j < m.length; j += dir) if (m[j] === code) return j;
    return null;
  }

  // Ask the kernel for the frames around k that the page lacks. When k itself is missing, ask for
  // it alone ("urgent") and for its window only after it is painted: measured in chapter 2, a
  // window of 32 frames (~800 kB) arriving behind it held the paint back by 50-140 ms.
  function prefetch(k) {
    const n = N(), w = model.get("window");
    if (!n) return;
    if (!cache.has(key(k))) {
      const kk = key(k);
      if (!inflight.has(kk)) {
        inflight.add(kk);
        model.send({ type: "want", gen: model.get("gen"), whole: model.get("whole"), steps: [k],
                     urgent: true });
      }
      return;
    }
    const want = [k];
    for (let d = 1; d <= w; d++) { want.push(k + d); want.push(k - d); }
    for (const code of Object.keys(KEYS))
      for (const dir of [1, -1]) { const j = target(code, k, dir); if (j !== null) want.push(j); }
    want.push(0, n - 1);
    const steps = [];
    for (const j of want) {
      if (j < 0 || j >= n) continue;
      const kk = key(j);
      if (cache.has(kk) || inflight.has(kk)) continue;
      inflight.add(kk); steps.push(j);
    }
    if (steps.length)
      model.send({ type: "want", gen: model.get("gen"), whole: model.get("whole"), steps,
                   urgent: false });
  }

  function paint() {
    const html = get(key(cur));
    if (html === undefined) { view.classList.add("gsx-loading"); pending = cur; return; }
    if (shown !== key(cur)) { view.innerHTML = html; shown = key(cur); }
    view.classList.remove("gsx-loading"); pending = null;
  }

  function controls() {
    const n = N();
    range.max = String(Math.max(n - 1, 0));
    range.value = String(cur);
    pos.textContent = "step " + cur + " / " + Math.max(n - 1, 0);
    first.disabled = back.disabled = cur <= 0;
    fwd.disabled = last.disabled = cur >= n - 1;
    for (const [code, p, nx] of jumpButtons) {
      p.disabled = target(code, cur, -1) === null;
      nx.disabled = target(code, cur, 1) === null;
    }
    whole.setAttribute("aria-pressed", model.get("whole") ? "true" : "false");
    whole.classList.toggle("on", !!model.get("whole"));
  }

  // Move the cursor: paint (from the cache when the frame is here), then tell the kernel.
  function go(k, fromKernel) {
    const n = N();
    if (!n) return;
    k = Math.max(0, Math.min(n - 1, k | 0));
    cur = k;
    paint();
    controls();
    prefetch(k);               // before the step: a missing frame's request goes out first
    if (!fromKernel && model.get("step") !== k) { model.set("step", k); model.save_changes(); }
  }

  function jump(code, dir) { const j = target(code, cur, dir); if (j !== null) go(j); }

  function setPlay(on) {
    if (timer) { clearInterval(timer); timer = null; }
    if (on) {
      if (cur >= N() - 1) go(0);
      timer = setInterval(() => { if (cur >= N() - 1) setPlay(false); else go(cur + 1); },
                          model.get("interval"));
    }
    play.textContent = timer ? "⏸ pause" : "▶ play";
  }

  first.onclick = () => go(0);
  back.onclick = () => go(cur - 1);
  fwd.onclick = () => go(cur + 1);
  last.onclick = () => go(N() - 1);
  play.onclick = () => setPlay(!timer);
  range.oninput = () => go(+range.value);
  speed.value = String(model.get("interval"));
  speed.onchange = () => { model.set("interval", +speed.value); model.save_changes(); };
  whole.onclick = () => { model.set("whole", !model.get("whole")); model.save_changes(); };
  root.addEventListener("keydown", (e) => {
    if (e.target.tagName === "SELECT" || e.target.tagName === "INPUT" && e.key === " ") return;
    const k = { ArrowRight: cur + 1, ArrowLeft: cur - 1, PageDown: cur + 10, PageUp: cur - 10,
                Home: 0, End: N() - 1 }[e.key];
    if (k !== undefined) go(k);
    else if (e.key === " " && (e.target === root || e.target === play)) setPlay(!timer);
    else return;
    e.preventDefault(); e.stopPropagation();
  });

  // For the browser test: a kernel round trip without rendering, and when each frame message
  // landed (ms since the page loaded), so a slow jump can be split into wire and paint.
  const pongs = [], arrivals = [];
  root.gsxProbe = {
    ping: () => new Promise((res) => { pongs.push([performance.now(), res]);
                                       model.send({ type: "ping" }); }),
    arrivals,
    cached: () => cache.size,
  };

  function onMsg(msg) {
    if (msg && msg.type === "pong" && pongs.length) {
      const [t0, res] = pongs.shift(); res(performance.now() - t0); return;
    }
    if (!msg || msg.type !== "frames") return;
    arrivals.push([performance.now(), msg.frames.map((f) => f[0])]);
    if (arrivals.length > 64) arrivals.shift();
    const w = msg.whole ? 1 : 0;
    for (const [k, html] of msg.frames) {
      const kk = msg.gen + ":" + w + ":" + k;
      inflight.delete(kk);
      if (msg.gen === model.get("gen")) put(kk, html);
    }
    if (pending !== null) {
      paint();
      if (pending === null)    // painted: now the window around it, once the browser has drawn
        requestAnimationFrame(() => setTimeout(() => prefetch(cur), 0));
    }
  }
  function reset() {            // a new trace (what-if) or a new code mode: the old frames are stale
    inflight.clear(); shown = null;
    if (pending === null) pending = cur;
    go(model.get("step"), true);
  }
  const onStep = () => { if (model.get("step") !== cur) go(model.get("step"), true); };
  const onInterval = () => { speed.value = String(model.get("interval")); if (timer) setPlay(true); };
  model.on("msg:custom", onMsg);
  model.on("change:step", onStep);
  const onGen = () => { cache.clear(); chars = 0; useSeed(); reset(); };
  model.on("change:gen", onGen);
  model.on("change:whole", reset);
  model.on("change:n", reset);
  model.on("change:interval", onInterval);
  useSeed();
  go(cur, true);
  return () => {               // the view is removed: stop playing, drop the listeners
    setPlay(false);
    model.off("msg:custom", onMsg);
    model.off("change:step", onStep);
    model.off("change:gen", onGen);
    model.off("change:whole", reset);
    model.off("change:n", reset);
    model.off("change:interval", onInterval);
  };
}

export default { render };
