import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import {
  batchSenderProfile,
  healthProfile,
  observabilityProfile,
  reconciliationProfile,
  securityProfile,
  upperTesterProfile,
} from '../../src/conformance/profiles/index.ts';
import { municipality } from './adapter.ts';

// The generic profiles, run against the municipality through its adapter: how it answers health
// and echoes correlation ids (MU-H01), how it sends resident changes to the national center
// (INC-2004-JPKI, MU-S01…MU-S06) and resident syncs to the issuance service (MU-Y01…MU-Y06) when
// the receiver misbehaves, whether its counts agree with the center's after faults (MU-R01), and
// its upper tester outside test mode (MU-V08), and its unknown paths, generated correlation ids
// and personal data kept out of errors (MU-V07). Requirements the profiles conclude on here:
// GEN-HLT-001, GEN-OBS-001, GEN-UT-001 (health); GEN-SEND-001…009, GEN-SEND-012, GEN-DLQ-001/002
// (batch sender); GEN-REC-001/002 (reconciliation); GEN-UT-002 (upper tester); GEN-ERR-002…004,
// GEN-OBS-002/003, GEN-SEC-006 (observability).
const suite = conformanceSuite(municipality);
healthProfile(suite, municipality);
for (const sender of municipality.sends) batchSenderProfile(suite, sender);
if (municipality.reconciliation) reconciliationProfile(suite, municipality.reconciliation);
if (municipality.upperTester) upperTesterProfile(suite, municipality.peers, municipality.upperTester);
if (municipality.observability) observabilityProfile(suite, municipality.observability);
// The security profile (<prefix>-A01…A04), production profile only: not applicable with --profile basic.
securityProfile(suite, municipality);
