import type { Channel } from '../../src-shared/incident/vocabulary'

/**
 * How each contact channel reads in a form. Belongs beside CHANNELS in
 * src-shared/incident/vocabulary.ts with the other label maps; kept here until that file gains it.
 */
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  walk_in: 'Walk-in',
  self_service: 'Self-service portal',
  monitoring: 'Monitoring alert',
  field_visit: 'Field visit',
}
