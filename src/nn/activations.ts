/** ReLU, Sigmoid and Tanh as modules, so they can sit in a Sequential. No parameters. */
import { relu, sigmoid, tanh } from "../tensor/activations";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}
