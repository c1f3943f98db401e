import type { CommandDefinition } from '../command-definition.ts';
import { catalogSummary } from './catalog-summary.ts';
import { coverage } from './coverage.ts';
import { demo } from './demo.ts';
import { docs } from './docs.ts';
import { envBuildImages } from './env.ts';
import { list } from './list.ts';
import { messageTypes } from './message-types.ts';
import { mock } from './mock.ts';
import { rejudge } from './rejudge.ts';
import { replicas } from './replicas.ts';
import { run } from './run.ts';
import { simulate } from './simulate.ts';
import { specDigestCommand } from './spec-digest.ts';
import { validate } from './validate.ts';
import { verify } from './verify.ts';

/** Every command of `tekigo`, in the order `tekigo --help` lists them. A new command is one file plus one line here. */
export const commands: readonly CommandDefinition[] = [
  run,
  replicas,
  demo,
  list,
  catalogSummary,
  validate,
  messageTypes,
  specDigestCommand,
  docs,
  mock,
  envBuildImages,
  verify,
  rejudge,
  coverage,
  simulate,
];
