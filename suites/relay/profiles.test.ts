import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  healthProfile,
  hostileInputProfile,
  internalFailureProfile,
  securityProfile,
} from '../../src/conformance/profiles/index.ts';
import { relay } from './adapter.ts';

// The generic profiles, run against the relay through its adapter: capabilities, health and
// correlation ids (RL-H01: GEN-UT-001, GEN-HLT-001, GEN-OBS-001). The relay has no stimulus and
// sends no batches, so the batch-sender, reconciliation, upper-tester and observability profiles
// do not apply (suites/relay/README.md says which of its own tests cover those sides). An internal
// failure provoked through the upper tester's fault hook (RL-V01: GEN-ERR-003, GEN-UT-011).
const suite = conformanceSuite(relay);
healthProfile(suite, relay);
internalFailureProfile(suite, relay);
// Hostile input (RL-G01) and schema-derived fuzzing (RL-G02) on the messages terminals send.
hostileInputProfile(suite, relay);
// The security profile (<prefix>-A01…A06), production profile only: not applicable with --profile basic.
securityProfile(suite, relay);
