import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type { EIP1193Provider } from "hardhat/types/providers";

/** What the node does to one HTTP request: cut the connection, answer an HTTP status, or forward it. */
export type FlakyAnswer = "drop" | number | "forward" | "forward-then-500";

interface JsonRpcRequest {
  id: number | string | null;
  method: string;
  params?: unknown[];
}

/**
 * A JSON-RPC endpoint on 127.0.0.1 in front of a Hardhat network, misbehaving on demand: the next requests for
 * a method are cut or answered with an HTTP error before it behaves again. It counts every JSON-RPC call it
 * sees by method, so a test can tell how often the SDK asked.
 */
export class FlakyNode {
  readonly calls = new Map<string, number>();
  private readonly planned = new Map<string, FlakyAnswer[]>();
  private readonly always = new Map<string, FlakyAnswer>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(node: EIP1193Provider): Promise<FlakyNode> {
    let flaky: FlakyNode | undefined;
    const server = createServer((request, response) => void flaky!.handle(node, request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    flaky = new FlakyNode(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return flaky;
  }

  /** The next requests carrying `method` get these answers, one each, in order. */
  failNext(method: string, ...answers: FlakyAnswer[]): void {
    this.planned.set(method, [...(this.planned.get(method) ?? []), ...answers]);
  }

  /** Every request carrying `method` gets this answer, until `heal`. */
  failAlways(method: string, answer: FlakyAnswer): void {
    this.always.set(method, answer);
  }

  heal(): void {
    this.planned.clear();
    this.always.clear();
  }

  count(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answerFor(methods: string[]): FlakyAnswer {
    for (const method of methods) {
      const planned = this.planned.get(method);
      if (planned !== undefined && planned.length > 0) return planned.shift()!;
      const always = this.always.get(method);
      if (always !== undefined) return always;
    }
    return "forward";
  }

  private async handle(node: EIP1193Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as JsonRpcRequest | JsonRpcRequest[];
    const payloads = Array.isArray(body) ? body : [body];
    for (const { method } of payloads) this.calls.set(method, this.count(method) + 1);
    const answer = this.answerFor(payloads.map((p) => p.method));
    if (answer === "drop") {
      request.socket.destroy();
      return;
    }
    if (typeof answer === "number") {
      response.writeHead(answer, { "content-type": "text/plain" }).end("node unavailable");
      return;
    }
    const results = await Promise.all(payloads.map((payload) => forward(node, payload)));
    if (answer === "forward-then-500") {
      // The worst case for a send: the node took the transaction, the answer is lost on the way back.
      response.writeHead(500, { "content-type": "text/plain" }).end("gateway lost the answer");
      return;
    }
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(Array.isArray(body) ? results : results[0]));
  }
}

async function forward(node: EIP1193Provider, { id, method, params }: JsonRpcRequest) {
  try {
    return { jsonrpc: "2.0", id, result: await node.request({ method, params }) };
  } catch (error) {
    const { code, message, data } = error as { code?: number; message?: string; data?: unknown };
    return { jsonrpc: "2.0", id, error: { code: code ?? -32603, message: message ?? String(error), data } };
  }
}
