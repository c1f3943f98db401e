import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TekigoEnvironmentError } from '../../errors.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { buildOpenApiDoc } from '../build-openapi-docs.ts';
import { defineCommand } from '../command-definition.ts';
import { renderRequirementsMarkdown } from '../render-requirements-markdown.ts';

const OPENAPI_FILE = /\.(ya?ml|json)$/;

const escapeHtml = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function indexHtml(pages: readonly string[]): string {
  const items = pages
    .map((page) => `<li><a href="${escapeHtml(page)}">${escapeHtml(page)}</a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>tekigo protocol documentation</title></head>
<body>
<h1>tekigo protocol documentation</h1>
<ul>
${items}
</ul>
</body>
</html>
`;
}

export const docs = defineCommand({
  name: 'docs',
  summary: 'Render the OpenAPI documents to static HTML and the catalog to requirements.md',
  args: [],
  options: {
    out: { type: 'string', valueName: 'dir', default: 'docs-build', description: 'the folder to write into' },
  },
  async run({ options, io, specsDir }) {
    const spec = await loadSpec({ specsDir });
    const openapiDir = join(spec.specsDir, 'openapi');
    const documents = (await readdir(openapiDir, { recursive: true }).catch(() => []))
      .filter((file) => OPENAPI_FILE.test(file))
      .map((file) => file.split(sep).join('/'))
      .sort();
    try {
      await mkdir(options.out, { recursive: true });
    } catch (cause) {
      throw new TekigoEnvironmentError(
        'OUTPUT_NOT_WRITABLE',
        `cannot write the documentation: ${options.out} cannot be created (${(cause as Error).message}). Choose another --out folder`,
        { out: options.out },
        { cause },
      );
    }
    const pages: string[] = [];
    for (const document of documents) {
      const page = document.replace(OPENAPI_FILE, '.html');
      const outFile = join(options.out, page);
      await mkdir(dirname(outFile), { recursive: true });
      const built = await buildOpenApiDoc(join(openapiDir, document), outFile);
      if (built.fallbackReason !== undefined) {
        io.stderr(`tekigo: ${document}: ${built.fallbackReason}; wrote a plain page instead`);
      }
      io.stdout(`wrote ${outFile} (${built.renderer})`);
      pages.push(page);
    }
    const requirementsFile = join(options.out, 'requirements.md');
    await writeFile(requirementsFile, renderRequirementsMarkdown(spec.catalog, spec.digest));
    io.stdout(`wrote ${requirementsFile}`);
    pages.push('requirements.md');
    const indexFile = join(options.out, 'index.html');
    await writeFile(indexFile, indexHtml(pages));
    io.stdout(`wrote ${indexFile}`);
    if (documents.length === 0)
      io.stderr(`tekigo: no OpenAPI documents in ${relative('.', openapiDir) || '.'}`);
    return 0;
  },
});
