#!/usr/bin/env node
// Part of `npm run build`: parse and validate every lesson once and write dist/lesson-index.json,
// so `l7lab lessons` and `learn` need neither the YAML parser nor zod at run time
// (src/tutor/lesson-index.ts says when the index is used and when the YAML is parsed instead).
import { defaultLessonsDir } from '../dist/tutor/lesson-paths.js';
import { writeLessonIndex } from '../dist/tutor/lesson-index-build.js';

const n = await writeLessonIndex(defaultLessonsDir({}));
process.stdout.write(`lesson index: ${n} lessons\n`);
