import { verifyBundle } from '../../report/bundle.ts';
import { defineCommand } from '../command-definition.ts';

export const verify = defineCommand({
  name: 'verify',
  summary:
    'Check a signed bundle (tekigo run --bundle): signature, spec digest and every file hash; exit 1 naming the file that changed',
  args: [{ name: 'bundle', description: 'the bundle folder, e.g. reports/<role>/<target>/bundle' }],
  options: {
    'public-key': {
      type: 'string',
      valueName: 'file',
      description:
        'the signer’s Ed25519 public key (PEM) to require; without it the key named in the bundle is used and its fingerprint printed to compare',
    },
  },
  async run({ args, options, io }) {
    const outcome = await verifyBundle(args.bundle, options['public-key']);
    if (!outcome.ok) {
      io.stdout(`tekigo verify: FAILED: ${outcome.file} ${outcome.why}`);
      return 1;
    }
    io.stdout(
      `tekigo verify: OK: ${outcome.files} files match the manifest, signed by Ed25519 key ${outcome.fingerprint}; spec ${outcome.specDigest}`,
    );
    return 0;
  },
});
