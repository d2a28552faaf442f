import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyChunks } from './body-chunks.js';

async function collect(body: PassThrough): Promise<string> {
  let text = '';
  for await (const chunk of bodyChunks(body)) text += chunk.toString();
  return text;
}

describe('bodyChunks', () => {
  it('yields every byte, written before and after reading starts, then ends', async () => {
    const body = new PassThrough();
    body.write('[1,');
    const reading = collect(body);
    setTimeout(() => {
      body.write('2,');
      body.end('3]');
    }, 5);
    await expect(reading).resolves.toBe('[1,2,3]');
  });

  it('throws the error the body fails with', async () => {
    const body = new PassThrough();
    body.write('[1,');
    const reading = collect(body);
    setTimeout(() => body.destroy(new Error('cut short')), 5);
    await expect(reading).rejects.toThrow('cut short');
  });

  it('throws a premature close when the body closes before its end', async () => {
    const body = new PassThrough();
    const reading = collect(body);
    setTimeout(() => body.destroy(), 5);
    await expect(reading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('destroys the body when the loop is left early, and leaves no listeners behind', async () => {
    const body = new PassThrough();
    body.write('a');
    body.write('b');
    for await (const chunk of bodyChunks(body)) {
      expect(chunk.toString()).toBe('ab');
      break;
    }
    expect(body.destroyed).toBe(true);
    expect(body.listenerCount('readable') + body.listenerCount('end')).toBe(0);
  });
});
