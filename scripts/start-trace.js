#!/usr/bin/env node
// `make trace`: where a start's main-thread time goes, from Chromium's performance
// trace (the DevTools protocol through puppeteer-core, which `make test-tools`
// installs with Lighthouse). Each start is a fresh headless Chromium (new profile,
// nothing cached) left to settle for 2 s, as in `make bench`; the page is served as
// is by a static server on a free loopback port, stopped at the end.
//
// For every page it prints, as medians of the runs, each step of the start (the app's
// own `performance.mark`s: main() entered, store opened, mounted, first heading) with
// its wall time, the main thread's busy time (inside its events), the CPU time it
// had (the thread time of those events: on a busy machine a thread inside an event is
// often off the CPU), and the wasm functions V8 compiled lazily on the main thread
// (count and time): the first call of a function compiles it there. With a build that
// keeps function names (`ONBOARD_WASM_NAMES=1 make dist`), it also names the crates
// those compiles were in. Then the main thread's time before main() by trace event
// (each event's own CPU and wall time), beside the floor app's up to its heading.
// The trace itself slows the start
// (compiles take longer traced): compare steps and pages, not these figures with
// `make bench`'s.
//
//   node scripts/start-trace.js [--runs N] [--dist DIR] [--floor DIR] [path ...]
//   (TRACE_SAVE=DIR also writes every trace there, for DevTools' Performance panel)
//   TRACE_RUNS=N TRACE_DIST=DIR TRACE_PATHS="/?lang=en /id/new?lang=en" make trace
//
// Defaults: 5 runs, dist/, the floor app's build (target/floor/dist, `make floor`) at
// "/" when it is there, and the paths "/?lang=en" and "/id/new?lang=en".
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const root = path.resolve(__dirname, '..');
let puppeteer;
try {
  puppeteer = require(path.join(root, 'node_modules', 'puppeteer-core'));
} catch (e) {
  console.error('start-trace: puppeteer-core is missing: run `make test-tools` first');
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const runs = Number(opt('--runs', process.env.TRACE_RUNS || 5));
const dist = path.resolve(opt('--dist', process.env.TRACE_DIST || path.join(root, 'dist')));
const floorDir = path.resolve(opt('--floor', path.join(root, 'target', 'floor', 'dist')));
const envPaths = (process.env.TRACE_PATHS || '').split(/\s+/).filter(Boolean);
const paths = args.length ? args : envPaths.length ? envPaths : ['/?lang=en', '/id/new?lang=en'];
const chrome = process.env.CHROME || '/usr/bin/chromium';
if (!(runs >= 1)) throw new Error('--runs must be at least 1');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`start-trace: ${dist} has no index.html: run \`make dist\` first`);
  process.exit(2);
}

// ---- A static server as the bench's: a route's page file, else 404.html. ----
const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};
function serve(dir) {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(req.url.split('?')[0]);
    const f = path.join(dir, path.normalize(p));
    const isFile = (t) => t.startsWith(dir) && fs.existsSync(t) && fs.statSync(t).isFile();
    let file = [f, `${f}.html`, path.join(f, 'index.html')].find(isFile);
    let status = 200;
    if (!file) {
      status = 404;
      file = isFile(path.join(dir, '404.html')) ? path.join(dir, '404.html') : path.join(dir, 'index.html');
    }
    res.writeHead(status, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---- Function names and body sizes of every module (to name a lazy compile). ----
function leb(b, i) {
  let n = 0, s = 0, x;
  do { x = b[i++]; n += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [n, i];
}
function str(b, i) {
  const [n, j] = leb(b, i);
  return [b.toString('utf8', j, j + n), j + n];
}
function wasmIndex(file) {
  const b = fs.readFileSync(file);
  let i = 8, imported = 0;
  const sizes = [], names = new Map();
  while (i < b.length) {
    const id = b[i++];
    let n;
    [n, i] = leb(b, i);
    const end = i + n;
    if (id === 2) {
      let [count, j] = leb(b, i);
      for (let k = 0; k < count; k++) {
        [, j] = str(b, j);
        [, j] = str(b, j);
        const kind = b[j++];
        if (kind === 0) { [, j] = leb(b, j); imported++; }
        else if (kind === 1) { j++; let fl; [fl, j] = leb(b, j); [, j] = leb(b, j); if (fl & 1) [, j] = leb(b, j); }
        else if (kind === 2) { let fl; [fl, j] = leb(b, j); [, j] = leb(b, j); if (fl & 1) [, j] = leb(b, j); }
        else if (kind === 3) { j += 2; }
        else break;
      }
    } else if (id === 10) {
      let [count, j] = leb(b, i);
      for (let k = 0; k < count; k++) { let s; [s, j] = leb(b, j); sizes.push(s); j += s; }
    } else if (id === 0) {
      let [name, j] = str(b, i);
      if (name === 'name') {
        while (j < end) {
          const sub = b[j++];
          let len;
          [len, j] = leb(b, j);
          if (sub === 1) {
            let [count, k] = leb(b, j);
            for (let c = 0; c < count; c++) { let ix, nm; [ix, k] = leb(b, k); [nm, k] = str(b, k); names.set(ix, nm); }
          }
          j += len;
        }
      }
    }
    i = end;
  }
  return { imported, sizes, names };
}
function modules(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.wasm'))
    .map((f) => ({ file: f, ...wasmIndex(path.join(dir, f)) }));
}
// Which module's function this is: the one whose function at that index has that body
// size (a trace event gives only both numbers).
function nameOf(mods, index, size) {
  for (const m of mods) {
    const k = index - m.imported;
    if (k >= 0 && k < m.sizes.length && m.sizes[k] === size) {
      return { module: m.file.replace(/-[0-9a-f]+\.wasm$/, ''), name: m.names.get(index) };
    }
  }
  return null;
}
function crateOf(name) {
  if (!name) return '(no name)';
  let s = name;
  if (s.startsWith('_ZN')) {
    // Legacy mangling: the first path segment, its escapes decoded.
    const m = /^_ZN(\d+)/.exec(s);
    if (m) s = s.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
    s = s.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
      .replace(/\$RF\$/g, '&').replace(/\.\./g, '::');
  } else if (s.startsWith('_R')) {
    // v0 mangling: the first crate name it carries.
    const m = /C[sI]?[0-9a-zA-Z]*?_(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(s);
    return m ? m[2].slice(0, Number(m[1])) : '(v0)';
  }
  s = s.replace(/^_?<+/, '');
  // `<Type as Trait>`: the type's crate, or the trait's for a bare type parameter.
  const as = /^([^ ]+?) as ([A-Za-z_][A-Za-z0-9_]*)/.exec(s);
  if (as && !as[1].includes('::')) return as[2];
  const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(s);
  return m ? m[1] : s.slice(0, 20);
}

// ---- One traced start. ----
// HEADING is examples/bench.rs's first-heading mark (the app's first h1, once the static
// shell, over the app until then, is gone).
const HEADING = `(() => {
  const seen = () => { const h = document.querySelector('h1');
    if (h && !document.getElementById('boot')) { performance.mark('first-heading'); return true; } return false; };
  const o = new MutationObserver(() => { if (seen()) o.disconnect(); });
  o.observe(document, { childList: true, subtree: true });
})();`;
const CATEGORIES = ['v8.wasm', 'blink.user_timing', 'devtools.timeline', 'toplevel', 'loading'];

async function traceOnce(url, named) {
  const browser = await puppeteer.launch({
    executablePath: chrome, headless: true,
    args: ['--no-sandbox', '--no-first-run', '--no-default-browser-check'],
  });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(HEADING);
    // The compiles' sizes (to name them) only when the build has names: it costs time.
    const detail = named ? ['disabled-by-default-v8.wasm.detailed'] : [];
    await page.tracing.start({ categories: [...CATEGORIES, ...detail] });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => performance.getEntriesByName('first-heading').length > 0,
      { timeout: 30000, polling: 10 });
    await new Promise((r) => setTimeout(r, 200));
    const text = Buffer.from(await page.tracing.stop()).toString('utf8');
    if (process.env.TRACE_SAVE) {
      // Every trace, to open in DevTools' Performance panel.
      fs.mkdirSync(process.env.TRACE_SAVE, { recursive: true });
      const name = `${url.replace(/^https?:\/\/[^/]+\//, '').replace(/[^A-Za-z0-9]+/g, '_') || 'root'}-${Date.now()}.json`;
      fs.writeFileSync(path.join(process.env.TRACE_SAVE, name), text);
    }
    return JSON.parse(text).traceEvents;
  } finally {
    await browser.close();
  }
}

const STEPS = [
  ['navigation', 'to main()', 'onboard-start'],
  ['onboard-start', 'main() to store opened', 'onboard-booted'],
  ['onboard-booted', 'store opened to mounted', 'onboard-ready'],
  ['onboard-ready', 'mounted to first heading', 'first-heading'],
];

function analyse(events, mods) {
  const mark = (n) => events.find((e) => e.name === n && (e.cat || '').includes('user_timing'));
  const heading = mark('first-heading');
  if (!heading) throw new Error('no first-heading mark in the trace');
  const { pid, tid } = heading;
  const nav = events.filter((e) => e.name === 'navigationStart' && e.pid === pid && e.ts <= heading.ts)
    .sort((a, b) => a.ts - b.ts).pop();
  const at = { navigation: nav ? nav.ts : events[0].ts };
  for (const e of events) {
    if ((e.cat || '').includes('user_timing') && e.pid === pid && !(e.name in at)) at[e.name] = e.ts;
  }
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const compiles = main.filter((e) => e.name === 'wasm.CompileBaseline' || e.name === 'wasm.CompileLazy');
  // The main thread's outermost events (they nest: every other event lies inside one).
  // Its busy time in [a, b) is their time there; not only its tasks': a microtask
  // checkpoint can run outside any task's event (the app's start, after the loader's
  // `await`, in some traces), and counting tasks alone missed it. Its CPU time is their
  // thread time (`tdur`), each in proportion to how much of it lies in [a, b): on this
  // 2-core machine the thread is often off the CPU inside an event (other processes, a
  // wait), which busy time counts and this does not.
  const outer = [];
  for (const e of main.filter((x) => x.dur).sort((x, y) => x.ts - y.ts || y.dur - x.dur)) {
    const last = outer[outer.length - 1];
    if (!last || e.ts >= last.ts + last.dur) outer.push(e);
  }
  const within = (e, a, b) => clip(e.ts, e.ts + e.dur, a, b);
  const busyIn = (a, b) => outer.reduce((sum, e) => sum + within(e, a, b), 0) / 1000;
  const cpuIn = (a, b) => outer.reduce((sum, e) =>
    sum + (e.tdur || 0) * within(e, a, b) / e.dur, 0) / 1000;
  // The app's steps, where it marks them.
  const steps = STEPS.filter(([a, , b]) => a in at && b in at);
  const step = (label, t0, t1) => {
    const lazy = compiles.filter((e) => e.name === 'wasm.CompileLazy' && e.ts >= t0 && e.ts < t1);
    const crates = new Map();
    for (const e of compiles) {
      if (e.name !== 'wasm.CompileBaseline' || e.ts < t0 || e.ts >= t1 || !e.args) continue;
      const f = nameOf(mods, e.args.funcIndex, e.args.bodySize);
      const key = f && f.name ? crateOf(f.name) : f ? `(${f.module})` : '(unknown)';
      crates.set(key, (crates.get(key) || 0) + 1);
    }
    return {
      label,
      wall: (t1 - t0) / 1000,
      busy: busyIn(t0, t1),
      cpu: cpuIn(t0, t1),
      lazy: lazy.length,
      lazyMs: lazy.reduce((s, e) => s + clip(e.ts, e.ts + (e.dur || 0), t0, t1), 0) / 1000,
      crates,
    };
  };
  const rows = steps.map(([a, label, b]) => step(label, at[a], at[b]));
  // Before main() (a page without the app's marks: up to its heading), the main
  // thread's time by trace event, each event's own time (not its children's).
  const before = selfTimes(main, at.navigation, at['onboard-start'] || at['first-heading']);
  // The whole start, below the app's steps (alone for a page without them).
  const whole = step('navigation to first heading', at.navigation, at['first-heading']);
  rows.push({ ...whole, total: steps.length > 0 });
  return { rows, before, app: steps.length > 0 };
}

// How much of [s, t) lies in [a, b) (µs).
const clip = (s, t, a, b) => Math.max(0, Math.min(t, b) - Math.max(s, a));

// Each trace event's self time in [a, b) (ms by name): its time minus its children's,
// as wall time (`wall`) and as the thread's CPU time (`cpu`, from `tdur`, in proportion
// to the part in [a, b)). The main thread's events nest; a task's own time is work no
// other event covers.
function selfTimes(main, a, b) {
  const events = main.filter((e) => e.dur).sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const wall = new Map();
  const cpu = new Map();
  const add = (m, name, ms) => m.set(name, (m.get(name) || 0) + ms);
  const stack = [];
  for (const e of events) {
    const end = e.ts + e.dur;
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const inWindow = clip(e.ts, end, a, b);
    const thread = (e.tdur || 0) * inWindow / e.dur;
    if (parent) {
      add(wall, parent.name, -clip(e.ts, Math.min(end, parent.end), a, b) / 1000);
      add(cpu, parent.name, -thread / 1000);
    }
    add(wall, e.name, inWindow / 1000);
    add(cpu, e.name, thread / 1000);
    stack.push({ name: e.name, end });
  }
  return { wall, cpu };
}
const EVENT_NAMES = {
  'ThreadControllerImpl::RunTask': 'tasks\' own work (no finer event)',
  'RunTask': 'tasks\' own work (no finer event)',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x) => x.toFixed(1);

// Prints a page's table; returns its time before main() by trace event (the floor
// app's, up to its heading, goes beside each of Onboard's pages: `floor`).
async function measure(title, dir, pagePath, floor) {
  const mods = modules(dir);
  const named = mods.some((m) => m.names.size > 0);
  const server = await serve(dir);
  const url = `http://127.0.0.1:${server.address().port}${pagePath}`;
  const all = [];
  try {
    await traceOnce(url, named); // warm-up (the disk cache of the machine, not the browser's)
    for (let r = 0; r < runs; r++) all.push(analyse(await traceOnce(url, named), mods));
  } finally {
    server.close();
  }
  console.log(`\n### ${title}: ${pagePath} (median of ${runs} traced starts)\n`);
  console.log('| step | wall ms | main thread busy ms | its CPU ms | lazy compiles | their ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  all[0].rows.forEach((row, i) => {
    const col = (k) => median(all.map(({ rows }) => (rows[i] ? rows[i][k] : NaN)));
    const label = row.total ? `**${row.label}**` : row.label;
    console.log(`| ${label} | ${f1(col('wall'))} | ${f1(col('busy'))} | ${f1(col('cpu'))} | ${Math.round(col('lazy'))} | ${f1(col('lazyMs'))} |`);
  });
  // The main thread before main(), by trace event, next to the floor app's whole start.
  const medians = (k) => {
    const names = new Set(all.flatMap((r) => [...r.before[k].keys()]));
    return new Map([...names].map((n) => [n, median(all.map((r) => r.before[k].get(n) || 0))]));
  };
  const before = { wall: medians('wall'), cpu: medians('cpu') };
  const { app } = all[0]; // the app's marks, not the floor app
  console.log(app
    ? '\nBefore `main()`, the main thread by trace event (self ms, medians: its CPU time and\nits wall time; the floor app up to its heading, as it has no `main()` mark; the 12\nlargest by CPU here):\n'
    : '\nUp to its heading, the main thread by trace event (self ms, medians: CPU and wall; the\n12 largest by CPU):\n');
  console.log(app
    ? '| trace event | this page: CPU | wall | the floor app: CPU | wall |\n|---|---:|---:|---:|---:|'
    : '| trace event | CPU | wall |\n|---|---:|---:|');
  for (const [n, ms] of [...before.cpu].sort((x, y) => y[1] - x[1]).slice(0, 12)) {
    const of = (m) => f1(m.get(n) || 0);
    const fl = !app ? '' : ` ${floor ? `${of(floor.cpu)} | ${of(floor.wall)}` : '— | —'} |`;
    console.log(`| ${EVENT_NAMES[n] || n} | ${f1(ms)} | ${of(before.wall)} |${fl}`);
  }
  if (named) {
    console.log('\nLazy compiles by crate (the last start):\n');
    for (const row of all[all.length - 1].rows) {
      if (row.total || !row.crates.size) continue;
      const top = [...row.crates].sort((a, b) => b[1] - a[1]).slice(0, 8)
        .map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(`- ${row.label}: ${top}`);
    }
  }
  return before;
}

(async () => {
  console.log(`# Start-up traces (${chrome}; ${runs} runs; a warm-up first)`);
  let floor = null;
  if (fs.existsSync(path.join(floorDir, 'index.html'))) floor = await measure('The floor app', floorDir, '/');
  else console.log(`\n(No floor app at ${floorDir}: \`make floor\` builds it.)`);
  for (const p of paths) await measure('Onboard', dist, p, floor);
})().catch((e) => {
  console.error(`start-trace: ${e.stack || e}`);
  process.exit(1);
});
