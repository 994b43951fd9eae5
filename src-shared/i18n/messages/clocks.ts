import { defineMessages } from './define'

/** SLA clocks and countdowns in words. */
export const clocksMessages = defineMessages(
  {
    'clock.pausedStatus': 'Paused: On Hold',
    'sla.hidden.warning': '(SLA warning)',
    'sla.hidden.breached': '(SLA breached)',
    'clock.pausedBreached': 'breached, {duration} over',
    'clock.whenResumes': '{share} when it resumes',
    'clock.overTarget': '{duration} over target',
    'clock.metWith': 'met with {duration} to spare',
    'clock.missedBy': 'missed by {duration}',
    'clock.canceled': 'the incident was canceled',
    'countdown.dueIn': 'due in {duration}',
    'countdown.overdueBy': 'overdue by {duration}',
  },
  {
    'clock.pausedStatus': 'En pause : en attente',
    'sla.hidden.warning': '(alerte SLA)',
    'sla.hidden.breached': '(SLA dépassé)',
    'clock.pausedBreached': 'dépassé, de {duration}',
    'clock.whenResumes': '{share} à la reprise',
    'clock.overTarget': '{duration} au-delà de l’échéance',
    'clock.metWith': 'respecté avec {duration} d’avance',
    'clock.missedBy': 'manqué de {duration}',
    'clock.canceled': 'l’incident a été annulé',
    'countdown.dueIn': 'dans {duration}',
    'countdown.overdueBy': 'en retard de {duration}',
  },
)
