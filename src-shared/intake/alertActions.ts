/** What happened to an alert at its source: it fired (again), someone acknowledged it there, or it recovered. */
export const ALERT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const
export type AlertAction = (typeof ALERT_ACTIONS)[number]
