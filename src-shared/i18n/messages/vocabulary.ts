import { ACTION_LABELS, type Action } from '../../incident/commands'
import { LEVEL_LABELS, type HierarchicalTrigger, type SupportLevel } from '../../incident/levels'
import { IMPACT_LABELS, PRIORITY_LABELS, URGENCY_LABELS, type Impact, type Priority, type Urgency } from '../../incident/priority'
import { ROLE_LABELS, type Role } from '../../incident/roles'
import {
  CHANNEL_LABELS,
  HOLD_REASON_LABELS,
  RESOLUTION_CODE_LABELS,
  STATE_LABELS,
  type CancelReason,
  type Channel,
  type HoldReason,
  type IncidentState,
  type LinkKind,
  type ResolutionCode,
} from '../../incident/vocabulary'
import { COLUMN_LABELS, type QueueColumn } from '../../queue/queueView'
import type { RangePreset } from '../../reports/range'
import { DISCLOSURE_REGIME_LABELS, DISCLOSURE_STATUS_LABELS, type DisclosureRegime, type DisclosureStatus } from '../../security/disclosure'
import { SLA_STATUS_LABELS, type SlaStatus } from '../../sla/clock'
import { defineMessages, prefixed } from './define'

/**
 * The domain's closed sets, worded. English comes from the label maps beside each set (the
 * server and the CSV keep using those); every other language words each member here.
 */

/** The Reports screen's ranges (reports/range.ts keeps no words: it throws worded errors, which import this catalog). */
const RANGE_PRESET_LABELS: Record<RangePreset, string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  thisMonth: 'This month',
  custom: 'Custom',
}

export const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  duplicate: 'Duplicate',
  not_an_incident: 'Not an incident',
  logged_in_error: 'Logged in error',
}

const fr = {
  state: { new: 'Nouveau', in_progress: 'En cours', on_hold: 'En attente', resolved: 'Résolu', closed: 'Clos', canceled: 'Annulé' } satisfies Record<IncidentState, string>,
  hold: {
    awaiting_caller: "En attente de l'appelant",
    awaiting_change: 'En attente de changement',
    awaiting_problem: 'En attente de problème',
    awaiting_vendor: 'En attente du fournisseur',
  } satisfies Record<HoldReason, string>,
  resolution: {
    solution_provided: 'Solution apportée',
    workaround_provided: 'Contournement apporté',
    resolved_by_change: 'Résolu par un changement',
    resolved_by_problem: 'Résolu par un problème',
    resolved_by_caller: "Résolu par l'appelant",
    known_error: 'Erreur connue',
    duplicate: 'Doublon',
    user_error: 'Erreur utilisateur',
    no_resolution_provided: 'Aucune résolution apportée',
  } satisfies Record<ResolutionCode, string>,
  cancel: { duplicate: 'Doublon', not_an_incident: "Pas un incident", logged_in_error: 'Enregistré par erreur' } satisfies Record<CancelReason, string>,
  channel: {
    phone: 'Téléphone',
    email: 'E-mail',
    walk_in: 'Au guichet',
    self_service: 'Portail libre-service',
    monitoring: 'Alerte de supervision',
    field_visit: 'Intervention sur site',
  } satisfies Record<Channel, string>,
  role: {
    field_technician: 'Technicien terrain',
    l1_agent: 'Agent N1',
    l2_specialist: 'Spécialiste N2',
    incident_manager: "Gestionnaire d'incidents",
    security_analyst: 'Analyste sécurité',
    admin: 'Administrateur',
  } satisfies Record<Role, string>,
  action: {
    log: 'Enregistrer un incident',
    categorize: 'Catégoriser',
    prioritize: 'Prioriser',
    assign: 'Affecter',
    acknowledge: 'Prendre en charge',
    addWorkNote: 'Ajouter une note de travail',
    addCallerComment: "Commenter pour l'appelant",
    hold: 'Mettre en attente',
    resume: 'Reprendre',
    escalate: 'Escalader',
    resolve: 'Résoudre',
    close: 'Clore',
    reopen: 'Rouvrir',
    cancel: 'Annuler',
    declareMajor: 'Déclarer un incident majeur',
    link: 'Lier',
    editDetails: 'Modifier les détails',
    attach: 'Joindre un fichier',
    postMajorUpdate: 'Publier un point aux parties prenantes',
    updateMajor: "Mettre à jour l'incident majeur",
    recordReview: 'Consigner la revue post-incident',
    trackDisclosure: 'Suivre la déclaration',
  } satisfies Record<Action, string>,
  level: { 1: 'N1', 2: 'N2', 3: 'N3' } satisfies Record<SupportLevel, string>,
  impact: { 1: 'Élevé', 2: 'Moyen', 3: 'Faible' } satisfies Record<Impact, string>,
  urgency: { 1: 'Élevée', 2: 'Moyenne', 3: 'Faible' } satisfies Record<Urgency, string>,
  priority: { 1: 'P1 Critique', 2: 'P2 Haute', 3: 'P3 Modérée', 4: 'P4 Basse', 5: 'P5 Planification' } satisfies Record<Priority, string>,
  column: {
    number: 'Numéro',
    priority: 'Priorité',
    state: 'État',
    shortDescription: 'Description courte',
    caller: 'Appelant',
    category: 'Catégorie',
    level: 'Niveau',
    assignmentGroup: "Groupe d'affectation",
    assignee: 'Affecté à',
    slaTimeLeft: 'Temps SLA restant',
    updated: 'Mis à jour',
  } satisfies Record<QueueColumn, string>,
  range: { last7: '7 derniers jours', last30: '30 derniers jours', thisMonth: 'Ce mois-ci', custom: 'Personnalisée' } satisfies Record<RangePreset, string>,
  slaStatus: { on_track: 'Dans les temps', warning: 'Alerte', breached: 'Dépassé', met: 'Respecté', missed: 'Manqué', canceled: 'Annulé' } satisfies Record<SlaStatus, string>,
  regime: { gdpr: 'RGPD', nis2: 'NIS2', dora: 'DORA', sec: 'SEC Form 8-K', hipaa: 'HIPAA' } satisfies Record<DisclosureRegime, string>,
  disclosureStatus: {
    not_started: 'Non démarrée',
    running: 'En cours',
    due_soon: 'Échéance proche',
    overdue: 'En retard',
    submitted: 'Déposée',
    submitted_late: 'Déposée en retard',
  } satisfies Record<DisclosureStatus, string>,
}

/** How a link reads from this incident's side ("duplicate of INC0000012"), and why a manager is told. */
const LINK_SIDE_LABELS: Record<LinkKind, string> = {
  parent: 'child of',
  child: 'parent of',
  duplicate_of: 'duplicate of',
  duplicated_by: 'duplicated by',
  related: 'related to',
}
const TRIGGER_LABELS: Record<HierarchicalTrigger, string> = {
  sla_at_risk: 'SLA at risk',
  vip_caller: 'VIP caller',
  customer_complaint: 'Customer complaint',
  other: 'Other',
}

export const vocabularyMessages = defineMessages(
  {
    ...prefixed('linkSide', LINK_SIDE_LABELS),
    ...prefixed('trigger', TRIGGER_LABELS),
    ...prefixed('state', STATE_LABELS),
    ...prefixed('hold', HOLD_REASON_LABELS),
    ...prefixed('resolution', RESOLUTION_CODE_LABELS),
    ...prefixed('cancel', CANCEL_REASON_LABELS),
    ...prefixed('channel', CHANNEL_LABELS),
    ...prefixed('role', ROLE_LABELS),
    ...prefixed('action', ACTION_LABELS),
    ...prefixed('level', LEVEL_LABELS),
    ...prefixed('impact', IMPACT_LABELS),
    ...prefixed('urgency', URGENCY_LABELS),
    ...prefixed('priority', PRIORITY_LABELS),
    ...prefixed('column', COLUMN_LABELS),
    ...prefixed('range', RANGE_PRESET_LABELS),
    ...prefixed('slaStatus', SLA_STATUS_LABELS),
    ...prefixed('regime', DISCLOSURE_REGIME_LABELS),
    ...prefixed('disclosureStatus', DISCLOSURE_STATUS_LABELS),
  },
  {
    ...prefixed('linkSide', { parent: 'enfant de', child: 'parent de', duplicate_of: 'doublon de', duplicated_by: 'a pour doublon', related: 'lié à' } satisfies Record<LinkKind, string>),
    ...prefixed('trigger', {
      sla_at_risk: 'SLA à risque',
      vip_caller: 'Appelant VIP',
      customer_complaint: 'Réclamation client',
      other: 'Autre',
    } satisfies Record<HierarchicalTrigger, string>),
    ...prefixed('state', fr.state),
    ...prefixed('hold', fr.hold),
    ...prefixed('resolution', fr.resolution),
    ...prefixed('cancel', fr.cancel),
    ...prefixed('channel', fr.channel),
    ...prefixed('role', fr.role),
    ...prefixed('action', fr.action),
    ...prefixed('level', fr.level),
    ...prefixed('impact', fr.impact),
    ...prefixed('urgency', fr.urgency),
    ...prefixed('priority', fr.priority),
    ...prefixed('column', fr.column),
    ...prefixed('range', fr.range),
    ...prefixed('slaStatus', fr.slaStatus),
    ...prefixed('regime', fr.regime),
    ...prefixed('disclosureStatus', fr.disclosureStatus),
  },
)
