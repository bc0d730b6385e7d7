import { describe, expect, it } from 'vitest';
import { simulateContainer } from '../../src/devcluster/sh-interpreter.js';

const text = (r: { output: { text: string }[] }) => r.output.map((o) => o.text).join('');

describe('simulateContainer', () => {
  it.each([
    { cmd: ['sh', '-c', 'echo hi'], exit: 0, secs: 0, out: 'hi\n' },
    { cmd: ['/bin/sh', '-c', 'echo a; sleep 3; echo b'], exit: 0, secs: 3, out: 'a\nb\n' },
    { cmd: ['sh', '-c', 'echo x && exit 3; echo never'], exit: 3, secs: 0, out: 'x\n' },
    { cmd: ['sh', '-c', 'false && echo skipped'], exit: 1, secs: 0, out: '' },
    { cmd: ['sh', '-c', 'false || echo rescued'], exit: 0, secs: 0, out: 'rescued\n' },
    { cmd: ['sh', '-c', 'true; false'], exit: 1, secs: 0, out: '' },
    { cmd: ['sh', '-c', 'sleep 1.5; sleep 2s'], exit: 0, secs: 3.5, out: '' },
    { cmd: ['sh', '-c', 'echo \'a;b\' "c d"'], exit: 0, secs: 0, out: 'a;b c d\n' },
    { cmd: ['sh', '-c', 'echo -n no-newline'], exit: 0, secs: 0, out: 'no-newline' },
    { cmd: ['sh', '-c', 'exit 300'], exit: 44, secs: 0, out: '' },
    { cmd: ['sh', '-c', 'echo one\necho two'], exit: 0, secs: 0, out: 'one\ntwo\n' },
    { cmd: ['sh', '-c', 'python run.py; echo done'], exit: 0, secs: 2, out: 'done\n' },
    { cmd: ['echo', 'direct', 'words'], exit: 0, secs: 0, out: 'direct words\n' },
    { cmd: ['sleep', '4'], exit: 0, secs: 4, out: '' },
    { cmd: ['false'], exit: 1, secs: 0, out: '' },
    { cmd: ['python', 'main.py'], exit: 0, secs: 2, out: '' },
    { cmd: undefined, exit: 0, secs: 2, out: '' },
  ])('$cmd → exit $exit after $secs s', ({ cmd, exit, secs, out }) => {
    const r = simulateContainer(cmd, undefined, 2);
    expect(r.exitCode).toBe(exit);
    expect(r.durationSeconds).toBe(secs);
    expect(text(r)).toBe(out);
  });

  it('takes the script from args when the command is just the shell', () => {
    const r = simulateContainer(['sh'], ['-c', 'echo from-args; exit 2'], 2);
    expect([r.exitCode, text(r)]).toEqual([2, 'from-args\n']);
  });

  it('timestamps output so logs grow while the container runs', () => {
    const r = simulateContainer(['sh', '-c', 'echo a; sleep 5; echo b'], undefined, 2);
    expect(r.output).toEqual([
      { atSeconds: 0, text: 'a\n' },
      { atSeconds: 5, text: 'b\n' },
    ]);
  });
});
