import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { IError } from './contract';

/**
 * The URL namespace of the server extension.
 */
export const API_NAMESPACE = 'jupyterlab-modelarts';

/**
 * A failed call to the server extension, carrying the HTTP status and the
 * ModelArts error code and messages of the response body.
 */
export class ModelArtsRequestError extends Error {
  constructor(options: ModelArtsRequestError.IOptions) {
    super(options.message);
    this.name = 'ModelArtsRequestError';
    this.status = options.status;
    this.errorCode = options.errorCode;
    this.errorMsg = options.errorMsg;
    this.retryAfter = options.retryAfter ?? null;
  }

  /**
   * The HTTP status; 0 when the server could not be reached.
   */
  readonly status: number;

  /**
   * The `error_code` of the body, e.g. `ModelArts.0105`.
   */
  readonly errorCode: string;

  /**
   * The `error_msg` of the body (ModelArts' own text).
   */
  readonly errorMsg: string;

  /**
   * Seconds from a `Retry-After` header, if any.
   */
  readonly retryAfter: number | null;
}

export namespace ModelArtsRequestError {
  export interface IOptions {
    status: number;
    errorCode: string;
    errorMsg: string;
    message: string;
    retryAfter?: number | null;
  }
}

/**
 * The error as a ModelArtsRequestError (status 0 if it is not one already).
 */
export function asRequestError(error: unknown): ModelArtsRequestError {
  if (error instanceof ModelArtsRequestError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelArtsRequestError({
    status: 0,
    errorCode: 'Error',
    errorMsg: message,
    message
  });
}

/**
 * A route path with the query's set values (none: the bare path).
 */
export function withQuery(
  path: string,
  query: { [key: string]: string | number | undefined }
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Call the server extension and return its JSON body.
 *
 * A GET whose earlier answer carried an `ETag` is sent with
 * `If-None-Match`; when the server answers 304 (unchanged), the call
 * returns the very object of that earlier answer, so a caller can tell "no
 * change" by identity and skip its work.
 *
 * @param endpoint - path under `<base_url>/jupyterlab-modelarts/`
 * @param init - request options
 * @param settings - server connection settings
 * @throws {ModelArtsRequestError} on a network failure or a non-2xx answer
 */
export async function requestAPI<T>(
  endpoint = '',
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, endpoint);
  const isGet = (init.method ?? 'GET').toUpperCase() === 'GET';
  const known = isGet ? Private.answers.get(url) : undefined;
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      url,
      known ? Private.withValidator(init, known.etag) : init,
      settings
    );
  } catch (error) {
    throw new ModelArtsRequestError({
      status: 0,
      errorCode: 'NetworkError',
      errorMsg: String(error),
      message: Private.describe(error)
    });
  }
  if (response.status === 304 && known) {
    Private.remember(url, known);
    return known.body as T;
  }
  const text = await response.text();
  const body = Private.parse(text);
  if (!response.ok) {
    throw Private.toError(response, body, text);
  }
  if (isGet) {
    const etag = response.headers.get('ETag');
    if (etag) {
      Private.remember(url, { etag, body });
    } else {
      Private.answers.delete(url);
    }
  }
  return body as T;
}

namespace Private {
  /**
   * The last answer of a GET and its entity tag.
   */
  export interface IKnownAnswer {
    etag: string;
    body: unknown;
  }

  /**
   * How many GET answers are kept for revalidation (the least recently
   * used is dropped first): the panel polls a handful of routes.
   */
  export const MAX_ANSWERS = 32;

  /**
   * The kept answers by URL, least recently used first.
   */
  export const answers = new Map<string, IKnownAnswer>();

  /**
   * Keep (or refresh) an answer as the most recently used.
   */
  export function remember(url: string, answer: IKnownAnswer): void {
    answers.delete(url);
    answers.set(url, answer);
    if (answers.size > MAX_ANSWERS) {
      answers.delete(answers.keys().next().value!);
    }
  }

  /**
   * `init` asking the server to answer 304 while the entity is `etag`.
   */
  export function withValidator(init: RequestInit, etag: string): RequestInit {
    const headers = new Headers(init.headers);
    headers.set('If-None-Match', etag);
    return { ...init, headers };
  }

  export function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  export function parse(text: string): unknown {
    if (!text) {
      return {};
    }
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  export function isErrorBody(body: unknown): body is Partial<IError> {
    return typeof body === 'object' && body !== null;
  }

  export function toError(
    response: Response,
    body: unknown,
    text: string
  ): ModelArtsRequestError {
    const fields = isErrorBody(body) ? body : {};
    const fallback = text.trim() || response.statusText || 'Request failed';
    const retry = Number(response.headers.get('Retry-After'));
    return new ModelArtsRequestError({
      status: response.status,
      errorCode: fields.error_code ?? `HTTP ${response.status}`,
      errorMsg: fields.error_msg ?? '',
      message: fields.message || fields.error_msg || fallback,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null
    });
  }
}
