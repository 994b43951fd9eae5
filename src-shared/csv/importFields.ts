/**
 * The desk's fields a CSV column can be mapped to, in the order the mapping screen lists them.
 * `required` fields must be mapped before anything can be imported; impact and urgency may be
 * left unmapped when Priority is mapped (the file's priority then gives them, importRows.ts).
 * A file without a short description (ServiceNow's event logs have none) gets one made of its
 * tool and number. State, assignee, resolution and counts make the incident's past (importHistory.ts).
 */
export const IMPORT_FIELDS = [
  { id: 'originNumber', label: 'Original number', required: true },
  { id: 'shortDescription', label: 'Short description', required: false },
  { id: 'description', label: 'Description', required: false },
  { id: 'callerName', label: 'Caller', required: true },
  { id: 'callerContact', label: 'Caller contact', required: false },
  { id: 'channel', label: 'Channel', required: false },
  { id: 'category', label: 'Category', required: false },
  { id: 'subcategory', label: 'Subcategory', required: false },
  { id: 'service', label: 'Service', required: false },
  { id: 'configurationItem', label: 'Configuration item', required: false },
  { id: 'location', label: 'Location', required: false },
  { id: 'impact', label: 'Impact', required: true },
  { id: 'urgency', label: 'Urgency', required: true },
  { id: 'priority', label: 'Priority', required: false },
  { id: 'assignmentGroup', label: 'Assignment group', required: false },
  { id: 'openedAt', label: 'Opened', required: true },
  { id: 'originState', label: 'Original state', required: false },
  { id: 'assignee', label: 'Assigned to', required: false },
  { id: 'resolvedAt', label: 'Resolved', required: false },
  { id: 'resolutionCode', label: 'Resolution code', required: false },
  { id: 'resolutionNotes', label: 'Resolution notes', required: false },
  { id: 'closedAt', label: 'Closed', required: false },
  { id: 'updatedAt', label: 'Last updated', required: false },
  { id: 'reopenCount', label: 'Times reopened', required: false },
  { id: 'reassignmentCount', label: 'Times reassigned', required: false },
] as const

export type ImportFieldId = (typeof IMPORT_FIELDS)[number]['id']

/** Our field ← the header of their column (exactly as it appears in the file), or absent when unmapped. */
export type ColumnMapping = Partial<Record<ImportFieldId, string>>

export const IMPORT_FIELD_IDS: readonly ImportFieldId[] = IMPORT_FIELDS.map((field) => field.id)

export function isImportFieldId(value: string): value is ImportFieldId {
  return (IMPORT_FIELD_IDS as readonly string[]).includes(value)
}
