// Progress on stderr: drawn only for a terminal, with stage, products done/total and ETA; never for a pipe.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = new Writable({
    write(chunk, _enc, done) {
      s.text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  s.text = '';
  Object.assign(s, {
    isTTY,
    columns: 120,
    cursorTo: (x: number) => ((s.text += `<cursorTo ${x}>`), true),
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
  });
  return s;
}

describe('progress', () => {
  it('writes nothing and installs no callback when stderr is not a terminal', () => {
    const s = fakeStream(false);
    const p = createProgress('scoring', s);
    expect(p.onProgress).toBeUndefined();
    p.stop();
    expect(s.text).toBe('');
  });

  it('shows the stage, products done/total and the ETA on a terminal, and clears itself', async () => {
    const s = fakeStream(true);
    const p = createProgress('scoring', s);
    expect(s.text).toMatch(/preparing/);
    p.onProgress!({ stage: 'lanczos', hvpDone: 12, hvpTotal: 50, elapsedSeconds: 3, etaSeconds: 75 });
    await new Promise((r) => setTimeout(r, 50));
    expect(s.text).toMatch(/scoring lanczos .*12\/50 HVPs .*ETA 1m15s/);
    p.onProgress!({ stage: 'slq', hvpDone: 1, hvpTotal: 300, elapsedSeconds: 5, etaSeconds: 20 });
    p.stop();
    expect(s.text).toMatch(/scoring slq .*1\/300 HVPs .*ETA 20s/);
  });
});
