#!/usr/bin/env node
// First step of `npm run build`: an empty dist/, so nothing a past build left there (a source
// map from before maps were turned off, a module since renamed) is packed and shipped.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
