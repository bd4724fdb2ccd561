/** ROC, precision-recall and reliability plots of calibrated predictions, as SVG text. */
import { averagePrecision, expectedCalibrationError, rocAuc } from '../../core/metrics/classification';
import { calibrationBins } from '../../core/metrics/lib/calibration-bins';
import { precisionRecallCurve, rocCurve } from '../../core/metrics/lib/classification-curves';
import { renderChart } from './svgChart';

/** Predictions of one model to draw. */
export interface PlotModel {
  readonly name: string;
  readonly color: string;
  readonly yTrue: ArrayLike<number>;
  readonly probs: ArrayLike<number>;
}

const GREY = '#888888';

/** File names of the plots, inside the output folder's `plots/`. */
export type PlotFile = 'roc.svg' | 'pr.svg' | 'calibration.svg';

const pairs = (x: Float64Array, y: Float64Array): Array<[number, number]> => Array.from(x, (v, i) => [v, y[i]!]);

/** Renders the three plots; keys are file names. `subtitle` says which predictions are drawn. */
export function renderPlots(models: readonly PlotModel[], subtitle: string): Record<PlotFile, string> {
  const first = models[0];
  if (!first) throw new Error(`'models' passed to 'renderPlots' must be non-empty`);
  let positives = 0;
  for (let i = 0; i < first.yTrue.length; i++) positives += first.yTrue[i]!;
  const prevalence = positives / first.yTrue.length;
  return {
    'roc.svg': renderChart({
      title: `ROC — ${subtitle}`,
      xLabel: 'False positive rate',
      yLabel: 'True positive rate',
      legend: 'bottom-right',
      series: [
        ...models.map((m) => {
          const c = rocCurve(m.yTrue, m.probs);
          return { name: `${m.name} (AUC ${rocAuc(m.yTrue, m.probs).toFixed(3)})`, color: m.color, points: pairs(c.x, c.y) };
        }),
        { name: 'chance', color: GREY, dashed: true, points: [[0, 0], [1, 1]] },
      ],
    }),
    'pr.svg': renderChart({
      title: `Precision-recall — ${subtitle}`,
      xLabel: 'Recall',
      yLabel: 'Precision',
      legend: 'bottom-left',
      series: [
        ...models.map((m) => {
          const c = precisionRecallCurve(m.yTrue, m.probs);
          return { name: `${m.name} (AP ${averagePrecision(m.yTrue, m.probs).toFixed(3)})`, color: m.color, points: pairs(c.x, c.y) };
        }),
        { name: `base rate ${prevalence.toFixed(3)}`, color: GREY, dashed: true, points: [[0, prevalence], [1, prevalence]] },
      ],
    }),
    'calibration.svg': renderChart({
      title: `Calibration — ${subtitle}`,
      xLabel: 'Mean predicted probability (10 equal-width bins)',
      yLabel: 'Observed purchase rate',
      legend: 'bottom-right',
      series: [
        ...models.map((m) => ({
          name: `${m.name} (ECE ${expectedCalibrationError(m.yTrue, m.probs).toFixed(3)})`,
          color: m.color,
          markers: true,
          points: calibrationBins(m.yTrue, m.probs)
            .filter((b) => b.count > 0)
            .map((b): [number, number] => [b.meanPredicted, b.fractionPositive]),
        })),
        { name: 'perfect', color: GREY, dashed: true, points: [[0, 0], [1, 1]] },
      ],
    }),
  };
}
