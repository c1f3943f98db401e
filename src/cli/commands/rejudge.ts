import { verifyBundle } from '../../report/bundle.ts';
import { rejudgeBundle } from '../../report/rejudge.ts';
import { defineCommand } from '../command-definition.ts';

export const rejudge = defineCommand({
  name: 'rejudge',
  summary:
    'Recompute every verdict of a bundle offline from its recorded evidence and spec; list any that differs (exit 1)',
  args: [{ name: 'bundle', description: 'the bundle folder, e.g. reports/<role>/<target>/bundle' }],
  options: {
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run({ args, options, io }) {
    const verified = await verifyBundle(args.bundle);
    if (!verified.ok) {
      io.stdout(`tekigo rejudge: the bundle does not verify: ${verified.file} ${verified.why}`);
      return 1;
    }
    const result = await rejudgeBundle(args.bundle);
    if (options.json) {
      io.stdout(JSON.stringify(result, null, 2));
      return result.differences.length === 0 ? 0 : 1;
    }
    for (const d of result.differences)
      io.stdout(`  DIFFERS ${d.what}: recorded ${d.recorded}; rejudged ${d.rejudged}`);
    io.stdout(
      `tekigo rejudge: ${result.differences.length === 0 ? 'every verdict reproduced' : `${result.differences.length} difference(s)`}: ${result.tests} tests, ${result.requirements} requirements, ${result.messages} messages validated again, ${result.rerun} findings recomputed by their check, ${result.inline} inline findings taken as recorded (spec ${result.specDigest})`,
    );
    return result.differences.length === 0 ? 0 : 1;
  },
});
