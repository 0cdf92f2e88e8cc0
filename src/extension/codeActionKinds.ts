import * as vscode from 'vscode';
import { LANGUAGE_ID } from './analyses';

/** `source.fixAll.clusterplan`, for `editor.codeActionsOnSave`: declared at registration, offered by codeActions.ts. */
export const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append(LANGUAGE_ID);
