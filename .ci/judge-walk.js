// A judge on a 412 × 915 phone walks their sheet in headless Chromium, driven through the DevTools protocol over a
// pipe (no extra packages): scrolls to the teams, types points into three of them, saves each (the page's script
// saves without reloading), checks the page did not jump back, the totals and the progress, opens the summary,
// submits, and checks the read-only sheet. Screenshots go to OUT.
//   node .ci/judge-walk.js CHROMIUM URL OUT
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const [browser, url, out] = process.argv.slice(2);
const chrome = spawn(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--remote-debugging-pipe',
  '--window-size=412,915', 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const send = chrome.stdio[3], receive = chrome.stdio[4];
let next = 1, buffer = '';
const waiting = new Map(), events = [];
receive.on('data', (chunk) => {
  buffer += chunk.toString();
  let end;
  while ((end = buffer.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && waiting.has(message.id)) { waiting.get(message.id)(message); waiting.delete(message.id); }
    else if (message.method) events.push(message);
  }
});
function call(method, params = {}, sessionId) {
  const id = next++;
  send.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((resolve, reject) => waiting.set(id, (m) => m.error ? reject(new Error(method + ': ' + m.error.message)) : resolve(m.result)));
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function fail(why) { console.error('judge walk: ' + why); chrome.kill(); process.exit(1); }

(async () => {
  const { targetId } = await call('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await call('Target.attachToTarget', { targetId, flatten: true });
  const page = (method, params) => call(method, params, sessionId);
  const evaluate = async (expression) => {
    const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) fail('script error: ' + JSON.stringify(r.exceptionDetails).slice(0, 300));
    return r.result.value;
  };
  const shot = async (name) => {
    const { data } = await page('Page.captureScreenshot', { format: 'png' });
    fs.writeFileSync(`${out}/${name}.png`, Buffer.from(data, 'base64'));
    console.log(`screenshot ${out}/${name}.png`);
  };
  const load = async (target) => {
    events.length = 0;
    await page('Page.navigate', { url: target });
    for (let i = 0; i < 100 && !events.some((e) => e.method === 'Page.loadEventFired'); i++) await sleep(100);
  };
  await page('Page.enable');
  await page('Emulation.setDeviceMetricsOverride', { width: 412, height: 915, deviceScaleFactor: 1, mobile: true });
  await load(url);
  const forms = await evaluate("document.querySelectorAll('form[data-key]').length");
  if (forms < 3) fail(`the sheet shows ${forms} team forms, expected at least 3`);
  // Three teams, each scrolled to, typed into and saved; the page must stay where the judge is.
  for (let i = 0; i < 3; i++) {
    const before = await evaluate(`(function () {
      var f = document.querySelectorAll('form[data-key]')[${i}]; f.scrollIntoView();
      var points = ['25', '24.5', '18', '15'];
      Array.from(f.querySelectorAll('input[type=number]')).forEach(function (e, k) {
        e.value = points[k % points.length]; e.dispatchEvent(new Event('input', { bubbles: true }));
      });
      return window.scrollY;
    })()`);
    const typed = await evaluate(`document.querySelectorAll('form[data-key]')[${i}].querySelector('output').textContent`);
    if (typed !== '82.5') fail(`team ${i + 1}: the total while typing is '${typed}', expected 82.5`);
    await evaluate(`document.querySelectorAll('form[data-key]')[${i}].querySelector('button:not(.restore)').click()`);
    await sleep(800);
    const after = await evaluate('window.scrollY');
    if (Math.abs(after - before) > 2) fail(`saving team ${i + 1} moved the page from ${before} to ${after}`);
    const progress = await evaluate("document.getElementById('progress').textContent");
    if (progress !== String(i + 1)) fail(`after saving team ${i + 1} the progress says ${progress}`);
    const draft = await evaluate(`document.querySelectorAll('form[data-key]')[${i}].querySelector('.draft').hidden`);
    if (!draft) fail(`team ${i + 1} still shows as an unsaved draft after saving`);
    if (i === 1) await shot('judge-walk-saved');
  }
  await evaluate("document.getElementById('summary').scrollIntoView()");
  await sleep(200);
  await shot('judge-walk-summary');
  const totals = await evaluate("Array.from(document.querySelectorAll('[data-total-for]')).filter(function (c) { return c.textContent === '82.5'; }).length");
  if (totals !== 3) fail(`the summary shows 82.5 for ${totals} teams, expected 3`);
  events.length = 0;
  await evaluate("document.querySelector('#summary form').submit()");
  for (let i = 0; i < 100 && !events.some((e) => e.method === 'Page.loadEventFired'); i++) await sleep(100);
  const locked = await evaluate("document.body.innerText.indexOf('已保存合计') >= 0 && !document.querySelector('input[name=confirm]')");
  if (!locked) fail('after submitting, the sheet is not shown read-only');
  await evaluate('window.scrollTo(0, 0)');
  await shot('judge-walk-submitted');
  console.log('judge walk passed');
  chrome.kill();
  process.exit(0);
})().catch((error) => fail(error.message));
