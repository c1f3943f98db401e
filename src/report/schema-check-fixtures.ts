import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(new URL('./schemas/junit-10.xsd', import.meta.url), 'utf8');

/** Problems of a junit.xml against the Jenkins xUnit `junit-10.xsd`, checked by libxml2 (WebAssembly, offline). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.rawMessage);
}

let sarifValidator: ValidateFunction | undefined;

/** Problems of a SARIF log against the official SARIF 2.1.0 schema (draft-04, checked with ajv). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (sarifValidator === undefined) {
    // ajv-draft-04 is CommonJS: under NodeNext its default import is the module object.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    sarifValidator = ajv.compile(
      JSON.parse(readFileSync(new URL('./schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')),
    );
  }
  const validate = sarifValidator;
  return validate(log)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}
