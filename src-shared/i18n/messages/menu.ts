import { defineMessages } from './define'

/** The desktop application menu (Electron's own roles, like Undo, are worded by Electron). */
export const menuMessages = defineMessages(
  {
    'menu.about': 'About {name}',
    'menu.file': '&File',
    'menu.newIncident': 'New Incident',
    'menu.export': 'Export CSV…',
    'menu.import': 'Import CSV…',
    'menu.edit': '&Edit',
    'menu.view': '&View',
    'menu.queue': 'Incident Queue',
    'menu.search': 'Search…',
    'menu.help': '&Help',
    'menu.shortcuts': 'Keyboard Shortcuts',
  },
  {
    'menu.about': 'À propos de {name}',
    'menu.file': '&Fichier',
    'menu.newIncident': 'Nouvel incident',
    'menu.export': 'Exporter en CSV…',
    'menu.import': 'Importer un CSV…',
    'menu.edit': 'É&dition',
    'menu.view': '&Affichage',
    'menu.queue': 'File des incidents',
    'menu.search': 'Rechercher…',
    'menu.help': '&Aide',
    'menu.shortcuts': 'Raccourcis clavier',
  },
)
