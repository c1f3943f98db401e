import { loadSpec } from '../../spec/load-spec.ts';
import { defineCommand } from '../command-definition.ts';

export const messageTypes = defineCommand({
  name: 'message-types',
  summary: 'List the message types (schemas) that tekigo validate accepts',
  args: [],
  options: {},
  async run({ io, specsDir }) {
    const spec = await loadSpec({ specsDir });
    for (const messageType of spec.messageTypes) io.stdout(messageType);
    return 0;
  },
});
