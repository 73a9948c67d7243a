// Opens relate serve's query page in headless Chromium, runs the first example query, checks
// that results came back and that the page asked nothing of any other host, and saves a
// screenshot. Driven by ./run.sh, which builds a store and starts the server; not run by CI.
//
// usage: node check.mjs URL SCREENSHOT.png   (needs `npm install puppeteer-core` and Chromium)

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error("usage: node check.mjs URL SCREENSHOT.png");
  process.exit(2);
}
const served = new URL(url).host;
const profile = mkdtempSync(join(tmpdir(), "relate-chromium-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  userDataDir: profile,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const elsewhere = [];
let failed = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (target.protocol.startsWith("http") && target.host !== served) {
      elsewhere.push(request.url());
      request.abort();
    } else {
      request.continue();
    }
  });
  page.on("console", (m) => console.log(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: "networkidle0" });
  await page.waitForSelector(".yasqe .CodeMirror");
  const example = await page.$eval("#examples", (s) => s.options[s.selectedIndex].textContent);
  await page.click(".yasqe_queryButton");
  await page.waitForSelector(".yasr table.dataTable tbody tr td", { timeout: 30000 });
  const rows = await page.$$eval(".yasr table.dataTable tbody tr", (trs) => trs.length);
  const first = await page.$eval(".yasr table.dataTable tbody tr", (tr) => tr.innerText.replace(/\s+/g, " ").trim());
  console.log(`ran "${example}": ${rows} rows; first: ${first}`);
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`saved ${screenshot}`);
  if (rows < 1) failed = true;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (elsewhere.length) {
  console.error(`the page asked other hosts for:\n  ${elsewhere.join("\n  ")}`);
  failed = true;
} else {
  console.log(`no request left ${served}`);
}
process.exit(failed ? 1 : 0);
