#!/usr/bin/env node
// Shim: everything lives in the compiled entry point.
import '../dist/cli.js';
