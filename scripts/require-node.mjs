// Plain JavaScript on purpose: it must run on an old Node (Debian 12's Node 20) to say why the
// project's TypeScript scripts cannot. They run on Node's own type stripping (22.18 and 23.6 on),
// which the `node` devDependency (Node 24, installed into node_modules/.bin by `npm install`)
// provides; npm puts node_modules/.bin first on the PATH of every `npm run` script.
const [major, minor] = process.versions.node.split('.').map(Number);
const strips = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!strips) {
  console.error(
    `claimbench: this is Node ${process.versions.node} (${process.execPath}), which cannot run the project's TypeScript scripts (they need Node 22.18 or later).\n` +
      'Run "npm install" first: it installs Node 24 (the "node" devDependency) into node_modules/.bin, which every "npm run" script uses.',
  );
  process.exit(1);
}
