#!/usr/bin/env node
// The tekigo command. It checks the Node version before it loads anything else: on an older Node
// the dependencies die with stack traces that do not say what is wrong. The range below is the
// `engines` range of package.json (a test keeps them equal).
const NODE_RANGE = '^22.22.0 || ^24.0.0 || >=26.0.0';

/** Whether `version` ("22.22.0") is in NODE_RANGE. */
function supported(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return (major === 22 && minor >= 22) || major === 24 || major >= 26;
}

if (!supported(process.versions.node)) {
  process.stderr.write(
    `tekigo: needs Node.js ${NODE_RANGE}, but this is Node.js ${process.versions.node} (${process.execPath}); install a supported Node.js and run tekigo with it\n`,
  );
  process.exit(2);
}

// Node keeps the compiled code of tekigo and its dependencies on disk: later starts skip most parsing.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();

let cli;
try {
  cli = await import('../src/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('main.js')) throw error;
  process.stderr.write(
    'tekigo: this copy of tekigo is not built (src/cli/main.js is missing); run npm run build in it\n',
  );
  process.exit(2);
}
await cli.main();
