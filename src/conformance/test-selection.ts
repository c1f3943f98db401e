/**
 * `tekigo run --requirements A,B`: a test runs when it declares at least one of the ids;
 * with no selection every test runs.
 */
export function selectedBy(
  focus: readonly string[] | undefined,
  definition: { readonly requirements: readonly string[] },
): boolean {
  return focus === undefined || definition.requirements.some((id) => focus.includes(id));
}
