import { defineConfig } from 'vitest/config';

// Two projects: `unit` holds the tests beside the code; `suites` holds the conformance
// suites, which `npm test` runs against the reference implementations (and which
// `tekigo run` drives against any target). Under CI a JSON summary is written too, so the CI
// script can print one closing line of counts.
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
          include: [
            'src/**/*.test.ts',
            'test-env/**/*.test.ts',
            'specs/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'suites',
          include: ['suites/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
