import { runProfiles } from '../../src/conformance/profiles/run-profiles.ts';
import { issuanceService } from './adapter.ts';

// The generic profiles, run against the issuance service through its adapter: health,
// capabilities and correlation ids (IS-H01), and the batch-receiver profile on resident-sync
// (IS-G01…IS-G05) and certificate-requests (IS-G06, IS-G07). The batch-sender, reconciliation,
// upper-tester and observability profiles need a batch interface the role sends on, or a
// stimulus kind; the issuance service has neither (see README.md).
runProfiles(issuanceService);
