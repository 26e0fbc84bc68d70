// gostep player, the browser half: a cache of frames the kernel sent ahead, painted on a click.
//
// Python puts views/stepper.js (gsxStepper: the controls, keys and play loop shared with the
// kernel-free page) in front of this file; together they are the widget's ES module. The kernel
// renders each step's frame as one HTML string (player.py `_view_html`: narration, SVG, code
// window, stdout and outcome) and sends them in custom messages; this module keeps them in an LRU
// map, paints a cached one at once on a click, then tells the kernel the new step (`step` trait).
// See the design block of widgets/player.py for the protocol and the numbers.

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "gsx gostep-stepper";
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true");   // JupyterLab: keys stay here
  root.setAttribute("aria-label", "step-through player");
  const bars = document.createElement("div");
  const view = document.createElement("div");
  view.className = "gostep-view";
  view.setAttribute("aria-live", "polite");
  root.append(bars, view);
  el.appendChild(root);

  // --- the frame cache: key "gen:whole:step" -> HTML, most recently used last ---------------
  const cache = new Map();     // bounded by count (cache_size) and by characters (cache_chars)
  const inflight = new Set();
  let shown = null, pending = null, chars = 0, seen = 0, seenChars = 0, filling = null;
  let lastMove = 0, fillTimer = null;
  const N = () => model.get("n");
  const key = (k) => model.get("gen") + ":" + (model.get("whole") ? 1 : 0) + ":" + k;
  function put(k, html) {
    const old = cache.get(k);
    if (old !== undefined) { chars -= old.length; cache.delete(k); }
    cache.set(k, html); chars += html.length;
    const max = model.get("cache_size"), maxChars = model.get("cache_chars");
    while (cache.size > 1 && (cache.size > max || chars > maxChars)) {
      const [k0, v0] = cache.entries().next().value;
      if (k0 === key(st.cur())) { cache.delete(k0); cache.set(k0, v0); continue; }  // keep shown
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

  function send(steps, urgent) {
    model.send({ type: "want", gen: model.get("gen"), whole: model.get("whole"), steps, urgent });
  }
  // Ask the kernel for the frames around k that the page lacks. When k itself is missing, ask for
  // it alone ("urgent") and for its window only after it is painted: measured in chapter 2, a
  // window of 32 frames (~800 kB) arriving behind it held the paint back by 50-140 ms.
  function prefetch(k) {
    const n = N(), w = model.get("window");
    if (!n) return;
    if (!cache.has(key(k))) {
      if (!inflight.has(key(k))) { inflight.add(key(k)); send([k], true); }
      return;
    }
    // Big frames (a thousand goroutines: 1-2 MB each) shrink the window so that it fills at most
    // a quarter of the cache's characters, and drop the jump targets and the ends.
    const avg = seen ? seenChars / seen : 0;
    const fit = avg ? Math.floor(model.get("cache_chars") / (8 * avg)) : w;
    const want = [];
    for (let d = 1; d <= Math.min(w, Math.max(fit, 1)); d++) want.push(k + d, k - d);
    if (fit >= w) {
      const m = model.get("marks");
      for (const code of new Set(m.replace(/\./g, "")))
        for (const dir of [1, -1])
          for (let j = k + dir; j >= 0 && j < m.length; j += dir)
            if (m[j] === code) { want.push(j); break; }
      want.push(0, n - 1);
    }
    const steps = [];
    for (const j of want) {
      if (j < 0 || j >= n) continue;
      const kk = key(j);
      if (cache.has(kk) || inflight.has(kk)) continue;
      inflight.add(kk); steps.push(j);
    }
    if (steps.length) send(steps, false);
  }

  // A short trace (at most `fill` steps, and all of it within 60% of the cache) is fetched whole in
  // the background, 8 frames at a time nearest the cursor first, one request in flight
  // and a pause between; it waits while the reader is clicking (its messages would compete with
  // the clicks' paints). After a few seconds a slider drag anywhere paints from the page.
  function fill() {
    fillTimer = null;
    const idle = performance.now() - lastMove;
    if (idle < 500) { fillTimer = setTimeout(fill, 520 - idle); return; }
    const n = N(), avg = seen ? seenChars / seen : 0;
    if (filling !== null || pending !== null || !n || n > model.get("fill") || !avg ||
        n > model.get("cache_size") || avg * n > 0.6 * model.get("cache_chars")) return;
    const c = st.cur(), steps = [];
    for (let d = 0; d < n && steps.length < 8; d++)
      for (const j of d ? [c + d, c - d] : [c]) {
        if (j < 0 || j >= n || steps.length >= 8) continue;
        const kk = key(j);
        if (!cache.has(kk) && !inflight.has(kk)) { inflight.add(kk); steps.push(j); }
      }
    if (!steps.length) return;
    filling = steps.map(key);
    send(steps, false);
  }

  function paint(k) {
    const html = get(key(k));
    if (html === undefined) { view.classList.add("gsx-loading"); pending = k; return; }
    if (shown !== key(k)) { view.innerHTML = html; shown = key(k); }
    view.classList.remove("gsx-loading"); pending = null;
  }

  const st = gsxStepper(root, bars, {
    n: N,
    marks: () => model.get("marks"),
    interval: () => model.get("interval"),
    setInterval: (ms) => { model.set("interval", ms); model.save_changes(); },
    paint,
    moved: (k) => {              // a missing frame's request goes out before the step
      lastMove = performance.now();
      prefetch(k);
      if (model.get("step") !== k) { model.set("step", k); model.save_changes(); }
    },
    posText: (k) => "step " + k + " / " + Math.max(N() - 1, 0),
    whole: model.get("has_code") ? {
      get: () => model.get("whole"),
      toggle: () => { model.set("whole", !model.get("whole")); model.save_changes(); } } : null,
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
      seen += 1; seenChars += html.length;
      if (msg.gen === model.get("gen")) put(kk, html);
    }
    if (pending !== null) {
      paint(pending);
      if (pending === null)    // painted: now the window around it, once the browser has drawn
        requestAnimationFrame(() => setTimeout(() => prefetch(st.cur()), 0));
    }
    if (filling !== null && filling.every((kk) => !inflight.has(kk))) filling = null;
    if (filling === null && fillTimer === null) fillTimer = setTimeout(fill, 60);
  }
  function follow(k) { st.go(k, true); prefetch(st.cur()); }   // a move the page did not make
  function reset() {            // a new trace (what-if) or a new code mode: the old frames are stale
    inflight.clear(); shown = null; filling = null;
    follow(model.get("step"));
  }
  const onStep = () => { if (model.get("step") !== st.cur()) follow(model.get("step")); };
  const onInterval = () => { st.refresh(); if (st.playing()) st.setPlay(true); };
  const onGen = () => { cache.clear(); chars = 0; filling = null; useSeed(); reset(); };
  const listeners = [["msg:custom", onMsg], ["change:step", onStep], ["change:gen", onGen],
                     ["change:whole", reset], ["change:n", reset], ["change:interval", onInterval]];
  for (const [ev, fn] of listeners) model.on(ev, fn);
  useSeed();
  follow(model.get("step"));
  return () => {               // the view is removed: stop playing, drop the listeners
    st.setPlay(false);
    if (fillTimer !== null) clearTimeout(fillTimer);
    for (const [ev, fn] of listeners) model.off(ev, fn);
  };
}

export default { render };
