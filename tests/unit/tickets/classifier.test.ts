import { describe, expect, it } from 'vitest';
import { parseCsv, readLabelled } from '../../../main/classifier/csv';
import { MajorityClassifier, NaiveBayesClassifier, SoftmaxClassifier, evaluate, splitByTime, trainSoftmax } from '../../../main/classifier/models';
import { keywordSuggestions } from '../../../main/classifier/suggest';

const rows = [
  ...Array.from({ length: 30 }, (_, i) => ({ text: `samochód zaparkowany na chodniku nr ${i}`, label: 'PARKOWANIE' })),
  ...Array.from({ length: 20 }, (_, i) => ({ text: `handel na ulicy bez zezwolenia, stragan ${i}`, label: 'HANDEL' })),
  ...Array.from({ length: 10 }, (_, i) => ({ text: `pies bez smyczy pogryzł przechodnia ${i}`, label: 'PIES' })),
];

describe('ticket classifiers', () => {
  it('parses quoted CSV with commas and newlines inside fields', () => {
    expect(parseCsv('a,b\n"x, ""y""\nz",2\n')).toEqual([['a', 'b'], ['x, "y"\nz', '2']]);
    expect(readLabelled('opis,typ\nfoo,A\n,B\nbar,\n', 'opis', 'typ')).toEqual([{ text: 'foo', label: 'A' }]);
    expect(() => readLabelled('a,b\n', 'opis', 'typ')).toThrow('no column "opis"');
  });

  it('the baseline always answers the most frequent category', () => {
    expect(new MajorityClassifier(rows).rank('pies', 1)[0]!.label).toBe('PARKOWANIE');
  });

  it('naive Bayes and softmax learn inflected words from their prefixes', () => {
    const nb = new NaiveBayesClassifier(rows);
    const model = new SoftmaxClassifier(JSON.parse(JSON.stringify(trainSoftmax(rows, { minFeatureCount: 1 }))));
    for (const classifier of [nb, model]) {
      expect(classifier.rank('zaparkowane auto na chodnikach', 1)[0]!.label).toBe('PARKOWANIE');
      expect(classifier.rank('handlarze sprzedają na ulicy', 1)[0]!.label).toBe('HANDEL');
      expect(classifier.rank('psy pogryzły dziecko', 1)[0]!.label).toBe('PIES');
    }
    expect(evaluate(model, rows)).toEqual({ top1: 1, top3: 1, n: rows.length });
  });

  it('splits by time: the earlier part trains, the later tests', () => {
    expect(splitByTime([1, 2, 3, 4, 5], 0.8)).toEqual({ train: [1, 2, 3, 4], test: [5] });
  });

  it('falls back to the catalogue words when no model is installed', () => {
    const services = [
      { code: 'A', name: 'Dziura w jezdni', group: '', description: '', keywords: ['asfalt'], unitId: 'zdiz', responseHours: null, attributes: [] },
      { code: 'B', name: 'Porzucony pojazd', group: '', description: '', keywords: ['wrak'], unitId: 'sm', responseHours: null, attributes: [] },
    ];
    expect(keywordSuggestions('Głęboka dziura w asfalcie', services, (id) => id)[0]).toMatchObject({ serviceCode: 'A', unitName: 'zdiz' });
  });
});
