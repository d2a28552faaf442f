// A record over the limit fails its stream with a config_error that names the stream, the request, the limit and how
// to raise it; the other streams are read.
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { errorsOf, recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, type ToyApi } from './support/toy-api.js';
import { toySource } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the record limit in a read', () => {
  it('a project record is larger than 50 bytes: projects fails alone, with the advice; users is read', async () => {
    api = await startToyApi();
    const source = defineSource({
      ...toySource,
      http: (config, run) => ({
        ...toySource.http(config, run),
        bodyLimits: { maxRecordBytes: 50, raiseAdvice: 'Raise record_limit in the config.' },
      }),
    });
    const config = { base_url: api.baseUrl, api_token: TOY_TOKEN };
    const output = await readSource(source, { config, streams: ['users', 'projects'] });
    expect(output.exitCode).toBe(1);
    expect(recordsOf(output, 'users')).toHaveLength(25);
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:config_error']);
    const errors = errorsOf(output).filter((e) => e.stream_descriptor?.name === 'projects');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.failure_type).toBe('config_error');
    expect(errors[0]?.message).toMatch(
      /^Stream "projects": the response to GET https:\/\/127\.0\.0\.1:\d+\/api\/projects could not be read as records at \$: record 1 \(from byte 1\) is larger than the limit of 50 bytes on one record\. Raise record_limit in the config\.$/,
    );
    expect(api.server.requests.filter((r) => r.path === '/api/projects')).toHaveLength(1); // not retried
  });
});
