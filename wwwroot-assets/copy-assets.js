// Copies the browser files of the pinned npm packages into the web app's wwwroot/lib (git-ignored).
// Run by the web project's build after `npm ci`; also `npm run copy` by hand.
const fs = require('fs');
const path = require('path');

const webRoot = path.resolve(__dirname, '..', 'src', 'Dashboard.Web', 'wwwroot', 'lib');
const files = [
  ['apexcharts/dist/apexcharts.min.js', 'apexcharts/apexcharts.min.js'],
  ['apexcharts/dist/apexcharts.css', 'apexcharts/apexcharts.css'],
];

for (const [from, to] of files) {
  const source = path.join(__dirname, 'node_modules', from);
  const target = path.join(webRoot, to);
  if (!fs.existsSync(source)) {
    console.error(`copy-assets: ${source} is missing; run "npm ci" in wwwroot-assets first.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  console.log(`copy-assets: ${from} -> wwwroot/lib/${to}`);
}
