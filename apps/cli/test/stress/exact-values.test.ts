import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerWith } from './support/bad-answers.js';
import { errorTraces } from './support/messages.js';
import { startStage } from './support/stage.js';
import { createStressCli, type StressCli } from './support/stress-cli.js';

// No stream may change a value Metabase sent. dashboard_cards derives its records from the dashboard detail; it must
// not round what a double cannot hold: two dashcard ids that differ only beyond 2^53 stay two rows, and dashboard_id
// (filled in when missing or null) is the dashboard's own id, as text. The version matrix checks every stream with the
// sandbox's precision probe; this is the primary-key case, for `dashcards` (0.48+) and `ordered_cards` (before).

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

const numbers = '{"n":12345678901234567890123,"x":1e400,"d":0.12345678901234567890123456789012345678,"neg":-4.9e-325}';
const cards = `[{"id":9007199254740993,"card_id":null,"visualization_settings":${numbers}},{"id":9007199254740992,"dashboard_id":null,"visualization_settings":{}}]`;

it('dashboard_cards keeps ids beyond 2^53 apart, numbers as sent, and fills dashboard_id as the dashboard id text', async (test) => {
  let ids: number[] = [];
  const stage = await startStage(test, {
    routes: (sandbox) => {
      ids = sandbox.expected
        .dashboards()
        .slice(0, 2)
        .map((dashboard) => Number(dashboard.id));
      const [first = 0, second = 0] = ids;
      return {
        [`GET /api/dashboard/${first}`]: answerWith(`{"id":${first},"name":"New","dashcards":${cards},"tabs":[]}`),
        [`GET /api/dashboard/${second}`]: answerWith(
          `{"id":${second},"name":"Old","ordered_cards":${cards},"ordered_tabs":[]}`,
        ),
      };
    },
  });
  const run = await stage.invoke(cli, {
    command: 'read',
    config: stage.config('api_key'),
    catalog: ['dashboards', 'dashboard_cards'],
  });
  expect(run.exitCode).toBe(0);
  expect(errorTraces(run)).toEqual([]);
  const lines = run.lines.filter((line) => line.includes('"type":"RECORD"'));
  for (const id of ids) {
    const cardLines = lines.filter(
      (line) => line.includes('"stream":"dashboard_cards"') && line.includes(`"dashboard_id":${id}`),
    );
    expect(
      cardLines.filter((line) =>
        line.includes(
          `{"dashboard_id":${id},"id":9007199254740993,"card_id":null,"visualization_settings":${numbers}}`,
        ),
      ),
    ).toHaveLength(1);
    expect(
      cardLines.filter((line) =>
        line.includes(`{"id":9007199254740992,"dashboard_id":${id},"visualization_settings":{}}`),
      ),
    ).toHaveLength(1);
  }
  const dashboards = lines.filter((line) => line.includes('"stream":"dashboards"') && line.includes(cards));
  expect(dashboards).toHaveLength(2);
});
