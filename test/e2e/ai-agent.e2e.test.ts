/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import type { Harness } from '../../scripts/harness/n8n';
import { startHarness } from '../../scripts/harness/n8n';
import { selectedN8nVersion } from '../../scripts/harness/n8n-versions';
import type { ScriptedModel } from '../harness/scripted-model';
import { startScriptedModel } from '../harness/scripted-model';
import type { AgentExample } from './agent';
import { activateAgentExample, converse, newestAgentVersion, toolError, toolResults } from './agent';
import { workflowHelpers } from './workflows';

/**
 * The Sophiie node as an AI agent's tool in real n8n: the shipped example
 * (examples/ai-agent-leads.json: chat → AI Agent with n8n's OpenAI Chat
 * Model and three Sophiie tools) with the model's base URL pointed at a
 * scripted model on 127.0.0.1. The model's side shows what it was offered and
 * what the tools answered; the sandbox's side shows what the tools did.
 */

let harness: Harness;
let model: ScriptedModel;

beforeAll(async () => {
	model = await startScriptedModel();
	harness = await startHarness({ log: (line) => process.stderr.write(`${line}\n`) });
}, 20 * 60_000);

afterAll(async () => {
	await harness?.stop();
	await model?.close();
});

const { finishedExecutions } = workflowHelpers(() => harness);

const LEAD_ID = 'ld_9wzujtr8';
const apiRequests = () => harness.sandbox.requests().filter((request) => request.host === 'api');

describe.each([
	['the AI Agent as the example ships it (1.8)', undefined],
	["the newest AI Agent this n8n has", 'newest'],
] as const)(`the Sophiie node as an AI agent's tool in real n8n ${selectedN8nVersion()}: %s`, (_, agent) => {
	let example: AgentExample;

	beforeAll(async () => {
		const version = agent === 'newest' ? await newestAgentVersion(harness) : undefined;
		process.stderr.write(`AI Agent ${version ?? 'as shipped'}\n`);
		example = await activateAgentExample(harness, model, version);
	});

	test('the model is offered the three tools with their descriptions and argument schemas', async () => {
		const { answer, requests } = await converse(model, example, 'Hello', []);
		expect(answer.status).toBe(200);
		const offered = Object.fromEntries(
			(requests[0].tools ?? []).map(({ function: tool }) => [
				tool.name,
				{
					description: tool.description,
					arguments: Object.fromEntries(Object.entries(tool.parameters?.properties ?? {}).map(([name, schema]) => [name, `${schema.type}: ${schema.description}`])),
					required: [...(tool.parameters?.required ?? [])].sort(),
				},
			]),
		);
		const leadIdArgument = { leadId: "string: The lead's Sophiie ID, like ld_9wzujtr8" };
		expect(offered).toEqual({
			Get_lead: {
				description: 'Get one Sophiie lead by its ID (ld_…): name, email, phone in E.164, status and source.',
				arguments: leadIdArgument,
				required: ['leadId'],
			},
			Update_lead_phone: {
				description: "Change a Sophiie lead's phone number. Needs the lead ID (ld_…) and the new number in E.164 format: +, country code and number, e.g. +61412345678.",
				arguments: { ...leadIdArgument, phone: 'string: The new phone number in E.164 format, like +61412345678' },
				required: ['leadId', 'phone'],
			},
			Text_lead: {
				description: "Send an SMS to a Sophiie lead from the team's number. Needs the lead ID (ld_…) and the message text; the lead must have a phone number.",
				arguments: { ...leadIdArgument, message: 'string: The text of the SMS' },
				required: ['leadId', 'message'],
			},
		});
	});

	test('the agent gets a lead, changes its phone and texts it: each tool makes exactly its request', async () => {
		const before = apiRequests().length;
		const { answer, requests } = await converse(model, example, `Give ${LEAD_ID} the number +61400999888 and text them hello`, [
			{ tool: 'Get_lead', arguments: { leadId: LEAD_ID } },
			{ tool: 'Update_lead_phone', arguments: { leadId: LEAD_ID, phone: '+61400999888' } },
			{ tool: 'Text_lead', arguments: { leadId: LEAD_ID, message: 'Hello from the team!' } },
		]);
		expect(answer.status).toBe(200);
		const made = apiRequests().slice(before).map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(made).toEqual([`GET /v1/leads/${LEAD_ID} 200`, `PUT /v1/leads/${LEAD_ID} 200`, 'POST /v1/sms 200']);
		expect(harness.sandbox.store.findLead('org_acme', LEAD_ID)).toMatchObject({ phone: '+61400999888' });
		const sms = harness.sandbox.store.records.get('org_acme')!.sms.filter((sent) => sent.leadId === LEAD_ID);
		expect(sms.at(-1)).toMatchObject({ userId: 'usr_acme1', message: 'Hello from the team!' });

		const [got, updated, texted] = toolResults(requests).map((result) => JSON.parse(result) as unknown);
		expect(JSON.stringify(got)).toContain(LEAD_ID);
		expect(JSON.stringify(updated)).toContain('+61400999888');
		expect(JSON.stringify(texted)).toContain('Message sent successfully');
		expect(JSON.stringify(answer.body)).toContain('Message sent successfully');
		const [execution] = (await finishedExecutions(example.workflowId, 2)).slice(-1);
		expect(execution.status).toBe('success');
	});

	test('tool errors reach the model as clear messages it can act on: not found, a conflict, a bad phone; no stack, no token', async () => {
		const taken = harness.sandbox.store.listLeads('org_acme').find((lead) => lead.id !== LEAD_ID && lead.phone)!;
		// Where a phone makes no duplicate (the sandbox as the different Sophiie), Sophiie's 409 comes as a fault instead.
		if (!harness.sandbox.dialect.uniqueLeadFields.includes('phone')) harness.sandbox.addFault({ method: 'PUT', path: `^/v1/leads/${LEAD_ID}$`, status: 409, times: 1 });
		const before = apiRequests().length;
		const { answer, requests } = await converse(model, example, 'Try a few things that fail', [
			{ tool: 'Get_lead', arguments: { leadId: 'ld_missing1' } },
			{ tool: 'Update_lead_phone', arguments: { leadId: LEAD_ID, phone: taken.phone } },
			{ tool: 'Update_lead_phone', arguments: { leadId: LEAD_ID, phone: '0400 123 456' } },
		]);
		expect(answer.status).toBe(200);
		const [notFound, conflict, badPhone] = toolResults(requests).map(toolError);
		expect(notFound).toContain('Lead ld_missing1 not found');
		expect(conflict).toMatch(/conflict.*409/i);
		expect(conflict).toContain('Another lead may already use this email address or phone number');
		expect(badPhone).toMatch(/Phone.*"0400 123 456" is not an E\.164 phone number/);
		for (const result of [notFound, conflict, badPhone]) {
			expect(result).not.toMatch(/\n\s+at /);
			expect(result).not.toContain(harness.sandbox.seed.organizations.acme.token);
		}
		// The bad phone was refused before any request: Sophiie saw the Get and the first Update only.
		const made = apiRequests().slice(before).map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(made).toEqual(['GET /v1/leads/ld_missing1 404', `PUT /v1/leads/${LEAD_ID} 409`]);
	});
});
