import { embeddedEnvironment } from '../../test-env/embedded/embedded-environment.ts';
import { TekigoUsageError } from '../errors.ts';
import { type ConformanceEnvironmentDriver, ENVIRONMENT_NAMES, type EnvironmentName } from './environment.ts';

/** The environment `--env NAME` selects; `containers` is planned and refused until it exists. */
export function environmentFor(name: string): ConformanceEnvironmentDriver {
  switch (name as EnvironmentName) {
    case 'embedded':
      return embeddedEnvironment;
    case 'containers':
      throw new TekigoUsageError(
        'ENV_NOT_AVAILABLE',
        '--env containers is not available yet; use --env embedded (local processes on 127.0.0.1)',
      );
    default:
      throw new TekigoUsageError(
        'UNKNOWN_ENV',
        `--env ${name} is not an environment; use --env ${ENVIRONMENT_NAMES.join(' or --env ')}`,
      );
  }
}
