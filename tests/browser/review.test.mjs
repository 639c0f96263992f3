// End-to-end test of the review web page in a real browser (Debian's
// chromium driven by playwright-core): ingest a sample report, open the
// queue, accept one fact and correct another with the keyboard alone, check
// the store through the command line, and find the corrected value plotted
// on the series page. Screenshots go to the folder given as --screenshots.
//
//   node review.test.mjs --baocao build/tools/baocao --pdf corpus/pdf/clean/002.pdf \
//        --work /tmp/review-e2e --screenshots /tmp/review-e2e/shots
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const name of ['baocao', 'pdf', 'work', 'screenshots']) {
    if (!out[name]) throw new Error('missing --' + name);
  }
  out.chromium = out.chromium || '/usr/bin/chromium';
  return out;
}

function baocao(opts, ...argv) {
  return execFileSync(opts.baocao, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// Starts `baocao review` on a free port; resolves with the process and its address.
function startServer(opts, db) {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.baocao, ['review', '--db', db, '--port', '0', '--cache', join(opts.work, 'pages')],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error('the server did not start: ' + output)), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) { clearTimeout(timer); resolve({ child, url: match[1] }); }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error('the server exited with ' + code + ': ' + output)); });
  });
}

async function main() {
  const opts = args();
  if (!existsSync(opts.chromium)) throw new Error(opts.chromium + ' is missing: install Debian\'s chromium package');
  rmSync(opts.work, { recursive: true, force: true });
  mkdirSync(opts.screenshots, { recursive: true });
  const db = join(opts.work, 'review.db');
  // A strict threshold, so that the sample's indicators all come up for review.
  baocao(opts, 'ingest', opts.pdf, '--db', db, '--review-below', '0.95');

  const { child, url } = await startServer(opts, db);
  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // A loaded CI machine (sanitizer builds beside it) can take longer than
    // the 30 s default for one step; the whole test still has 300 s.
    page.setDefaultTimeout(90000);
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('response', (response) => { if (response.status() >= 400) problems.push(response.status() + ' ' + response.url()); });

    // The queue, narrowed to indicators.
    await page.goto(url + 'queue');
    await page.selectOption('select[name="kind"]', 'indicator');
    await page.click('#filters button[type="submit"]');
    // The page's first, unfiltered queue may still be on screen: wait for the indicators'.
    const indicators = (await (await page.request.get(url + 'api/queue?kind=indicator&limit=1')).json()).total;
    await page.waitForFunction((n) => parseInt(document.getElementById('remaining').textContent, 10) === n, indicators);
    await page.waitForSelector('.queue-item.current');
    await page.waitForSelector('#fact-panel .fields');
    const before = await page.textContent('#remaining');
    const left = parseInt(before, 10);
    assert.ok(left >= 2, 'the sample should send at least two indicators to review, got: ' + before);
    await page.waitForFunction(() => {
      const img = document.querySelector('#fact-panel img');
      return img && img.complete && img.naturalWidth > 0;
    });
    await page.screenshot({ path: join(opts.screenshots, '1-queue.png') });

    // Accept the first with "a".
    const accepted = Number(await page.getAttribute('.queue-item.current', 'data-fact'));
    await page.locator('body').focus();
    await page.keyboard.press('a');
    await page.waitForFunction((id) => document.querySelector('.queue-item.current') &&
      Number(document.querySelector('.queue-item.current').dataset.fact) !== id, accepted);
    await page.waitForFunction((n) => parseInt(document.getElementById('remaining').textContent, 10) === n, left - 1);

    // Move with "j" to the first indicator the catalog knows (its series has a
    // name every report shares), and correct it with "e", a new value and Enter.
    await page.waitForSelector('#fact-panel .fields');
    const queue = await (await page.request.get(url + 'api/queue?kind=indicator&limit=500')).json();
    let target = queue.facts.findIndex((f) => f.fields.code && (f.fields.value ?? f.fields.percent) !== undefined &&
      (f.fields.value ?? f.fields.percent) !== null);
    if (target < 0) target = 0;
    for (let i = 0; i < target; ++i) await page.keyboard.press('j');
    const corrected = queue.facts[target].id;
    await page.waitForFunction((id) => Number(document.querySelector('.queue-item.current')?.dataset.fact) === id, corrected);
    await page.waitForFunction((id) => document.querySelector('#fact-panel h2 small')?.textContent === '#' + id, corrected);
    const fact = await (await page.request.get(url + 'api/facts/' + corrected)).json();
    const label = fact.fields.label;
    const oldValue = fact.fields.value ?? fact.fields.percent;
    const field = fact.fields.value !== undefined && fact.fields.value !== null ? 'value' : 'percent';
    const newValue = String(Math.round((Number(oldValue) + 1.25) * 100) / 100);
    await page.keyboard.press('e');
    const input = page.locator('#edit-form input[name="' + field + '"]');
    await input.waitFor();
    await page.screenshot({ path: join(opts.screenshots, '2-edit.png') });
    // A malformed number is refused in the form.
    await input.fill('1.234,5');
    await input.press('Enter');
    await page.waitForFunction(() => document.querySelector('.field-error[data-for]')?.parentElement &&
      [...document.querySelectorAll('.field-error')].some((e) => e.textContent.length > 0));
    await input.fill(newValue);
    await input.press('Enter');
    await page.waitForFunction((n) => parseInt(document.getElementById('remaining').textContent, 10) === n, left - 2);
    await page.screenshot({ path: join(opts.screenshots, '3-after-decisions.png') });

    // The store changed accordingly (read through the command line).
    const acceptedLog = baocao(opts, 'review', '--db', db, '--log', String(accepted));
    assert.match(acceptedLog, /review_status: "needs_review" -> "accepted"/);
    const correctedLog = baocao(opts, 'review', '--db', db, '--log', String(corrected));
    assert.match(correctedLog, new RegExp(field + ': [0-9.]+ -> ' + newValue.replace('.', '\\.')));
    assert.match(correctedLog, /review_status: "needs_review" -> "corrected"/);

    // The series page plots the corrected value, linked to its source page.
    const indicator = fact.fields.code || label;
    await page.goto(url + 'series?indicator=' + encodeURIComponent(indicator));
    const point = page.locator('svg.chart circle[data-fact="' + corrected + '"]');
    await point.waitFor();
    assert.equal(Number(await point.getAttribute('data-value')), Number(newValue));
    assert.equal(await point.getAttribute('data-review'), 'corrected');
    await page.screenshot({ path: join(opts.screenshots, '4-series.png'), fullPage: true });

    // The point leads to the page the value was read from.
    await page.locator('a:has(circle[data-fact="' + corrected + '"])').click();
    await page.waitForSelector('.page-text .quote');
    await page.screenshot({ path: join(opts.screenshots, '5-source-page.png') });

    // Undo from the queue brings a decision back.
    await page.goto(url + 'queue');
    await page.waitForSelector('.queue-item.current');
    await page.waitForSelector('#fact-panel .fields');  // "a" does nothing until the fact is shown
    const total = parseInt(await page.textContent('#remaining'), 10);
    await page.keyboard.press('a');
    await page.waitForFunction((n) => parseInt(document.getElementById('remaining').textContent, 10) === n, total - 1);
    await page.keyboard.press('u');
    await page.waitForFunction((n) => parseInt(document.getElementById('remaining').textContent, 10) === n, total);

    assert.deepEqual(problems, [], 'the page reported errors');
    console.log('review e2e: accepted fact ' + accepted + ', corrected fact ' + corrected + ' ' + field +
      ' ' + oldValue + ' -> ' + newValue + '; ' + left + ' indicators were queued; screenshots in ' + opts.screenshots);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error('review e2e failed: ' + (error.stack || error));
  process.exit(1);
});
