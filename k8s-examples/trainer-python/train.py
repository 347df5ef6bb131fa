#!/usr/bin/env python3
"""hypersweep example trainer in Python: the same contract as the Java trainer.

Trains scikit-learn's GradientBoostingClassifier on make_classification data and
  * prints metric lines on stdout as name=value pairs, one every --eval-every trees:
      step=10 train_loss=0.4965 val_logloss=0.5063 val_accuracy=0.8330
  * prints the final metrics as one line and writes them as name=value lines to the
    file named by HYPERSWEEP_TERMINATION_MESSAGE_PATH (default: /dev/termination-log if
    it exists; a failed write is only a warning);
  * exits 0 on success, 2 on bad arguments (argparse's own behaviour), 1 on other errors.
Hyperparameter flags accept --flag value and --flag=value; a flag that is not given falls
back to the operator's HYPERSWEEP_PARAM_<NAME> environment variable, then to a default.
Diagnostics go to stderr so that stdout carries only metrics.
"""
import argparse
import os
import sys
import time

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split

DATA_SEED = 20240607


def env_default(name, default):
    """The value of HYPERSWEEP_PARAM_<NAME> if set, else the default."""
    return os.environ.get("HYPERSWEEP_PARAM_" + name.upper(), default)


def integral(text):
    """An int; integral decimals such as "120.0" (as a sampler may render them) are accepted."""
    value = float(text)
    if not value.is_integer():
        raise argparse.ArgumentTypeError(f"expects an integer, got {text!r}")
    return int(value)


def unit_interval(text):
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {text!r}")
    return value


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    p.add_argument("--learning-rate", type=unit_interval, default=env_default("learning_rate", "0.1"))
    p.add_argument("--trees", type=integral, default=env_default("trees", "100"))
    p.add_argument("--max-depth", type=integral, default=env_default("max_depth", "4"))
    p.add_argument("--subsample", type=unit_interval, default=env_default("subsample", "0.8"))
    p.add_argument("--max-nodes", type=integral, default=env_default("max_nodes", None),
                   help="maximum leaves per tree (default: unlimited within --max-depth)")
    p.add_argument("--node-size", type=integral, default=env_default("node_size", "5"))
    p.add_argument("--seed", type=integral, default=env_default("seed", "1"))
    p.add_argument("--samples", type=integral, default=4000)
    p.add_argument("--val-fraction", type=float, default=0.25)
    p.add_argument("--eval-every", type=integral, default=10)
    args = p.parse_args(argv)  # exits 2 with a message on bad arguments
    if args.trees < 1 or args.max_depth < 1 or args.eval_every < 1 or args.node_size < 1:
        p.error("--trees, --max-depth, --node-size and --eval-every must be >= 1")
    if args.max_nodes is not None and args.max_nodes < 2:
        p.error("--max-nodes must be >= 2")
    return args


def fmt(metrics, sep=" "):
    return sep.join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items())


def write_termination_message(text):
    """Write to $HYPERSWEEP_TERMINATION_MESSAGE_PATH, else to an existing /dev/termination-log
    (not created, so that a run outside a container leaves nothing behind in /dev)."""
    path = os.environ.get("HYPERSWEEP_TERMINATION_MESSAGE_PATH")
    mode = "w"
    if not path:
        path, mode = "/dev/termination-log", "r+"
    try:
        with open(path, mode) as f:
            f.write(text)
            f.truncate()
    except OSError as e:
        print(f"train.py: warning: could not write final metrics to {path}: {e}", file=sys.stderr)


def main(argv=None):
    args = parse_args(argv)
    # Same recipe as the Java trainer's synthetic data (sizes, class_sep, flip_y); the draws
    # differ, since the two use different random generators.
    x, y = make_classification(
        n_samples=args.samples, n_features=20, n_informative=6, n_redundant=4,
        n_clusters_per_class=2, class_sep=1.0, flip_y=0.05, random_state=DATA_SEED)
    x_train, x_val, y_train, y_val = train_test_split(
        x, y, test_size=args.val_fraction, random_state=DATA_SEED + 1)
    print(f"train.py: sweep {os.environ.get('HYPERSWEEP_SWEEP_NAME', '-')} trial "
          f"{os.environ.get('HYPERSWEEP_TRIAL_NUMBER', '-')}: {vars(args)}", file=sys.stderr)

    model = GradientBoostingClassifier(
        learning_rate=args.learning_rate, n_estimators=args.trees, max_depth=args.max_depth,
        subsample=args.subsample, max_leaf_nodes=args.max_nodes, min_samples_leaf=args.node_size,
        random_state=args.seed)
    start = time.monotonic()
    model.fit(x_train, y_train)
    seconds = time.monotonic() - start

    # staged_predict_proba yields the predictions with the first 1, 2, ... trees.
    train_stages = model.staged_predict_proba(x_train)
    for step, (p_val, p_train) in enumerate(zip(model.staged_predict_proba(x_val), train_stages), 1):
        if step % args.eval_every == 0 or step == args.trees:
            print(fmt({"step": step,
                       "train_loss": log_loss(y_train, p_train),
                       "val_logloss": log_loss(y_val, p_val),
                       "val_accuracy": accuracy_score(y_val, np.argmax(p_val, axis=1))}),
                  flush=True)

    p_val = model.predict_proba(x_val)
    final = {
        "val_accuracy": accuracy_score(y_val, model.predict(x_val)),
        "val_logloss": log_loss(y_val, p_val),
        "val_auc": roc_auc_score(y_val, p_val[:, 1]),
        "train_loss": log_loss(y_train, model.predict_proba(x_train)),
        "train_accuracy": accuracy_score(y_train, model.predict(x_train)),
        "trees": args.trees,
        "train_seconds": f"{seconds:.3f}",
    }
    print(fmt(final), flush=True)
    write_termination_message(fmt(final, "\n") + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # a training or data error, not bad arguments
        print(f"train.py: error: {e}", file=sys.stderr)
        sys.exit(1)
