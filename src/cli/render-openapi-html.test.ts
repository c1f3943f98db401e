import { expect, test } from 'vitest';
import { renderOpenApiHtml } from './render-openapi-html.ts';

test('lists paths, operations, descriptions and schema references, escaped', () => {
  const html = renderOpenApiHtml({
    openapi: '3.1.0',
    info: { title: 'Certification <authority>', version: '0.1.0', description: 'What it serves.' },
    paths: {
      '/certificate-status/{serialNumber}': {
        get: {
          operationId: 'getCertificateStatus',
          summary: 'Certificate status',
          description: 'Answers good, revoked or unknown.',
          parameters: [{ name: 'serialNumber', in: 'path', required: true, description: 'Upper-case hex.' }],
          responses: {
            '200': {
              description: 'The status.',
              content: {
                'application/json': {
                  schema: { $ref: '../schemas/certificate-status/status-response.json' },
                },
              },
            },
            default: { $ref: '#/components/responses/Problem' },
          },
        },
      },
      '/revocation-requests': {
        post: {
          requestBody: { content: { 'application/json': { schema: { title: 'Batch', type: 'object' } } } },
          responses: {},
        },
      },
    },
  });
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('<title>Certification &lt;authority&gt;</title>');
  expect(html).toContain(
    '<span class="method">GET</span> <code>/certificate-status/{serialNumber}</code> Certificate status',
  );
  expect(html).toContain('operationId <code>getCertificateStatus</code>');
  expect(html).toContain('<li><code>serialNumber</code> in path, required: Upper-case hex.</li>');
  expect(html).toContain(
    '<code>application/json</code>: <code>../schemas/certificate-status/status-response.json</code>',
  );
  expect(html).toContain('<td>default</td><td><code>#/components/responses/Problem</code></td>');
  expect(html).toContain('<code>application/json</code>: Batch (inline)');
  expect(html).not.toMatch(/<(script|link)\b/);
});

test('survives a document with nothing in it', () => {
  expect(renderOpenApiHtml(null)).toContain('<h1>OpenAPI document <small></small></h1>');
});
