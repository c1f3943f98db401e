import { TekigoUsageError } from '../../errors.ts';
import { simulateNationalDay } from '../../simulate/national-day.ts';
import { defineCommand } from '../command-definition.ts';

/** The largest scale accepted: ten national days in one run. */
const MAX_SCALE = 10;

export const simulate = defineCommand({
  name: 'simulate national-day',
  summary:
    "Send a national day's resident changes and certificate notices to a national center, with faults, duplicates, reordering and one crash, then read back: nothing lost, nothing applied twice",
  args: [],
  options: {
    scale: {
      type: 'string',
      valueName: 'factor',
      default: '1',
      description: 'share of the day: 1 = 1,741 municipalities × 100 changes and 57,751 certificate notices',
    },
    target: {
      type: 'string',
      valueName: 'url',
      description:
        "base URL of a national center in test mode (default: tekigo's reference, launched, killed once and restarted)",
    },
    json: {
      type: 'boolean',
      description:
        'print { sent, accepted, duplicates, lost, doubled, revocations, wallMs, peakRssBytes, … } as JSON',
    },
  },
  async run({ options, io }) {
    const scale = Number(options.scale);
    if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE)
      throw new TekigoUsageError(
        'INVALID_SCALE',
        `--scale ${options.scale} is not a number above 0 and at most ${MAX_SCALE}; e.g. --scale 0.01 for a one-minute run`,
      );
    if (options.target !== undefined && !/^https?:\/\/[^\s/]+/.test(options.target))
      throw new TekigoUsageError(
        'INVALID_TARGET',
        `--target ${options.target} is not an http(s) URL; give the national center's base URL, e.g. http://127.0.0.1:8080`,
      );
    const result = await simulateNationalDay({
      scale,
      ...(options.target === undefined ? {} : { target: options.target }),
      progress: io.stderr,
    });
    if (options.json) io.stdout(JSON.stringify(result));
    else for (const [key, value] of Object.entries(result)) io.stdout(`${key.padEnd(22)} ${String(value)}`);
    return result.lost > 0 || result.doubled > 0 || !result.reconciliationAgrees ? 1 : 0;
  },
});
