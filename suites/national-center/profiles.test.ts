import { runProfiles } from '../../src/conformance/profiles/index.ts';
import { nationalCenter } from './adapter.ts';

// The generic profiles, run against the national center through its adapter: how it answers
// health and echoes correlation ids (NC-H01), how it sends revocation requests when the
// certification authority misbehaves (INC-2004-JPKI, NC-S01…NC-S06), how it receives resident
// changes (NC-G01…NC-G05) and issuance notices (NC-G06…NC-G10): hostile bodies, batch bounds,
// stalled connections, record decisions and idempotency, a crash right after the answer.
// Requirements the profiles conclude on here: GEN-HLT-001, GEN-OBS-001, GEN-UT-001 (health);
// GEN-SEND-001…009, GEN-SEND-012, GEN-DLQ-001/002 (batch sender); GEN-VAL-002/004/005/008/010/011,
// GEN-BAT-001…003, GEN-TMO-001…003, GEN-IDEM-001…005, GEN-ACK-001/002, GEN-ERR-002/003,
// GEN-OBS-003 (batch receiver).
runProfiles(nationalCenter);
