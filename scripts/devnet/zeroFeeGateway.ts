import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

// Hardhat's node answers a fixed 1 gwei to eth_maxPriorityFeePerGas and eth_gasPrice (EDR hard-codes it), so a
// plain viem or ethers wallet asks members for ether they do not have. The currency's own chain (Besu, zero
// base fee, no minimum priority fee) suggests zero: the devnet is put behind this gateway to suggest the same.
const ZERO_FEE_METHODS = new Set(["eth_maxPriorityFeePerGas", "eth_gasPrice"]);

interface JsonRpcRequest {
  jsonrpc: "2.0";
  id?: number | string | null;
  method: string;
  params?: unknown;
}

const CORS_HEADERS = {
  // A browser wallet served from another loopback port talks to the devnet directly, as it would to the
  // currency's RPC node (which lists the wallet's origin).
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "content-type",
};

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function forward(target: string, payload: unknown): Promise<{ id: unknown }[] | { id: unknown }> {
  const response = await fetch(target, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as { id: unknown }[] | { id: unknown };
}

async function answer(target: string, payload: JsonRpcRequest | JsonRpcRequest[]): Promise<unknown> {
  const requests = Array.isArray(payload) ? payload : [payload];
  const forwarded = requests.filter((request) => !ZERO_FEE_METHODS.has(request.method));
  const replies =
    forwarded.length === 0 ? [] : await forward(target, Array.isArray(payload) ? forwarded : forwarded[0]);
  // A batch's replies may come in any order: they are matched to the requests by id.
  const fromNode = new Map((Array.isArray(replies) ? replies : [replies]).map((reply) => [reply.id, reply]));
  const answers = requests.map((request) =>
    ZERO_FEE_METHODS.has(request.method)
      ? { jsonrpc: "2.0", id: request.id ?? null, result: "0x0" }
      : fromNode.get(request.id ?? null),
  );
  return Array.isArray(payload) ? answers : answers[0];
}

/**
 * Serves JSON-RPC on 127.0.0.1:`port`, passing every request to `target` except the fee suggestions, which
 * are zero as on the currency's chain. Loopback only.
 */
export async function startZeroFeeGateway(port: number, target: string): Promise<Server> {
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === "OPTIONS") {
      response.writeHead(204, CORS_HEADERS).end();
      return;
    }
    try {
      const reply = await answer(target, JSON.parse(await body(request)));
      response.writeHead(200, { "content-type": "application/json", ...CORS_HEADERS }).end(JSON.stringify(reply));
    } catch (error) {
      const message = error instanceof SyntaxError ? "Parse error" : `devnet node unreachable: ${String(error)}`;
      const code = error instanceof SyntaxError ? -32700 : -32603;
      response
        .writeHead(error instanceof SyntaxError ? 400 : 502, { "content-type": "application/json", ...CORS_HEADERS })
        .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
