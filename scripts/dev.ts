/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling, never published: the rules for node code do not apply */
import { loadExamples } from './harness/examples';
import { OWNER, SANDBOX_CREDENTIAL_NAME, startHarness, step } from './harness/n8n';
import type { QueueHarness } from './harness/n8n-queue';
import { RECOMMENDED_BURST_SETTINGS, startQueueHarness } from './harness/n8n-queue';

/**
 * `npm run dev`: real n8n with this package installed as a community node, the
 * seeded Sophiie sandbox behind it, the credential and the example workflows
 * imported, and an owner account to log in with. Ctrl-C stops everything.
 */

async function main() {
	const log = (line: string) => console.log(line);
	const queue = process.argv.includes('--queue');
	const options = {
		log,
		port: Number(process.env.N8N_PORT ?? 5678),
		sandboxPort: Number(process.env.SOPHIIE_SANDBOX_PORT ?? 4010),
		sandboxWebhooksPort: Number(process.env.SOPHIIE_SANDBOX_WEBHOOKS_PORT ?? 4011),
	};
	// --queue: n8n's queue mode (main, two webhook processors, two workers, Postgres, Redis).
	const harness = queue ? await startQueueHarness({ ...options, env: RECOMMENDED_BURST_SETTINGS }) : await startHarness(options);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox…');
		await harness.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const imported = await step(log, 'import the example workflows', async () => {
		const names: string[] = [];
		for (const { file, name, nodes, connections, settings } of loadExamples(harness.credentialId)) {
			const { status, body } = await harness.api('POST', '/workflows', { name, nodes, connections, settings });
			if (status !== 200) throw new Error(`Importing ${file} failed (${status}): ${JSON.stringify(body)}`);
			names.push(name);
		}
		return names;
	});

	const { sandbox, n8nUrl } = harness;
	console.log(`
n8n ${harness.n8nVersion} is running with n8n-nodes-sophiie installed.

  Editor:      ${n8nUrl}${queue ? `\n  Webhooks:    ${(harness as QueueHarness).webhookUrls.join(' and ')} (queue mode: WEBHOOK_URL is the first; two workers, Postgres, Redis)` : ''}
  Login:       ${OWNER.email} / ${OWNER.password}
  Credential:  "${SANDBOX_CREDENTIAL_NAME}" → the sandbox at ${sandbox.url}
  Workflows:   ${imported.join(', ')}

Fire the Sophiie Trigger: activate "Sophiie: new lead → Slack message" (or open it and click
"Listen for test event"), then create a lead in the sandbox:

  curl -s -X POST ${sandbox.url}/__sandbox/events -H 'Content-Type: application/json' -d '{"event":"LEAD_CREATED"}'

Without a public URL: activate "Sophiie (no public URL): new lead → SMS"; it polls every minute
and texts each new lead that has a phone (or open it and click "Fetch Test Event").

Sandbox: leads ${sandbox.url}/v1/leads (Bearer ${sandbox.seed.organizations.acme.token}),
subscriptions ${sandbox.url}/__sandbox/subscriptions, deliveries ${sandbox.url}/__sandbox/deliveries.
n8n's log: ${harness.logFile}. This n8n's data is temporary; Ctrl-C stops everything.
`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
