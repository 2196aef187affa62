// Trunk post-build hook: puts the SHA-256 of every inline <script> of the built index.html
// into its Content-Security-Policy, in place of the TRUNK_INLINE_SCRIPT_HASHES placeholder.
//
// Why: the page's policy allows only scripts from its own origin ('self'), WebAssembly
// compilation ('wasm-unsafe-eval') and the inline module script Trunk writes to start the
// wasm (and, under `trunk serve`, its live-reload script). Those inline scripts name the
// hashed file names and the public URL, so their hash changes with every build: it can only
// be computed here. A static host cannot send nonces, so a hash it is.
// Without this hook the placeholder stays, the policy allows no inline script, and the app
// does not start: it fails closed, never open.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PLACEHOLDER = "TRUNK_INLINE_SCRIPT_HASHES";
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hashes: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
if (!html.includes(PLACEHOLDER)) {
  console.error(`csp-hashes: ${file} has no ${PLACEHOLDER} in its Content-Security-Policy`);
  process.exit(1);
}
const hashes = [];
// Inline scripts only: a <script> with a src attribute is covered by 'self'.
for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
  const attrs = m[1] || "";
  if (/\ssrc\s*=/i.test(attrs)) continue;
  const digest = createHash("sha256").update(m[2], "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}
writeFileSync(file, html.replace(PLACEHOLDER, [...new Set(hashes)].join(" ")));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash in ${file}`);
