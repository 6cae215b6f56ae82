// Placeholder replaced by the shell implementation.
import { app } from 'electron';
void app.whenReady();
