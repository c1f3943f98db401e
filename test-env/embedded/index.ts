export { embeddedEnvironment } from './embedded-environment.ts';
export {
  freePort,
  type LaunchPartyOptions,
  launchParty,
  type PartyExit,
  type StartedParty,
} from './launch-party.ts';
