// Progress on stderr: a bar for a terminal, with stage, products done/total and ETA; for a pipe, plain lines once a
// run has gone on for LINES_AFTER_SECONDS, at each stage and every LINE_EVERY_SECONDS, never a control character.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, LINE_EVERY_SECONDS, LINES_AFTER_SECONDS } from '../src/cli/progress.js';

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
  it('off a terminal: nothing for a quick run, then whole lines at each stage and every LINE_EVERY_SECONDS', () => {
    const s = fakeStream(false);
    const p = createProgress('scoring', s);
    const at = (stage: string, hvpDone: number, elapsedSeconds: number) =>
      p.onProgress!({ stage, hvpDone, hvpTotal: 700, elapsedSeconds, etaSeconds: 90 });
    at('lanczos', 1, 0.5);
    at('lanczos', 30, LINES_AFTER_SECONDS - 0.01);
    expect(s.text).toBe(''); // a run that ends within LINES_AFTER_SECONDS says nothing
    at('lanczos', 40, LINES_AFTER_SECONDS);
    at('lanczos', 41, LINES_AFTER_SECONDS + 1);
    at('lanczos', 60, LINES_AFTER_SECONDS + LINE_EVERY_SECONDS - 0.01);
    at('slq', 1, LINES_AFTER_SECONDS + LINE_EVERY_SECONDS); // a new stage: a line at once
    at('slq', 2, LINES_AFTER_SECONDS + LINE_EVERY_SECONDS + 1);
    at('slq', 80, LINES_AFTER_SECONDS + 2 * LINE_EVERY_SECONDS);
    p.stop();
    expect(s.text.split('\n')).toEqual([
      'scoring: lanczos, 40/700 HVPs, 10s elapsed, ETA 1m30s',
      'scoring: slq, 1/700 HVPs, 40s elapsed, ETA 1m30s',
      'scoring: slq, 80/700 HVPs, 1m10s elapsed, ETA 1m30s',
      '',
    ]);
    expect(s.text).not.toMatch(/[\r\x1b]/);
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
