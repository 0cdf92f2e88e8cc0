import type { Message, MessageReader } from 'vscode-languageclient/node';

/**
 * The document version each `textDocument/publishDiagnostics` was computed for. The client's
 * handleDiagnostics middleware gets the diagnostics without it, but the walkthrough must know when the
 * problems shown are those of the example's current text: so the server's messages are read on their way in.
 */
export class PublishedVersions {
  private readonly versions = new Map<string, number>();

  /** The version of the diagnostics last published for `uri`; undefined if the server gave none. */
  of(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  forget(uri: string): void {
    this.versions.delete(uri);
  }

  /** `reader`, noting the version of each publishDiagnostics before the client handles it. */
  reading(reader: MessageReader): MessageReader {
    return {
      onError: reader.onError,
      onClose: reader.onClose,
      onPartialMessage: reader.onPartialMessage,
      listen: (callback) =>
        reader.listen((message) => {
          this.note(message);
          callback(message);
        }),
      dispose: () => reader.dispose(),
    };
  }

  private note(message: Message): void {
    const { method, params } = message as { method?: unknown; params?: { uri?: unknown; version?: unknown } };
    if (method !== 'textDocument/publishDiagnostics' || typeof params?.uri !== 'string') return;
    // The close of a plan publishes an empty list without a version: nothing is left to remember.
    if (typeof params.version === 'number') this.versions.set(params.uri, params.version);
    else this.versions.delete(params.uri);
  }
}
