import * as vscode from 'vscode';
import type { CheckId, LessonCheck } from '../../lessonState';
import { checkStatusText, checkTitle, missingText, unknownText } from './checkText';
import { CHOOSE_MODE_COMMAND, FOLLOW_CHECK_COMMAND } from './commandIds';
import type { LessonController } from './controller';

const OPEN_SAMPLE_COMMAND = 'clerkConvex.openSampleProject';

type Item =
  | { kind: 'check'; check: LessonCheck }
  | { kind: 'mode'; template: boolean }
  | { kind: 'noFolder' }
  | { kind: 'measuring' };

/**
 * "Lesson Checks": what passes right now and what is still missing. Walkthrough ticks never untick, so this is
 * where a regression shows. Every item leads somewhere: the offending code, the command that helps, or the step.
 */
export class LessonChecksView implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly controller: LessonController) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(parent?: Item): Item[] {
    if (parent) return [];
    const state = this.controller.state;
    if (!state) {
      // The first open of the view is also the moment to measure, if nothing else asked yet.
      this.controller.schedule(0);
      return [{ kind: 'measuring' }];
    }
    if (!state.hasFolder) return [{ kind: 'noFolder' }];
    return [
      ...state.checks.map((check): Item => ({ kind: 'check', check })),
      { kind: 'mode', template: state.variants.jwtTemplate },
    ];
  }

  getTreeItem(item: Item): vscode.TreeItem {
    switch (item.kind) {
      case 'check':
        return checkItem(item.check);
      case 'mode':
        return modeItem(item.template);
      case 'noFolder': {
        const t = new vscode.TreeItem(vscode.l10n.t('Open a project to check it, or the sample project'));
        t.iconPath = new vscode.ThemeIcon('folder-opened');
        t.command = { command: OPEN_SAMPLE_COMMAND, title: vscode.l10n.t('Open Sample Project') };
        return t;
      }
      case 'measuring':
        return measuringItem();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The "Checking the workspace…" row, shown until the first measurement is in. */
function measuringItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Checking the workspace…'));
  item.iconPath = new vscode.ThemeIcon('loading~spin');
  return item;
}

function checkItem(check: LessonCheck): vscode.TreeItem {
  const title = checkTitle(check.id);
  const item = new vscode.TreeItem(title);
  item.id = `check.${check.id}`;
  item.description = checkStatusText(check);
  item.iconPath = iconFor(check);
  const detail =
    check.status === 'missing'
      ? missingText(check.reason)
      : check.status === 'unknown'
        ? unknownText(check)
        : item.description;
  item.tooltip = detail;
  item.accessibilityInformation = { label: `${title}: ${detail}`, role: 'treeitem' };
  item.contextValue = `lessonCheck.${check.status}`;
  item.command = {
    command: FOLLOW_CHECK_COMMAND,
    title: check.status === 'missing' ? vscode.l10n.t('Go to the fix') : vscode.l10n.t('Open this step of the lesson'),
    arguments: [check.id satisfies CheckId],
  };
  return item;
}

function modeItem(template: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Token source'));
  item.id = 'clerkMode';
  item.description = template ? vscode.l10n.t('JWT template "convex"') : vscode.l10n.t("Clerk's Convex integration");
  item.tooltip = vscode.l10n.t(
    'How Clerk gives Convex its token. The lesson shows the matching variant; select to change.',
  );
  item.iconPath = new vscode.ThemeIcon('key');
  item.command = { command: CHOOSE_MODE_COMMAND, title: vscode.l10n.t('Choose how Clerk hands Convex its token') };
  return item;
}

function iconFor(check: LessonCheck): vscode.ThemeIcon {
  switch (check.status) {
    case 'pass':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'unknown':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
    case 'missing':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }
}
