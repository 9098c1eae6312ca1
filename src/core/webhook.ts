/** POST a JSON body to a webhook (Slack-compatible when it has `text`); false on any failure, never throws. */
export async function postWebhook(doFetch: typeof fetch, url: string, body: unknown, timeoutMs = 5000): Promise<boolean> {
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok;
  } catch {
    return false;
  }
}
