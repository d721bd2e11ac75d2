/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted chat model on 127.0.0.1 that speaks OpenAI's Chat Completions
 * API (plain and streamed), for n8n's OpenAI Chat Model node with its base URL
 * pointed here. It plays a plan instead of thinking: while the conversation
 * holds fewer tool results than the plan has tool calls, it asks for the next
 * call; then it answers with `finalAnswer` of the tool results it was given.
 * Each request is kept, so a test can assert what the model was offered
 * (tools, their descriptions and argument schemas) and what came back.
 */

export interface PlannedCall {
	tool: string;
	arguments: Record<string, unknown>;
}

export interface ChatMessage {
	role: string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface OfferedTool {
	type: string;
	function: { name: string; description?: string; parameters?: { properties?: Record<string, { type?: string; description?: string }>; required?: string[] } };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
}

export interface ScriptedModel {
	/** The base URL to give n8n's OpenAI credential (ends in /v1). */
	url: string;
	/** The plan for the next conversations: tool calls in order, then the final answer. */
	plan(calls: PlannedCall[], finalAnswer?: (toolResults: string[]) => string): void;
	/** Every Chat Completions request received, oldest first. */
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** The text of a message, whether n8n sent it as a string or as content parts. */
export function messageText(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

const defaultAnswer = (toolResults: string[]) => `Done. The tools said: ${toolResults.join(' | ')}`;

type Reply = { toolCall: PlannedCall & { id: string } } | { content: string };

function nextReply(request: ChatRequest, calls: PlannedCall[], finalAnswer: (results: string[]) => string): Reply {
	const results = request.messages.filter((message) => message.role === 'tool').map(messageText);
	const next = calls[results.length];
	return next ? { toolCall: { ...next, id: `call_${results.length + 1}` } } : { content: finalAnswer(results) };
}

/** A planned call as OpenAI's tool_calls entry. */
function toolCallOf(call: PlannedCall & { id: string }) {
	return { id: call.id, type: 'function', function: { name: call.tool, arguments: JSON.stringify(call.arguments) } };
}

function completion(reply: Reply, model: string) {
	const message =
		'toolCall' in reply
			? { role: 'assistant', content: null, tool_calls: [toolCallOf(reply.toolCall)] }
			: { role: 'assistant', content: reply.content };
	return {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'toolCall' in reply ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same reply as server-sent chunks, for a client that asked to stream. */
function streamed(reply: Reply, model: string): string {
	const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
		`data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`;
	const delta =
		'toolCall' in reply
			? { role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCallOf(reply.toolCall) }] }
			: { role: 'assistant', content: reply.content };
	const usage = `data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`;
	return chunk(delta, null) + chunk({}, 'toolCall' in reply ? 'tool_calls' : 'stop') + usage + 'data: [DONE]\n\n';
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	let calls: PlannedCall[] = [];
	let finalAnswer = defaultAnswer;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk));
		req.on('end', () => {
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted-model', object: 'model', owned_by: 'test' }] }));
				return;
			}
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `The scripted model has no ${req.method} ${req.url}` } }));
				return;
			}
			const request = JSON.parse(raw) as ChatRequest;
			requests.push(request);
			const reply = nextReply(request, calls, finalAnswer);
			if (request.stream) {
				res.writeHead(200, { 'Content-Type': 'text/event-stream' });
				res.end(streamed(reply, request.model));
			} else {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(completion(reply, request.model)));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		plan(nextCalls, answer = defaultAnswer) {
			calls = nextCalls;
			finalAnswer = answer;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
