import { containersEnvironment } from '../../test-env/containers/containers-environment.ts';
import { embeddedEnvironment } from '../../test-env/embedded/embedded-environment.ts';
import { TekigoUsageError } from '../errors.ts';
import { type ConformanceEnvironmentDriver, ENVIRONMENT_NAMES, type EnvironmentName } from './environment.ts';

/** The environment `--env NAME` selects. */
export function environmentFor(name: string): ConformanceEnvironmentDriver {
  switch (name as EnvironmentName) {
    case 'embedded':
      return embeddedEnvironment;
    case 'containers':
      return containersEnvironment;
    default:
      throw new TekigoUsageError(
        'UNKNOWN_ENV',
        `--env ${name} is not an environment; use --env ${ENVIRONMENT_NAMES.join(' or --env ')}`,
      );
  }
}
