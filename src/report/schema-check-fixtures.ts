import { readFileSync } from 'node:fs';
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
