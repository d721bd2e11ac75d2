import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** Appointment › Get Many, through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

const records = () => env.sandbox.store.records.get('org_acme')!;

describe('Appointment', () => {
	test('Appointment → Get Many, all or of one lead', async () => {
		const all = await run('appointment', 'getAll', { returnAll: true });
		expect(all.items.map((item) => item.json.id)).toEqual(records().appointments.map((appointment) => appointment.id));
		const [first] = records().appointments;
		const ofLead = await run('appointment', 'getAll', { returnAll: true, filters: { leadId: byId(first.leadId) } });
		expect(ofLead.items.map((item) => item.json)).toEqual([first]);
	});
});
