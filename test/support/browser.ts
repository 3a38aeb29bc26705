import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Chromium or Chrome usually is, on Debian/Ubuntu, other Linux packages and macOS. */
const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Playwright's own browser cache (`npx playwright install chromium`), when it has one. */
function playwrightsOwn(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function found(): string | undefined {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named))
      throw new Error(
        `CHROMIUM_PATH is ${named}, which does not exist. Point it at a Chromium or Chrome executable, or unset it.`,
      );
    return named;
  }
  return USUAL_PATHS.find((path) => existsSync(path)) ?? playwrightsOwn();
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const hasAptGet = () => spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/** The command a person would run to install a browser on this platform. */
function installCommand(): string {
  if (process.platform === 'linux' && hasAptGet()) return `${isRoot() ? '' : 'sudo '}apt-get install chromium`;
  return 'npx playwright-core install chromium';
}

/**
 * A Chromium for the browser tests: CHROMIUM_PATH, then the usual places, then Playwright's cache.
 * When there is none it installs one the way the platform allows (Debian's package as root, else
 * Playwright's download), and only when that fails stops with the command to run by hand.
 */
export function chromiumForTests(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  const existing = found();
  if (existing) return existing;
  try {
    if (process.platform === 'linux' && hasAptGet() && isRoot()) {
      log('[browser] no Chromium found; installing Debian’s chromium package (apt-get install chromium) …');
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 300_000 });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
        stdio: 'ignore',
        env,
        timeout: 600_000,
      });
    } else {
      log('[browser] no Chromium found; installing Playwright’s Chromium (npx playwright-core install chromium) …');
      execFileSync('npx', ['playwright-core', 'install', 'chromium'], { stdio: 'ignore', timeout: 600_000 });
    }
  } catch (error) {
    throw new Error(
      `No Chromium or Chrome was found and installing one failed (${(error as Error).message.split('\n')[0]}). Run \`${installCommand()}\`, or set CHROMIUM_PATH to a Chromium or Chrome executable, then run the tests again.`,
      { cause: error },
    );
  }
  const installed = found();
  if (!installed)
    throw new Error(
      `Chromium was installed but not found where expected. Run \`${installCommand()}\`, or set CHROMIUM_PATH, then run the tests again.`,
    );
  log(`[browser] using ${installed}`);
  return installed;
}
