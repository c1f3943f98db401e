import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { batchSenderProfile, healthProfile } from '../../src/conformance/profiles/index.ts';
import { nationalCenter } from './adapter.ts';

// The generic profiles, run against the national center through its adapter: how it answers
// health and echoes correlation ids (NC-H01), and how it sends revocation requests when the
// certification authority misbehaves (INC-2004-JPKI, NC-S01…NC-S06). Requirements the profiles
// conclude on here: GEN-HLT-001, GEN-OBS-001, GEN-UT-001 (health); GEN-SEND-001…009, GEN-SEND-012,
// GEN-DLQ-001/002 (batch sender).
const suite = conformanceSuite(nationalCenter);
healthProfile(suite, nationalCenter);
for (const sender of nationalCenter.sends) batchSenderProfile(suite, sender);
