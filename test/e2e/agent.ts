import { randomUUID } from 'node:crypto';

import { loadExamples } from '../../scripts/harness/examples';
import type { Harness } from '../../scripts/harness/n8n';
import type { ChatRequest, PlannedCall, ScriptedModel } from '../harness/scripted-model';
import { messageText } from '../harness/scripted-model';
import { until } from './workflows';

/**
 * The AI agent example (examples/ai-agent-leads.json) in a real n8n, talking
 * to a scripted model: for the end-to-end suite and the queue-mode suite.
 */

export interface AgentExample {
	workflowId: string;
	/** Sends a message to the example's chat (public, on its production URL) and returns n8n's answer. */
	chat(chatInput: string): Promise<{ status: number; body: unknown }>;
}

const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

/** The newest AI Agent version this n8n offers (1.8 on n8n 1.85, 3.x on newer ones). */
export async function newestAgentVersion(harness: Harness): Promise<number> {
	const { body } = await harness.editorGet<Array<{ name: string; version: number | number[] }> | { data: Array<{ name: string; version: number | number[] }> }>('/types/nodes.json');
	const types = Array.isArray(body) ? body : body.data;
	return Math.max(...types.filter((type) => type.name === AGENT_TYPE).flatMap((type) => type.version));
}

const OPENAI_CHAT_MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
const CHAT_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.chatTrigger';

/** The example, as n8n's API takes it, its OpenAI Chat Model on a new credential whose base URL is `modelUrl`. */
export async function agentExample(harness: Harness, modelUrl: string) {
	const openAi = await harness.editorPost<{ data: { id: string } }>('/rest/credentials', {
		name: 'Scripted model',
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted-model', url: modelUrl },
	});
	expect(openAi.status).toBe(200);
	const example = loadExamples(harness.credentialId).find((candidate) => candidate.file === 'ai-agent-leads.json')!;
	const model = { openAiApi: { id: openAi.body.data.id, name: 'Scripted model' } };
	return { ...example, nodes: example.nodes.map((node) => (node.type === OPENAI_CHAT_MODEL_TYPE ? { ...node, credentials: model } : node)) };
}

/**
 * The example (agentExample) with its AI Agent at `agentVersion`, its chat
 * made public (an editor-only chat has no production URL) under a path of its
 * own; activated.
 */
export async function activateAgentExample(harness: Harness, model: ScriptedModel, agentVersion?: number): Promise<AgentExample> {
	const example = await agentExample(harness, model.url);
	const nodes = example.nodes.map((node) => {
		if (node.type === CHAT_TRIGGER_TYPE) return { ...node, webhookId: randomUUID(), parameters: { ...(node.parameters as object), public: true, mode: 'webhook' } };
		if (node.type === AGENT_TYPE && agentVersion) return { ...node, typeVersion: agentVersion };
		return node;
	});
	const { status, body } = await harness.api<{ id: string }>('POST', '/workflows', { name: example.name, nodes, connections: example.connections, settings: example.settings });
	expect(status).toBe(200);
	const activated = await harness.api('POST', `/workflows/${body.id}/activate`);
	expect({ status: activated.status, body: activated.status === 200 ? 'activated' : activated.body }).toEqual({ status: 200, body: 'activated' });
	const webhookId = nodes.find((node) => node.type === CHAT_TRIGGER_TYPE)!.webhookId as string;
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
export async function converse(model: ScriptedModel, example: AgentExample, input: string, calls: PlannedCall[]) {
	const from = model.requests.length;
	model.plan(calls);
	const answer = await example.chat(input);
	return { answer, requests: model.requests.slice(from) };
}

/** The tool results the model was given, in order: what it read back from each tool call. */
export const toolResults = (requests: ChatRequest[]) => requests.at(-1)!.messages.filter((message) => message.role === 'tool').map(messageText);

/** A failed tool call's result, as the model read it: the node's `{ error, details }`, as one text. */
export function toolError(result: string): string {
	const parsed = JSON.parse(result) as unknown;
	const item = (Array.isArray(parsed) ? parsed[0] : parsed) as { error?: string; details?: string };
	if (!item?.error) throw new Error(`Expected the tool to answer with an error, got ${result}`);
	return `${item.error} ${item.details ?? ''}`;
}

