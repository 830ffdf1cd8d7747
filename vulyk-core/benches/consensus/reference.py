"""The reference vulyk's estimators are compared with (benches/consensus): crowd-kit's
DawidSkene and the krippendorff package's alpha, on the bench's answers.

Usage: reference.py ANSWERS.csv PREFIX ROUNDS

Fits ROUNDS times, timing only the fit; writes PREFIX-labels.csv (task, label, p1, p2: the
two largest probabilities, to tell near ties) and PREFIX-workers.csv (worker, accuracy:
the mean over the worker's answers of the probability of the label given, as vulyk works
it out); prints one JSON line of figures.

Both files also hold the same figures one E-step further (label_next, p_next,
accuracy_next): vulyk reports the posteriors of its final parameters, crowd-kit those of the
parameters before, so these are what vulyk should match to floating-point noise.
"""

import json
import resource
import sys
import time

import krippendorff
import numpy as np
import pandas as pd
from crowdkit.aggregation import DawidSkene


def main() -> None:
    answers_path, prefix, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = pd.read_csv(answers_path, dtype={"task": str, "worker": str, "label": np.int64})

    fit_seconds = []
    for _ in range(rounds):
        model = DawidSkene(n_iter=100, tol=1e-5)
        started = time.perf_counter()
        model.fit(data)
        fit_seconds.append(time.perf_counter() - started)

    probas = model.probas_
    # crowd-kit's own E-step (a private method) on its final parameters; it clips the priors
    # in place, hence the copy.
    further = DawidSkene._e_step(data, model.priors_.copy(), model.errors_).loc[probas.index]
    values = probas.to_numpy()
    top_two = -np.sort(-values, axis=1)[:, :2]
    pd.DataFrame(
        {
            "task": probas.index,
            "label": model.labels_.loc[probas.index].to_numpy(),
            "p1": top_two[:, 0],
            "p2": top_two[:, 1],
            "label_next": further.idxmax(axis="columns").to_numpy(),
            "p_next": further.max(axis="columns").to_numpy(),
        }
    ).to_csv(f"{prefix}-labels.csv", index=False)

    workers = pd.DataFrame(
        {
            "accuracy": accuracy_of(data, probas),
            "accuracy_next": accuracy_of(data, further),
        }
    )
    workers.rename_axis("worker").to_csv(f"{prefix}-workers.csv")

    # Counts of each label per task (units × values): the reliability matrix, workers ×
    # tasks, would take gigabytes at the bench's full size.
    started = time.perf_counter()
    units, unit_index = pd.factorize(data["task"])
    values_seen, value_index = pd.factorize(data["label"])
    counts = np.zeros((len(unit_index), len(value_index)))
    np.add.at(counts, (units, values_seen), 1)
    agreement = krippendorff.alpha(value_counts=counts, level_of_measurement="nominal")
    alpha_seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "fit_s": fit_seconds,
                "iterations": len(model.loss_history_),
                "alpha": float(agreement),
                "alpha_s": alpha_seconds,
                # ru_maxrss is in kB on Linux.
                "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def accuracy_of(data: pd.DataFrame, probas: pd.DataFrame) -> "pd.Series[float]":
    """Per worker, the mean over their answers of the probability of the label they gave."""
    rows = probas.index.get_indexer(data["task"])
    columns = probas.columns.get_indexer(data["label"])
    given = pd.Series(probas.to_numpy()[rows, columns], index=data.index)
    return given.groupby(data["worker"]).mean()


if __name__ == "__main__":
    main()
