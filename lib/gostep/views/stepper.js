// gostep stepper: the controls both players share (views/export.py inlines this file in the
// kernel-free page; widgets/player.py puts it in front of the widget's ES module). It builds the
// bar (first, back, forward, last, play/pause, speed, slider, position), the "jump to" bar (the
// previous / next step of a kind, found in a one-letter-per-step `marks` string), an optional
// "whole file" toggle, and binds the keys while the player has the focus: Left/Right one step,
// PageUp/PageDown ten, Home/End, Space plays. It knows nothing about frames: the host paints.
//
// host: { n(), marks(), interval(), setInterval(ms), paint(k), moved(k), posText(k),
//         whole: optional { get(), toggle() } }
// returns { go(k, quiet), refresh(), setPlay(on), cur() }
function gsxStepper(root, bars, host) {
  const JUMPS = [["t", "timer fire"], ["p", "park"], ["x", "preemption"], ["s", "sysmon tick"]];
  const h = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const bar = h("div", { class: "bar" });
  const b = (cls, text, title) => { const x = h("button", { class: cls, title }, text);
                                    bar.appendChild(x); return x; };
  const first = b("first", "|◀", "first step"), back = b("back", "◀", "back one step");
  const fwd = b("fwd", "▶", "forward one step"), last = b("last", "▶|", "last step");
  const play = b("play", "▶ play", "play / pause (Space)");
  const speed = h("select", { class: "speed", title: "speed" });
  for (const [lab, ms] of [["0.25x", 1600], ["0.5x", 800], ["1x", 400], ["2x", 200], ["4x", 100],
                           ["8x", 50]]) speed.appendChild(h("option", { value: String(ms) }, lab));
  bar.appendChild(speed);
  const range = h("input", { type: "range", min: "0", step: "1", value: "0", "aria-label": "step" });
  bar.appendChild(range);
  const pos = h("span", { class: "pos" });
  bar.appendChild(pos);
  const jumps = h("div", { class: "bar jumps" });
  jumps.appendChild(h("span", { class: "help" }, "jump to:"));
  const jumpButtons = [];
  for (const [code, label] of JUMPS) {
    const grp = h("span", { class: "grp" });
    const p = h("button", { class: "jprev", title: "previous " + label }, "◀");
    const nx = h("button", { class: "jnext", title: "next " + label }, label + " ▶");
    p.onclick = () => jump(code, -1);
    nx.onclick = () => jump(code, 1);
    grp.append(p, nx);
    jumps.appendChild(grp);
    jumpButtons.push([code, p, nx]);
  }
  let whole = null;
  if (host.whole) {
    jumps.appendChild(h("span", { class: "help", style: "margin-left:12px" }, "code:"));
    whole = h("button", { class: "whole", title: "show every line of the Go source, not a window",
                          "aria-pressed": "false" }, "whole file");
    whole.onclick = () => host.whole.toggle();
    jumps.appendChild(whole);
  }
  bars.append(bar, jumps);

  let cur = 0, timer = null;
  const N = () => host.n();
  function target(code, k, dir) {
    const m = host.marks();
    for (let j = k + dir; j >= 0 && j < m.length; j += dir) if (m[j] === code) return j;
    return null;
  }
  function refresh() {
    const n = N();
    range.max = String(Math.max(n - 1, 0));
    range.value = String(cur);
    pos.textContent = host.posText(cur);
    first.disabled = back.disabled = cur <= 0;
    fwd.disabled = last.disabled = cur >= n - 1;
    jumps.style.display = host.marks() ? "" : (whole ? "" : "none");
    for (const [code, p, nx] of jumpButtons) {
      p.disabled = target(code, cur, -1) === null;
      nx.disabled = target(code, cur, 1) === null;
    }
    if (whole) {
      whole.setAttribute("aria-pressed", host.whole.get() ? "true" : "false");
      whole.classList.toggle("on", !!host.whole.get());
    }
    speed.value = String(host.interval());
  }
  // Move the cursor: the host paints (from what it holds), the controls follow, then the host
  // hears of the move (quiet: the move came from the host itself).
  function go(k, quiet) {
    const n = N();
    if (!n) return;
    cur = Math.max(0, Math.min(n - 1, k | 0));
    host.paint(cur);
    refresh();
    if (!quiet) host.moved(cur);
  }
  function jump(code, dir) { const j = target(code, cur, dir); if (j !== null) go(j); }
  function setPlay(on) {
    if (timer) { clearInterval(timer); timer = null; }
    if (on) {
      if (cur >= N() - 1) go(0);
      timer = setInterval(() => { if (cur >= N() - 1) setPlay(false); else go(cur + 1); },
                          host.interval());
    }
    play.textContent = timer ? "⏸ pause" : "▶ play";
  }
  first.onclick = () => go(0);
  back.onclick = () => go(cur - 1);
  fwd.onclick = () => go(cur + 1);
  last.onclick = () => go(N() - 1);
  play.onclick = () => setPlay(!timer);
  range.oninput = () => go(+range.value);
  speed.onchange = () => { host.setInterval(+speed.value); if (timer) setPlay(true); };
  root.addEventListener("keydown", (e) => {
    if (e.target.tagName === "SELECT") return;
    const k = { ArrowRight: cur + 1, ArrowLeft: cur - 1, PageDown: cur + 10, PageUp: cur - 10,
                Home: 0, End: N() - 1 }[e.key];
    if (k !== undefined) go(k);
    else if (e.key === " " && e.target === root) setPlay(!timer);
    else return;
    e.preventDefault(); e.stopPropagation();
  });
  return { go, refresh, setPlay, cur: () => cur, playing: () => timer !== null };
}
