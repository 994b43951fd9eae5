// electron-builder 26 configuration: `npm run package` (electron-vite build, then this).
// CommonJS because package.json says "type": "module" and electron-builder require()s its config.
//
// Machines that cannot download Electron (our CI boxes) point ELECTRON_DIST at an unpacked
// Electron of the same version; everywhere else electron-builder downloads it.

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'org.incidentdesk.desktop',
  productName: 'Incident Desk',
  copyright: 'Copyright © Incident Desk contributors',
  directories: {
    buildResources: 'build',
    output: 'dist',
  },
  // Only the bundles: main and preload inline their dependencies and the renderer is built by
  // Vite, so no node_modules (server-only fastify, dev tools) ends up in the installer.
  files: ['out/**/*', 'package.json', '!**/*.map', '!node_modules/**/*'],
  asar: true,
  // No native modules: skip the rebuild, which would also try to download Electron headers.
  npmRebuild: false,
  ...(process.env.ELECTRON_DIST ? { electronDist: process.env.ELECTRON_DIST } : {}),

  // Fuses are flipped in the Electron binary itself, so they hold even if someone edits the app.
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed binary into a general-purpose Node.
    runAsNode: false,
    enableCookieEncryption: true,
    // NODE_OPTIONS / --inspect would let anyone with a shortcut inject code or attach a debugger.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Refuse a tampered app.asar (macOS, Windows), and load the app only from that archive.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // We serve the UI over app://, so file:// pages need none of their legacy extra powers.
    grantFileProtocolExtraPrivileges: false,
  },

  artifactName: 'incident-desk-${version}-${os}-${arch}.${ext}',

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'incident-desk',
    icon: 'build/icon.png',
    maintainer: 'Incident Desk maintainers <maintainers@incidentdesk.invalid>',
    synopsis: 'Offline-first IT incident management desk',
    description: 'Log, triage, escalate and resolve IT incidents, online or offline, and sync when back.',
  },
  deb: {
    packageCategory: 'utils',
  },

  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
  },
  nsis: {
    // A per-user installer that lets the user choose where it goes: help-desk PCs are often locked down.
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    shortcutName: 'Incident Desk',
  },

  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    icon: 'build/icon.png',
    hardenedRuntime: true,
  },
}

module.exports = config
