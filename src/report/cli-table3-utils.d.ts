/** The part of cli-table3's internal helpers that cli-table.ts uses (the package types only its Table). */
declare module 'cli-table3/src/utils.js' {
  const utils: {
    truncate(text: string, width: number, mark?: string): string;
    strlen(text: string): number;
  };
  export default utils;
}
