import { readFileSync, writeFileSync } from 'node:fs';
import { readLabelled } from './csv';
import { evaluate, MajorityClassifier, NaiveBayesClassifier, SoftmaxClassifier, splitByTime, trainSoftmax, type SoftmaxModel } from './models';

export interface ClassifyOptions {
  csv?: string | undefined;
  'text-column'?: string | undefined;
  'label-column'?: string | undefined;
  model?: string | undefined;
  'train-share'?: string | undefined;
  json?: boolean | undefined;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new Error(`${flag} is required`);
  return value;
}

function pct(x: number): string {
  return x.toFixed(3);
}

/**
 * `classify train --csv F --text-column C --label-column L --model OUT [--train-share 0.8]`: trains on
 * the earlier part of the file (rows in time order) and saves the model; `classify eval --model M
 * --csv F [--train-share 0.8]` scores it on the later part, beside a majority-class baseline and a
 * naive Bayes on word prefixes trained on the same earlier part. Returns the exit code.
 */
export function runClassifyCommand(command: string | undefined, options: ClassifyOptions, out: (line: string) => void): number {
  const share = options['train-share'] === undefined ? 0.8 : Number(options['train-share']);
  if (!(share > 0 && share < 1)) throw new Error('--train-share must be between 0 and 1');
  if (command === 'train') {
    const rows = readLabelled(readFileSync(need(options.csv, '--csv'), 'utf8'), need(options['text-column'], '--text-column'), need(options['label-column'], '--label-column'));
    const { train } = splitByTime(rows, share);
    const started = performance.now();
    const model = trainSoftmax(train);
    writeFileSync(need(options.model, '--model'), JSON.stringify({ ...model, textColumn: options['text-column'], labelColumn: options['label-column'], trainShare: share }));
    out(`trained on ${model.trainedOn} of ${rows.length} rows (the earlier ${Math.round(share * 100)}%), ${model.labels.length} categories, ${model.features.length} features, ${Math.round(performance.now() - started)} ms; saved ${options.model}`);
    return 0;
  }
  if (command === 'eval') {
    const stored = JSON.parse(readFileSync(need(options.model, '--model'), 'utf8')) as SoftmaxModel & { textColumn?: string; labelColumn?: string; trainShare?: number };
    const textColumn = options['text-column'] ?? stored.textColumn;
    const labelColumn = options['label-column'] ?? stored.labelColumn;
    const rows = readLabelled(readFileSync(need(options.csv, '--csv'), 'utf8'), need(textColumn, '--text-column'), need(labelColumn, '--label-column'));
    const { train, test } = splitByTime(rows, options['train-share'] === undefined ? (stored.trainShare ?? share) : share);
    const model = new SoftmaxClassifier(stored);
    const results = {
      test_rows: test.length,
      model: evaluate(model, test),
      majority_baseline: evaluate(new MajorityClassifier(train), test),
      naive_bayes_word_prefixes: evaluate(new NaiveBayesClassifier(train), test),
    };
    if (options.json) out(JSON.stringify(results));
    else {
      out(`test: the later ${test.length} rows`);
      out(`model (softmax, prefixes + word pairs + char 4-grams): top-1 ${pct(results.model.top1)}  top-3 ${pct(results.model.top3)}`);
      out(`majority-class baseline:                              top-1 ${pct(results.majority_baseline.top1)}  top-3 ${pct(results.majority_baseline.top3)}`);
      out(`naive Bayes on word prefixes:                         top-1 ${pct(results.naive_bayes_word_prefixes.top1)}  top-3 ${pct(results.naive_bayes_word_prefixes.top3)}`);
    }
    return 0;
  }
  throw new Error('classify train | classify eval');
}
