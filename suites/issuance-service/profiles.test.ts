import { runProfiles } from '../../src/conformance/profiles/run-profiles.ts';
import { issuanceService } from './adapter.ts';

// The generic profiles, run against the issuance service through its adapter: health,
// capabilities and correlation ids (IS-H01: GEN-UT-001, GEN-HLT-001, GEN-OBS-001); unknown paths
// and generated correlation ids (IS-V01: GEN-ERR-004, GEN-OBS-002); the batch-receiver profile on
// resident-sync (IS-G01…IS-G05: among them GEN-VAL-002/004/005/010, GEN-BAT-003,
// GEN-TMO-001…003, GEN-IDEM-001/004, GEN-ACK-001/002, GEN-ERR-002, GEN-OBS-003) and
// certificate-requests (IS-G06, IS-G07); hostile input and schema-derived fuzzing on resident-sync
// (IS-G08: among them GEN-VAL-001/003/006, IS-G09: GEN-VAL-014); the security profile (IS-A01…IS-A07: GEN-SEC-001…004, GEN-SEC-010, GEN-SEC-012, GEN-SEC-013, GEN-TMO-004) with
// --profile production. The batch-sender, reconciliation and upper-tester profiles need a batch
// interface the role sends on, or a stimulus kind; the issuance service has neither (README.md).
runProfiles(issuanceService);
