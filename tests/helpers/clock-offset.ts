// Preload for a desk process whose clock is wrong: `node --import tsx --import ./tests/helpers/clock-offset.ts ...`
// with DESK_CLOCK_OFFSET_MS set. Date.now() and `new Date()` run that far ahead (or behind, when
// negative) of the machine's clock; everything else about Date is untouched. Only that process.
const offset = Number(process.env.DESK_CLOCK_OFFSET_MS ?? 0);
if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }

    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
