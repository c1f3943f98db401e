import { defaultSpecsDir } from '../../spec/load-spec.ts';
import { specDigest } from '../../spec/spec-digest.ts';
import { defineCommand } from '../command-definition.ts';

export const specDigestCommand = defineCommand({
  name: 'spec digest',
  summary: 'Print the digest of specs/ (sha256:<hex>) that reports cite',
  args: [],
  options: {},
  async run({ io, specsDir }) {
    io.stdout(await specDigest(specsDir ?? defaultSpecsDir()));
    return 0;
  },
});
