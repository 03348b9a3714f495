/** Toy sets against numpy/sklearn output (pasted below), linspace against numpy, and argument errors. */

import { describe, expect, it } from "vitest";
import { circles, linspace, moons, spirals, xor } from "./toy";

/*
Produced with numpy 2.4.6 and scikit-learn 1.9.1 (pip):

import numpy as np, json
from sklearn.datasets import make_moons, make_circles
def spiral(N, K, seed):
    np.random.seed(seed)
    X = np.zeros((N*K, 2)); y = np.zeros(N*K, dtype='uint8')
    for j in range(K):
        ix = range(N*j, N*(j+1))
        r = np.linspace(0.0, 1, N)
        t = np.linspace(j*4, (j+1)*4, N) + np.random.randn(N)*0.2
        X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]
        y[ix] = j
    return X, y
def xor(m, noise, seed):
    np.random.seed(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    return np.repeat(corners, m, axis=0) + noise * np.random.randn(4*m, 2), np.repeat([0, 1, 1, 0], m)
sets = {
    "spirals_4_3_seed0": spiral(4, 3, 0),
    "moons_7_noise0.1_seed42": make_moons(7, noise=0.1, random_state=42),
    "moons_6_seed1": make_moons(6, random_state=1),
    "circles_6_noise0.05_factor0.5_seed1": make_circles(6, noise=0.05, factor=0.5, random_state=1),
    "xor_2_noise0.1_seed3": xor(2, 0.1, 3),
}
print(json.dumps({k: {"x": X.ravel().tolist(), "y": [int(v) for v in y]} for k, (X, y) in sets.items()}))
*/
const GOLDEN = {
  "spirals_4_3_seed0": {
    x: [0.0, 0.0, 0.32921107571921027, 0.05226068058216923, 0.18371062847756264, -0.6408547802964595, -0.9652990190924238, -0.261147092151539, -0.0, -0.0, -0.30361236374446493, 0.1375886757426272, 0.36171639132961664, 0.5600050863054049, 0.9933088001192291, -0.11548864708575197, 0.0, -0.0, 0.0031082639695325168, -0.3333188410609379, -0.6368715036897606, -0.19707646290815053, -0.27204342843459817, 0.9622849749661218],
    y: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2],
  },
  "moons_7_noise0.1_seed42": {
    x: [0.8888119881953079, 0.03189021846893834, 0.027904129220013833, 1.1010515284806526, 1.4419121865976483, -0.4185423845022535, -1.057138016575414, -0.09240828377471037, 0.23874509873063976, -0.2709884355447483, 0.08164450809513274, 0.3476124002384139, 1.9571953935823765, 0.4257593162880826],
    y: [0, 0, 1, 0, 1, 1, 1],
  },
  "moons_6_seed1": {
    x: [-1.0, 1.2246467991473532e-16, 6.123233995736766e-17, 1.0, 0.9999999999999999, -0.5, 1.0, 0.0, 0.0, 0.5, 2.0, 0.4999999999999999],
    y: [0, 0, 1, 0, 1, 1],
  },
  "circles_6_noise0.05_factor0.5_seed1": {
    x: [-0.5274873088329927, -0.9361690395428943, -0.4208623849587159, 0.8137680622686925, -0.23712032422464674, 0.3350429720864033, 0.9246096171280318, -0.01576460344581276, 0.542908942974079, 0.003567149566493788, -0.3646154638397424, -0.5037903262994288],
    y: [0, 0, 1, 0, 1, 1],
  },
  "xor_2_noise0.1_seed3": {
    x: [0.17886284734303187, 0.043650985051198944, 0.009649746807200862, -0.1863492703364491, -0.027738820251439908, 0.9645241020731014, -0.008274148148245978, 0.9372999323176152, 0.9956181831024071, -0.04772180303595027, 0.8686135246637318, 0.08846223804995847, 1.088131804220753, 1.170957306365295, 1.005003364217686, 0.9595322585399109],
    y: [0, 0, 1, 1, 1, 1, 0, 0],
  },
};

/** Equal to within one ulp: Math.sin/cos may differ from C's libm in the last bit. */
function expectNear(actual: Float64Array, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(Math.max(Math.abs(expected[i]), 0.5) * 2.3e-16));
}

describe("toy data sets reproduce numpy and sklearn", () => {
  it("spirals: CS231n's recipe", () => {
    const d = spirals(4, 3, 0);
    expect(d.x.shape).toEqual([12, 2]);
    expectNear(d.x.data, GOLDEN.spirals_4_3_seed0.x);
    expect(d.y).toEqual(GOLDEN.spirals_4_3_seed0.y);
  });

  it("moons: make_moons with and without noise", () => {
    const a = moons(7, { noise: 0.1, seed: 42 });
    expectNear(a.x.data, GOLDEN["moons_7_noise0.1_seed42"].x);
    expect(a.y).toEqual(GOLDEN["moons_7_noise0.1_seed42"].y);
    const b = moons(6, { seed: 1 });
    expectNear(b.x.data, GOLDEN.moons_6_seed1.x);
    expect(b.y).toEqual(GOLDEN.moons_6_seed1.y);
  });

  it("circles: make_circles with noise and factor", () => {
    const d = circles(6, { noise: 0.05, factor: 0.5, seed: 1 });
    expectNear(d.x.data, GOLDEN["circles_6_noise0.05_factor0.5_seed1"].x);
    expect(d.y).toEqual(GOLDEN["circles_6_noise0.05_factor0.5_seed1"].y);
  });

  it("xor: jittered corners labelled a XOR b; one point per corner without noise is the truth table", () => {
    const d = xor(2, { noise: 0.1, seed: 3 });
    expectNear(d.x.data, GOLDEN["xor_2_noise0.1_seed3"].x);
    expect(d.y).toEqual(GOLDEN["xor_2_noise0.1_seed3"].y);
    const t = xor(1, { noise: 0 });
    expect(t.x.toArray()).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(t.y).toEqual([0, 1, 1, 0]);
  });

  it("the same seed gives the same set; another seed another", () => {
    expect(Array.from(spirals(50, 3, 9).x.data)).toEqual(Array.from(spirals(50, 3, 9).x.data));
    expect(Array.from(moons(50, { noise: 0.2, seed: 1 }).x.data)).not.toEqual(Array.from(moons(50, { noise: 0.2, seed: 2 }).x.data));
    expect(moons(50, { shuffle: false }).y.slice(0, 25).every((v) => v === 0)).toBe(true);
  });
});

describe("linspace", () => {
  it("matches numpy's formula, endpoint exact", () => {
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(linspace(0, 1, 4, false))).toEqual([0, 0.25, 0.5, 0.75]);
    expect(Array.from(linspace(2, 3, 1))).toEqual([2]);
    expect(linspace(0, 4, 100)[99]).toBe(4);
    // np.linspace(4, 8, 100)[37] == 5.494949494949495
    expect(linspace(4, 8, 100)[37]).toBe(5.494949494949495);
  });
});

describe("toy sets reject bad arguments", () => {
  it("names the function, the argument and what came", () => {
    expect(() => spirals(0, 3)).toThrow("spirals: pointsPerClass must be an integer >= 1, got 0");
    expect(() => spirals(10, 2.5)).toThrow("spirals: classes must be an integer >= 1, got 2.5");
    expect(() => spirals(10, 3, -1)).toThrow("spirals: seed must be an integer in [0, 2^32), got -1");
    expect(() => moons(1)).toThrow("moons: nSamples must be an integer >= 2, got 1");
    expect(() => moons(10, { noise: -0.1 })).toThrow("moons: noise must be a finite number >= 0, got -0.1");
    expect(() => circles(10, { factor: 1 })).toThrow("circles: factor must lie in (0, 1), got 1");
    expect(() => xor(5, { noise: NaN })).toThrow("xor: noise must be a finite number >= 0, got NaN");
    expect(() => linspace(0, 1, -1)).toThrow("linspace: num must be a non-negative integer, got -1");
  });
});
