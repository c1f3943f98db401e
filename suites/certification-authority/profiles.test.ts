import { runProfiles } from '../../src/conformance/profiles/index.ts';
import { certificationAuthority } from './adapter.ts';

// The generic profiles, run against the certification authority through its adapter: how it
// answers health and echoes correlation ids (CA-C01), how it sends certificate-issuances when
// the national center misbehaves (INC-2004-JPKI, CA-S01…CA-S06), and whether its counts agree
// with the national center's after faults (CA-R01), its upper tester outside test mode (CA-V08),
// and its unknown paths, generated correlation ids and personal data kept out of errors (CA-V07).
// Requirements the profiles conclude on here: GEN-HLT-001, GEN-OBS-001, GEN-UT-001 (health);
// GEN-SEND-001…009, GEN-SEND-012, GEN-DLQ-001/002 (batch sender); GEN-REC-001/002 (reconciliation);
// GEN-UT-002 (upper tester); GEN-ERR-002…004, GEN-OBS-002/003, GEN-SEC-006 (observability);
// and the batch-receiver profile on revocation-requests: hostile bodies (CA-V01), batch bounds
// (CA-V03), stalled connections and resets (CA-V04): GEN-VAL-002/004/005/008/010/011,
// GEN-BAT-003, GEN-TMO-001…003.
runProfiles(certificationAuthority);
