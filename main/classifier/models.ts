import { prefixFeatures, richFeatures } from './features';

/*
 * Ticket category classifiers, trained locally on the city's past tickets:
 * - majority: always the most frequent category (the baseline to beat);
 * - naive Bayes on word prefixes (multinomial, Laplace smoothing): the plain comparison;
 * - softmax regression on richer features (prefixes of two lengths, word pairs, character
 *   4-grams), trained with AdaGrad: what the desk uses.
 */

export interface Example {
  text: string;
  label: string;
}

export interface Ranked {
  label: string;
  score: number;
}

export interface Classifier {
  rank(text: string, k: number): Ranked[];
}

function topK(scores: ArrayLike<number>, labels: readonly string[], k: number): Ranked[] {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  return order.slice(0, k).map((i) => ({ label: labels[i]!, score: scores[i]! }));
}

export class MajorityClassifier implements Classifier {
  private readonly ranked: Ranked[];
  constructor(examples: readonly Example[]) {
    const counts = new Map<string, number>();
    for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    this.ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => ({ label, score: n / examples.length }));
  }
  rank(_text: string, k: number): Ranked[] {
    return this.ranked.slice(0, k);
  }
}

export class NaiveBayesClassifier implements Classifier {
  private readonly labels: string[];
  private readonly prior: number[];
  private readonly counts: Map<string, number[]>;
  private readonly totals: number[];
  private readonly vocabulary: number;

  constructor(examples: readonly Example[], private readonly features: (text: string) => string[] = prefixFeatures) {
    this.labels = [...new Set(examples.map((e) => e.label))];
    const index = new Map(this.labels.map((l, i) => [l, i]));
    const docs = new Array<number>(this.labels.length).fill(0);
    this.totals = new Array<number>(this.labels.length).fill(0);
    this.counts = new Map();
    for (const e of examples) {
      const c = index.get(e.label)!;
      docs[c]! += 1;
      for (const f of features(e.text)) {
        let row = this.counts.get(f);
        if (!row) this.counts.set(f, (row = new Array<number>(this.labels.length).fill(0)));
        row[c]! += 1;
        this.totals[c]! += 1;
      }
    }
    this.vocabulary = this.counts.size;
    this.prior = docs.map((d) => Math.log(d / examples.length));
  }

  rank(text: string, k: number): Ranked[] {
    const scores = [...this.prior];
    for (const f of this.features(text)) {
      const row = this.counts.get(f);
      if (!row) continue; // unseen everywhere: the same for every class
      for (let c = 0; c < scores.length; c++) scores[c]! += Math.log((row[c]! + 1) / (this.totals[c]! + this.vocabulary));
    }
    return topK(scores, this.labels, k);
  }
}

export interface SoftmaxModel {
  format: 'konsola-ticket-classifier/1';
  labels: string[];
  features: string[];
  /** features.length × labels.length weights, row-major, then labels.length biases; Float32 as base64. */
  weights: string;
  trainedOn: number;
  trainedAt: string;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** Categories seen fewer times are left out (mostly mis-shifted rows of dirty exports). */
  minLabelCount?: number;
  minFeatureCount?: number;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32) so training is repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainSoftmax(examples: readonly Example[], options: TrainOptions = {}): SoftmaxModel {
  const { epochs = 8, learningRate = 0.5, minLabelCount = 3, minFeatureCount = 2, seed = 7 } = options;
  const labelCounts = new Map<string, number>();
  for (const e of examples) labelCounts.set(e.label, (labelCounts.get(e.label) ?? 0) + 1);
  const labels = [...labelCounts].filter(([, n]) => n >= minLabelCount).sort((a, b) => b[1] - a[1]).map(([l]) => l);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const kept = examples.filter((e) => labelIndex.has(e.label));
  const featureCounts = new Map<string, number>();
  const featurized = kept.map((e) => {
    const fs = [...new Set(richFeatures(e.text))];
    for (const f of fs) featureCounts.set(f, (featureCounts.get(f) ?? 0) + 1);
    return fs;
  });
  const features = [...featureCounts].filter(([, n]) => n >= minFeatureCount).map(([f]) => f);
  const featureIndex = new Map(features.map((f, i) => [f, i]));
  const C = labels.length;
  const F = features.length;
  const w = new Float32Array(F * C + C);
  const g2 = new Float32Array(F * C + C).fill(1e-6);
  const rows = featurized.map((fs) => fs.map((f) => featureIndex.get(f)).filter((i): i is number => i !== undefined));
  const targets = kept.map((e) => labelIndex.get(e.label)!);
  const order = rows.map((_, i) => i);
  const rand = random(seed);
  const p = new Float64Array(C);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const x = rows[n]!;
      const scale = 1 / Math.sqrt(Math.max(1, x.length));
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = w[F * C + c]!;
        for (const f of x) s += w[f * C + c]! * scale;
        p[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += p[c] = Math.exp(p[c]! - max);
      for (let c = 0; c < C; c++) {
        const grad = p[c]! / sum - (c === targets[n] ? 1 : 0);
        if (Math.abs(grad) < 1e-4) continue;
        for (const f of x) {
          const k = f * C + c;
          const gk = grad * scale;
          g2[k]! += gk * gk;
          w[k]! -= (learningRate * gk) / Math.sqrt(g2[k]!);
        }
        const b = F * C + c;
        g2[b]! += grad * grad;
        w[b]! -= (learningRate * grad) / Math.sqrt(g2[b]!);
      }
    }
  }
  return { format: 'konsola-ticket-classifier/1', labels, features, weights: Buffer.from(w.buffer).toString('base64'), trainedOn: kept.length, trainedAt: new Date().toISOString() };
}

export class SoftmaxClassifier implements Classifier {
  private readonly featureIndex: Map<string, number>;
  private readonly w: Float32Array;
  readonly labels: string[];

  constructor(model: SoftmaxModel) {
    if (model.format !== 'konsola-ticket-classifier/1') throw new Error('not a ticket classifier model');
    this.labels = model.labels;
    this.featureIndex = new Map(model.features.map((f, i) => [f, i]));
    const bytes = Buffer.from(model.weights, 'base64');
    this.w = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (this.w.length !== (model.features.length + 1) * model.labels.length) throw new Error('model weights do not match its features and labels');
  }

  rank(text: string, k: number): Ranked[] {
    const C = this.labels.length;
    const F = this.featureIndex.size;
    const x = [...new Set(richFeatures(text))].map((f) => this.featureIndex.get(f)).filter((i): i is number => i !== undefined);
    const scale = 1 / Math.sqrt(Math.max(1, x.length));
    const scores = new Float64Array(C);
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      let s = this.w[F * C + c]!;
      for (const f of x) s += this.w[f * C + c]! * scale;
      scores[c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < C; c++) sum += scores[c] = Math.exp(scores[c]! - max);
    for (let c = 0; c < C; c++) scores[c]! /= sum;
    return topK(scores, this.labels, k);
  }
}

/** Top-1 and top-3 accuracy over labelled examples. */
export function evaluate(classifier: Classifier, examples: readonly Example[]): { top1: number; top3: number; n: number } {
  let top1 = 0;
  let top3 = 0;
  for (const e of examples) {
    const ranked = classifier.rank(e.text, 3);
    if (ranked[0]?.label === e.label) top1 += 1;
    if (ranked.some((r) => r.label === e.label)) top3 += 1;
  }
  return { top1: top1 / examples.length, top3: top3 / examples.length, n: examples.length };
}

/** The earlier part for training, the later for testing (rows in time order, as exported). */
export function splitByTime<T>(rows: readonly T[], trainShare = 0.8): { train: T[]; test: T[] } {
  const cut = Math.floor(rows.length * trainShare);
  return { train: rows.slice(0, cut), test: rows.slice(cut) };
}
