// Makes sure a Chromium is there for the e2e tests and the demo. Order: CHROME_PATH, the system
// Chromium, then (on Debian, as root) Debian's `chromium` package. Puppeteer's own browser download
// is never used: it cannot reach its servers here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canApt = isRoot && existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');

function aptInstall(packages, why) {
  console.log(`${why}: installing Debian's ${packages.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

function hasChineseFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

// Screenshots of Chinese pages are unreadable boxes without a CJK font; a small one is enough.
if (canApt && !hasChineseFont()) aptInstall(['fonts-wqy-microhei'], 'No Chinese font found');

const fromEnv = process.env.CHROME_PATH;
if (fromEnv) {
  if (existsSync(fromEnv)) process.exit(0);
  console.error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
  process.exit(1);
}
if (candidates.some((path) => existsSync(path))) process.exit(0);

if (canApt) {
  aptInstall(['chromium'], 'No Chromium found (about 35 s)');
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error(
  'No Chromium found. Install Chromium or Chrome (on Debian/Ubuntu: `sudo apt-get install chromium`), ' +
    'or point CHROME_PATH at a Chromium-based browser binary, then run the command again.',
);
process.exit(1);
