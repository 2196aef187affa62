#!/usr/bin/env node
// Accessibility and layout check of the built page, as a visitor gets it (index.html, its CSS
// and its Content-Security-Policy): serves DIST, drives headless Chromium through chromedriver
// (WebDriver over HTTP, no npm package beyond axe-core), and at 1280x720 and 1920x1080, in the
// normal view and in projector mode, opens every tab, runs axe-core on the whole page and
// checks that no panel (but the cluster drawing's, issue 18's) scrolls sideways and that every
// control is in the tab order. Any axe violation, overflow or unreachable control fails.
//
// Why a script and not tests/web.rs: the browser tests mount the app without index.html, so
// they have neither the stylesheets (colour contrast, overflow) nor the landmarks' page.
//
//   node scripts/a11y.mjs DIST        (scripts/test runs it on target/size-check)
// Environment: CHROMEDRIVER (default /usr/bin/chromedriver), AXE_CORE_JS (default: the copy
// scripts/install puts under ~/.local/ecs-sandbox-tools).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawn } from "node:child_process";

const dist = path.resolve(process.argv[2] || "target/size-check");
const tools = process.env.ECS_SANDBOX_TOOLS || path.join(os.homedir(), ".local/ecs-sandbox-tools");
const axePath = process.env.AXE_CORE_JS || path.join(tools, "axe-core-npm/node_modules/axe-core/axe.min.js");
const driverBin = process.env.CHROMEDRIVER || "/usr/bin/chromedriver";
const axeSource = fs.readFileSync(axePath, "utf8");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  const file = path.join(dist, decodeURIComponent(req.url.split(/[?#]/)[0]).replace(/^\/$/, "/index.html"));
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const site = `http://127.0.0.1:${server.address().port}`;

const driverPort = 9600 + Math.floor(Math.random() * 300);
const driver = spawn(driverBin, [`--port=${driverPort}`], { stdio: "ignore" });
const wd = async (method, url, body) => {
  const r = await fetch(`http://127.0.0.1:${driverPort}${url}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const j = await r.json();
  if (j.value && j.value.error) throw new Error(`${method} ${url}: ${j.value.error}: ${j.value.message}`);
  return j.value;
};
for (let i = 0; i < 50; i++) {
  try {
    await wd("GET", "/status");
    break;
  } catch {
    await sleep(100);
  }
}

// Left out of the check, each with its reason; nothing is.
const EXCLUDED = [];

let failures = 0;
const fail = (msg) => {
  failures++;
  console.log(`  FAIL ${msg}`);
};

async function check(width, height, query) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "a11y-"));
  const session = await wd("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        "goog:chromeOptions": {
          args: ["headless", "no-sandbox", "disable-gpu", "disable-dev-shm-usage", `window-size=${width},${height}`, `user-data-dir=${profile}`],
        },
      },
    },
  });
  const s = `/session/${session.sessionId}`;
  const exec = (script, args = []) => wd("POST", `${s}/execute/sync`, { script, args });
  const execAsync = (script, args = []) => wd("POST", `${s}/execute/async`, { script, args });
  try {
    await wd("POST", `${s}/url`, { url: `${site}/${query}` });
    // The app's own controls: index.html's static first frame (#first-frame) has a header
    // like them until the app mounts and removes it.
    for (let i = 0; i < 100 && !(await exec("return !!document.querySelector('.topbar .controls') && !document.getElementById('first-frame')")); i++) await sleep(100);
    // The demo starts playing: pause it, so every tab is checked on a still world.
    await exec("const b = document.querySelector('.controls button[aria-label=pause], .controls .pause'); if (b) b.click();");
    await exec(axeSource + "\n;return true;");
    // The favicon is there (no 404 in the console of every visit).
    const icon = await exec("const l = document.querySelector('link[rel~=icon]'); return l ? fetch(l.href).then(r => r.status) : 'no <link rel=icon>';");
    if (icon !== 200) fail(`${width}x${height}${query}: favicon: ${icon}`);
    // A subnet's IP map open, and (last) a task's ledger, so they are checked too.
    await exec("const s = document.querySelector('button.subnet'); if (s) s.click();");
    const tabs = await exec("return [...document.querySelectorAll('[role=tab]')].map(t => t.textContent.trim())");
    if (tabs.length === 0) fail(`${width}x${height}${query}: no tabs found`);
    const steps = [...tabs.entries()].map(([i, name]) => [name, `document.querySelectorAll('[role=tab]')[${i}].click()`]);
    steps.push(["Why here? (a task's ledger)", "const e = [...document.querySelectorAll('[role=tab]')].find(t => t.textContent.trim() === 'Events'); e && e.click();"]);
    steps.push(["Why here? (a task's ledger)", "const b = document.querySelector('button[data-task]'); b && b.click();"]);
    // Last (it replaces the demo's world): a lesson open, fetched from the course as a learner
    // opens it (dist/lessons is served with the page), with its hints and solution shown.
    const LESSON_OPEN = "Lessons (lesson 1 open)";
    // The course and the lesson are fetched: each of these steps waits for what it shows.
    steps.push([LESSON_OPEN, "[...document.querySelectorAll('[role=tab]')].find(t => t.textContent.trim() === 'Lessons').click();", ".lessons .course button.lesson-open"]);
    steps.push([LESSON_OPEN, "document.querySelector('button.lesson-open').click();", ".lesson h2"]);
    steps.push([LESSON_OPEN, "for (const b of document.querySelectorAll('.lesson button')) if (/^(Hint|Show solution)/.test(b.textContent.trim())) b.click();", ".lesson pre.solution"]);
    for (const [name, script, waitFor] of steps) {
      await exec(script);
      await sleep(300);
      if (waitFor) {
        let ready = false;
        for (let i = 0; i < 50 && !(ready = await exec(`return !!document.querySelector(${JSON.stringify(waitFor)})`)); i++) await sleep(100);
        if (!ready) fail(`${width}x${height}${query}: ${name}: nothing matches ${waitFor}`);
      }
      const where = `${width}x${height} ${query || "(normal view)"} tab "${name}"`;
      const result = await execAsync(`const EXCLUDED = ${JSON.stringify(EXCLUDED)};` +
        "const done = arguments[0]; axe.run({ exclude: EXCLUDED }, { rules: { 'label-content-name-mismatch': { enabled: true } } }).then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' ')) })))).catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));",
      );
      for (const v of result) {
        fail(`${where}: axe ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes) console.log(`       ${n}`);
      }
      // Nothing may need sideways scrolling: the page itself, and the panels below.
      const wide = await exec(`
        const out = [];
        if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page: ' + document.documentElement.scrollWidth + 'px wide in ' + window.innerWidth);
        // The right-hand panels, the AZ/subnet list and the IP map (the cluster drawing's own
        // layout is issue 18's and checked there).
        for (const el of document.querySelectorAll('.column-right, .column-right *, .panel-network, .panel-network *, .panel-ipmap, .panel-ipmap *')) {
          const st = getComputedStyle(el);
          if (el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(st.overflowX) ) out.push((el.className || el.tagName) + ': ' + el.scrollWidth + 'px of content in ' + el.clientWidth);
        }
        return out.slice(0, 5);`);
      for (const w of wide) fail(`${where}: scrolls sideways: ${w}`);
      // Every control can be reached with Tab: nothing clickable is left out of the tab
      // order (but the tabs the ARIA pattern reaches with arrow keys, and disabled ones).
      const unreachable = await exec(`
        const out = [];
        for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role=button], [role=tab], [onclick]')) {
          if (el.disabled || el.closest('[hidden]') || el.getClientRects().length === 0) continue;
          if (el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') !== 'true') continue;
          if (el.tabIndex < 0) out.push(el.outerHTML.slice(0, 120));
        }
        return out.slice(0, 5);`);
      for (const u of unreachable) fail(`${where}: not reachable by keyboard: ${u}`);
    }
    if (!(await exec("return !!document.querySelector('.lesson h2')"))) fail(`${width}x${height}${query}: no lesson was open at the end`);
    console.log(`  checked ${width}x${height}${query || " (normal view)"}: ${tabs.length} tabs and a lesson`);
  } finally {
    await wd("DELETE", s).catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

try {
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    // A first visit (a fresh profile) opens on the demo, which has something on every tab.
    for (const q of ["", "?projector=1"]) await check(w, h, q);
  }
} catch (e) {
  fail(String(e));
} finally {
  driver.kill();
  server.close();
}
if (failures) {
  console.log(`a11y: ${failures} problem(s)`);
  process.exit(1);
}
console.log("a11y: no axe-core violation and no sideways scrolling on any tab");
