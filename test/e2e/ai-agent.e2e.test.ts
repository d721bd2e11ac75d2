/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import { randomUUID } from 'node:crypto';

import { loadExamples } from '../../scripts/examples';
import type { Harness } from '../../scripts/n8n-harness';
import { startHarness } from '../../scripts/n8n-harness';
import { selectedN8nVersion } from '../../scripts/n8n-versions';
import type { ChatRequest, PlannedCall, ScriptedModel } from '../harness/scripted-model';
import { messageText, startScriptedModel } from '../harness/scripted-model';
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

const { finishedExecutions, until } = workflowHelpers(() => harness);

const LEAD_ID = 'ld_9wzujtr8';
const apiRequests = () => harness.sandbox.requests().filter((request) => request.host === 'api');

const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

/** The newest AI Agent version this n8n offers (1.8 on n8n 1.85, 3.x on newer ones). */
async function newestAgentVersion(): Promise<number> {
	const { body } = await harness.editorGet<Array<{ name: string; version: number | number[] }> | { data: Array<{ name: string; version: number | number[] }> }>('/types/nodes.json');
	const types = Array.isArray(body) ? body : body.data;
	return Math.max(...types.filter((type) => type.name === AGENT_TYPE).flatMap((type) => type.version));
}

/**
 * The example with its AI Agent at `agentVersion`, its chat made public (an
 * editor-only chat has no production URL) under a path of its own, and its
 * model pointed at the scripted one; activated.
 */
async function activateExample(agentVersion?: number): Promise<{ workflowId: string; chat: (chatInput: string) => Promise<{ status: number; body: unknown }> }> {
	const openAi = await harness.editorPost<{ data: { id: string } }>('/rest/credentials', {
		name: 'Scripted model',
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted-model', url: model.url },
	});
	expect(openAi.status).toBe(200);
	const example = loadExamples(harness.credentialId).find((candidate) => candidate.file === 'ai-agent-leads.json')!;
	const nodes = example.nodes.map((node) => {
		if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger') return { ...node, webhookId: randomUUID(), parameters: { ...(node.parameters as object), public: true, mode: 'webhook' } };
		if (node.type === AGENT_TYPE && agentVersion) return { ...node, typeVersion: agentVersion };
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') return { ...node, credentials: { openAiApi: { id: openAi.body.data.id, name: 'Scripted model' } } };
		return node;
	});
	const { status, body } = await harness.api<{ id: string }>('POST', '/workflows', { name: example.name, nodes, connections: example.connections, settings: example.settings });
	expect(status).toBe(200);
	const activated = await harness.api('POST', `/workflows/${body.id}/activate`);
	expect({ status: activated.status, body: activated.status === 200 ? 'activated' : activated.body }).toEqual({ status: 200, body: 'activated' });
	const webhookId = nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger')!.webhookId as string;
	const chat = async (chatInput: string) => {
		// The production webhook answers 404 until n8n has registered it.
		const response = await until('the chat webhook', async () => {
			const attempt = await fetch(`${harness.webhookUrl}/webhook/${webhookId}/chat`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ action: 'sendMessage', sessionId: randomUUID(), chatInput }),
			});
			return attempt.status === 404 ? undefined : attempt;
		});
		const text = await response.text();
		return { status: response.status, body: text ? (JSON.parse(text) as unknown) : text };
	};
	return { workflowId: body.id, chat };
}

/** One conversation with the agent on a plan; the model's requests during it. */
async function converse(chat: (input: string) => Promise<{ status: number; body: unknown }>, input: string, calls: PlannedCall[]) {
	const from = model.requests.length;
	model.plan(calls);
	const answer = await chat(input);
	return { answer, requests: model.requests.slice(from) };
}

/** The tool results the model was given, in order: what it read back from each tool call. */
const toolResults = (requests: ChatRequest[]) => requests.at(-1)!.messages.filter((message) => message.role === 'tool').map(messageText);

/** A failed tool call's result, as the model read it: the node's `{ error, details }`, as one text. */
function toolError(result: string): string {
	const parsed = JSON.parse(result) as unknown;
	const item = (Array.isArray(parsed) ? parsed[0] : parsed) as { error?: string; details?: string };
	if (!item?.error) throw new Error(`Expected the tool to answer with an error, got ${result}`);
	return `${item.error} ${item.details ?? ''}`;
}

describe.each([
	['the AI Agent as the example ships it (1.8)', undefined],
	["the newest AI Agent this n8n has", 'newest'],
] as const)(`the Sophiie node as an AI agent's tool in real n8n ${selectedN8nVersion()}: %s`, (_, agent) => {
	let example: Awaited<ReturnType<typeof activateExample>>;

	beforeAll(async () => {
		const version = agent === 'newest' ? await newestAgentVersion() : undefined;
		process.stderr.write(`AI Agent ${version ?? 'as shipped'}\n`);
		example = await activateExample(version);
	});

	test('the model is offered the three tools with their descriptions and argument schemas', async () => {
		const { answer, requests } = await converse(example.chat, 'Hello', []);
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
		const { answer, requests } = await converse(example.chat, `Give ${LEAD_ID} the number +61400999888 and text them hello`, [
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
		const before = apiRequests().length;
		const { answer, requests } = await converse(example.chat, 'Try a few things that fail', [
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
