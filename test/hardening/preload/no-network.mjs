// Loaded with `node --import` before the CLI: every way out to the network throws, so a command
// that tried to reach one would fail. Named imports of node:net etc. see the patch through
// syncBuiltinESMExports.
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

const refuse = (what) =>
  function refused() {
    throw new Error(`network access refused by the test: ${what}`);
  };

for (const [name, mod, keys] of [
  ['net', net, ['connect', 'createConnection', 'createServer']],
  ['tls', tls, ['connect', 'createServer']],
  ['http', http, ['request', 'get', 'createServer']],
  ['https', https, ['request', 'get', 'createServer']],
  ['http2', http2, ['connect', 'createServer', 'createSecureServer']],
  ['dgram', dgram, ['createSocket']],
  ['dns', dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']],
  ['dns.promises', dns.promises, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']],
]) {
  for (const key of keys) mod[key] = refuse(`${name}.${key}`);
}
net.Socket.prototype.connect = refuse('net.Socket.connect');
globalThis.fetch = refuse('fetch');
globalThis.WebSocket = undefined;
syncBuiltinESMExports();
