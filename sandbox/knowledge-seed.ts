import type { KnowledgeKind } from './knowledge';
import { KNOWLEDGE_KINDS, KnowledgeCollection } from './knowledge';

/** An organization's seeded scenarios, transfer rules, policies and FAQs, and its business hours (deterministic). */

const SCENARIOS = [
	{ name: 'Blocked drain', prompt: 'The caller has a blocked drain or toilet', response: 'Ask which drain and offer the next free slot' },
	{ name: 'Burst pipe', prompt: 'Water is leaking or a pipe has burst', response: 'Tell them to turn off the mains, then transfer to the on-call plumber' },
	{ name: 'Quote request', prompt: 'The caller wants a price for a job', response: 'Take the details and book a site visit', isActive: false },
];

const TRANSFERS = (scenarioId: number) => [
	{ label: 'Emergencies', method: 'WARM', destinationType: 'DEPARTMENT', destination: 'On-call plumber', conditions: 'Flooding, a burst pipe or a gas smell', scenarioId },
	{ label: 'Accounts', method: 'COLD', destinationType: 'PHONE_NUMBER', destination: '+61290000001', conditions: 'Questions about an invoice', isEnabled: false },
];

const POLICIES = [
	{ title: 'Cancellation policy', content: 'Cancel up to 24 hours before the visit at no cost.' },
	{ title: 'Call-out fee', content: 'A call-out fee of $99 applies and is waived when the job goes ahead.' },
	{ title: 'Warranty', content: 'All workmanship is guaranteed for 12 months.' },
];

const FAQS = [
	{ question: 'Do you work weekends?', answer: 'Yes, Saturdays from 8am to 1pm.' },
	{ question: 'Which areas do you cover?', answer: 'The inner suburbs and the eastern suburbs.' },
	{ question: 'Do you offer free quotes?', answer: 'Yes, for jobs over $500.' },
	{ question: 'Are you licensed?', answer: 'Yes, every plumber holds a current licence.' },
	{ question: 'How do I pay?', answer: 'By card on the day, or by invoice within 7 days.' },
	{ question: 'Do you fix hot water systems?', answer: 'Yes, gas and electric.', isActive: false },
];

export type Knowledge = Record<KnowledgeKind['listKey'], KnowledgeCollection>;

/** Seeds the four collections; their ids start at `idBase`, so no two organizations share one. */
export function seedKnowledge(idBase: number, createdAt: (n: number) => string): Knowledge {
	const knowledge = Object.fromEntries(KNOWLEDGE_KINDS.map((kind) => [kind.listKey, new KnowledgeCollection(kind, idBase)])) as Knowledge;
	SCENARIOS.forEach((scenario, n) => knowledge.scenarios.seed(scenario, createdAt(n)));
	TRANSFERS(idBase + 1).forEach((transfer, n) => knowledge.transfers.seed(transfer, createdAt(n)));
	POLICIES.forEach((policy, n) => knowledge.policies.seed(policy, createdAt(n)));
	FAQS.forEach((faq, n) => knowledge.faqs.seed(faq, createdAt(n)));
	return knowledge;
}

/** Business hours in the shape the docs' summary describes: time zone, days, time slots. */
export function availabilityOf(timeZone: string) {
	const weekday = (day: string) => ({ day, isOpen: true, slots: [{ start: '08:00', end: '17:00' }] });
	return {
		timeZone,
		days: [
			...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map(weekday),
			{ day: 'Saturday', isOpen: true, slots: [{ start: '08:00', end: '13:00' }] },
			{ day: 'Sunday', isOpen: false, slots: [] },
		],
	};
}
