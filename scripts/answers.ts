/** Writes docs/answers.md, the answers table (`npm run answers`); the guard test fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAnswers } from '../test/answers/render.ts';

writeFileSync(fileURLToPath(new URL('../docs/answers.md', import.meta.url)), renderAnswers());
console.log('docs/answers.md written');
