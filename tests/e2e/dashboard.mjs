// End-to-end test of the fincheck dashboard in headless Chromium
// (Debian's /usr/bin/chromium driven by playwright-core).  Run by
// tests/cli/test_web_e2e.sh, which starts the server and the data:
//   FC_URL       http://127.0.0.1:PORT
//   FC_PASSWORD  the users' password (alice admin, bob assessor,
//                carol admin, sup supervisor)
//   FC_SHOTS     directory for screenshots (docs/ when refreshing them)
// Prints PASS/FAIL lines for tests/run.sh.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.FC_URL;
const pw = process.env.FC_PASSWORD;
const shots = process.env.FC_SHOTS;
let failed = 0;

function report(name, ok, detail) {
  if (ok) console.log(`PASS e2e_${name}`);
  else {
    failed++;
    console.log(`FAIL e2e_${name}${detail ? ': ' + detail : ''}`);
  }
}

async function step(name, fn) {
  try {
    const r = await fn();
    report(name, r !== false, r === false ? 'assertion failed' : '');
  } catch (e) {
    report(name, false, String(e && e.message ? e.message : e).split('\n')[0]);
  }
}

async function shot(page, name, fullPage = false) {
  if (shots) await page.screenshot({ path: join(shots, `web-${name}.png`), fullPage });
}

async function login(page, user) {
  await page.goto(`${base}/login`);
  await page.fill('#user', user);
  await page.fill('#password', pw);
  await Promise.all([page.waitForNavigation(), page.click('#login')]);
}

async function logout(page) {
  await Promise.all([page.waitForNavigation(), page.click('#logout')]);
}

const profile = mkdtempSync(join(tmpdir(), 'fincheck-e2e-'));
// a fresh profile directory (--user-data-dir) for every run
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.FC_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  timeout: 60000,
  viewport: { width: 1360, height: 900 },
  locale: 'zh-TW',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await step('login_page', async () => {
    await page.goto(`${base}/`);
    if (!page.url().includes('/login?next=')) return false;
    await shot(page, 'login');
    return (await page.locator('#login').count()) === 1;
  });
  await step('login_wrong_password', async () => {
    await page.fill('#user', 'alice');
    await page.fill('#password', 'not-the-password1!');
    await Promise.all([page.waitForNavigation(), page.click('#login')]);
    return (await page.locator('p.err').textContent()).includes('錯誤');
  });
  await step('login_bob', async () => {
    await login(page, 'bob');
    return new URL(page.url()).pathname === '/';
  });
  await step('overview', async () => {
    const h1 = await page.locator('h1').first().textContent();
    const open = Number(await page.locator('#kpi-open b').textContent());
    const charts = await page.locator('svg.chart').count();
    const frameworks = await page.locator('svg.chart[aria-label="各框架控制項符合情形"] text').allTextContents();
    await shot(page, 'overview', true);
    return h1.includes('範例證券') && open > 0 && charts >= 4 && frameworks.some((t) => t.includes('%'));
  });
  await step('filter_findings', async () => {
    await page.click('nav a[href="/findings"]');
    await page.waitForSelector('#findings');
    const all = Number(await page.locator('#count').getAttribute('data-count'));
    await page.selectOption('#f-severity', 'high');
    await Promise.all([page.waitForNavigation(), page.click('#f-apply')]);
    const n = Number(await page.locator('#count').getAttribute('data-count'));
    const badges = await page.locator('#findings tbody .sev').allTextContents();
    if (!page.url().includes('severity=high')) return false;
    await page.fill('#f-control', 'CC-18000');
    await Promise.all([page.waitForNavigation(), page.click('#f-apply')]);
    const n2 = Number(await page.locator('#count').getAttribute('data-count'));
    const ctl = await page.locator('#findings tbody td.ctl').allTextContents();
    await shot(page, 'findings');
    return n > 0 && n < all && badges.length === n && badges.every((b) => b === '高') &&
      n2 > 0 && n2 <= n && ctl.every((c) => /(^| )CC-18000(\.| |$)/.test(c));
  });
  let findingUrl = '';
  await step('request_risk_acceptance', async () => {
    await page.click('#findings tbody tr:first-child td:nth-child(2) a');
    await page.waitForSelector('#act-accept-request');
    findingUrl = page.url().split('?')[0];
    await page.fill('#acc-justification', '舊系統汰換中，預計 2027Q1 上線新系統');
    await page.fill('#acc-control', '限定來源 IP 並加強監控');
    await page.fill('#acc-expires', '2027-03-31');
    await Promise.all([page.waitForNavigation(), page.click('#act-accept-request')]);
    const ok = await page.locator('p.flash.ok').count();
    const acc = await page.locator('#acceptance').textContent();
    return ok === 1 && acc.includes('待核准') && acc.includes('bob');
  });
  await step('requester_cannot_approve', async () => {
    // bob is an assessor: no approve button at all
    return (await page.locator('#act-accept-approve').count()) === 0;
  });
  await logout(page);
  await step('accept_risk_as_approver', async () => {
    await login(page, 'alice');
    await page.goto(findingUrl);
    await Promise.all([page.waitForNavigation(), page.click('#act-accept-approve')]);
    const status = await page.locator('#status').textContent();
    const acc = await page.locator('#acceptance').textContent();
    const hist = await page.locator('#history').textContent();
    await shot(page, 'finding');
    return status.includes('風險接受') && acc.includes('已核准') && acc.includes('alice') &&
      hist.includes('bob') && hist.includes('alice');
  });
  await step('own_request_not_self_approved', async () => {
    // alice asks for another finding's acceptance and tries to approve it herself
    await page.goto(`${base}/findings?severity=medium`);
    await page.click('#findings tbody tr:first-child td:nth-child(2) a');
    await page.waitForSelector('#act-accept-request');
    await page.fill('#acc-justification', '測試');
    await page.fill('#acc-control', '測試');
    await page.fill('#acc-expires', '2027-01-31');
    await Promise.all([page.waitForNavigation(), page.click('#act-accept-request')]);
    await Promise.all([page.waitForNavigation(), page.click('#act-accept-approve')]);
    const err = await page.locator('p.flash.err').count();
    const acc = await page.locator('#acceptance').textContent();
    return err === 1 && acc.includes('待核准');
  });
  await step('systems_calendar', async () => {
    await page.goto(`${base}/systems`);
    const rows = await page.locator('#systems tbody tr').count();
    const months = await page.locator('#calendar .month').count();
    await shot(page, 'systems');
    return rows >= 5 && months === 13;
  });
  await step('incidents_countdown', async () => {
    await page.goto(`${base}/incidents`);
    const first = await page.locator('.countdown').first().textContent();
    await page.waitForTimeout(1500);
    const second = await page.locator('.countdown').first().textContent();
    await shot(page, 'incidents');
    return first !== second && /剩餘|已逾/.test(second);
  });
  await step('english_toggle', async () => {
    await page.goto(`${base}/findings`);
    await Promise.all([page.waitForNavigation(), page.click('#lang')]);
    const h1 = await page.locator('h1').textContent();
    await page.goto(`${base}/`);
    const nav = await page.locator('nav').textContent();
    await Promise.all([page.waitForNavigation(), page.click('#lang')]);
    const back = await page.locator('nav').textContent();
    return h1 === 'Findings' && nav.includes('Overview') && back.includes('總覽');
  });
  await logout(page);
  await step('supervisor_views', async () => {
    await login(page, 'sup');
    if (new URL(page.url()).pathname !== '/supervise') return false;
    const attention = await page.locator('#attention li').allTextContents();
    const dots = await page.locator('svg.chart circle').count();
    await shot(page, 'supervise');
    await page.click('nav a[href="/supervise/trend"]');
    await page.waitForSelector('#types');
    const hidden = await page.locator('#hidden li').count();
    await shot(page, 'trend');
    return attention.length === 3 && attention[0].includes('南港綜合證券') && dots === 6 && hidden === 14;
  });
  await step('no_script_errors', async () => errors.length === 0 || (console.log(errors.join('\n')), false));
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
