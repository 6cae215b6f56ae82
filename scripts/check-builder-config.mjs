// electron-builder's configuration check, offline: loads electron-builder.yml exactly as
// electron-builder does (app-builder-lib's getConfig, including `extends`) and validates it against
// the installed electron-builder's own JSON schema (validateConfiguration, the same call a real build
// makes first). Then checks what the schema cannot know about this project. No download, no build.
//   node scripts/check-builder-config.mjs [config file, default electron-builder.yml]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = resolve(root, process.argv[2] ?? 'electron-builder.yml');
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`FAIL electron-builder configuration ${relative(root, configFile)}:\n${message}`);
  process.exit(1);
}

if (!existsSync(configFile)) fail('the file does not exist');

// The app-builder-lib that the installed electron-builder itself uses (not any other copy).
const builderDir = dirname(require.resolve('electron-builder/package.json'));
const builderVersion = JSON.parse(readFileSync(join(builderDir, 'package.json'), 'utf8')).version;
const fromBuilder = createRequire(join(builderDir, 'package.json'));
let configApi;
try {
  configApi = fromBuilder('app-builder-lib/out/util/config/config.js');
} catch (error) {
  fail(`cannot load app-builder-lib's configuration module (electron-builder ${builderVersion} changed its layout?): ${error.message}`);
}
const { getConfig, validateConfiguration } = configApi;
if (typeof getConfig !== 'function' || typeof validateConfiguration !== 'function') {
  fail(`app-builder-lib of electron-builder ${builderVersion} no longer exports getConfig/validateConfiguration; update this script`);
}

let config;
try {
  config = await getConfig(root, configFile, null);
  await validateConfiguration(config, { isEnabled: false, add() {} });
} catch (error) {
  fail(String(error.message ?? error));
}

// What the schema cannot know: this project's own rules.
const problems = [];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronPkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
// getConfig normalises `files` into file sets ({ filter: [...] }); read the patterns from either form.
const files = [config.files ?? []].flat().flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));

if (config.electronVersion !== electronPkg.version)
  problems.push(`electronVersion is ${config.electronVersion ?? 'not set'}, but the installed electron package (used for type-checking) is ${electronPkg.version}`);
if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(config.appId ?? '')) problems.push(`appId "${config.appId}" is not a reverse-DNS identifier`);
if (!pkg.main?.startsWith('out/')) problems.push(`package.json "main" (${pkg.main}) is not in out/`);
if (!files.includes('out/**')) problems.push('files must include out/** (the built shell, core, preload and renderer)');
if (!files.includes('package.json')) problems.push('files must include package.json');
const schemes = [config.protocols ?? []].flat().flatMap((protocol) => protocol.schemes ?? []);
for (const scheme of ['tel', 'sip']) if (!schemes.includes(scheme)) problems.push(`protocols must register the ${scheme}: scheme (click-to-call)`);
if (![config.asarUnpack ?? []].flat().some((pattern) => String(pattern).includes('better-sqlite3') || String(pattern).includes('*.node')))
  problems.push('asarUnpack must unpack better-sqlite3 (a native module cannot load from inside the asar)');
for (const [platform, options] of Object.entries({ linux: config.linux, win: config.win, mac: config.mac })) {
  const icon = options?.icon;
  if (!icon) continue;
  const path = join(root, icon);
  if (!existsSync(path)) {
    problems.push(`${platform}.icon ${icon} does not exist`);
    continue;
  }
  const png = readFileSync(path);
  if (png.readUInt32BE(0) !== 0x89504e47) problems.push(`${platform}.icon ${icon} is not a PNG`);
  else if (png.readUInt32BE(16) < 512 || png.readUInt32BE(20) < 512) problems.push(`${platform}.icon ${icon} must be at least 512×512`);
}
if (!config.mac?.extendInfo?.NSMicrophoneUsageDescription) problems.push('mac.extendInfo.NSMicrophoneUsageDescription is required: macOS refuses the microphone without it');
if (problems.length > 0) fail(problems.map((problem) => `  - ${problem}`).join('\n'));

console.log(
  `OK electron-builder configuration ${relative(root, configFile)}: valid against the schema of electron-builder ${builderVersion}, ` +
    `Electron ${config.electronVersion}, appId ${config.appId}, links ${schemes.join('/')}, targets linux ${[config.linux?.target].flat().join('+')}, ` +
    `win ${[config.win?.target].flat().join('+')}, mac ${[config.mac?.target].flat().join('+')}`,
);
