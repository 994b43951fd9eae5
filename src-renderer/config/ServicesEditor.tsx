import { useId, useState } from 'react'
import { servicesFromCsv } from '../../src-shared/config/serviceCsv'
import { CRITICALITIES, type CatalogueService, type ConfigurationItem, type Criticality } from '../../src-shared/config/serviceCatalogue'
import { idFromLabel } from '../../src-shared/config/taxonomy'
import { PRIORITIES, type Priority } from '../../src-shared/incident/priority'
import type { SlaTargets } from '../../src-shared/sla/policy'
import { t, wordedText } from '../i18n/activeLanguage'
import { FileImportButton } from './FileImportButton'
import { GroupNameInput } from './GroupNameInput'
import { SectionEditor } from './SectionEditor'
import { SlaTargetCells } from './SlaTargetCells'
import { useOrgConfig } from './useOrgConfig'

/**
 * The service catalogue: each service's name, criticality, owner group (routing at logging),
 * configuration items, and its own SLA targets where it has them. A CSV file (one row per CI, as
 * a CMDB exports them) fills the draft; nothing is saved until the admin saves.
 */
export function ServicesEditor() {
  // Held above the draft, which starts again after each save: the admin stays on the service they edited.
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [importNotice, setImportNotice] = useState<{ summary: string; problems: string[] } | null>(null)
  return (
    <SectionEditor section="services" previewDeadlines title={t('services.title')} hint={t('services.hint')} saveLabel={t('services.save')}>
      {(services, setServices) => (
        <ServicesDraft
          services={services as CatalogueService[]}
          setServices={setServices}
          selectedId={selectedId}
          setSelectedId={setSelectedId}
          importNotice={importNotice}
          setImportNotice={setImportNotice}
        />
      )}
    </SectionEditor>
  )
}

function ServicesDraft({ services, setServices, selectedId: chosenId, setSelectedId, importNotice, setImportNotice }: {
  services: CatalogueService[]
  setServices: (next: CatalogueService[]) => void
  selectedId: string | null
  setSelectedId: (id: string) => void
  importNotice: { summary: string; problems: string[] } | null
  setImportNotice: (notice: { summary: string; problems: string[] } | null) => void
}) {
  const pickerId = useId()
  const selected = services.find((service) => service.id === chosenId) ?? services[0]

  function addService(): void {
    const id = idFromLabel(t('services.newName'), services.map((service) => service.id))
    setServices([...services, { id, name: `${t('services.newName')} ${services.length + 1}`, criticality: 'medium', items: [] }])
    setSelectedId(id)
  }

  function replace(next: CatalogueService): void {
    setServices(services.map((service) => (service.id === next.id ? next : service)))
  }

  async function importFile(file: File): Promise<void> {
    const result = servicesFromCsv(await file.text(), services)
    if (!result.ok) {
      setImportNotice({ summary: t('services.unreadable', { file: file.name, reason: wordedText(result.error) }), problems: [] })
      return
    }
    const { catalogue, addedServices, addedItems, errors } = result.value
    setServices(catalogue)
    setImportNotice({
      summary: t('services.imported', { services: addedServices, items: addedItems, file: file.name }),
      problems: errors.map((error) => t('services.rowProblem', { line: error.line, problem: wordedText(error) })),
    })
  }

  return (
    <>
      <div className="config__inline">
        {services.length > 0 ? (
          <div className="form__field">
            <label htmlFor={pickerId}>{t('services.pick')}</label>
            <select id={pickerId} value={selected?.id ?? ''} onChange={(event) => setSelectedId(event.target.value)}>
              {services.map((service) => (
                <option key={service.id} value={service.id} translate="no">
                  {service.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="form__hint">{t('services.none')}</p>
        )}
        <button type="button" className="button" onClick={addService}>
          {t('services.new')}
        </button>
        {selected ? (
          <button type="button" className="button button--danger" onClick={() => setServices(services.filter((service) => service.id !== selected.id))}>
            {t('services.remove')}
          </button>
        ) : null}
        <FileImportButton label={t('services.import')} accept=".csv,text/csv" onFile={(file) => void importFile(file)} />
      </div>
      <p className="form__hint">{t('services.import.hint')}</p>
      <div role="status" className="form__hint">
        {importNotice ? (
          <>
            <p>{importNotice.summary}</p>
            {importNotice.problems.length > 0 ? (
              <>
                <p>{t('services.rowsLeftOut', { count: importNotice.problems.length })}</p>
                <ul>
                  {importNotice.problems.slice(0, 20).map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
      {selected ? <ServiceFields key={selected.id} service={selected} onChange={replace} /> : null}
    </>
  )
}

function ServiceFields({ service, onChange }: { service: CatalogueService; onChange: (service: CatalogueService) => void }) {
  const ids = { name: useId(), criticality: useId(), owner: useId(), items: useId() }
  const { slaPolicy } = useOrgConfig()
  // The text as typed: a trailing newline is kept while typing, the items follow it.
  const [itemsText, setItemsText] = useState(() => service.items.map((item) => item.name).join('\n'))

  function changeItems(text: string): void {
    setItemsText(text)
    const names = [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))]
    const items: ConfigurationItem[] = []
    for (const name of names) {
      const kept = service.items.find((item) => item.name === name)
      items.push(kept ?? { id: idFromLabel(name, [...service.items, ...items].map((item) => item.id)), name })
    }
    onChange({ ...service, items })
  }

  function changeTargets(priority: Priority, targets: SlaTargets | undefined): void {
    const { [`${priority}` as const]: _dropped, ...rest } = service.sla ?? {}
    const sla = targets ? { ...rest, [`${priority}`]: targets } : rest
    const { sla: _old, ...withoutSla } = service
    onChange(Object.keys(sla).length > 0 ? { ...withoutSla, sla } : withoutSla)
  }

  return (
    <div className="config__calendar">
      <div className="form__row">
        <div className="form__field">
          <label htmlFor={ids.name}>{t('services.name')}</label>
          <input id={ids.name} type="text" maxLength={200} value={service.name} onChange={(event) => onChange({ ...service, name: event.target.value })} />
        </div>
        <div className="form__field">
          <label htmlFor={ids.criticality}>{t('services.criticality')}</label>
          <select id={ids.criticality} value={service.criticality} onChange={(event) => onChange({ ...service, criticality: event.target.value as Criticality })}>
            {CRITICALITIES.map((value) => (
              <option key={value} value={value}>
                {t('services.criticality.value', { value })}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={ids.owner}>{t('services.owner')}</label>
          <GroupNameInput
            id={ids.owner}
            placeholder={t('services.owner.none')}
            value={service.ownerGroup}
            onChange={(name) => {
              const { ownerGroup: _old, ...rest } = service
              onChange(name ? { ...rest, ownerGroup: name } : rest)
            }}
          />
        </div>
      </div>
      <div className="form__field">
        <label htmlFor={ids.items}>{t('services.items')}</label>
        <textarea id={ids.items} rows={5} value={itemsText} onChange={(event) => changeItems(event.target.value)} aria-describedby={`${ids.items}-hint`} />
        <p id={`${ids.items}-hint`} className="form__hint">
          {t('services.items.hint')} {t('services.summary', { items: service.items.length })}
        </p>
      </div>
      <fieldset className="form__fieldset">
        <legend>{t('services.sla')}</legend>
        <p className="form__hint">{t('services.sla.hint')}</p>
        <table className="config__table">
          <thead>
            <tr>
              <th scope="col">{t('rules.sla.priority')}</th>
              <th scope="col">{t('rules.sla.response')}</th>
              <th scope="col">{t('rules.sla.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((priority) => {
              const label = t(`priority.${priority}`)
              const own = service.sla?.[`${priority}`]
              const shown = own ?? slaPolicy[priority]
              return (
                <tr key={priority}>
                  <th scope="row">
                    <label>
                      <input type="checkbox" checked={Boolean(own)} aria-label={t('services.sla.own', { priority: label })} onChange={(event) => changeTargets(priority, event.target.checked ? { ...slaPolicy[priority] } : undefined)} />{' '}
                      {label}
                    </label>
                  </th>
                  <SlaTargetCells priorityLabel={label} targets={shown} disabled={!own} onChange={(targets) => changeTargets(priority, targets)} />
                </tr>
              )
            })}
          </tbody>
        </table>
      </fieldset>
    </div>
  )
}
