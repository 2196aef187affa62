// What a visitor feels, measured in headless Chromium on a release build served by a plain
// static server (node's http module, as `python3 -m http.server` would serve it):
//
//   1. navigation -> first drawn cluster: from the navigation's start (performance.timeOrigin)
//      to the first animation frame after the demo's cluster drawing (svg.cluster with an AZ
//      column) is in the DOM: index.html's static first frame (src/viz/first_frame.rs), or
//      the app's own drawing if the page has none; and navigation -> live cluster, the same
//      for the app's drawing (so compile, instantiate, replay, layout and the first paint's
//      style work all count there), with how far the drawing moved when it replaced the frame;
//   2. rAF frame intervals (p50, p95, max) over PLAY_MS of real time at 60x while the
//      2,000-task scenario (200 `run-task --count 10` Fargate lines over three subnets, whose
//      container runs `sleep 300`) plays: they start, move to their slots, run, and stop;
//      the interval between requestAnimationFrame callbacks includes script, style, layout and
//      paint, which the in-wasm frame benchmark (tests/frame_bench.rs) does not see.
//      A third of the way in (all running) it also reports whether every task chip lies inside
//      the cluster panel's box with nothing to scroll.
//   With `--scenario alb` (issue 13), the tasks are four Fargate services of 500 behind an
//   Application Load Balancer over the three AZs (one listener, one `ip` target group with
//   its default health checks, every 30 s per target), so the play also has the load
//   balancer drawn in front of the tasks, its target counts changing as targets register
//   and turn healthy, and 2,000 targets checked every 30 simulated seconds.
//
// Why chromedriver's HTTP API: it comes with Chromium from apt (no npm package needed), and its
// `goog/cdp/execute` lets the observers be installed before the page's own scripts run.
//
// Usage: node scripts/bench-browser.mjs DIST_DIR [--runs N] [--width W --height H] [--play-ms MS]
//        [--scenario tasks|alb]
//        [--first-only]
// (scripts/bench-browser builds the release bundle and runs this).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dist = path.resolve(args[0] && !args[0].startsWith("--") ? args[0] : "dist");
const RUNS = Number(opt("--runs", "5"));
const WIDTH = Number(opt("--width", "1366"));
const HEIGHT = Number(opt("--height", "768"));
const PLAY_MS = Number(opt("--play-ms", "12000"));
// --first-only: the first-render runs alone (the 60x play takes a minute more).
const FIRST_ONLY = args.includes("--first-only");
const CHROMEDRIVER = process.env.CHROMEDRIVER || "/usr/bin/chromedriver";
const SCENARIO = opt("--scenario", "tasks");
if (!["tasks", "alb"].includes(SCENARIO)) throw new Error(`--scenario tasks|alb, not ${SCENARIO}`);

/** The 2,000-task scenario: 200 lines of ten Fargate tasks over the three default subnets. */
function bigScript() {
  let s =
    "# seed: 1\naws ecs create-cluster --cluster-name big\n" +
    "aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\",\"command\":[\"sleep\",\"300\"]}]'\n" +
    "SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)\n";
  for (let i = 0; i < 200; i++) {
    s += 'aws ecs run-task --cluster big --task-definition f --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}"\n';
  }
  return s;
}

/** Issue 13's: an ALB over the three default subnets, one listener and one `ip` target group
 * (default health checks), and four Fargate services of 500 tasks behind it. */
function albScript() {
  let s =
    "# seed: 1\n" +
    "SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)\n" +
    [0, 1, 2].map((i) => `S${i}=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[${i}].SubnetId' --output text)\n`).join("") +
    "VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)\n" +
    "LB=$(aws elbv2 create-load-balancer --name web --subnets $S0 $S1 $S2 --query 'LoadBalancers[0].LoadBalancerArn' --output text)\n" +
    "TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)\n" +
    "aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG\n" +
    "aws ecs create-cluster --cluster-name big\n" +
    "aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"web\",\"image\":\"nginx\",\"portMappings\":[{\"containerPort\":80}]}]'\n";
  for (let i = 1; i <= 4; i++) {
    s += `aws ecs create-service --cluster big --service-name api-${i} --task-definition web --desired-count 500 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}" --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80\n`;
  }
  return s;
}

function serve(root) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const file = path.join(root, decodeURIComponent(req.url.split(/[?#]/)[0]).replace(/^\/$/, "/index.html"));
      if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function wd(base, method, url, body) {
  const r = await fetch(base + url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const j = await r.json();
  if (j.value && j.value.error) throw new Error(`${method} ${url}: ${j.value.error}: ${j.value.message}`);
  return j.value;
}

// Installed before the page's scripts: marks the first frame after the cluster is drawn,
// and records rAF timestamps once asked to.
const OBSERVER = `
(() => {
  window.__bench = { drawn: null, inDom: null, frames: null, long: [] };
  // Where a long frame's time went (Long Animation Frames: script vs style/layout vs paint).
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (window.__bench.frames && e.duration > 100)
      window.__bench.long.push({ at: e.startTime, d: e.duration, script: e.scripts.reduce((a, s) => a + s.duration, 0),
        style: e.startTime + e.duration - (e.styleAndLayoutStart || e.startTime + e.duration),
        render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
        who: e.scripts.map((s) => s.invoker + ' ' + s.duration.toFixed(0)).join('; ') }); })
      .observe({ type: 'long-animation-frame', buffered: false });
  } catch (e) {}
  // The first drawing may be index.html's static first frame (#first-frame, the demo's
  // cluster drawn at build time); the app's live drawing replaces it, and its time is
  // reported too, with how far the drawing moved when it did.
  const check = () => {
    const b = window.__bench;
    const svg = document.querySelector('svg.cluster');
    if (b.inDom === null && svg && svg.querySelector('.az-col')) {
      b.inDom = performance.now();
      b.staticFrame = !!svg.closest('#first-frame');
      requestAnimationFrame(() => {
        // A frame dropped before it was drawn (the page opens another scenario) is not a
        // drawing: the next one is.
        if (!svg.isConnected) { b.inDom = null; check(); return; }
        b.drawn = performance.now(); b.top = svg.getBoundingClientRect().top;
      });
    }
    if (b.liveInDom === undefined && svg && svg.querySelector('.az-col') && !svg.closest('#first-frame')) {
      b.liveInDom = performance.now();
      requestAnimationFrame(() => { b.live = performance.now(); b.liveTop = svg.getBoundingClientRect().top; });
      return true;
    }
    return false;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true });
  window.__benchRecord = () => {
    window.__bench.frames = [];
    const f = (t) => { window.__bench.frames.push(t); requestAnimationFrame(f); };
    requestAnimationFrame(f);
  };
})();`;

async function session(base) {
  const s = await wd(base, "POST", "/session", {
    capabilities: {
      alwaysMatch: {
        "goog:chromeOptions": {
          args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", `--window-size=${WIDTH},${HEIGHT}`,
            "--disable-background-networking", "--no-first-run", "--disable-extensions"],
        },
      },
    },
  });
  const id = s.sessionId;
  await wd(base, "POST", `/session/${id}/goog/cdp/execute`, {
    cmd: "Page.addScriptToEvaluateOnNewDocument",
    params: { source: OBSERVER },
  });
  return id;
}

const exec = (base, id, script, a = []) => wd(base, "POST", `/session/${id}/execute/sync`, { script, args: a });

async function waitFor(base, id, script, timeoutMs) {
  const t = Date.now();
  for (;;) {
    const v = await exec(base, id, script);
    if (v) return v;
    if (Date.now() - t > timeoutMs) throw new Error(`timed out waiting for: ${script}`);
    await sleep(20);
  }
}

function pct(sorted, p) {
  return sorted[Math.round((sorted.length - 1) * p)];
}

async function firstRender(base, origin) {
  const id = await session(base);
  try {
    await wd(base, "POST", `/session/${id}/url`, { url: origin + "/" });
    const v = await waitFor(base, id, "return window.__bench && window.__bench.drawn", 10000);
    const live = await waitFor(base, id, "return window.__bench && window.__bench.live && [window.__bench.live, window.__bench.staticFrame, window.__bench.liveTop - window.__bench.top]", 10000);
    const nav = await exec(base, id, `const n = performance.getEntriesByType('navigation')[0];
      const r = (name) => performance.getEntriesByType('resource').filter(e => e.name.endsWith(name))[0];
      const w = r('.wasm'), j = r('.js');
      const m = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : null; };
      const fetches = performance.getEntriesByType('resource').filter(e => e.name.endsWith('.wasm')).length;
      const sheets = performance.getEntriesByType('resource').filter(e => e.name.endsWith('.css')).map(e => e.responseEnd);
      const css = sheets.length ? Math.max(...sheets) : null;
      return { domInteractive: n.domInteractive, css, js: j && j.responseEnd, wasm: w && w.responseEnd, fetches,
        inDom: window.__bench.inDom, marks: performance.getEntriesByType('mark').map(e => [e.name, e.startTime]) };`);
    return { drawn: v, live: live[0], staticFrame: live[1], moved: live[2], ...nav };
  } finally {
    await wd(base, "DELETE", `/session/${id}`);
  }
}

async function framesAt60x(base, origin) {
  const id = await session(base);
  try {
    const url = origin + "/#scenario=" + encodeURIComponent(SCENARIO === "alb" ? albScript() : bigScript());
    await wd(base, "POST", `/session/${id}/url`, { url });
    const drawnAt = await waitFor(base, id, "return window.__bench && window.__bench.drawn", 30000);
    // 60x, playing (the page autoplays).
    await exec(base, id, `const s = document.querySelector('label.speed select');
      s.value = '60'; s.dispatchEvent(new Event('change', { bubbles: true })); window.__benchRecord(); return true;`);
    // All 2,000 run by a third of the play (4 s at 60x = 240 s); that is when the drawing is
    // checked. Their containers exit at 300 s (`sleep 300`), so the rest of the play sees
    // them stop and leave.
    await sleep(PLAY_MS / 3);
    const out = await exec(base, id, `
      const panel = document.querySelector('.panel-cluster');
      const pr = panel.getBoundingClientRect();
      // Chips are SVG elements (data-task) or painted on a canvas (data-count); areas too full
      // for chips are counts (data-count). Each must lie inside the panel and the window.
      const out = (r) => r.left < pr.left - 1 || r.right > pr.right + 1 || r.top < pr.top - 1 || r.bottom > pr.bottom + 1 || r.bottom > innerHeight + 1;
      const chips = document.querySelectorAll('svg.cluster [data-task]');
      let outside = 0;
      for (const c of chips) if (out(c.getBoundingClientRect())) outside++;
      let painted = 0;
      for (const c of document.querySelectorAll('.cluster-stage canvas[data-count]')) {
        const n = Number(c.getAttribute('data-count')); painted += n; if (out(c.getBoundingClientRect())) outside += n; }
      const scrollers = [...panel.querySelectorAll('*')].filter(e => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible' && getComputedStyle(e).overflowY !== 'hidden').length;
      const counts = [...document.querySelectorAll('svg.cluster [data-count]')].reduce((a, e) => a + Number(e.getAttribute('data-count')), 0);
      return { long: window.__bench.long, chips: chips.length + painted, counted: counts, outside, scrollers, sideways: document.documentElement.scrollWidth > innerWidth };`);
    await sleep(PLAY_MS - PLAY_MS / 3);
    out.f = await exec(base, id, "const f = window.__bench.frames.slice(); window.__bench.frames = []; return f;");
    out.long = await exec(base, id, "return window.__bench.long;");
    out.live = await exec(base, id, "return document.querySelector('.panel-cluster .muted').textContent;");
    const iv = [];
    for (let i = 1; i < out.f.length; i++) iv.push(out.f[i] - out.f[i - 1]);
    iv.sort((a, b) => a - b);
    for (const l of out.long) console.log(`    long frame at ${l.at.toFixed(0)}: ${l.d.toFixed(0)} ms (script ${l.script.toFixed(0)}, render ${l.render.toFixed(0)} of which style+layout ${l.style.toFixed(0)}) ${l.who}`);
    return { load: drawnAt, live: out.live, n: iv.length, p50: pct(iv, 0.5), p95: pct(iv, 0.95), max: iv[iv.length - 1], chips: out.chips, counted: out.counted, outside: out.outside, scrollers: out.scrollers, sideways: out.sideways };
  } finally {
    await wd(base, "DELETE", `/session/${id}`);
  }
}

const spread = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return `min ${s[0].toFixed(1)}  median ${pct(s, 0.5).toFixed(1)}  max ${s[s.length - 1].toFixed(1)}  (runs: ${xs.map((x) => x.toFixed(1)).join(", ")})`;
};

const server = await serve(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
const port = 9515 + Math.floor(Math.random() * 400);
const driver = spawn(CHROMEDRIVER, [`--port=${port}`], { stdio: "ignore" });
const base = `http://127.0.0.1:${port}`;
try {
  await waitForDriver(base);
  console.log(`bench-browser: ${dist} at ${WIDTH}x${HEIGHT}, ${RUNS} runs, scenario ${SCENARIO}`);
  const first = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await firstRender(base, origin);
    first.push(r);
    console.log(`  first render run ${i + 1}: drawn ${r.drawn.toFixed(1)} ms${r.staticFrame ? " (static first frame)" : ""}, live ${r.live.toFixed(1)} ms` +
      `${r.staticFrame ? ` (drawing moved ${r.moved.toFixed(0)} px)` : ""} (in DOM ${r.inDom.toFixed(1)}; html interactive ${r.domInteractive.toFixed(1)}, css ${r.css === null ? "inline" : r.css.toFixed(1)}, js ${r.js?.toFixed(1)}, wasm ${r.wasm?.toFixed(1)} fetched ${r.fetches}x)` +
      (r.marks.length ? `  marks: ${r.marks.map(([n, t]) => `${n} ${t.toFixed(1)}`).join(", ")}` : ""));
  }
  const frames = [];
  for (let i = 0; i < (FIRST_ONLY ? 0 : RUNS); i++) {
    const r = await framesAt60x(base, origin);
    frames.push(r);
    console.log(`  60x play run ${i + 1}: ${r.n} frames, p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} max ${r.max.toFixed(1)} ms; loaded+drawn at ${r.load.toFixed(0)} ms; ` +
      `at 4 s ${r.chips} chips + ${r.counted} counted, ${r.outside} outside the panel, ${r.scrollers} scrolling boxes, sideways scroll: ${r.sideways}; at the end: ${r.live}`);
  }
  console.log("navigation -> first drawn cluster (ms): " + spread(first.map((r) => r.drawn)));
  console.log("navigation -> live cluster (ms):        " + spread(first.map((r) => r.live)));
  if (!FIRST_ONLY) {
    console.log("60x frame interval p50 (ms):           " + spread(frames.map((r) => r.p50)));
    console.log("60x frame interval p95 (ms):           " + spread(frames.map((r) => r.p95)));
    console.log("60x frame interval max (ms):           " + spread(frames.map((r) => r.max)));
  }
} finally {
  driver.kill();
  server.close();
}

async function waitForDriver(base) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(base + "/status");
      if (r.ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error("chromedriver did not start");
}
