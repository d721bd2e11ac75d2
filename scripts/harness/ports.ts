/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import net from 'node:net';

/** A TCP port of 127.0.0.1 that nothing listens on at the moment of asking. */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}
