import { lazy } from 'react'

/**
 * Screens and dialogs a desk does not show at start, loaded the first time they open: the
 * reports' charts (Chart.js), the settings' calendar import (ical.js), the administration, and
 * the CSV import and export dialogs are about 40 % of the page's code. Left in the start-up
 * bundle, every start parsed and ran them before the queue could mount. Each is rendered under a
 * Suspense boundary that shows LoadingScreen (or nothing, for a dialog) meanwhile.
 */
export const ReportsScreen = lazy(() => import('../reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })))
export const SettingsScreen = lazy(() => import('../config/SettingsScreen').then((module) => ({ default: module.SettingsScreen })))
export const AdminScreen = lazy(() => import('../admin/AdminScreen').then((module) => ({ default: module.AdminScreen })))
export const ImportDialog = lazy(() => import('../import/ImportDialog').then((module) => ({ default: module.ImportDialog })))
export const ExportDialog = lazy(() => import('../export/ExportDialog').then((module) => ({ default: module.ExportDialog })))
