/**
 * An HTTP server on 127.0.0.1 serving files from memory, as a weights host does: Content-Length,
 * Range requests answered with 206, optional redirects, and a switch that cuts the connection after
 * some bytes of the next response, to test resuming.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WeightsServer {
  url: string;
  /** The requests seen, with their Range header. */
  requests: { path: string; range: string | undefined }[];
  /** Cut the connection of the next response after this many body bytes. */
  cutNextAfter(bytes: number): void;
  close(): Promise<void>;
}

export async function startWeightsServer(files: Record<string, Uint8Array>, redirects: Record<string, string> = {}): Promise<WeightsServer> {
  const requests: WeightsServer['requests'] = [];
  let cutAfter: number | undefined;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const range = req.headers.range;
    requests.push({ path, range });
    if (redirects[path]) {
      res.writeHead(302, { Location: redirects[path] });
      res.end();
      return;
    }
    const body = files[path];
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
    if (m) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'Content-Length': body.length });
    }
    const part = body.subarray(start);
    if (cutAfter !== undefined) {
      const n = cutAfter;
      cutAfter = undefined;
      res.write(part.subarray(0, n), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(part);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutNextAfter: (bytes) => void (cutAfter = bytes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
