import { defineMessages } from './define'

/** The incident view's side panels: links, escalations, SLA clocks. */
export const incidentPanelsMessages = defineMessages(
  {
    'links.title': 'Links',
    'links.add': 'Add link',
    'links.none': 'Not linked to other incidents.',
    'links.kind': 'This incident is {kind}',
    'links.notOnDesk': 'An incident not on this desk',
    'escalations.title': 'Escalations',
    'escalations.none': 'Not escalated. Level {level}.',
    'escalations.functional': 'Functional',
    'escalations.hierarchical': 'Hierarchical',
    'escalations.managerNotified': 'Manager {manager} notified',
    'escalations.reason': 'Reason: {reason}',
    'clocks.title': 'SLA',
    'clocks.due': 'Due <time>{at}</time>',
    'clocks.dueOnly': 'The {clock} target is due <time>{at}</time>; the full clocks show once the incident’s earlier activity is on this desk.',
    'clocks.running': 'running',
  },
  {
    'links.title': 'Liens',
    'links.add': 'Ajouter un lien',
    'links.none': 'Lié à aucun autre incident.',
    'links.kind': 'Cet incident est {kind}',
    'links.notOnDesk': 'Un incident absent de ce poste',
    'escalations.title': 'Escalades',
    'escalations.none': 'Pas escaladé. Niveau {level}.',
    'escalations.functional': 'Fonctionnelle',
    'escalations.hierarchical': 'Hiérarchique',
    'escalations.managerNotified': 'Responsable {manager} prévenu',
    'escalations.reason': 'Motif : {reason}',
    'clocks.title': 'SLA',
    'clocks.due': 'Échéance <time>{at}</time>',
    'clocks.dueOnly': 'L’échéance {clock} est à <time>{at}</time> ; les délais complets s’affichent quand l’activité antérieure de l’incident est sur ce poste.',
    'clocks.running': 'en cours',
  },
)
