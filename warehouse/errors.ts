/** The warehouse's own error: it cannot be opened, upgraded, backed up or restored (exit 3). */
export class WarehouseError extends Error {
  readonly exitCode = 3;
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}
