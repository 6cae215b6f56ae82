import { readFileSync } from 'node:fs';
import { readLabelled } from '../../main/classifier/csv';
import { NaiveBayesClassifier, SoftmaxClassifier, evaluate, splitByTime, trainSoftmax } from '../../main/classifier/models';
import { percentile, result, round, type BenchResult } from './stats';

const WROCLAW = '../shared/data/wroclaw-straz-miejska/interwencje_2016-2017.csv';

/** Suggestion latency (top 3) of the trained model on real descriptions, beside naive Bayes on word prefixes; accuracy too. */
export async function classifierSuggest(): Promise<BenchResult> {
  const rows = readLabelled(readFileSync(WROCLAW, 'utf8'), 'opis', 'typ');
  const { train, test } = splitByTime(rows);
  const model = new SoftmaxClassifier(trainSoftmax(train));
  const nb = new NaiveBayesClassifier(train);
  const time = (rank: (text: string) => unknown) => {
    const samples: number[] = [];
    for (const row of test.slice(0, 2000)) {
      const started = performance.now();
      rank(row.text);
      samples.push(performance.now() - started);
    }
    return samples;
  };
  const modelMs = time((text) => model.rank(text, 3));
  const nbMs = time((text) => nb.rank(text, 3));
  const accuracy = evaluate(model, test);
  const nbAccuracy = evaluate(nb, test);
  return result(
    'classifier-suggest',
    'category suggestion (top 3) for a real Wrocław description; model trained on the earlier 80%, tested on the later 20%',
    { p99_ms: round(percentile(modelMs, 99)), p50_ms: round(percentile(modelMs, 50)), nb_p99_ms: round(percentile(nbMs, 99)), top1: round(accuracy.top1), top3: round(accuracy.top3), nb_top1: round(nbAccuracy.top1), nb_top3: round(nbAccuracy.top3) },
    { figure: 'p99_ms', max: 5 },
  );
}
