// Placeholder replaced by the preload implementation.
import { contextBridge } from 'electron';
contextBridge.exposeInMainWorld('deskBridge', {});
