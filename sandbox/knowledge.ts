import { HttpError } from './http';

/**
 * What Sophiie's AI receptionist knows (sophiie-api.md §10): scenarios,
 * transfer rules, policies and FAQs. Each is a collection of records with
 * whole-number ids, soft-deleted, scoped to one organization; how a body is
 * read is written once per kind below, from the docs (and, where they are
 * silent, the third-party client the docs' notes name).
 */

export interface KnowledgeRecord {
	id: number;
	createdAt: string;
	updatedAt: string;
	deletedAt?: string;
	[field: string]: unknown;
}

type FieldRule = (value: unknown) => boolean;

const text = (min = 1, max = Infinity): FieldRule => (value) =>
	typeof value === 'string' && value.trim().length >= min && value.length <= max;
const bool: FieldRule = (value) => typeof value === 'boolean';
const idOrNull: FieldRule = (value) => value === null || (typeof value === 'number' && Number.isInteger(value) && value > 0);
const list: FieldRule = (value) => Array.isArray(value);
const object: FieldRule = (value) => !!value && typeof value === 'object' && !Array.isArray(value);

export interface KnowledgeKind {
	/** The path under `/v1` and the key of its list. */
	listKey: 'scenarios' | 'transfers' | 'policies' | 'faqs';
	/** The key a single record comes under in answers. */
	recordKey: string;
	/** As in "Scenario deleted successfully". */
	noun: string;
	/** Whether Sophiie documents `GET /v1/<listKey>/{id}`. */
	hasGet: boolean;
	/** The writable fields and what each takes. */
	fields: Record<string, FieldRule>;
	/** Required on create. */
	required: string[];
	/** What a new record has unless the body says otherwise. */
	defaults: Record<string, unknown>;
	/** A field no two live records share: a second one is 409 Conflict. */
	unique?: string;
}

export const KNOWLEDGE_KINDS: KnowledgeKind[] = [
	{
		listKey: 'scenarios',
		recordKey: 'scenario',
		noun: 'Scenario',
		hasGet: true,
		fields: { name: text(), prompt: text(), response: text(), isActive: bool, questions: list, outcome: object, tradeServiceId: idOrNull },
		required: ['name', 'prompt', 'response'],
		defaults: { isActive: true, questions: [], outcome: { type: 'continueCall' }, tradeServiceId: null },
		unique: 'name',
	},
	{
		listKey: 'transfers',
		recordKey: 'transfer',
		noun: 'Transfer',
		hasGet: true,
		fields: {
			label: text(),
			name: text(0),
			method: text(),
			destinationType: text(),
			destination: text(),
			conditions: text(),
			summaryFormat: text(0),
			settings: (value) => object(value) && Object.values(value as object).every(bool),
			isEnabled: bool,
			scenarioId: idOrNull,
		},
		required: ['label', 'method', 'destinationType', 'destination', 'conditions'],
		defaults: { name: '', summaryFormat: '{name} is calling about {topic}: {summary}', settings: { ignore_business_hours: false }, isEnabled: true, scenarioId: null },
		unique: 'label',
	},
	// No 409 is documented for policies or FAQs: a second one with the same title or question is taken.
	{
		listKey: 'policies',
		recordKey: 'policy',
		noun: 'Policy',
		hasGet: false,
		fields: { title: text(2, 255), content: text(2), isActive: bool },
		required: ['title', 'content'],
		defaults: { isActive: true },
	},
	{
		listKey: 'faqs',
		recordKey: 'faq',
		noun: 'FAQ',
		hasGet: false,
		fields: { question: text(1, 255), answer: text(), isActive: bool },
		required: ['question', 'answer'],
		defaults: { isActive: true },
	},
];

/** One organization's records of one kind. */
export class KnowledgeCollection {
	private readonly records: KnowledgeRecord[] = [];

	constructor(
		readonly kind: KnowledgeKind,
		private nextId: number,
	) {}

	/** Live records, newest first. */
	list(): KnowledgeRecord[] {
		return this.records.filter((record) => !record.deletedAt).reverse();
	}

	find(id: string): KnowledgeRecord | undefined {
		return this.records.find((record) => String(record.id) === id && !record.deletedAt);
	}

	/** Reads a body: only known fields, each as its rule says; on create, the required ones. 400 otherwise. */
	read(body: unknown, creating: boolean): Record<string, unknown> {
		if (!object(body)) throw new HttpError(400);
		const input = body as Record<string, unknown>;
		for (const [name, value] of Object.entries(input)) {
			const rule = this.kind.fields[name];
			if (!rule || !rule(value)) throw new HttpError(400);
		}
		if (creating && this.kind.required.some((name) => input[name] === undefined)) throw new HttpError(400);
		return input;
	}

	private assertUnique(fields: Record<string, unknown>, except?: KnowledgeRecord) {
		const { unique } = this.kind;
		if (!unique || fields[unique] === undefined) return;
		if (this.list().some((record) => record !== except && record[unique] === fields[unique])) throw new HttpError(409);
	}

	create(body: unknown, now: string): KnowledgeRecord {
		const fields = this.read(body, true);
		this.assertUnique(fields);
		return this.seed(fields, now);
	}

	update(record: KnowledgeRecord, body: unknown, now: string): KnowledgeRecord {
		const fields = this.read(body, false);
		this.assertUnique(fields, record);
		const settings = object(fields.settings) && object(record.settings) ? { settings: { ...(record.settings as object), ...(fields.settings as object) } } : {};
		Object.assign(record, fields, settings, { updatedAt: now });
		return record;
	}

	remove(record: KnowledgeRecord, now: string) {
		record.deletedAt = now;
	}

	/** A new record of these fields (already read), with the kind's defaults, as created at `createdAt`: what create and the seed add. */
	seed(fields: Record<string, unknown>, createdAt: string): KnowledgeRecord {
		const record: KnowledgeRecord = { id: this.nextId++, ...structuredClone(this.kind.defaults), ...fields, createdAt, updatedAt: createdAt };
		this.records.push(record);
		return record;
	}
}

/** A live record's documented shape: everything but the soft-delete mark. */
export function knowledgeView(record: KnowledgeRecord): Omit<KnowledgeRecord, 'deletedAt'> {
	const view = { ...record };
	delete view.deletedAt;
	return view;
}
