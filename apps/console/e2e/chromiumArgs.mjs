/**
 * How the browser checks start Debian's chromium: headless, and with every background service that would reach
 * the internet (updates, sync, QUIC probes) off, so a request leaving the machine is the page's own.
 */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
