const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Node = Readonly<Record<string, unknown>>;

const asNode = (value: unknown): Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const escapeHtml = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** What a schema, response or parameter points to: its `$ref`, else its title, else "inline". */
function reference(value: unknown): string {
  const node = asNode(value);
  if (typeof node.$ref === 'string') return `<code>${escapeHtml(node.$ref)}</code>`;
  if (typeof node.title === 'string') return `${escapeHtml(node.title)} (inline)`;
  return 'inline schema';
}

function content(value: unknown): string {
  const entries = Object.entries(asNode(value));
  if (entries.length === 0) return '';
  return entries
    .map(([type, media]) => `<code>${escapeHtml(type)}</code>: ${reference(asNode(media).schema)}`)
    .join('<br>');
}

const paragraph = (value: unknown): string => (text(value) === '' ? '' : `<p>${escapeHtml(text(value))}</p>`);

function operation(method: string, path: string, op: Node): string {
  const parameters = Array.isArray(op.parameters) ? op.parameters.map(asNode) : [];
  const body = asNode(op.requestBody);
  const responses = Object.entries(asNode(op.responses));
  return [
    `<section class="operation"><h3><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> ${escapeHtml(text(op.summary))}</h3>`,
    text(op.operationId) === ''
      ? ''
      : `<p class="id">operationId <code>${escapeHtml(text(op.operationId))}</code></p>`,
    paragraph(op.description),
    parameters.length === 0
      ? ''
      : `<h4>Parameters</h4><ul>${parameters
          .map((p) =>
            typeof p.$ref === 'string'
              ? `<li>${reference(p)}</li>`
              : `<li><code>${escapeHtml(text(p.name))}</code> in ${escapeHtml(text(p.in))}${p.required === true ? ', required' : ''}${text(p.description) === '' ? '' : `: ${escapeHtml(text(p.description))}`}</li>`,
          )
          .join('')}</ul>`,
    Object.keys(body).length === 0
      ? ''
      : `<h4>Request body</h4>${typeof body.$ref === 'string' ? reference(body) : `${paragraph(body.description)}<p>${content(body.content)}</p>`}`,
    responses.length === 0
      ? ''
      : `<h4>Responses</h4><table><tr><th>status</th><th>description</th><th>body</th></tr>${responses
          .map(([status, response]) => {
            const r = asNode(response);
            const described = typeof r.$ref === 'string' ? reference(r) : escapeHtml(text(r.description));
            return `<tr><td>${escapeHtml(status)}</td><td>${described}</td><td>${content(r.content)}</td></tr>`;
          })
          .join('')}</table>`,
    '</section>',
  ].join('\n');
}

/**
 * A self-contained HTML page for an OpenAPI document: its paths and operations with their
 * descriptions, parameters and schema references. Used when `redocly build-docs` is unavailable.
 */
export function renderOpenApiHtml(document: unknown): string {
  const doc = asNode(document);
  const info = asNode(doc.info);
  const title = text(info.title) || 'OpenAPI document';
  const paths = Object.entries(asNode(doc.paths));
  const sections = paths.map(([path, item]) => {
    const operations = METHODS.filter((method) => method in asNode(item)).map((method) =>
      operation(method, path, asNode(asNode(item)[method])),
    );
    return `<h2><code>${escapeHtml(path)}</code></h2>\n${paragraph(asNode(item).description)}\n${operations.join('\n')}`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
code { font-family: ui-monospace, monospace; }
.operation { border-left: 3px solid #888; padding-left: 1rem; margin: 1rem 0; }
.method { font-family: ui-monospace, monospace; background: #eee; padding: 0 .3rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
</style>
</head>
<body>
<h1>${escapeHtml(title)} <small>${escapeHtml(text(info.version))}</small></h1>
${paragraph(info.description)}
${sections.join('\n')}
</body>
</html>
`;
}
