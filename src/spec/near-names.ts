/** Edit distance between two strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidates a mistyped name most likely meant, best first: those containing it or
 * contained in it, then those within a few edits (a third of the name's length).
 */
export function nearNames(input: string, candidates: readonly string[], limit = 5): string[] {
  const wanted = input.toLowerCase();
  return candidates
    .map((name) => {
      const candidate = name.toLowerCase();
      const contains = wanted !== '' && (candidate.includes(wanted) || wanted.includes(candidate));
      return { name, score: contains ? 0 : editDistance(wanted, candidate) };
    })
    .filter(({ name, score }) => score <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}
