package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;

import java.util.List;

/**
 * Scores Packwatch's forecast and the predict_linear baseline against a series' true depletion instant.
 * Errors are taken at evaluation instants from {@code from} up to 12 h before the true depletion, every 3 h.
 */
final class ForecastAccuracy {

    record Score(String scenario, int evaluations, double oursMeanRelError, double baselineMeanRelError,
                 double oursMeanAbsErrorHours, double baselineMeanAbsErrorHours, double oursLastAbsErrorHours,
                 int oursMissing, int baselineMissing) {

        String line() {
            return String.format(java.util.Locale.ROOT,
                    "%-10s evals=%3d  relErr ours=%6.2f%% base=%7.2f%%  absErr ours=%7.2fh base=%8.2fh  lastErr ours=%.2fh  no-forecast ours=%d base=%d",
                    scenario, evaluations, 100 * oursMeanRelError, 100 * baselineMeanRelError, oursMeanAbsErrorHours,
                    baselineMeanAbsErrorHours, oursLastAbsErrorHours, oursMissing, baselineMissing);
        }
    }

    static Score score(String name, SyntheticSeries s, List<Long> polls, long from, ForecastSettings settings) {
        PackageHistory history = new PackageHistory();
        Forecaster forecaster = new Forecaster(settings);
        PredictLinearBaseline baseline = new PredictLinearBaseline(6 * HOUR);
        long truth = s.trueDepletionAt;
        long nextEval = from;
        long lastEval = truth - 12 * HOUR;
        int n = 0, oursMissing = 0, baseMissing = 0;
        double oursRel = 0, baseRel = 0, oursAbs = 0, baseAbs = 0, lastAbs = Double.NaN;
        for (long t : polls) {
            if (t > lastEval) {
                break;
            }
            Observation o = s.observe(t);
            history.offer(o, settings);
            baseline.add(t, o.used());
            if (t < nextEval) {
                continue;
            }
            nextEval += 3 * HOUR;
            double horizon = truth - t;
            Forecast f = forecaster.forecast(history, o);
            long baseAt = baseline.depletionAt(s.capacity);
            n++;
            // a missing forecast counts as an error of the whole remaining time (the user learns nothing)
            double oursErr = f.hasDepletion() ? Math.abs(f.depletionAt() - truth) : horizon;
            double baseErr = baseAt != Observation.NONE ? Math.min(Math.abs(baseAt - truth), 10 * horizon) : horizon;
            oursMissing += f.hasDepletion() ? 0 : 1;
            baseMissing += baseAt != Observation.NONE ? 0 : 1;
            oursRel += oursErr / horizon;
            baseRel += baseErr / horizon;
            oursAbs += oursErr / HOUR;
            baseAbs += baseErr / HOUR;
            lastAbs = oursErr / HOUR;
        }
        return new Score(name, n, oursRel / n, baseRel / n, oursAbs / n, baseAbs / n, lastAbs, oursMissing, baseMissing);
    }

    private ForecastAccuracy() {
    }
}
