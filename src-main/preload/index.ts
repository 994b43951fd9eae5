/**
 * The preload: runs sandboxed, before the page, with access to a small `require('electron')`.
 * Bundled as CommonJS (out/preload/index.cjs) because sandboxed preloads cannot load ES modules;
 * everything it imports is inlined by the bundler, since a sandboxed preload cannot require files.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { DESKTOP_BRIDGE_GLOBAL } from '../../src-shared/ipc/contract'
import { createDesktopBridge } from './desktopBridge'

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_GLOBAL, createDesktopBridge(ipcRenderer))
