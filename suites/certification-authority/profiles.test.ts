import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { batchSenderProfile } from '../../src/conformance/profiles/index.ts';
import { certificationAuthority } from './adapter.ts';

// The generic profiles, run against the certification authority through its adapter: how it
// sends certificate-issuances when the national center misbehaves (INC-2004-JPKI), CA-S01…CA-S06.
const suite = conformanceSuite(certificationAuthority);
for (const sender of certificationAuthority.sends) batchSenderProfile(suite, sender);
