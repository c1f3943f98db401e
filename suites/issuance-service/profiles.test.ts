import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { healthProfile, securityProfile } from '../../src/conformance/profiles/index.ts';
import { issuanceService } from './adapter.ts';

// The generic profiles, run against the issuance service through its adapter: capabilities,
// health and correlation ids (IS-H01: GEN-UT-001, GEN-HLT-001, GEN-OBS-001). The batch-sender,
// reconciliation, upper-tester and observability profiles need a batch interface the role sends
// on, or a stimulus kind; the issuance service has neither (see README.md). The batch-receiver
// profile will judge its receiving side (certificate-requests, resident-sync) once it is applied.
const suite = conformanceSuite(issuanceService);
healthProfile(suite, issuanceService);
// The security profile (<prefix>-A01…A04), production profile only: not applicable with --profile basic.
securityProfile(suite, issuanceService);
