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
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new ModelArtsRequestError({
      status: 0,
      errorCode: 'NetworkError',
      errorMsg: String(error),
      message: Private.describe(error)
    });
  }
  const text = await response.text();
  const body = Private.parse(text);
  if (!response.ok) {
    throw Private.toError(response, body, text);
  }
  return body as T;
}

namespace Private {
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
