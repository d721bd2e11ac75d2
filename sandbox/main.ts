/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling, never published: the rules for node code do not apply */
import { DIFFERENT_ASSUMPTIONS, dialectNamed, sandboxDialect } from './dialect';
import { startSandbox } from './server';
import { EMITTED_EVENTS } from './webhooks';

/**
 * `npm run sandbox`: a seeded local Sophiie on 127.0.0.1.
 * Options: --port N (or SOPHIIE_SANDBOX_PORT, default 4010), --webhooks-port N
 * (or SOPHIIE_SANDBOX_WEBHOOKS_PORT, default port + 1), --host H,
 * --rate-limit N (requests per minute per token; off by default),
 * --dialect documented|different (or SOPHIIE_SANDBOX_DIALECT; see dialect.ts).
 */
function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main() {
	const port = Number(option('port') ?? process.env.SOPHIIE_SANDBOX_PORT ?? 4010);
	const webhooksPort = Number(option('webhooks-port') ?? process.env.SOPHIIE_SANDBOX_WEBHOOKS_PORT ?? port + 1);
	const host = option('host') ?? '127.0.0.1';
	const perMinute = option('rate-limit');
	const dialect = dialectNamed(option('dialect') ?? sandboxDialect());
	const sandbox = await startSandbox({
		dialect: dialect.name,
		port,
		webhooksPort,
		host,
		rateLimit: perMinute ? { limit: Number(perMinute), windowMs: 60_000 } : null,
	});
	const { acme, globex } = sandbox.seed.organizations;
	console.log(`Sophiie sandbox: API on ${sandbox.url}, webhooks host on ${sandbox.webhooksUrl}`);
	if (dialect.name !== 'documented') console.log(`Dialect: ${dialect.name} (answers ${DIFFERENT_ASSUMPTIONS.join(', ')} otherwise than the package assumes)`);
	console.log('');
	console.log('In n8n, create a "Sophiie API" credential with:');
	console.log('  Environment:       Custom');
	console.log(`  Base URL:          ${sandbox.url}`);
	console.log(`  Webhooks Base URL: ${sandbox.webhooksUrl}`);
	console.log(`  Access Token:      ${acme.token}   (${acme.name}, ${acme.leadCount} leads)`);
	console.log(`  or                 ${globex.token}   (${globex.name}, ${globex.leadCount} leads)`);
	console.log('');
	console.log('Try it:');
	console.log(`  curl -s -H "Authorization: Bearer ${acme.token}" "${sandbox.url}/v1/leads?limit=2"`);
	console.log(`  A lead with ${sandbox.seed.busyLeadActivityCount} activities: ${sandbox.seed.busyLeadId}`);
	console.log(`  Request log: ${sandbox.url}/__sandbox/requests   Reset: POST ${sandbox.url}/__sandbox/reset`);
	console.log('');
	console.log('Fire a Sophiie Trigger by hand (events: ' + EMITTED_EVENTS.join(', ') + '):');
	console.log(`  curl -s -X POST ${sandbox.url}/__sandbox/events -H 'Content-Type: application/json' -d '{"event":"LEAD_CREATED"}'`);
	console.log(`  Live subscriptions: ${sandbox.url}/__sandbox/subscriptions   Deliveries: ${sandbox.url}/__sandbox/deliveries`);
	if (perMinute) console.log(`  Rate limit: ${perMinute} requests per minute per token`);

	const stop = () => {
		sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
