import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  batchSenderProfile,
  healthProfile,
  reconciliationProfile,
  upperTesterProfile,
} from '../../src/conformance/profiles/index.ts';
import { municipality } from './adapter.ts';

// The generic profiles, run against the municipality through its adapter: how it answers health
// and echoes correlation ids (MU-H01), how it sends resident changes to the national center
// (INC-2004-JPKI, MU-S01…MU-S06) and resident syncs to the issuance service (MU-Y01…MU-Y06) when
// the receiver misbehaves, whether its counts agree with the center's after faults (MU-R01), and
// its upper tester outside test mode (MU-V08). Requirements the profiles conclude on here:
// GEN-HLT-001, GEN-OBS-001, GEN-UT-001 (health); GEN-SEND-001…009, GEN-SEND-012, GEN-DLQ-001/002
// (batch sender); GEN-REC-001/002 (reconciliation); GEN-UT-002 (upper tester).
const suite = conformanceSuite(municipality);
healthProfile(suite, municipality);
for (const sender of municipality.sends) batchSenderProfile(suite, sender);
if (municipality.reconciliation) reconciliationProfile(suite, municipality.reconciliation);
if (municipality.upperTester) upperTesterProfile(suite, municipality.peers, municipality.upperTester);
