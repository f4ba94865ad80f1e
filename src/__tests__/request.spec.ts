/**
 * requestAPI against a stub `fetch` handed in through the server settings,
 * i.e. the real ServerConnection.makeRequest path minus the network.
 */
import { ServerConnection } from '@jupyterlab/services';
import { listJobs, listVersions, stopVersion } from '../api/client';
import { ModelArtsRequestError, requestAPI } from '../api/request';

function settingsWith(
  respond: (url: string, init: RequestInit) => Promise<Response>
): { settings: ServerConnection.ISettings; calls: Array<[string, string]> } {
  const calls: Array<[string, string]> = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = input instanceof Request ? input.url : String(input);
    // ServerConnection appends a cache-busting timestamp; drop it.
    const url = raw.replace(/[?&]\d+$/, '');
    const method = input instanceof Request ? input.method : init?.method;
    calls.push([url, method ?? 'GET']);
    if (input instanceof Request) {
      // What reaches the boundary: the request's own headers.
      init = { ...init, headers: input.headers };
    }
    return respond(url, init ?? {});
  };
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/a%40b/',
    fetch
  });
  return { settings, calls };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(ModelArtsRequestError);
  return error as ModelArtsRequestError;
}

function json(status: number, body: unknown, headers = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers }
  });
}

describe('requestAPI', () => {
  it('calls the route under the base URL and returns the body', async () => {
    const { settings, calls } = settingsWith(async () =>
      json(200, { source: 'emulator' })
    );
    const body = await requestAPI<{ source: string }>('session', {}, settings);
    expect(body.source).toBe('emulator');
    expect(calls[0][0]).toBe(
      'http://localhost:8888/a%40b/jupyterlab-modelarts/session'
    );
  });

  it('throws a typed error carrying the ModelArts error fields', async () => {
    const { settings } = settingsWith(async () =>
      json(
        409,
        {
          is_success: false,
          error_code: 'ModelArts.0105',
          error_msg: 'The job is not running.',
          message: 'Version 3 is not running'
        },
        { 'Retry-After': '7' }
      )
    );
    const error = await failure(stopVersion('42', '3', settings));
    expect(error.status).toBe(409);
    expect(error.errorCode).toBe('ModelArts.0105');
    expect(error.errorMsg).toBe('The job is not running.');
    expect(error.message).toBe('Version 3 is not running');
    expect(error.retryAfter).toBe(7);
  });

  it('copes with an error body that is not JSON', async () => {
    const { settings } = settingsWith(
      async () => new Response('Bad Gateway', { status: 502 })
    );
    const error = await failure(requestAPI('session', {}, settings));
    expect(error.status).toBe(502);
    expect(error.errorCode).toBe('HTTP 502');
    expect(error.message).toBe('Bad Gateway');
    expect(error.retryAfter).toBeNull();
  });

  it('reports an unreachable server as status 0', async () => {
    const { settings } = settingsWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failure(requestAPI('session', {}, settings));
    expect(error).toBeInstanceOf(ModelArtsRequestError);
    expect(error.status).toBe(0);
    expect(error.errorCode).toBe('NetworkError');
  });

  it('POSTs a stop and encodes the query of the job list', async () => {
    const { settings, calls } = settingsWith(async () =>
      json(200, { is_success: true, job_total_count: 0, jobs: [] })
    );
    await stopVersion('42', '3', settings);
    await listJobs(
      { search: 'res net', per_page: 5, status: undefined },
      settings
    );
    expect(calls[0]).toEqual([
      'http://localhost:8888/a%40b/jupyterlab-modelarts/training-jobs/42/versions/3/stop',
      'POST'
    ]);
    expect(calls[1][0]).toBe(
      'http://localhost:8888/a%40b/jupyterlab-modelarts/training-jobs?search=res+net&per_page=5'
    );
  });

  it("asks for the versions' summary view (one version's full record is its own route)", async () => {
    const { settings, calls } = settingsWith(async () =>
      json(200, { versions: [] })
    );
    await listVersions('42', settings);
    expect(calls.map(([url]) => url)).toEqual([
      'http://localhost:8888/a%40b/jupyterlab-modelarts/training-jobs/42/versions?view=summary'
    ]);
  });

  it('sends a 19-digit version id exactly as given', async () => {
    const { settings, calls } = settingsWith(async () =>
      json(200, { is_success: true })
    );
    await stopVersion('9223372036854775806', '9223372036854775807', settings);
    expect(calls[0]).toEqual([
      'http://localhost:8888/a%40b/jupyterlab-modelarts/training-jobs/9223372036854775806/versions/9223372036854775807/stop',
      'POST'
    ]);
  });
});

describe('requestAPI revalidation (a fake fetch at the boundary)', () => {
  function validating(etag: string, body: unknown) {
    const seen: Array<string | null> = [];
    const { settings, calls } = settingsWith(async (_url, init) => {
      const sent = new Headers(init.headers).get('If-None-Match');
      seen.push(sent);
      return sent === etag
        ? new Response(null, { status: 304, headers: { ETag: etag } })
        : json(200, body, { ETag: etag });
    });
    return { settings, calls, seen };
  }

  it('sends If-None-Match with the last ETag and returns the same object on 304', async () => {
    const { settings, seen } = validating('"v1"', { versions: [1, 2] });
    const first = await requestAPI<object>(
      'training-jobs/7/versions',
      {},
      settings
    );
    const second = await requestAPI<object>(
      'training-jobs/7/versions',
      {},
      settings
    );
    expect(seen).toEqual([null, '"v1"']);
    expect(second).toBe(first);
  });

  it('keeps validators per URL and never sends them on other verbs', async () => {
    const { settings, seen } = validating('"a"', { is_success: true });
    await requestAPI('training-jobs/9/versions', {}, settings);
    await requestAPI('training-jobs/10/versions', {}, settings);
    await requestAPI(
      'training-jobs/9/versions/1/stop',
      { method: 'POST' },
      settings
    );
    expect(seen).toEqual([null, null, null]);
  });

  it('forgets the validator when an answer carries no ETag', async () => {
    let tagged = true;
    const seen: Array<string | null> = [];
    const { settings } = settingsWith(async (_url, init) => {
      seen.push(new Headers(init.headers).get('If-None-Match'));
      return tagged ? json(200, {}, { ETag: '"x"' }) : json(200, {});
    });
    await requestAPI('session', {}, settings);
    tagged = false;
    await requestAPI('session', {}, settings);
    await requestAPI('session', {}, settings);
    expect(seen).toEqual([null, '"x"', null]);
  });
});
