"""The benchmark's network in numpy, CS231n style: trains from the weights, data and batch order
that bench/train-digits.ts wrote (raw float64 / int32 files) and prints one JSON line of results.

usage: python numpy_two_layer.py DIR   (DIR holds meta.json and the .f64/.i32 files)
Thread count comes from OMP_NUM_THREADS / OPENBLAS_NUM_THREADS, set by the caller.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def load(d, name, dtype, shape):
    return np.fromfile(os.path.join(d, name), dtype=dtype).reshape(shape)


def main(d):
    meta = json.load(open(os.path.join(d, "meta.json")))
    n_train, n_test, D, H, C = meta["nTrain"], meta["nTest"], meta["inputs"], meta["hidden"], meta["classes"]
    epochs, batch, lr, reg = meta["epochs"], meta["batch"], meta["lr"], meta["l2"]
    X = load(d, "x_train.f64", "<f8", (n_train, D))
    y = load(d, "y_train.i32", "<i4", (n_train,))
    Xt = load(d, "x_test.f64", "<f8", (n_test, D))
    yt = load(d, "y_test.i32", "<i4", (n_test,))
    W1 = load(d, "w1.f64", "<f8", (D, H)).copy()
    b1 = load(d, "b1.f64", "<f8", (H,)).copy()
    W2 = load(d, "w2.f64", "<f8", (H, C)).copy()
    b2 = load(d, "b2.f64", "<f8", (C,)).copy()
    perms = load(d, "perms.i32", "<i4", (epochs, n_train))  # fit's batch order: one permutation per epoch

    def data_loss(Xb, yb):
        h = np.maximum(0, Xb @ W1 + b1)
        s = h @ W2 + b2
        m = s.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
        return float(np.mean(lse - s[np.arange(len(yb)), yb])), s

    epoch_seconds, epoch_cpu, last_loss = [], [], None
    steps_per_epoch = n_train // batch
    for e in range(epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(steps_per_epoch):
            idx = perms[e, i * batch:(i + 1) * batch]
            Xb, yb = X[idx], y[idx]
            n = len(yb)
            # forward
            z1 = Xb @ W1 + b1
            h = np.maximum(0, z1)
            scores = h @ W2 + b2
            m = scores.max(axis=1, keepdims=True)
            ex = np.exp(scores - m)
            ssum = ex.sum(axis=1, keepdims=True)
            probs = ex / ssum
            # loss as fit reports it: data loss + ½·reg·ΣW², before this step's update
            last_loss = float(np.mean(m[:, 0] + np.log(ssum[:, 0]) - scores[np.arange(n), yb])) \
                + 0.5 * reg * (float(np.sum(W1 * W1)) + float(np.sum(W2 * W2)))
            # backward: the same formulas, in the same order, as the TypeScript ops
            dscores = probs * (1.0 / n)
            dscores[np.arange(n), yb] -= 1.0 / n
            dW2 = h.T @ dscores
            db2 = dscores.sum(axis=0)
            dh = dscores @ W2.T
            dz1 = dh * (z1 > 0)
            dW1 = Xb.T @ dz1
            db1 = dz1.sum(axis=0)
            # SGD with L2 on the weights only: w -= lr * (dw + reg * w)
            W1 -= lr * (dW1 + reg * W1)
            b1 -= lr * db1
            W2 -= lr * (dW2 + reg * W2)
            b2 -= lr * db2
        epoch_seconds.append(time.perf_counter() - t0)
        epoch_cpu.append(time.process_time() - c0)  # all threads; OpenBLAS's spinning threads count too

    train_loss, _ = data_loss(X, y)
    l2 = 0.5 * reg * (float(np.sum(W1 * W1)) + float(np.sum(W2 * W2)))
    _, st = data_loss(Xt, yt)
    acc = float(np.mean(st.argmax(axis=1) == yt))

    def gflops(ta, m, n, k):
        a = np.random.rand(k, m) if ta else np.random.rand(m, k)
        b = np.random.rand(k, n)
        f = (lambda: a.T @ b) if ta else (lambda: a @ b)
        for _ in range(5):
            f()
        ts = []
        for _ in range(30):
            t = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t)
        return 2 * m * n * k / sorted(ts)[len(ts) // 2] / 1e9

    for name, arr in (("w1_final.f64", W1), ("b1_final.f64", b1), ("w2_final.f64", W2), ("b2_final.f64", b2)):
        arr.astype("<f8").tofile(os.path.join(d, name))
    print(json.dumps({
        "numpy": np.__version__,
        "threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "epochSeconds": epoch_seconds,
        "epochCpuSeconds": epoch_cpu,
        "lastBatchLoss": last_loss,
        "trainLoss": train_loss,
        "l2": l2,
        "testAccuracy": acc,
        "gflopsForward": gflops(False, 200, 100, 784),
        "gflopsBackward": gflops(True, 784, 100, 200),
        "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
