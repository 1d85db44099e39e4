// The model's clock (see model.ts): news of a file, or of folders deleted, gets a number, and work on a file begun
// before its latest news stores nothing when it finishes.
import { isUnderAny } from '../project/paths';
import type { WorkspaceFile } from './types';

/**
 * Folder deletions remembered (one per burst of folder events and workspace folder, whatever it held): work in
 * flight is far younger than the oldest of these, so forgetting older ones voids nothing that should be voided.
 */
const FOLDER_NEWS_KEPT = 256;

/** Folders deleted (`paths`, "" for the whole workspace folder), at clock `at`, but for the `spared` files. */
export interface FolderNews {
  folder: string;
  paths: ReadonlySet<string>;
  at: number;
  spared: ReadonlySet<string>;
}

/** Whether deleted folders held the file. */
export function holds(deleted: FolderNews, file: WorkspaceFile): boolean {
  return (
    deleted.folder === file.folder &&
    !deleted.spared.has(file.key) &&
    (deleted.paths.has('') || isUnderAny(file.path, deleted.paths))
  );
}

export class NewsLog {
  private clock = 0;
  /** The number of the latest news of each file; 0 for none. */
  private readonly news = new Map<string, number>();
  /** Folders deleted (workspace-relative, per workspace folder), with the number of that news. */
  private folderNews: FolderNews[] = [];
  /** Deleted on disk: a clean document of it that lingers in the editor is not put back. */
  private readonly deleted = new Set<string>();
  /** When each file was last said to exist (a create or change on disk, a dirty document): a later folder delete wins. */
  private readonly existed = new Map<string, number>();

  /** The number of the latest news. */
  now(): number {
    return this.clock;
  }

  /** The number of the latest news of a file; 0 for none. */
  latest(key: string): number {
    return this.news.get(key) ?? 0;
  }

  /** News of a file: its number. */
  bump(key: string): number {
    const at = ++this.clock;
    this.news.set(key, at);
    return at;
  }

  /** News that a file is there (`exists`: said to exist, as by a create or change on disk): its number. */
  present(key: string, exists: boolean): number {
    this.deleted.delete(key);
    const at = this.bump(key);
    if (exists) this.existed.set(key, at);
    return at;
  }

  /** News that a file was deleted on disk: its number. */
  fileDeleted(key: string): number {
    this.deleted.add(key);
    return this.bump(key);
  }

  /**
   * Deleted on disk, by its own event or its folder's, since it was last said to exist: a clean document of it that
   * lingers in the editor shows a file that is not there.
   */
  gone(file: WorkspaceFile): boolean {
    if (this.deleted.has(file.key)) return true;
    return this.folderDeletedSince(file, this.existed.get(file.key) ?? 0);
  }

  /** Folders deleted in a workspace folder (`''`: all of it), numbered now. */
  foldersDeleted(folder: string, paths: ReadonlySet<string>, spared: ReadonlySet<string>): FolderNews {
    const news: FolderNews = { folder, paths, at: ++this.clock, spared };
    this.folderNews.push(news);
    if (this.folderNews.length > FOLDER_NEWS_KEPT) this.folderNews.shift();
    return news;
  }

  /** Whether folders holding the file were deleted after `since`. */
  folderDeletedSince(file: WorkspaceFile, since: number): boolean {
    return this.folderNews.some((n) => n.at > since && holds(n, file));
  }

  /** True when news of the file (or of a folder holding it) came after `since`: that news decides, not this work. */
  overtaken(file: WorkspaceFile, since: number): boolean {
    return this.latest(file.key) > since || this.folderDeletedSince(file, since);
  }
}
