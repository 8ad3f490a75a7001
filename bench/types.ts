/** A benchmark prints nothing itself; it returns flat figures (name → number) that run.ts prints and saves. */
export interface Benchmark {
  name: string
  run(): Promise<Record<string, number>> | Record<string, number>
}
