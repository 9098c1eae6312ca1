import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Call `onChange` when the config file's content changes. The directory is watched, not the file:
 * editors save by writing a new file and renaming it over the old one, and Kubernetes swaps a
 * mounted ConfigMap by re-pointing a `..data` symlink; a file watch would miss both. Bursts of
 * events are coalesced, and a save that leaves the content as it was changes nothing.
 */
export function watchConfigFile(file: string, onChange: () => void, debounceMs = 150): { close(): void } {
  const digest = () => {
    try {
      return createHash('sha256').update(readFileSync(file)).digest('hex');
    } catch {
      return undefined; // mid-rename, or removed: wait for the next event
    }
  };
  let last = digest();
  let timer: NodeJS.Timeout | undefined;
  const name = basename(file);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), (_event, changed) => {
      if (changed && changed !== name && !changed.startsWith('..')) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = digest();
        if (now === undefined || now === last) return;
        last = now;
        onChange();
      }, debounceMs);
    });
    watcher.unref();
  } catch {
    // A directory that cannot be watched: SIGHUP still reloads.
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
