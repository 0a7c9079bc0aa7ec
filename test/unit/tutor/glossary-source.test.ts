import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../../src/tutor/check-glossary.js';

/** Every .ts file under src/: the Japanese a learner reads outside lessons (shells, explanations, serve). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the glossary holds outside lessons too', () => {
  it('no source file uses a term the glossary says to avoid', async () => {
    const { glossary, problems } = await loadGlossary('lessons');
    expect(problems).toEqual([]);
    const found: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const term of glossary?.terms ?? []) for (const avoid of term.avoid) if (text.includes(avoid)) found.push(`${file}: "${avoid}" (use "${term.use}")`);
    }
    expect(glossary?.terms.length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  });
});
