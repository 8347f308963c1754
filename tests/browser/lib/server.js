// Start the built Onward binary on a free port with a fresh database and outbox, and stop it.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const ARTIFACTS = path.resolve(__dirname, "..", "artifacts");

function binaryPath() {
  if (process.env.ONWARD_BIN) return path.resolve(process.env.ONWARD_BIN);
  const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, "target");
  return path.join(target, "release", "onward");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Servers this process started, so that none outlives it however the tests end.
const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(origin) {
  try {
    const response = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function startOnce(binary) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onward-browser-"));
  const outbox = path.join(dir, "outbox");
  const log = fs.openSync(path.join(dir, "server.log"), "w");
  const child = spawn(binary, ["serve", "--demo", "--bind", `127.0.0.1:${port}`], {
    cwd: dir,
    env: {
      // None of the caller's own Onward settings (an SMTP server, production mode) may leak in.
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ONWARD_"))),
      DATABASE_URL: `sqlite://${dir}/onward.db?mode=rwc`,
      ONWARD_OUTBOX_DIR: outbox,
      RUST_LOG: process.env.RUST_LOG || "warn",
      NO_COLOR: "1",
    },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  running.add(child);
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = { code, signal };
    running.delete(child);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await healthy(origin)) {
      // Another process on this port would answer too; make sure ours is the one that is up.
      await sleep(200);
      if (!exited) return { origin, port, dir, outbox, child };
      break;
    }
    await sleep(100);
  }
  const output = fs.readFileSync(path.join(dir, "server.log"), "utf8");
  if (!exited) child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
  const how = exited ? `it stopped (${exited.signal || `exit code ${exited.code}`})` : "/health did not answer 200 within 60 s";
  return { failed: `${how}; its output:\n${output || "(none)"}`, addressInUse: /address already in use/i.test(output) };
}

/** Start a server; resolves to { origin, outbox, dir, stop() }. */
async function startServer() {
  const binary = binaryPath();
  if (!fs.existsSync(binary)) {
    throw new Error(`no Onward binary at ${binary}: build it with cargo build --release --bin onward, or set ONWARD_BIN`);
  }
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(binary);
    if (!started.failed) {
      const server = started;
      server.stop = () => stopServer(server);
      return server;
    }
    if (!started.addressInUse || attempt === 5) {
      throw new Error(`the server did not start:\n${started.failed}`);
    }
  }
}

async function stopServer(server) {
  const { child, dir } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  }
  // Keep what the server logged next to the screenshots, named after the test file.
  const name = path.basename(process.argv[1] || "server", ".js");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.copyFileSync(path.join(dir, "server.log"), path.join(ARTIFACTS, `${name}.server.log`));
  fs.rmSync(dir, { recursive: true, force: true });
}

function decodeQuotedPrintable(text) {
  const bytes = Buffer.from(
    text.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );
  return bytes.toString("utf8");
}

function emailsTo(outbox, address) {
  if (!fs.existsSync(outbox)) return [];
  return fs.readdirSync(outbox)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => path.join(outbox, name))
    .filter((file) => new RegExp(`^To:.*\\b${address.replace(/[.@]/g, "\\$&")}\\b`, "mi").test(fs.readFileSync(file, "utf8")));
}

/**
 * Wait for a new sign-in email to `address` (one not in `seen`) and return its code.
 * Take `seen` with `emailsTo` before asking for the code.
 */
async function waitForCode(outbox, address, seen = []) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const fresh = emailsTo(outbox, address).filter((file) => !seen.includes(file));
    for (const file of fresh) {
      const text = decodeQuotedPrintable(fs.readFileSync(file, "utf8"));
      const match = /Your Onward sign-in code is\s+(\d{6})\b/.exec(text);
      if (match) return match[1];
    }
    await sleep(100);
  }
  throw new Error(`no sign-in email to ${address} arrived in ${outbox}`);
}

module.exports = { startServer, emailsTo, waitForCode, binaryPath };
