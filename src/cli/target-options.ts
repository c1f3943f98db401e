import { launchTarget, loadTargetFile, type TargetSpec } from '../conformance/target-spec.ts';
import { TekigoUsageError } from '../errors.ts';

/** `--target`, `--launch` and `--target-file` of `tekigo run`: at most one names the target. */
export function targetOfOptions(options: {
  readonly target?: string | undefined;
  readonly launch?: string | undefined;
  readonly 'target-file'?: string | undefined;
}): string | TargetSpec {
  const launch = options.launch;
  const file = options['target-file'];
  if (launch !== undefined && file !== undefined) {
    throw new TekigoUsageError('BAD_TARGET', 'give --launch or --target-file, not both');
  }
  if (
    (launch !== undefined || file !== undefined) &&
    options.target !== undefined &&
    options.target !== 'reference'
  ) {
    throw new TekigoUsageError(
      'BAD_TARGET',
      `--target ${options.target} and ${launch !== undefined ? '--launch' : '--target-file'} both name the target; keep one`,
    );
  }
  if (launch !== undefined) return launchTarget(launch);
  if (file !== undefined) return loadTargetFile(file);
  return options.target ?? 'reference';
}
