import type { LogIncidentInput } from '../src-renderer/store/incidentStore'
import type { Impact, Urgency } from '../src-shared/incident/priority'
import { CHANNELS } from '../src-shared/incident/vocabulary'

const PROBLEMS = [
  'Outlook keeps asking for the password',
  'Printer on the 3rd floor jams on every job',
  'VPN drops every 10 minutes from home',
  'Laptop will not boot after update',
  'Shared drive very slow in the afternoon',
  'Teams camera shows a black image',
  'Cannot log in to the payroll portal',
  'New starter needs an account and a laptop',
]
const CALLERS = ['Jonas Berg', 'Amira Haddad', 'Chen Wei', 'Lucía Fernández', 'Tomasz Nowak', 'Aisha Bello', 'Oskar Lind']

/** A realistic incident for seeding, varied by index (deterministic, so runs compare). */
export function seedIncident(index: number): LogIncidentInput {
  return {
    shortDescription: `${PROBLEMS[index % PROBLEMS.length]} (#${index})`,
    description: 'Reported by the caller; reproduced once by the agent. '.repeat(8),
    caller: { name: CALLERS[index % CALLERS.length]!, contact: `caller${index % 500}@example.com` },
    channel: CHANNELS[index % CHANNELS.length]!,
    category: ['email', 'hardware', 'network', 'access', 'software'][index % 5]!,
    impact: ((index % 3) + 1) as Impact,
    urgency: (((index >> 2) % 3) + 1) as Urgency,
  }
}
