/**
 * The events of a watch response body (newline-delimited JSON, one `{type, object}` per line),
 * parsed as they arrive; blank lines are skipped. The body is read on demand, so a consumer that
 * stops pulling holds the server back, and one that returns ends the read.
 */
export async function* watchEvents<T>(body: AsyncIterable<Buffer>): AsyncGenerator<T> {
  let buffered = '';
  for await (const chunk of body) {
    buffered += chunk.toString('utf8');
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
      if (line) yield JSON.parse(line) as T;
    }
  }
}
