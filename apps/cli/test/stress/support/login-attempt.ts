import { request } from 'node:https';

/** One login attempt straight at the sandbox (not through the CLI), e.g. to run up Metabase's login throttle. */
export function loginAttempt(
  apiUrl: string,
  ca: string,
  username: string,
  password: string,
): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('session', apiUrl),
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ username, password }));
  });
}
