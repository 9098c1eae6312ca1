import { z } from 'zod';

/** True for an absolute http(s) URL with a host: what every URL setting (providers, OTLP, OIDC) takes. */
export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** An http(s) URL; the message reads `expected a URL, got "foo"` once the input is appended. */
export const httpUrl = z.string().refine(isHttpUrl, { message: 'expected a URL' });
