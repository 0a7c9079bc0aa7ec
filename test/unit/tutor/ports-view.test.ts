import { describe, expect, it } from 'vitest';
import type { RunResult, Runner } from '../../../src/ports/exec.js';
import type { ProcFs } from '../../../src/ports/proc-reader.js';
import { labPortsView } from '../../../src/tutor/ports-view.js';
import { fixture } from '../ports/fixtures.js';

const NO_PROC: ProcFs = { read: () => ({ ok: false, code: 'missing', detail: 'ENOENT' }), list: () => [], link: () => null, ownerUid: () => null };
const ss: Runner = async (command) => (command === 'ss' ? ({ kind: 'exited', code: 0, stdout: fixture('linux/ss-tcp.txt'), stderr: '' } as RunResult) : { kind: 'missing', command });
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('labPortsView (lesson application-layer, step "ports")', () => {
  it("names the lab's own listeners on the free ports the system chose (issue 21 item 4: they showed -)", async () => {
    // 2024 is in no services table: in a lesson it is a lab port the system picked.
    const view = plain((await labPortsView([2024], 'en', new Map([[2024, 'SMTP (l7lab)']]), { platform: 'linux', run: ss, fs: NO_PROC, euid: 0 })) ?? '');
    expect(view).toMatch(/│ tcp\s+│ 0\.0\.0\.0\s+│ 2024\s+│ SMTP \(l7lab\)/);
    const unnamed = plain((await labPortsView([2024], 'en', new Map(), { platform: 'linux', run: ss, fs: NO_PROC, euid: 0 })) ?? '');
    expect(unnamed).toMatch(/│ 2024\s+│ -/);
  });
});
