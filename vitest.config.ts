import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// An installed copy of tekigo (below node_modules, where Node runs no TypeScript) holds the
// suites compiled to JavaScript by `npm run build`; a clone runs their TypeScript sources.
const installed = fileURLToPath(import.meta.url)
  .split(sep)
  .includes('node_modules');

// Four projects: `unit` holds the tests beside the code (`containers` those of the containers
// environment); `suites` holds the conformance
// suites, which `npm test` runs against the reference implementations (and which
// `tekigo run` drives against any target); `tooling` runs on its own (see below). Under CI a
// JSON summary is written too, so the CI script can print one closing line of counts.
export default defineConfig({
  test: {
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.vitest-reports/results.json' }]]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test-env/**/*.test.ts', 'specs/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test-env/containers/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The containers environment: these start containers (and build the images when they
          // are missing), so they run after everything else, one file at a time. Without a
          // container engine they are skipped, saying why, unless TEKIGO_REQUIRE_CONTAINERS=1.
          name: 'containers',
          include: ['test-env/containers/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          // tekigo as others see it: the package installed elsewhere, the spec in Spectral, Prism
          // and openapi-typescript, the docs in Chromium. These start heavy processes, so they
          // run in a group of their own (groupOrder), one file at a time, never alongside the
          // tests that control timing.
          name: 'tooling',
          include: ['scripts/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'suites',
          include: [installed ? 'suites/**/*.test.js' : 'suites/**/*.test.ts'],
          // vitest leaves out node_modules by default, which would leave out every suite of an installed copy.
          exclude: [],
          // One worker, not isolated: the files of a role share one environment for the run.
          isolate: false,
          globalSetup: [`src/conformance/suites-global-setup.${installed ? 'js' : 'ts'}`],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
