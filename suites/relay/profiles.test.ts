import { runProfiles } from '../../src/conformance/profiles/run-profiles.ts';
import { relay } from './adapter.ts';

// The generic profiles, run against the relay through its adapter: capabilities, health and
// correlation ids (RL-H01: GEN-UT-001, GEN-HLT-001, GEN-OBS-001); hostile input (RL-G01) and
// schema-derived fuzzing (RL-G02) on the messages terminals send; observability without stimuli
// (RL-V02: unknown paths 404 not-found, a missing or unusable correlation id replaced by a
// generated one, problems well formed: GEN-ERR-004, GEN-OBS-002, GEN-OBS-003, GEN-ERR-002); an
// internal failure provoked through the upper tester's fault hook (RL-V01: GEN-ERR-003,
// GEN-UT-011); the security profile (RL-A01…A07), production profile only. The relay has no
// stimulus and sends no batches, so the batch-sender, reconciliation and upper-tester profiles do
// not apply (suites/relay/README.md says which of its own tests cover those sides).
runProfiles(relay);
