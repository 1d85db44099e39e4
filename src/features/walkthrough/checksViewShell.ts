import * as vscode from 'vscode';

const MEASURING = Symbol('measuring');

/** The "Checking the workspace…" row, shown until the first measurement is in. */
export function measuringItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Checking the workspace…'));
  item.iconPath = new vscode.ThemeIcon('loading~spin');
  return item;
}

/**
 * The Lesson Checks view as registered at activation: it shows "Checking the workspace…" and asks for the
 * lesson's code (a lazily loaded bundle) the first time it is visible, then hands every call to the real view.
 */
export class ChecksViewShell<T> implements vscode.TreeDataProvider<T | typeof MEASURING>, vscode.Disposable {
  private inner: vscode.TreeDataProvider<T> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly load: () => void) {}

  attach(inner: vscode.TreeDataProvider<T>): void {
    this.inner = inner;
    if (inner.onDidChangeTreeData) this.disposables.push(inner.onDidChangeTreeData(() => this.changed.fire()));
    this.changed.fire();
  }

  getChildren(parent?: T | typeof MEASURING): vscode.ProviderResult<(T | typeof MEASURING)[]> {
    if (this.inner) return parent === MEASURING ? [] : this.inner.getChildren(parent);
    this.load();
    return parent === undefined ? [MEASURING] : [];
  }

  getTreeItem(item: T | typeof MEASURING): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return item === MEASURING || !this.inner ? measuringItem() : this.inner.getTreeItem(item);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
